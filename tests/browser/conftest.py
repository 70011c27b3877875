"""Browser tests in Debian's headless Chromium: one app server and one browser per module.

Each test module defines a module-scoped ``app`` fixture; ``server_url`` serves
it from a thread on a free loopback port and ``browser`` drives Chromium;
``raw_url`` serves a copy of the tiny fixture without disclosure control.
Without chromium the tests are skipped with the reason, except under
``CI=true`` where a missing browser fails the run.
"""

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from app import create_app
from tests.conftest import TINY

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".tools" / "axe-core-4.14.1" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RAW_RULES = "disclosure:\n  min_count: 1\n  round_to: 1\n  min_denominator: 1\n  secondary: false\n"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _require(condition, reason):
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI needs it: the browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server_url(app):
    """Serve the module's ``app`` on a free loopback port for the module's tests."""
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def raw_url(tmp_path_factory):
    """The tiny fixture without disclosure control, served on its own port."""
    folder = tmp_path_factory.mktemp("tiny-raw") / "tiny"
    shutil.copytree(TINY, folder)
    with (folder / "dataset.yaml").open("a", encoding="utf-8") as metadata:
        metadata.write(RAW_RULES)
    server = make_server("127.0.0.1", 0, create_app(folder).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def chrome_options(width=1366, height=768):
    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return options


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium at 1366x768, shared by the module's tests."""
    _require(CHROMIUM and CHROMEDRIVER, "chromium and chromedriver are not installed")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=chrome_options())
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def axe_source():
    """axe-core's source, fetched by ``make test`` from the npm registry."""
    _require(AXE.exists(), f"axe-core is missing at {AXE}; run `make test` to fetch it")
    return AXE.read_text(encoding="utf-8")


def open_page(driver, url, ready_css="#shell-main > *"):
    """Load ``url`` and wait until the router has filled the page."""
    driver.get(url)
    return wait_for(driver, ready_css)


def wait_for(driver, css, timeout=15):
    try:
        return WebDriverWait(driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))
    except TimeoutException:
        raise AssertionError(f"nothing matched {css!r} within {timeout}s at {driver.current_url}") from None


def wait_until(driver, predicate, timeout=15, message="condition"):
    try:
        return WebDriverWait(driver, timeout).until(lambda d: predicate(d))
    except TimeoutException:
        raise AssertionError(f"{message} did not happen within {timeout}s at {driver.current_url}") from None


def console_errors(driver):
    """Browser console entries at SEVERE level since the last call."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def axe_violations(driver, axe_source):
    """Run axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page; return its violations."""
    driver.execute_script(axe_source)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: " + json.dumps(WCAG_TAGS) + "}})"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));"
    )


def describe_violations(violations):
    lines = []
    for violation in violations:
        targets = [node.get("target") for node in violation.get("nodes", [])][:5]
        lines.append(f"{violation['id']}: {violation.get('help')} at {targets}")
    return "\n".join(lines)


def save_screenshot(driver, name):
    """Save a PNG of the whole page into tests/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, max(768, min(height + 100, 4000)))
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(width, 768)
    return path
