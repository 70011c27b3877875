"""The role profile in a browser: opened cold, the index, an unknown role; axe-core finds nothing.

The module's app serves the tiny fixture under the default disclosure rules,
where almost every number reads "fewer than 5". A second app serves a copy of
it without disclosure control, so that the charts have bars to look at.
"""

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


def heading(driver):
    """The h1's text, read in the page so a redraw in between cannot leave a stale element."""
    return driver.execute_script("const h = document.querySelector('h1'); return h ? h.innerText : '';")


def test_a_role_opened_cold_shows_its_profile(browser, server_url):
    open_page(browser, server_url + "/roles/postdoc")
    assert wait_for(browser, "h1").text == "Postdoctoral research associate"
    wait_until(
        browser,
        lambda d: d.title == "Postdoctoral research associate: role profile | Career Pathways Explorer",
        message="the tab title",
    )
    facts = browser.find_element(By.ID, "role-facts").text
    assert "£37,174 to £45,413 a year" in facts
    assert "Grade 7" in facts and "Academia" in facts and "Early career" in facts
    wait_for(browser, "#role-barriers-graph .js-plotly-plot")
    # Under the default rules the tiny flows are too small to draw: words and a table, no chart.
    outflows = browser.find_element(By.ID, "role-outflows-summary").text
    assert "the numbers are too small to show shares safely" in outflows
    assert browser.find_elements(By.ID, "role-outflows-graph") == []
    rows = browser.find_elements(By.CSS_SELECTOR, "#role-outflows tbody tr")
    assert [row.text for row in rows][0].startswith("Data scientist Industry fewer than 5 not shown")
    csv = browser.find_element(By.ID, "role-outflows-csv").get_attribute("href")
    assert csv.endswith("/download/role.csv?role=postdoc")
    advice = browser.find_element(By.ID, "role-advice")
    external = advice.find_element(By.LINK_TEXT, "Researcher Development Framework")
    assert external.get_attribute("rel") == "noopener noreferrer"
    more = advice.find_element(By.LINK_TEXT, "More advice for this role").get_attribute("href")
    assert more.endswith("/advice?role=postdoc")
    links = browser.find_element(By.ID, "role-links")
    assert (
        links.find_element(By.LINK_TEXT, "Find routes from this role")
        .get_attribute("href")
        .endswith("/routes?from=postdoc")
    )
    assert (
        links.find_element(By.LINK_TEXT, "Compare with other roles")
        .get_attribute("href")
        .endswith("/compare?roles=postdoc")
    )
    save_screenshot(browser, "role")
    assert console_errors(browser) == []


def test_the_index_links_every_role_by_sector(browser, server_url):
    open_page(browser, server_url + "/roles/")
    assert wait_for(browser, "h1").text == "Roles"
    index = browser.find_element(By.ID, "role-index")
    headings = [h.text for h in index.find_elements(By.TAG_NAME, "h2")]
    assert headings == ["Education", "Academia", "NHS", "Industry", "Entrepreneurship"]
    assert len(index.find_elements(By.TAG_NAME, "a")) == 9
    save_screenshot(browser, "role-index")
    index.find_element(By.LINK_TEXT, "Data scientist").click()
    wait_until(browser, lambda d: d.current_url.endswith("/roles/ds"), message="the address to change")
    wait_until(browser, lambda d: heading(d) == "Data scientist", message="the profile")
    assert "£40,000 to £55,000 a year" in browser.find_element(By.ID, "role-facts").text
    assert console_errors(browser) == []


def test_an_unknown_role_gets_suggestions_not_an_error(browser, server_url):
    open_page(browser, server_url + "/roles/post-doc")
    assert wait_for(browser, "h1").text == "We don't know a role called 'post-doc'"
    suggestion = browser.find_element(By.ID, "role-unknown").find_element(
        By.LINK_TEXT, "Postdoctoral research associate (Academia)"
    )
    save_screenshot(browser, "role-unknown")
    suggestion.click()
    wait_until(browser, lambda d: d.current_url.endswith("/roles/postdoc"), message="the suggested role")
    wait_until(
        browser,
        lambda d: heading(d) == "Postdoctoral research associate",
        message="the profile",
    )
    assert console_errors(browser) == []


def test_a_hostile_role_id_is_shown_as_text(browser, server_url):
    open_page(browser, server_url + "/roles/<script>window.pwned=1</script>")
    heading = wait_for(browser, "h1").text
    assert heading.startswith("We don't know a role called '")
    assert "<script>" in heading
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.find_elements(By.CSS_SELECTOR, "#shell-main script") == []


@pytest.mark.parametrize(
    "address",
    ["/roles/postdoc", "/roles/", "/roles/post-doc", "/roles/msc"],
    ids=["role", "index", "unknown", "msc"],
)
def test_no_accessibility_violations(browser, server_url, axe_source, address):
    open_page(browser, server_url + address)
    wait_for(browser, "h1")
    if address == "/roles/postdoc":
        wait_for(browser, "#role-barriers-graph .js-plotly-plot")
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)


def test_without_disclosure_control_the_charts_show_the_hand_counted_shares(browser, raw_url, axe_source):
    open_page(browser, raw_url + "/roles/postdoc")
    for chart in ("role-inflows", "role-outflows", "role-barriers"):
        wait_for(browser, f"#{chart}-graph .js-plotly-plot")
    inflows = browser.find_element(By.ID, "role-inflows-summary").text
    assert inflows.startswith("These data record 7 moves into Postdoctoral research associate")
    assert "PhD student: 86% of arrivals" in inflows
    outflows = browser.find_element(By.ID, "role-outflows-summary").text
    assert outflows.startswith("Of the 7 people who held Postdoctoral research associate, about 1 in 4")
    assert "Data scientist (29%)" in outflows
    bars = browser.find_elements(By.CSS_SELECTOR, "#role-outflows-graph .bars .point text")
    assert [bar.text for bar in bars] == ["29%", "14%", "14%", "14%"]
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)
    save_screenshot(browser, "role-raw")
    assert console_errors(browser) == []
