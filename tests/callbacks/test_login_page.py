"""Data-owner sign in through the app: wrong password, right password, no password configured."""

import json

import pytest

from app import create_app
from tests.conftest import TINY


def submit(client, password, next_address="/data"):
    (output,) = [key for key in client.application.dash_app.callback_map if "login-status.children" in key]
    pathname, search = (part.strip(".").split(".", 1)[1] for part in output.split("...")[1:])
    body = {
        "output": output,
        "outputs": [
            {"id": "login-status", "property": "children"},
            {"id": "shell-location", "property": pathname},
            {"id": "shell-location", "property": search},
        ],
        "inputs": [
            {"id": "login-submit", "property": "n_clicks", "value": 1},
            {"id": "login-password", "property": "n_submit", "value": None},
        ],
        "state": [
            {"id": "login-password", "property": "value", "value": password},
            {"id": "login-next", "property": "children", "value": next_address},
        ],
        "changedPropIds": ["login-submit.n_clicks"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))["response"]


@pytest.fixture()
def client(tmp_path):
    app = create_app(
        TINY, {"DATA_OWNER_PASSWORD": "s3cret pass", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    )
    app.server.dash_app = app
    return app.server.test_client()


def test_wrong_password_is_refused_and_stays_on_the_page(client):
    response = submit(client, "guess")
    assert response["login-status"]["children"] == "That password is not right. Try again."
    assert "shell-location" not in response
    with client.session_transaction() as session:
        assert "data_owner" not in session


def test_right_password_signs_in_and_goes_on(client):
    response = submit(client, "s3cret pass", "/data?x=1")
    assert response["login-status"]["children"] == "Signed in."
    assert response["shell-location"] == {"pathname": "/data", "search": "?x=1"}
    with client.session_transaction() as session:
        assert session["data_owner"] is True


def test_next_address_must_stay_on_this_site(client):
    assert submit(client, "s3cret pass", "//evil.example/")["shell-location"] == {
        "pathname": "/data",
        "search": "",
    }


def test_without_a_configured_password_nobody_signs_in(tmp_path):
    app = create_app(TINY, {"DATA_OWNER_PASSWORD": "", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})
    app.server.dash_app = app
    response = submit(app.server.test_client(), "")
    assert response["login-status"]["children"].startswith("Data-owner pages are switched off")
