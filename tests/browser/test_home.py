"""The home page in a real browser: it loads, shows the dataset, and passes axe-core."""

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


@pytest.fixture(scope="module")
def app():
    return create_app(TINY)


def test_home_shows_the_dataset_and_its_synthetic_label(browser, server_url):
    open_page(browser, server_url + "/")
    heading = wait_for(browser, "h1")
    assert heading.text == "Career pathways in biomedical data science"
    badge = browser.find_element(By.ID, "shell-dataset-badge")
    assert badge.text == "Synthetic data"
    assert "Tiny hand-counted fixture" in browser.find_element(By.ID, "shell-main").text
    # 13 people, rounded to the nearest 5 by disclosure control.
    cards = browser.find_element(By.ID, "home-summary").text
    assert "15\npeople" in cards
    wait_until(browser, lambda d: d.title == "Career Pathways Explorer", message="the tab title")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en-GB"
    save_screenshot(browser, "home")
    assert console_errors(browser) == []


def test_home_has_no_accessibility_violations(browser, server_url, axe_source):
    open_page(browser, server_url + "/")
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)


def test_an_unknown_address_says_so(browser, server_url):
    open_page(browser, server_url + "/no-such-page")
    assert wait_for(browser, "h1").text == "Page not found"
    assert "/no-such-page" in browser.find_element(By.ID, "shell-main").text
