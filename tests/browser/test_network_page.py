"""The Network page in a browser: the controls and the address, a click to a profile, and axe-core."""

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

GRAPH = "#network-map-graph .js-plotly-plot"
FILTERED = "/network?min=10&sector=industry"


@pytest.fixture(scope="module")
def app():
    return create_app(TINY)


def query_of(driver):
    return {name: values[0] for name, values in parse_qs(urlsplit(driver.current_url).query).items()}


def path_of(driver):
    return urlsplit(driver.current_url).path


def selected(driver, element_id):
    return Select(driver.find_element(By.ID, element_id)).first_selected_option.get_attribute("value")


def caption(driver):
    return driver.find_element(By.CSS_SELECTOR, "#network-map figcaption").text


def node_traces(driver):
    """The node traces (markers with labels), one per sector, in sector order."""
    wait_for(driver, f"{GRAPH} .scatterlayer .trace .textpoint")
    traces = driver.find_elements(By.CSS_SELECTOR, f"{GRAPH} .scatterlayer .trace")
    return [trace for trace in traces if trace.find_elements(By.CSS_SELECTOR, ".textpoint")]


def test_the_default_view_shows_every_role_and_no_unsafe_move(browser, server_url):
    open_page(browser, server_url + "/network")
    assert wait_for(browser, "h1").text == "Network of roles"
    wait_until(browser, lambda d: d.title.startswith("Network"), message="the tab title")
    labels = [
        text.text
        for trace in node_traces(browser)
        for text in trace.find_elements(By.CSS_SELECTOR, ".textpoint")
    ]
    assert sorted(labels) == sorted(
        [
            "MSc student",
            "PhD student",
            "Postdoctoral research…",
            "Research software engineer",
            "Lecturer",
            "NHS data analyst",
            "Data scientist",
            "Senior data scientist",
            "Start-up founder",
        ]
    )
    summary = browser.find_element(By.ID, "network-map-summary").text
    assert "No move between two roles was made by at least 5 people, so no lines are drawn." in summary
    assert selected(browser, "network-min-flow") == "5"
    assert (
        browser.find_element(By.ID, "network-map-csv").get_attribute("href").endswith("/download/network.csv")
    )
    save_screenshot(browser, "network")
    assert console_errors(browser) == []


def test_changing_controls_redraws_and_writes_the_address(browser, server_url):
    open_page(browser, server_url + "/network")
    node_traces(browser)
    console_errors(browser)
    Select(browser.find_element(By.ID, "network-min-flow")).select_by_value("10")
    wait_until(browser, lambda d: query_of(d) == {"min": "10"}, message="the address to hold the minimum")
    wait_until(browser, lambda d: "at least 10 people" in caption(d), message="the new caption")
    Select(browser.find_element(By.ID, "network-sector")).select_by_value("industry")
    wait_until(
        browser,
        lambda d: query_of(d) == {"min": "10", "sector": "industry"},
        message="the address to hold the highlighted sector",
    )
    wait_until(browser, lambda d: "Industry highlighted" in caption(d), message="the highlight caption")
    # The other sectors fade; industry's roles stay solid.
    opacities = [
        trace.find_element(By.CSS_SELECTOR, ".point").value_of_css_property("opacity")
        for trace in node_traces(browser)
    ]
    assert opacities == ["0.3", "0.3", "0.3", "1", "0.3"]
    assert (
        browser.find_element(By.ID, "network-map-csv")
        .get_attribute("href")
        .endswith("/download/network.csv?min=10&sector=industry")
    )
    assert console_errors(browser) == []


def test_an_address_opened_cold_reproduces_the_view(browser, server_url):
    open_page(browser, server_url + FILTERED)
    node_traces(browser)
    assert selected(browser, "network-min-flow") == "10"
    assert selected(browser, "network-sector") == "industry"
    assert (
        caption(browser)
        == "Roles and the moves between them made by at least 10 people, Industry highlighted"
    )
    save_screenshot(browser, "network-filtered")


def test_clicking_a_role_opens_its_profile(browser, server_url):
    open_page(browser, server_url + "/network?min=10")
    education = node_traces(browser)[0]
    phd = education.find_elements(By.CSS_SELECTOR, ".point")[1]
    ActionChains(browser).move_to_element(phd).click().perform()
    wait_until(browser, lambda d: path_of(d) == "/roles/phd", message="the address of the profile")
    assert query_of(browser) == {}
    wait_until(browser, lambda d: wait_for(d, "h1").text == "PhD student", message="the profile's heading")
    browser.back()
    wait_until(browser, lambda d: path_of(d) == "/network", message="back to the map")
    wait_until(browser, lambda d: selected(d, "network-min-flow") == "10", message="the map as it was")
    assert console_errors(browser) == []


def test_the_list_of_roles_links_to_every_profile_by_keyboard(browser, server_url):
    open_page(browser, server_url + "/network")
    links = browser.find_elements(By.CSS_SELECTOR, "#network-roles a")
    assert len(links) == 9
    assert {link.get_attribute("href").split("/roles/")[1] for link in links} == {
        "msc",
        "phd",
        "postdoc",
        "rse",
        "lecturer",
        "nhs_analyst",
        "ds",
        "senior_ds",
        "founder",
    }
    data_scientist = next(link for link in links if link.text == "Data scientist")
    browser.execute_script("arguments[0].focus()", data_scientist)
    assert browser.switch_to.active_element == data_scientist
    data_scientist.send_keys("\n")
    wait_until(browser, lambda d: path_of(d) == "/roles/ds", message="the profile of the data scientist")


@pytest.mark.parametrize("address", ["/network", FILTERED], ids=["default", "filtered"])
def test_no_accessibility_violations(browser, server_url, axe_source, address):
    open_page(browser, server_url + address)
    node_traces(browser)
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
