"""The Advice library in a real browser: search, filters, the role chip, cold addresses, axe-core.

The tiny fixture has three resources (see tests/pathways/test_advice.py); a
second app serves the 78 bundled resources, and a third a dataset whose
advice holds hostile text.
"""

import shutil
import threading
from contextlib import contextmanager

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select
from werkzeug.serving import make_server

from app import create_app
from pathways.synthetic import generate_dataset
from pathways.writing import write_dataset
from tests.browser.conftest import (
    axe_violations,
    console_errors,
    describe_violations,
    open_page,
    save_screenshot,
    wait_for,
    wait_until,
)
from tests.conftest import TINY

CARDS = "#advice-list .advice-card"


@pytest.fixture(scope="module")
def app():
    return create_app(TINY)


@contextmanager
def serving(dash_app):
    server = make_server("127.0.0.1", 0, dash_app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def card_ids(driver):
    # Read in one script: the list may be redrawn between finding the cards and reading them.
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), c => c.dataset.adviceId);", CARDS
    )


def wait_for_cards(driver, expected):
    wait_until(driver, lambda d: card_ids(d) == expected, message=f"the cards {expected}")


def click(driver, css):
    # Bootstrap scrolls smoothly: scroll at once, or the click lands where the element is not yet.
    element = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.click()


def count_text(driver):
    return driver.find_element(By.ID, "advice-count").text


def test_the_page_lists_every_resource(browser, server_url, axe_source):
    open_page(browser, server_url + "/advice")
    assert wait_for(browser, "h1").text == "Advice library"
    wait_for_cards(browser, ["vitae-rdf", "nhs-stp", "society-rse"])
    assert count_text(browser) == "All 3 resources"
    wait_until(
        browser, lambda d: d.title == "Advice library | Career Pathways Explorer", message="the tab title"
    )
    link = browser.find_element(By.CSS_SELECTOR, "[data-advice-id='society-rse'] h3 a")
    assert link.text == "Society of Research Software Engineering"
    assert link.get_attribute("href") == "https://society-rse.org/"
    assert link.get_attribute("target") in (None, "")
    assert "noopener" in link.get_attribute("rel")
    for control, first in (("sector", "All sectors"), ("stage", "All stages"), ("kind", "All kinds")):
        assert Select(browser.find_element(By.ID, f"advice-{control}")).first_selected_option.text == first
    nav = browser.find_element(By.ID, "shell-nav").text
    assert "Advice" in nav
    assert console_errors(browser) == []
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    save_screenshot(browser, "advice")


def test_searching_changes_the_cards_and_the_address(browser, server_url):
    open_page(browser, server_url + "/advice")
    wait_for_cards(browser, ["vitae-rdf", "nhs-stp", "society-rse"])
    box = browser.find_element(By.ID, "advice-search")
    box.send_keys("research" + Keys.ENTER)
    wait_until(browser, lambda d: d.current_url.endswith("/advice?q=research"), message="the address")
    wait_for_cards(browser, ["vitae-rdf", "society-rse"])
    assert count_text(browser) == "2 resources match (of 3)"
    # Focus stays in the search box: the controls are not redrawn.
    assert browser.switch_to.active_element.get_attribute("id") == "advice-search"
    Select(browser.find_element(By.ID, "advice-stage")).select_by_value("student")
    wait_until(
        browser, lambda d: d.current_url.endswith("/advice?q=research&stage=student"), message="address"
    )
    wait_for_cards(browser, ["society-rse"])
    assert count_text(browser) == "1 resource matches (of 3)"
    Select(browser.find_element(By.ID, "advice-stage")).select_by_visible_text("All stages")
    wait_until(browser, lambda d: d.current_url.endswith("/advice?q=research"), message="all stages")
    wait_for_cards(browser, ["vitae-rdf", "society-rse"])
    browser.back()
    wait_until(browser, lambda d: d.current_url.endswith("/advice?q=research&stage=student"), message="back")
    wait_for_cards(browser, ["society-rse"])
    assert (
        Select(browser.find_element(By.ID, "advice-stage")).first_selected_option.text == "Student or trainee"
    )
    assert console_errors(browser) == []


def test_a_theme_address_opened_cold(browser, server_url, axe_source):
    open_page(browser, server_url + "/advice?theme=recognition")
    wait_for_cards(browser, ["society-rse"])
    assert Select(browser.find_element(By.ID, "advice-theme")).first_selected_option.text == "Recognition"
    assert count_text(browser) == "1 resource matches (of 3)"
    download = browser.find_element(By.ID, "advice-download")
    assert download.get_attribute("href").endswith("/download/advice.csv?theme=recognition")
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    assert console_errors(browser) == []


