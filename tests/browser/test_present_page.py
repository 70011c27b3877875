"""Presentation mode and decks in a real browser, on the bundled dataset and its headline deck.

Stepping with the arrow keys, Page Up/Down (what presentation clickers send) and the buttons,
each step in the address and in the history; the speaker notes folded away; no navigation chrome;
a data owner saving a view into a new deck; axe-core on every state; screenshots at 1920x1080 of
every slide, to look at as the back row of a room would.
"""

import shutil
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import callbacks.router
from app import create_app
from pathways.decks import load_deck
from tests.browser.conftest import (
    SCREENSHOTS,
    axe_violations,
    console_errors,
    describe_violations,
    open_page,
    save_screenshot,
    wait_for,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]
HEADLINES = load_deck(ROOT / "data" / "decks" / "headlines.yaml")
TITLES = [slide.title for slide in HEADLINES.slides]
PASSWORD = "deck owner pass"
PROJECTOR = (1920, 1080)
DESKTOP = (1366, 768)


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """A copy of the bundled decks, so saving in a test never changes data/decks."""
    folder = tmp_path_factory.mktemp("decks")
    shutil.copy(ROOT / "data" / "decks" / "headlines.yaml", folder / "headlines.yaml")
    return folder


@pytest.fixture(scope="module")
def app(decks, tmp_path_factory):
    database = tmp_path_factory.mktemp("present-db") / "db.sqlite3"
    return create_app(
        None,
        {"DECKS_DIR": str(decks), "DATA_OWNER_PASSWORD": PASSWORD, "DATABASE_URL": f"sqlite:///{database}"},
    )


def query_of(driver):
    return {name: values[0] for name, values in parse_qs(urlsplit(driver.current_url).query).items()}


def slide_title(driver):
    return driver.find_element(By.ID, "present-title").text


def open_deck(driver, url, title):
    open_page(driver, url, "#present-title")
    wait_until(driver, lambda d: slide_title(d) == title, message=f"the slide {title!r}")
    wait_for(driver, "#present-slide .js-plotly-plot .main-svg")


