"""The Barriers page in a browser: filters and comparison drive the figure and the address; axe passes."""

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from app import create_app
from layouts.barriers_page import ANY
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

GRAPH = "#barriers-agreement-graph .js-plotly-plot"
COMPARISON = "#barriers-comparison-graph .js-plotly-plot"
HEATMAP = "#barriers-themes-graph .js-plotly-plot"


@pytest.fixture(scope="module")
def app():
    return create_app(TINY)


def query_of(driver):
    return {name: values[0] for name, values in parse_qs(urlsplit(driver.current_url).query).items()}


def text_of(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def group_values(driver, select_id):
    """The values a select offers, without dbc's empty placeholder and our 'Everyone'."""
    options = Select(driver.find_element(By.ID, select_id)).options
    return [
        value for value in (option.get_attribute("value") for option in options) if value not in ("", ANY)
    ]


def figure_texts(driver, css):
    """The text plotly wrote inside a figure (labels beside dots, cell annotations)."""
    return [
        node.text
        for node in driver.find_elements(By.CSS_SELECTOR, f"{css} .textpoint, {css} .annotation-text")
    ]


def test_the_page_shows_agreement_by_theme_and_the_overview(browser, server_url):
    open_page(browser, server_url + "/barriers")
    wait_for(browser, GRAPH)
    wait_for(browser, HEATMAP)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Barriers"
    wait_until(browser, lambda d: d.title.startswith("Barriers"), message="the tab title")
    # 7 of 13 answers agreed with 'recognised' and 5 of 11 with 'fixed_term'; 'promotion_clear' has 6 answers.
    summary = text_of(browser, "barriers-agreement-summary")
    assert "(54% agreed)" in summary and "(45% agreed)" in summary
    assert "One statement had fewer than 10 answers" in summary
    wait_until(browser, lambda d: "54%" in figure_texts(d, GRAPH), message="the percentage beside the dot")
    assert "not shown: fewer than 10 answers" in figure_texts(browser, GRAPH)
    # Every overview cell of the tiny data has too few answers, and says so in words.
    # plotly writes a wrapped label as lines that selenium joins without spaces.
    cells = "".join(figure_texts(browser, HEATMAP)).replace(" ", "")
    assert "fewerthan10answers" in cells and "%" not in cells
    link = browser.find_element(By.LINK_TEXT, "Advice on recognition")
    assert link.get_attribute("href").endswith("/advice?theme=recognition")
    save_screenshot(browser, "barriers")
    assert console_errors(browser) == []


def test_a_filter_changes_the_figure_and_the_address(browser, server_url):
    open_page(browser, server_url + "/barriers")
    wait_for(browser, GRAPH)
    console_errors(browser)
    Select(browser.find_element(By.ID, "barriers-sector")).select_by_value("academia")
    wait_until(
        browser, lambda d: query_of(d) == {"sector": "academia"}, message="the address to hold the sector"
    )
    wait_until(
        browser,
        lambda d: "people in Academia" in text_of(d, "barriers-agreement-summary"),
        message="the summary to describe the filter",
    )
    # Five academics answered each statement: no percentage can be shown, and the chart says so.
    wait_until(browser, lambda d: "54%" not in figure_texts(d, GRAPH), message="the figure to redraw")
    assert figure_texts(browser, GRAPH).count("not shown: fewer than 10 answers") == 3
    Select(browser.find_element(By.ID, "barriers-attribute")).select_by_value("gender")
    wait_until(
        browser,
        lambda d: group_values(d, "barriers-value") == ["man", "prefer not to say", "woman"],
        message="the group select to offer the genders",
    )
    Select(browser.find_element(By.ID, "barriers-value")).select_by_value("woman")
    wait_until(
        browser,
        lambda d: query_of(d) == {"sector": "academia", "attribute": "gender", "value": "woman"},
        message="the address to hold the group",
    )
    save_screenshot(browser, "barriers-filtered")
    assert console_errors(browser) == []


def test_comparing_two_groups_shows_both_and_their_difference(browser, server_url):
    open_page(browser, server_url + "/barriers")
    wait_for(browser, GRAPH)
    Select(browser.find_element(By.ID, "barriers-compare")).select_by_value("gender")
    wait_for(browser, COMPARISON)
    wait_until(
        browser,
        lambda d: query_of(d) == {"compare": "gender", "a": "woman", "b": "man"},
        message="the address to hold the comparison",
    )
    assert Select(browser.find_element(By.ID, "barriers-group-a")).first_selected_option.text == "woman"
    assert Select(browser.find_element(By.ID, "barriers-group-b")).first_selected_option.text == "man"
    summary = text_of(browser, "barriers-comparison-summary")
    assert "No statement has 10 or more answers from both woman and man" in summary
    Select(browser.find_element(By.ID, "barriers-group-b")).select_by_value("woman")
    wait_until(
        browser,
        lambda d: "choose two different groups" in text_of(d, "barriers-messages"),
        message="a request for two different groups",
    )
    assert console_errors(browser) == []


def test_an_address_opened_cold_reproduces_the_view(browser, server_url):
    open_page(browser, server_url + "/barriers?stage=early&compare=contract&a=fixed-term&b=permanent")
    wait_for(browser, COMPARISON)
    assert (
        Select(browser.find_element(By.ID, "barriers-stage")).first_selected_option.get_attribute("value")
        == "early"
    )
    assert Select(browser.find_element(By.ID, "barriers-compare")).first_selected_option.text == "Contract"
    assert Select(browser.find_element(By.ID, "barriers-group-a")).first_selected_option.text == "fixed-term"
    caption = browser.find_element(By.CSS_SELECTOR, "#barriers-comparison figcaption").text
    assert "fixed-term (A) and permanent (B)" in caption and "Early career" in caption
    save_screenshot(browser, "barriers-compare")
    assert console_errors(browser) == []


def test_an_invalid_address_falls_back_with_a_notice(browser, server_url):
    open_page(browser, server_url + "/barriers?sector=moon&attribute=gender&value=dragon")
    wait_for(browser, GRAPH)
    notice = browser.find_element(By.CSS_SELECTOR, ".address-notices").text
    assert "Ignored sector 'moon'" in notice and "Ignored group 'dragon'" in notice
    assert "everyone who answered" in text_of(browser, "barriers-agreement-summary")


@pytest.mark.parametrize(
    "address",
    [
        "/barriers",
        "/barriers?sector=academia&attribute=gender&value=woman",
        "/barriers?compare=gender&a=woman&b=man",
    ],
)
def test_no_accessibility_violations(browser, server_url, axe_source, address):
    open_page(browser, server_url + address)
    wait_for(browser, HEATMAP)
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