def test_the_role_chip_removes_the_role(browser, server_url, axe_source):
    open_page(browser, server_url + "/advice?role=postdoc&stage=early")
    wait_for_cards(browser, ["vitae-rdf", "nhs-stp"])
    chip = browser.find_element(By.CSS_SELECTOR, "#advice-role-chip a")
    assert chip.text.startswith("For: Postdoctoral research associate")
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    save_screenshot(browser, "advice-filtered")
    # Another filter keeps the role, which lives in the address only.
    Select(browser.find_element(By.ID, "advice-sector")).select_by_value("academia")
    wait_until(
        browser, lambda d: d.current_url.endswith("?sector=academia&stage=early&role=postdoc"), message="a"
    )
    wait_for_cards(browser, ["vitae-rdf"])
    click(browser, "#advice-role-chip a")
    wait_until(
        browser, lambda d: d.current_url.endswith("/advice?sector=academia&stage=early"), message="chip"
    )
    wait_for_cards(browser, ["vitae-rdf", "society-rse"])
    assert browser.find_elements(By.ID, "advice-role-chip") == []
    assert console_errors(browser) == []


def test_nothing_found_offers_to_clear_everything(browser, server_url, axe_source):
    open_page(browser, server_url + "/advice?q=zebra&kind=magic")
    empty = wait_for(browser, "#advice-empty")
    assert "No resources match “zebra” with these filters." in empty.text
    assert (
        "Ignored kind of resource 'magic'" in browser.find_element(By.CSS_SELECTOR, ".address-notices").text
    )
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    save_screenshot(browser, "advice-empty")
    click(browser, "#advice-clear")
    wait_until(browser, lambda d: d.current_url.endswith("/advice"), message="the cleared address")
    wait_for_cards(browser, ["vitae-rdf", "nhs-stp", "society-rse"])
    assert browser.find_element(By.ID, "advice-search").get_attribute("value") == ""
    assert browser.find_elements(By.CSS_SELECTOR, ".address-notices") == []
    assert console_errors(browser) == []


def test_other_pages_links_work_cold(browser, server_url):
    open_page(browser, server_url + "/advice?sector=nhs&stage=student")
    wait_for_cards(browser, ["nhs-stp"])
    assert Select(browser.find_element(By.ID, "advice-sector")).first_selected_option.text == "NHS"
    open_page(browser, server_url + "/advice?role=rse")
    wait_for_cards(browser, ["society-rse", "nhs-stp"])


def test_the_bundled_resources_each_get_a_card(browser, tmp_path_factory, axe_source):
    folder = tmp_path_factory.mktemp("bundled")
    dataset = generate_dataset(people=200, seed=1)
    write_dataset(dataset, folder)
    with serving(create_app(folder)) as url:
        open_page(browser, url + "/advice")
        wait_for(browser, CARDS)
        assert card_ids(browser) == dataset.advice.index.tolist()
        assert len(card_ids(browser)) == 78
        assert count_text(browser) == "All 78 resources"
        links = browser.find_elements(By.CSS_SELECTOR, f"{CARDS} h3 a")
        assert len(links) == 78
        assert all(link.get_attribute("href").startswith(("https://", "http://")) for link in links)
        violations = axe_violations(browser, axe_source)
        assert violations == [], describe_violations(violations)
        save_screenshot(browser, "advice-bundled")
        assert console_errors(browser) == []


HOSTILE = (
    'hostile,"<script>window.pwned = 1</script><img src=x onerror=""window.pwned=2"">",'
    "https://example.org/a,<b>Bold provider</b>,guide,"
    '"=HYPERLINK(""http://evil.example"",""click"")",,,,\n'
)


def test_hostile_text_is_shown_as_text(browser, tmp_path):
    folder = tmp_path / "hostile"
    shutil.copytree(TINY, folder)
    with (folder / "advice.csv").open("a", encoding="utf-8") as handle:
        handle.write(HOSTILE)
    with serving(create_app(folder)) as url:
        open_page(browser, url + "/advice?q=script")
        wait_for_cards(browser, ["hostile"])
        card = browser.find_element(By.CSS_SELECTOR, "[data-advice-id='hostile']")
        assert "<script>window.pwned = 1</script>" in card.text
        assert "<b>Bold provider</b>" in card.text
        assert '=HYPERLINK("http://evil.example","click")' in card.text
        assert card.find_elements(By.CSS_SELECTOR, "script, img, b") == []
        assert browser.execute_script("return window.pwned === undefined")
