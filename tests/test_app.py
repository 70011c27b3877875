"""The app through Flask's test client: pages answer, headers are set, settings are read."""

import json

import pytest

from app import create_app, settings_from_environment
from tests.conftest import TINY


@pytest.fixture(scope="module")
def client():
    return create_app(TINY).server.test_client()


def test_index_is_served_in_british_english(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="en-GB">' in response.get_data(as_text=True)


def test_security_headers_are_set(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp
    assert "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_bootstrap_is_served_locally(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert "/assets/bootstrap-5.3.9.min.css" in html
    assert "cdn" not in html.lower()
    assert client.get("/assets/bootstrap-5.3.9.min.css").status_code == 200


def test_layout_holds_the_router(client):
    layout = json.loads(client.get("/_dash-layout").get_data(as_text=True))
    text = json.dumps(layout)
    assert '"shell-location"' in text and '"shell-main"' in text


def test_router_renders_home_with_dataset_name(client):
    body = {
        "output": "..shell-main.children...shell-title.data...shell-rendered.data..."
        "shell-dataset-badge.children...shell-dataset-badge.color...shell-source.children..",
        "outputs": [
            {"id": "shell-main", "property": "children"},
            {"id": "shell-title", "property": "data"},
            {"id": "shell-rendered", "property": "data"},
            {"id": "shell-dataset-badge", "property": "children"},
            {"id": "shell-dataset-badge", "property": "color"},
            {"id": "shell-source", "property": "children"},
        ],
        "inputs": [
            {"id": "shell-location", "property": "pathname", "value": "/"},
            {"id": "shell-location", "property": "search", "value": ""},
        ],
        "state": [{"id": "shell-rendered", "property": "data", "value": None}],
        "changedPropIds": ["shell-location.pathname"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Tiny hand-counted fixture" in text
    shell = json.loads(text)["response"]
    assert shell["shell-dataset-badge"] == {"children": "Synthetic data", "color": "warning"}
    assert shell["shell-source"]["children"].startswith("Data: Tiny hand-counted fixture. ")


def test_settings_come_from_the_environment():
    settings = settings_from_environment({"DATASET_DIR": "/x", "SECRET_KEY": "k", "MAX_UPLOAD_BYTES": "10"})
    assert settings["DATASET_DIR"] == "/x"
    assert settings["SECRET_KEY"] == "k"
    assert settings["MAX_UPLOAD_BYTES"] == 10
    assert len(settings_from_environment({})["SECRET_KEY"]) == 64


def test_every_setting_is_documented_in_the_readme():
    readme = (TINY.parents[2] / "README.md").read_text(encoding="utf-8")
    for name in settings_from_environment({}):
        assert f"`{name}`" in readme, f"{name} is not documented in README.md"
