"""A workshop in a real browser: participants contribute on phones, the batch appears on the screen.

The flow of the issue: fill the form on a phone-sized window five times, then open the
presenter's screen on a 1920x1080 window and see the room's flows in the Sankey. Also:
the data owner's pages (manage, moderate) and axe-core on every new page.
"""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from app import create_app
from layouts.contribute_page import dom_id
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
from tests.conftest import TINY

PASSWORD = "workshop owner pass"
PHONE = (390, 844)
PROJECTOR = (1920, 1080)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workshop-db")
    built = create_app(
        TINY,
        {
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "DATA_OWNER_PASSWORD": PASSWORD,
            # Every browser here is one client: raise the per-client limits for the test.
            "CONTRIBUTION_RATE_PER_MINUTE": 100,
            "CONTRIBUTION_RATE_PER_HOUR": 1000,
        },
    )
    built.test_workshop = built.server.config["STORE"].create_workshop("Browser workshop")
    return built


@pytest.fixture(scope="module")
def code(app):
    return app.test_workshop.code


def element(browser, component_id):
    return browser.find_element(By.CSS_SELECTOR, f"[id='{dom_id(component_id)}']")


def click(browser, target):
    """Scroll ``target`` to the middle of the window, then click it as a person would."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", target)
    target.click()


def choose_answer(browser, barrier_id, value):
    click(browser, browser.find_element(By.CSS_SELECTOR, f"label[for='contribute-{barrier_id}-{value}']"))


def fill_and_send(browser, server_url, code, screenshot=None):
    open_page(
        browser,
        f"{server_url}/contribute?w={code}",
        f"[id='{dom_id({'type': 'contribute-role', 'index': 1})}']",
    )
    wait_until(browser, lambda d: "Browser workshop" in d.find_element(By.ID, "contribute-workshop").text)
    Select(element(browser, {"type": "contribute-role", "index": 1})).select_by_value("phd")
    element(browser, {"type": "contribute-year", "index": 1}).send_keys("2012")
    Select(element(browser, {"type": "contribute-role", "index": 2})).select_by_value("postdoc")
    choose_answer(browser, "recognised", "4")
    choose_answer(browser, "fixed_term", "1")
    click(browser, browser.find_element(By.CSS_SELECTOR, "label[for='contribute-consent']"))
    if screenshot:
        save_screenshot(browser, screenshot)
    click(browser, browser.find_element(By.ID, "contribute-submit"))
    wait_until(
        browser,
        lambda d: "Thank you" in d.find_element(By.ID, "contribute-result").text,
        message="the thank-you message",
    )


def sign_in(browser, server_url, next_address):
    open_page(browser, f"{server_url}/login?next={next_address}", "#login-password")
    browser.find_element(By.ID, "login-password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login-submit").click()
    wait_until(browser, lambda d: d.current_url.endswith(next_address), message="sign-in")
    # The sign-in page changes the address without redrawing the page: load it.
    open_page(browser, f"{server_url}{next_address}")


def test_the_empty_form_and_its_errors_pass_axe_on_a_phone(browser, server_url, axe_source, code):
    browser.set_window_size(*PHONE)
    open_page(browser, f"{server_url}/contribute?w={code}", "#contribute-submit")
    wait_until(browser, lambda d: "Browser workshop" in d.find_element(By.ID, "contribute-workshop").text)
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    # 'Other role' reveals its sector and stage.
    other = element(browser, {"type": "contribute-other", "index": 1})
    assert not other.is_displayed()
    Select(element(browser, {"type": "contribute-role", "index": 1})).select_by_value("other")
    wait_until(browser, lambda d: other.is_displayed(), message="the other-role fields")
    # Three steps at first, one more per click.
    assert not element(browser, {"type": "contribute-step", "index": 4}).is_displayed()
    click(browser, browser.find_element(By.ID, "contribute-add-step"))
    wait_until(browser, lambda d: element(d, {"type": "contribute-step", "index": 4}).is_displayed())
    click(browser, browser.find_element(By.ID, "contribute-submit"))
    result = wait_for(browser, "#contribute-result .alert")
    assert "Nothing was saved yet" in result.text
    assert "sector of your other role" in result.text
    assert "tick the box" in result.text
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    save_screenshot(browser, "contribute-errors")
    assert console_errors(browser) == []


def test_five_people_contribute_and_their_batch_appears_on_the_screen(browser, server_url, axe_source, code):
    browser.set_window_size(*PHONE)
    for _ in range(4):
        fill_and_send(browser, server_url, code)
    fill_and_send(browser, server_url, code, screenshot="contribute")
    save_screenshot(browser, "contribute-thanks")
    assert console_errors(browser) == []

    browser.set_window_size(*PROJECTOR)
    open_page(browser, f"{server_url}/workshop?w={code}", "#workshop-status")
    wait_until(
        browser,
        lambda d: "Answers from 5 people" in d.find_element(By.ID, "workshop-status").text,
        timeout=20,
        message="the batch's release",
    )
    wait_for(browser, "#workshop-sankey-graph .sankey", timeout=20)
    summary = browser.find_element(By.ID, "workshop-sankey-summary").text
    assert "from Education to Academia" in summary and "5 people" in summary
    assert browser.find_element(By.ID, "workshop-heading").text == "Workshop: Browser workshop"
    address = browser.find_element(By.ID, "workshop-address").text
    assert address == f"{server_url}/contribute?w={code}"
    qr = browser.find_element(By.ID, "workshop-qr")
    assert qr.get_attribute("alt") == f"QR code for {address}"
    assert browser.execute_script("return arguments[0].naturalWidth", qr) > 100
    # What the projector shows, then the whole page.
    browser.save_screenshot(str(SCREENSHOTS / "workshop.png"))
    save_screenshot(browser, "workshop-full")
    browser.set_window_size(*PROJECTOR)
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)

    # With the bundled data: the address says so and the screen redraws.
    browser.find_element(
        By.CSS_SELECTOR, "label[for='_dbcprivate_radioitems_workshop-show_input_merged']"
    ).click()
    wait_until(browser, lambda d: "data=merged" in d.current_url, message="the address")
    wait_until(
        browser,
        lambda d: "bundled data" in d.find_element(By.ID, "workshop-sankey-summary").text,
        message="the merged results",
    )
    browser.save_screenshot(str(SCREENSHOTS / "workshop-merged.png"))
    assert console_errors(browser) == []


def test_data_owners_manage_and_moderate_workshops(browser, server_url, axe_source, code):
    browser.set_window_size(1366, 900)
    open_page(browser, f"{server_url}/workshop", "#workshop-admin > *")
    assert "Sign in as a data owner" in browser.find_element(By.ID, "workshop-admin").text
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    open_page(browser, f"{server_url}/moderate?w={code}", "#moderate-panel > *")
    assert "Sign in as a data owner" in browser.find_element(By.ID, "moderate-panel").text
    assert "moderate-table" not in browser.page_source

    sign_in(browser, server_url, "/workshop")
    wait_for(browser, "#workshop-name")
    browser.find_element(By.ID, "workshop-name").send_keys("Second workshop")
    browser.find_element(By.ID, "workshop-create").click()
    wait_until(browser, lambda d: "Opened Second workshop" in d.find_element(By.ID, "workshop-message").text)
    assert "Second workshop" in browser.find_element(By.ID, "workshop-list").text
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    save_screenshot(browser, "workshop-manage")

    open_page(browser, f"{server_url}/moderate?w={code}", "#moderate-table")
    rows = browser.find_elements(By.CSS_SELECTOR, "#moderate-table tbody tr")
    assert len(rows) == 5
    assert "phd (2012) > postdoc" in rows[0].text and "fixed_term 1; recognised 4" in rows[0].text
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    rows[0].find_element(By.TAG_NAME, "button").click()
    wait_until(browser, lambda d: "is hidden" in d.find_element(By.ID, "moderate-message").text)
    assert "hidden" in browser.find_elements(By.CSS_SELECTOR, "#moderate-table tbody tr")[0].text
    save_screenshot(browser, "moderate")
    assert console_errors(browser) == []
