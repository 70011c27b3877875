"""The Mobility page in a browser: the measure changes the grid and the address; axe-core passes."""

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By

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

GRID = "#mobility-matrix-graph .js-plotly-plot"


@pytest.fixture(scope="module")
def app():
    return create_app(TINY)


def query_of(driver):
    return {name: values[0] for name, values in parse_qs(urlsplit(driver.current_url).query).items()}


def cell_texts(driver):
    """The text written in the grid's cells (the numbers, then the grey hidden ones)."""
    wait_for(driver, f"{GRID} .heatmaplayer text")
    return [text.text for text in driver.find_elements(By.CSS_SELECTOR, f"{GRID} .heatmaplayer text")]


def summary(driver):
    return driver.find_element(By.ID, "mobility-matrix-summary").text


def test_the_default_grid_writes_counts_and_hides_small_ones(browser, server_url):
    open_page(browser, server_url + "/mobility")
    assert wait_for(browser, "h1").text == "Mobility between sectors"
    wait_until(browser, lambda d: d.title.startswith("Mobility"), message="the tab title")
    texts = cell_texts(browser)
    assert texts.count("<5") == 16  # 8 hidden cells, written in both layers of the grid
    assert "5" in texts and "0" in texts
    assert "8 cells show <5 instead of a number" in summary(browser)
    returns = browser.find_element(By.ID, "mobility-returns-summary").text
    assert returns.startswith("Of the people who left Education (10), 0 came back later: 0%.")
    wait_for(browser, "#mobility-returns-graph .js-plotly-plot .bars")
    save_screenshot(browser, "mobility")
    assert console_errors(browser) == []


def test_the_measure_redraws_the_grid_and_writes_the_address(browser, server_url):
    open_page(browser, server_url + "/mobility")
    cell_texts(browser)
    console_errors(browser)
    browser.find_element(By.CSS_SELECTOR, "#mobility-show input[value='percent']").click()
    wait_until(
        browser, lambda d: query_of(d) == {"show": "percent"}, message="the address to hold the measure"
    )
    wait_until(browser, lambda d: "55%" in cell_texts(d), message="row percentages in the grid")
    assert "Of the moves out of Education, 55% went to Academia." in summary(browser)
    assert (
        browser.find_element(By.ID, "mobility-crossings-csv")
        .get_attribute("href")
        .endswith("/download/mobility.csv?show=percent&table=crossings")
    )
    assert console_errors(browser) == []


def test_an_address_opened_cold_reproduces_the_view(browser, server_url):
    open_page(browser, server_url + "/mobility?show=percent")
    assert "too few" in cell_texts(browser)
    assert browser.find_element(By.CSS_SELECTOR, "#mobility-show input[value='percent']").is_selected()
    save_screenshot(browser, "mobility-filtered")


@pytest.mark.parametrize("address", ["/mobility", "/mobility?show=percent"], ids=["default", "percent"])
def test_no_accessibility_violations(browser, server_url, axe_source, address):
    open_page(browser, server_url + address)
    cell_texts(browser)
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
