"""Moderation through the app: only a data owner sees contributions or hides one, and a hidden one leaves."""

import json

import pytest

from app import create_app
from callbacks.moderate_page import moderate_view, set_hidden
from storage import hash_client
from tests.conftest import TINY

PAYLOAD = {"v": 1, "steps": [{"role": "phd"}, {"role": "postdoc"}], "answers": {"recognised": 4}}


def text_of(component):
    if component is None:
        return ""
    if isinstance(component, dict):
        return text_of(component.get("props", {}).get("children"))
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return "".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


@pytest.fixture()
def app(tmp_path):
    return create_app(
        TINY, {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DATA_OWNER_PASSWORD": "pw"}
    )


@pytest.fixture()
def room(app):
    store = app.server.config["STORE"]
    code = store.create_workshop("Leeds careers day").code
    ids = [store.add_contribution(code, PAYLOAD, hash_client("192.0.2.3", "k")) for _ in range(5)]
    store.release_batches(code, min_count=5)
    return store, code, ids


def toggle_body(app, contribution_id, action, code):
    (output,) = [key for key in app.callback_map if "moderate-message.children" in key]
    return {
        "output": output,
        "outputs": [
            {"id": "moderate-panel", "property": "children"},
            {"id": "moderate-message", "property": "children"},
        ],
        "inputs": [
            [
                {
                    "id": {"action": action, "id": contribution_id, "type": "moderate-toggle"},
                    "property": "n_clicks",
                    "value": 1,
                }
            ]
        ],
        "state": [{"id": "shell-location", "property": "search", "value": f"?w={code}"}],
        "changedPropIds": [
            json.dumps(
                {"action": action, "id": contribution_id, "type": "moderate-toggle"}, separators=(",", ":")
            )
            + ".n_clicks"
        ],
    }


def test_the_view_needs_a_data_owner(app, room):
    store, code, _ = room
    with app.server.test_request_context("/"):
        assert "Sign in as a data owner" in text_of(moderate_view(store, code))
        from flask import session

        session["data_owner"] = True
        view = text_of(moderate_view(store, code))
        assert "Leeds careers day" in view and view.count("phd > postdoc") == 5
        assert "There is no workshop with the code 'NOPE42'." in text_of(moderate_view(store, "NOPE42"))
        assert "Choose a workshop to moderate" in text_of(moderate_view(store, None))


def test_hiding_removes_a_contribution_from_what_is_released(room):
    store, code, ids = room
    assert set_hidden(store, ids[0], True).startswith(f"Contribution {ids[0]} is hidden")
    assert len(store.released_contributions(code)) == 4
    assert set_hidden(store, ids[0], False).startswith(f"Contribution {ids[0]} is shown again")
    assert len(store.released_contributions(code)) == 5
    assert set_hidden(store, 999, True) == "There is no contribution with the id 999."


def test_the_hide_button_works_only_for_a_signed_in_data_owner(app, room):
    store, code, ids = room
    client = app.server.test_client()
    body = toggle_body(app, ids[1], "hide", code)
    response = json.loads(client.post("/_dash-update-component", json=body).get_data(as_text=True))[
        "response"
    ]
    assert "Sign in as a data owner" in text_of(response["moderate-panel"]["children"])
    assert len(store.released_contributions(code)) == 5
    with client.session_transaction() as session:
        session["data_owner"] = True
    response = json.loads(client.post("/_dash-update-component", json=body).get_data(as_text=True))[
        "response"
    ]
    assert response["moderate-message"]["children"].startswith(f"Contribution {ids[1]} is hidden")
    assert "hidden" in text_of(response["moderate-panel"]["children"])
    assert len(store.released_contributions(code)) == 4
