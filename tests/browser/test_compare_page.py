"""Compare roles in a browser: choosing roles writes the address, a cold address reproduces it; axe passes."""

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from app import create_app
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

SELECTS = ("compare-role-a", "compare-role-b", "compare-role-c")
GRAPH = "#compare-sectors"


@pytest.fixture(scope="module")
def app():
    return create_app(TINY)


def query_of(driver):
    return {name: values[0] for name, values in parse_qs(urlsplit(driver.current_url).query).items()}


def selected(driver, element_id):
    return Select(driver.find_element(By.ID, element_id)).first_selected_option.get_attribute("value")


def column_headings(driver):
    """The table's column headings, read in the page so a redraw cannot leave stale elements."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#compare-table thead th'), th => th.innerText);"
    )


def test_the_default_page_explains_and_offers_an_example(browser, server_url):
    open_page(browser, server_url + "/compare")
    assert wait_for(browser, "h1").text == "Compare roles"
    wait_until(browser, lambda d: d.title.startswith("Compare roles"), message="the tab title")
    assert [selected(browser, s) for s in SELECTS] == ["-", "-", "-"]
    example = browser.find_element(By.ID, "compare-examples").find_element(By.TAG_NAME, "a")
    assert example.get_attribute("href").endswith("/compare?roles=phd,postdoc,ds")
    save_screenshot(browser, "compare")
    assert console_errors(browser) == []


def test_choosing_roles_changes_the_address_and_the_comparison(browser, server_url):
    open_page(browser, server_url + "/compare")
    wait_for(browser, "#compare-examples")
    console_errors(browser)
    Select(browser.find_element(By.ID, "compare-role-a")).select_by_value("postdoc")
    wait_until(browser, lambda d: query_of(d) == {"roles": "postdoc"}, message="the address to hold one role")
    wait_until(
        browser,
        lambda d: column_headings(d) == ["Fact", "1. Postdoctoral research associate"],
        message="one column",
    )
    Select(browser.find_element(By.ID, "compare-role-b")).select_by_visible_text("Data scientist (Industry)")
    wait_until(
        browser, lambda d: query_of(d) == {"roles": "postdoc,ds"}, message="the address to hold two roles"
    )
    Select(browser.find_element(By.ID, "compare-role-c")).select_by_value("rse")
    wait_until(
        browser, lambda d: query_of(d) == {"roles": "postdoc,ds,rse"}, message="the address to hold three"
    )
    wait_until(browser, lambda d: len(column_headings(d)) == 4, message="three columns")
    wait_for(browser, GRAPH)
    table = browser.find_element(By.ID, "compare-table").text
    assert "£37,174 to £45,413 a year" in table and "£40,000 to £55,000 a year" in table
    csv = browser.find_element(By.ID, "compare-sectors-csv").get_attribute("href")
    assert csv.endswith("/download/compare.csv?roles=postdoc,ds,rse")
    # Emptying the first select keeps the others, in order.
    Select(browser.find_element(By.ID, "compare-role-a")).select_by_visible_text("None")
    wait_until(
        browser, lambda d: query_of(d) == {"roles": "ds,rse"}, message="the address to drop the first role"
    )
    save_screenshot(browser, "compare-filtered")
    assert console_errors(browser) == []


def test_an_address_opened_cold_reproduces_the_view(browser, server_url):
    open_page(browser, server_url + "/compare?roles=postdoc,ds,rse")
    wait_for(browser, GRAPH)
    assert [selected(browser, s) for s in SELECTS] == ["postdoc", "ds", "rse"]
    assert column_headings(browser) == [
        "Fact",
        "1. Postdoctoral research associate",
        "2. Data scientist",
        "3. Research software engineer",
    ]
    summary = browser.find_element(By.ID, "compare-sectors-summary").text
    assert "Too few people held Postdoctoral research associate to give shares." in summary
    assert browser.find_elements(By.ID, "compare-sectors-graph") == []
    save_screenshot(browser, "compare-three")


def test_invalid_roles_are_left_out_with_a_notice(browser, server_url):
    open_page(browser, server_url + "/compare?roles=post-doc,ds")
    notice = wait_for(browser, ".address-notices").text
    assert "Ignored the role 'post-doc' in the address" in notice
    assert "did you mean 'postdoc'" in notice
    assert [selected(browser, s) for s in SELECTS] == ["ds", "-", "-"]
    assert column_headings(browser) == ["Fact", "1. Data scientist"]


@pytest.mark.parametrize("address", ["/compare", "/compare?roles=postdoc,ds,rse"], ids=["default", "three"])
def test_no_accessibility_violations(browser, server_url, axe_source, address):
    open_page(browser, server_url + address)
    wait_for(browser, "#compare-content > *")
    if "roles=" in address:
        wait_for(browser, GRAPH)
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)


def test_without_disclosure_control_the_chart_shows_the_hand_counted_shares(browser, raw_url, axe_source):
    open_page(browser, raw_url + "/compare?roles=postdoc,ds,rse")
    wait_for(browser, "#compare-sectors-graph .js-plotly-plot")
    summary = browser.find_element(By.ID, "compare-sectors-summary").text
    # postdoc: 2 of 7 to academia (lecturer, rse), 2 to industry (ds); ds: 2 of 5 to industry (senior_ds).
    assert (
        "Of the people who held Postdoctoral research associate, 29% moved on to a role in Academia"
        in summary
    )
    assert "Of the people who held Data scientist, 40% moved on to a role in Industry" in summary
    assert "Nobody in these data moved on from Research software engineer to another role." in summary
    table = browser.find_element(By.ID, "compare-table").text
    assert "Data scientist (2 people, 29% of holders)" in table
    assert "PhD student (6 people, 86% of arrivals)" in table
    assert "“I am on a fixed-term contract”: 100% agreed" in table
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    save_screenshot(browser, "compare-raw")
    assert console_errors(browser) == []
