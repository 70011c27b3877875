"""The Route finder in a browser: choosing roles draws the routes and writes the address; axe passes."""

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

GRAPH = "#routes-chart-graph .js-plotly-plot"
ROUTE_1 = "PhD student → Postdoctoral research associate → Data scientist"


@pytest.fixture(scope="module")
def app():
    return create_app(TINY)


def query_of(driver):
    return {name: values[0] for name, values in parse_qs(urlsplit(driver.current_url).query).items()}


def routes_shown(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#routes-list > li")


def click(driver, element):
    """Click after scrolling to it: headless Chromium's viewport is shorter than its window."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def selected(driver, element_id):
    return Select(driver.find_element(By.ID, element_id)).first_selected_option.get_attribute("value")


def test_the_default_page_explains_and_offers_examples(browser, server_url):
    open_page(browser, server_url + "/routes")
    assert wait_for(browser, "h1").text == "Route finder"
    wait_until(browser, lambda d: d.title.startswith("Route finder"), message="the tab title")
    examples = browser.find_element(By.ID, "routes-examples").find_elements(By.TAG_NAME, "a")
    assert [a.text for a in examples][0] == "PhD student to Data scientist"
    assert examples[0].get_attribute("href").endswith("/routes?from=phd&to=ds")
    assert selected(browser, "routes-from-role") == ""
    save_screenshot(browser, "routes")
    assert console_errors(browser) == []


def test_choosing_roles_shows_the_routes_and_changes_the_address(browser, server_url):
    open_page(browser, server_url + "/routes")
    wait_for(browser, "#routes-examples")
    console_errors(browser)
    Select(browser.find_element(By.ID, "routes-from-role")).select_by_value("phd")
    wait_until(browser, lambda d: query_of(d) == {"from": "phd"}, message="the address to hold the role held")
    Select(browser.find_element(By.ID, "routes-to-role")).select_by_visible_text("Data scientist (Industry)")
    wait_until(
        browser, lambda d: query_of(d) == {"from": "phd", "to": "ds"}, message="the address to hold both"
    )
    wait_for(browser, GRAPH)
    wait_until(browser, lambda d: len(routes_shown(d)) == 2, message="two routes")
    first = routes_shown(browser)[0].text
    assert f"Route 1: {ROUTE_1}" in first
    # Tiny numbers read as words under the default disclosure rules.
    assert "Fewer than 5 people took exactly this route." in first
    assert "Step 2: Postdoctoral research associate (Academia) → Data scientist (Industry)" in first
    summary = browser.find_element(By.ID, "routes-chart-summary").text
    assert summary.startswith(
        "From PhD student to Data scientist, the data show 2 routes of at most 6 steps."
    )
    csv = browser.find_element(By.ID, "routes-chart-csv").get_attribute("href")
    assert csv.endswith("/download/routes.csv?from=phd&to=ds")
    Select(browser.find_element(By.ID, "routes-avoid-sector")).select_by_value("academia")
    wait_until(
        browser,
        lambda d: query_of(d) == {"from": "phd", "to": "ds", "avoid": "academia"},
        message="the address to hold the sector avoided",
    )
    wait_until(browser, lambda d: len(routes_shown(d)) == 1, message="one route avoiding academia")
    assert "Route 1: PhD student → Data scientist" in routes_shown(browser)[0].text
    save_screenshot(browser, "routes-filtered")
    assert console_errors(browser) == []


def test_an_address_opened_cold_reproduces_the_view(browser, server_url):
    open_page(browser, server_url + "/routes?from=phd&to=ds&steps=2&k=1")
    wait_for(browser, GRAPH)
    assert selected(browser, "routes-from-role") == "phd"
    assert selected(browser, "routes-to-role") == "ds"
    assert selected(browser, "routes-max-steps") == "2"
    assert selected(browser, "routes-count") == "1"
    assert selected(browser, "routes-avoid-sector") == "none"
    assert [route.text.splitlines()[0] for route in routes_shown(browser)] == [f"Route 1: {ROUTE_1}"]
    assert query_of(browser) == {"from": "phd", "to": "ds", "steps": "2", "k": "1"}


def test_no_route_offers_the_nearest_roles_as_links(browser, server_url):
    open_page(browser, server_url + "/routes?from=msc&to=founder&steps=2")
    notice = wait_for(browser, "#routes-notice")
    assert "No route found" in notice.text
    click(browser, browser.find_element(By.LINK_TEXT, "Data scientist (Industry)"))
    wait_until(
        browser,
        lambda d: query_of(d) == {"from": "msc", "to": "ds", "steps": "2"},
        message="the address to change",
    )
    # msc -> ds directly, and msc -> phd -> ds.
    wait_until(browser, lambda d: len(routes_shown(d)) == 2, message="the routes to the alternative")
    assert routes_shown(browser)[0].text.startswith("Route 1: MSc student → Data scientist")
    assert selected(browser, "routes-to-role") == "ds"
    assert console_errors(browser) == []


def test_an_unknown_role_gets_suggestions_not_an_error(browser, server_url):
    open_page(browser, server_url + "/routes?from=post-doc&to=ds")
    notice = wait_for(browser, "#routes-notice-from")
    assert "We could not find the role you hold, “post-doc”, in these data." in notice.text
    # The controls drop the unknown role from the address; the notice stays until the next page.
    wait_until(browser, lambda d: query_of(d) == {"to": "ds"}, message="the address to drop the unknown role")
    assert browser.find_element(By.ID, "routes-notice-from").is_displayed()
    click(browser, notice.find_element(By.LINK_TEXT, "Postdoctoral research associate (Academia)"))
    wait_until(
        browser, lambda d: query_of(d) == {"from": "postdoc", "to": "ds"}, message="the corrected address"
    )
    wait_until(browser, lambda d: len(routes_shown(d)) >= 1, message="the routes from postdoc")
    assert console_errors(browser) == []


@pytest.mark.parametrize(
    "address",
    [
        "/routes",
        "/routes?from=phd&to=ds",
        "/routes?from=msc&to=founder&steps=2",
        "/routes?from=post-doc&to=ds",
    ],
)
def test_no_accessibility_violations(browser, server_url, axe_source, address):
    open_page(browser, server_url + address)
    wait_for(browser, "#routes-content > *")
    if "to=ds" in address and "post-doc" not in address:
        wait_for(browser, GRAPH)
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