def click(driver, target):
    """Scroll ``target`` to the middle of the window, then click it as a person would."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", target)
    target.click()


def press(driver, key):
    ActionChains(driver).send_keys(key).perform()


def expect_slide(driver, number):
    wait_until(driver, lambda d: slide_title(d) == TITLES[number - 1], message=f"slide {number}")
    position = driver.find_element(By.ID, "present-position").text
    assert position == f"Slide {number} of {len(TITLES)}"
    expected = {} if number == 1 else {"slide": str(number)}
    wait_until(driver, lambda d: query_of(d) == expected, message=f"the address of slide {number}")


def shown(driver, css):
    return [element for element in driver.find_elements(By.CSS_SELECTOR, css) if element.is_displayed()]


def projector_screenshot(driver, name):
    """What a 1920x1080 window shows, top of the page, saved for a person to look at."""
    driver.set_window_size(*PROJECTOR)
    driver.execute_script("window.scrollTo(0, 0)")
    wait_until(driver, lambda d: d.execute_script("return window.innerWidth") == PROJECTOR[0])
    # Plotly resizes its charts after the window does.
    driver.execute_script("return new Promise(r => setTimeout(r, 600))")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(*DESKTOP)
    return path


def sign_in(driver, server_url, next_address):
    open_page(driver, f"{server_url}/login?next={quote(next_address, safe='/')}", "#login-password")
    driver.find_element(By.ID, "login-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-submit").click()
    wait_until(driver, lambda d: "/login" not in d.current_url, message="sign-in")
    # The sign-in page changes the address without redrawing the page: load it.
    open_page(driver, f"{server_url}{next_address}")


def test_a_deck_opens_on_slide_one_without_navigation_chrome(browser, server_url):
    open_deck(browser, f"{server_url}/present/headlines", TITLES[0])
    assert "present-mode" in browser.find_element(By.ID, "shell-main").get_attribute("class")
    assert shown(browser, ".navbar-brand, .navbar-nav, #shell-copy-link, .site-footer") == []
    assert shown(browser, "#shell-dataset-badge")[0].text == "Synthetic data"
    assert browser.find_element(By.ID, "present-previous").get_attribute("disabled") == "true"
    assert browser.find_element(By.ID, "present-next").is_enabled()
    title_size = browser.execute_script(
        "return parseFloat(getComputedStyle(document.getElementById('present-title')).fontSize)"
    )
    assert title_size >= 40
    assert console_errors(browser) == []


def test_the_arrow_keys_and_page_keys_step_through_the_deck(browser, server_url):
    open_deck(browser, f"{server_url}/present/headlines", TITLES[0])
    press(browser, Keys.ARROW_RIGHT)
    expect_slide(browser, 2)
    press(browser, Keys.ARROW_RIGHT)
    expect_slide(browser, 3)
    press(browser, Keys.ARROW_LEFT)
    expect_slide(browser, 2)
    press(browser, Keys.PAGE_UP)
    expect_slide(browser, 1)
    press(browser, Keys.ARROW_LEFT)  # already on the first slide: nothing happens
    press(browser, Keys.PAGE_DOWN)
    expect_slide(browser, 2)
    assert console_errors(browser) == []


def test_the_buttons_step_and_back_and_forward_follow(browser, server_url):
    open_deck(browser, f"{server_url}/present/headlines", TITLES[0])
    browser.find_element(By.ID, "present-next").click()
    expect_slide(browser, 2)
    browser.find_element(By.ID, "present-next").click()
    expect_slide(browser, 3)
    browser.find_element(By.ID, "present-previous").click()
    expect_slide(browser, 2)
    browser.back()
    expect_slide(browser, 3)
    browser.back()
    expect_slide(browser, 2)
    browser.forward()
    expect_slide(browser, 3)
    assert console_errors(browser) == []


def test_an_address_opened_cold_shows_its_slide_and_an_invalid_one_falls_back(browser, server_url):
    last = len(TITLES)
    open_deck(browser, f"{server_url}/present/headlines?slide={last}", TITLES[-1])
    assert browser.find_element(By.ID, "present-next").get_attribute("disabled") == "true"
    press(browser, Keys.ARROW_RIGHT)  # the last slide: stays
    assert slide_title(browser) == TITLES[-1]
    open_deck(browser, f"{server_url}/present/headlines?slide=99", TITLES[0])
    notice = browser.find_element(By.ID, "present-notice").text
    assert f"Ignored slide '99' in the address: must be between 1 and {last}." in notice


def test_speaker_notes_are_folded_away_for_the_room(browser, server_url, axe_source):
    open_deck(browser, f"{server_url}/present/headlines?slide=3", TITLES[2])
    notes = browser.find_element(By.ID, "present-notes")
    assert not notes.is_displayed()
    click(browser, browser.find_element(By.CSS_SELECTOR, ".present-notes summary"))
    wait_until(browser, lambda d: notes.is_displayed(), message="the notes to open")
    assert notes.text.startswith(HEADLINES.slides[2].notes.split("\n")[0][:40])
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)


def test_axe_finds_nothing_on_the_deck_the_index_and_a_missing_deck(browser, server_url, axe_source):
    browser.delete_all_cookies()
    open_deck(browser, f"{server_url}/present/headlines", TITLES[0])
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    open_page(browser, f"{server_url}/present/", "#present-decks a")
    assert "Headline findings" in browser.find_element(By.ID, "present-decks").text
    assert "Sign in as a data owner" in browser.find_element(By.ID, "present-save").text
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    projector_screenshot(browser, "present-index")
    open_page(browser, f"{server_url}/present/no-such-deck", "#present-decks a")
    assert "There is no deck called 'no-such-deck'" in browser.find_element(By.TAG_NAME, "h1").text
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    browser.find_element(By.CSS_SELECTOR, "#present-decks a").click()
    wait_until(browser, lambda d: slide_title(d) == TITLES[0], message="the deck from its link")
    assert console_errors(browser) == []


def test_every_slide_on_a_projector(browser, server_url):
    for number, title in enumerate(TITLES, start=1):
        open_deck(browser, f"{server_url}/present/headlines?slide={number}", title)
        projector_screenshot(browser, f"present-headlines-{number}")
    assert console_errors(browser) == []


def test_present_1_on_a_page_hides_the_navigation_and_escape_leaves(browser, server_url):
    open_page(browser, f"{server_url}/about?present=1", "h1")
    wait_until(browser, lambda d: not shown(d, ".navbar-brand"), message="the navigation to go")
    assert shown(browser, ".site-footer") == []
    assert shown(browser, "#shell-dataset-badge")
    press(browser, Keys.ESCAPE)
    wait_until(browser, lambda d: shown(d, ".navbar-brand"), message="the navigation to come back")
    assert query_of(browser) == {}


@pytest.mark.skipif(
    not hasattr(callbacks.router, "kept_params"),
    reason="needs the router change that keeps present=1 while a page's controls change (see the report)",
)
def test_present_1_survives_a_pages_own_controls(browser, server_url, axe_source):
    open_page(browser, f"{server_url}/mobility?present=1", "#mobility-matrix-graph .js-plotly-plot")
    browser.find_element(By.CSS_SELECTOR, "#mobility-show input[value='percent']").click()
    wait_until(browser, lambda d: query_of(d) == {"show": "percent", "present": "1"}, message="the address")
    assert shown(browser, ".navbar-brand") == []
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    projector_screenshot(browser, "present-mobility")


def test_a_data_owner_saves_a_view_into_a_new_deck(browser, server_url, axe_source, decks):
    address = "/mobility?show=percent"
    sign_in(browser, server_url, f"/present/?save={quote(address, safe='/')}")
    field = wait_for(browser, "#present-save-address")
    assert field.get_attribute("value") == address
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    save_screenshot(browser, "present-save")
    Select(browser.find_element(By.ID, "present-save-deck")).select_by_value("__new__")
    browser.find_element(By.ID, "present-save-new-deck").send_keys("workshop-test")
    browser.find_element(By.ID, "present-save-title").send_keys("Who moves between sectors")
    browser.find_element(By.ID, "present-save-notes").send_keys("Point at the diagonal.")
    click(browser, browser.find_element(By.ID, "present-save-submit"))
    wait_until(
        browser,
        lambda d: (
            "Saved as slide 1 of the deck 'Workshop test'."
            in d.find_element(By.ID, "present-save-status").text
        ),
        message="the saved message",
    )
    assert "Workshop test" in browser.find_element(By.ID, "present-decks").text
    assert load_deck(decks / "workshop-test.yaml").slides[0].address == address
    click(browser, browser.find_element(By.LINK_TEXT, "Present it"))
    wait_until(browser, lambda d: slide_title(d) == "Who moves between sectors", message="the new deck")
    assert console_errors(browser) == []
