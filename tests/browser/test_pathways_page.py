"""The Pathways page in a browser: controls and node clicks change the diagram and the address; axe passes."""

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
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

GRAPH = "#pathways-sankey-graph .js-plotly-plot"
FILTERED = "/pathways?steps=4&sector=education&show=percent"


@pytest.fixture(scope="module")
def app():
    return create_app(TINY)


def query_of(driver):
    return {name: values[0] for name, values in parse_qs(urlsplit(driver.current_url).query).items()}


def selected(driver, element_id):
    return Select(driver.find_element(By.ID, element_id)).first_selected_option.get_attribute("value")


def summary(driver):
    return driver.find_element(By.ID, "pathways-sankey-summary").text


def node_labels(driver):
    return [node.text for node in driver.find_elements(By.CSS_SELECTOR, f"{GRAPH} .sankey-node")]


def test_the_default_view_draws_the_flows_that_are_safe_to_show(browser, server_url):
    open_page(browser, server_url + "/pathways")
    assert wait_for(browser, "h1").text == "Career pathways"
    wait_until(browser, lambda d: d.title.startswith("Pathways"), message="the tab title")
    wait_for(browser, f"{GRAPH} .sankey-node")
    # Under the default rules only education -> academia (5 people) can be drawn.
    assert node_labels(browser) == ["Education", "Academia"]
    assert "8 of the 9 flows are of fewer than 5 people and not drawn" in summary(browser)
    assert (
        browser.find_element(By.ID, "pathways-sankey-csv")
        .get_attribute("href")
        .endswith("/download/pathways.csv")
    )
    save_screenshot(browser, "pathways")
    assert console_errors(browser) == []


def test_changing_controls_redraws_and_writes_the_address(browser, server_url):
    open_page(browser, server_url + "/pathways")
    wait_for(browser, f"{GRAPH} .sankey-node")
    console_errors(browser)
    Select(browser.find_element(By.ID, "pathways-steps")).select_by_value("4")
    wait_until(browser, lambda d: query_of(d) == {"steps": "4"}, message="the address to hold the steps")
    browser.find_element(By.CSS_SELECTOR, "#pathways-show input[value='percent']").click()
    wait_until(
        browser,
        lambda d: query_of(d) == {"steps": "4", "show": "percent"},
        message="the address to hold the measure",
    )
    wait_until(
        browser,
        lambda d: "Percentages are not shown for steps 2 and 3" in summary(d),
        message="the new summary",
    )
    assert (
        "percentage of the people moving at each step" in browser.find_element(By.TAG_NAME, "figcaption").text
    )
    Select(browser.find_element(By.ID, "pathways-group")).select_by_value("gender=woman")
    wait_until(
        browser,
        lambda d: query_of(d) == {"steps": "4", "show": "percent", "attribute": "gender", "value": "woman"},
        message="the address to hold the group",
    )
    wait_until(
        browser,
        lambda d: "Following people whose gender is woman." in d.find_element(By.ID, "pathways-content").text,
        message="the focus line",
    )
    assert console_errors(browser) == []


def test_clicking_a_node_focuses_on_it(browser, server_url):
    open_page(browser, server_url + "/pathways")
    wait_for(browser, f"{GRAPH} .sankey-node")
    academia = [
        n for n in browser.find_elements(By.CSS_SELECTOR, f"{GRAPH} .sankey-node") if n.text == "Academia"
    ]
    ActionChains(browser).move_to_element(
        academia[0].find_element(By.CSS_SELECTOR, ".node-rect")
    ).click().perform()
    wait_until(
        browser, lambda d: query_of(d) == {"sector": "academia"}, message="the address to hold the focus"
    )
    assert selected(browser, "pathways-sector") == "academia"
    wait_until(
        browser,
        lambda d: (
            "Following people who started in Academia." in d.find_element(By.ID, "pathways-content").text
        ),
        message="the focused view",
    )
    assert console_errors(browser) == []


def test_an_address_opened_cold_reproduces_the_view(browser, server_url):
    open_page(browser, server_url + FILTERED)
    wait_for(browser, f"{GRAPH} .sankey-node")
    assert selected(browser, "pathways-steps") == "4"
    assert selected(browser, "pathways-sector") == "education"
    assert browser.find_element(By.CSS_SELECTOR, "#pathways-show input[value='percent']").is_selected()
    # 10 people who started in education moved; 5 of them (50%) into academia.
    assert "5 people, 50% of the people moving at that step" in summary(browser)
    save_screenshot(browser, "pathways-filtered")
    assert console_errors(browser) == []


def test_an_invalid_address_value_falls_back_with_a_notice(browser, server_url):
    open_page(browser, server_url + "/pathways?steps=9")
    notice = wait_for(browser, ".address-notices").text
    assert "Ignored number of roles '9' in the address: must be between 2 and 5." in notice
    assert selected(browser, "pathways-steps") == "3"


@pytest.mark.parametrize("address", ["/pathways", FILTERED, "/pathways?level=role&role=phd"])
def test_no_accessibility_violations(browser, server_url, axe_source, address):
    open_page(browser, server_url + address)
    wait_for(browser, GRAPH)
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
