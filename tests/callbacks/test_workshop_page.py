"""The presenter's screen refreshing itself, workshop management, and the QR, CSV and zip routes."""

import io
import json
import zipfile

import pytest
from dash import no_update

from app import create_app
from callbacks.router import as_catalogue
from callbacks.workshop_page import admin_view, manage, qr_svg, refresh_room, room_catalogue
from pathways.loading import load_dataset
from pathways.model import CareerModel
from storage import Store, hash_client
from tests.component_tree import text_of
from tests.conftest import TINY

PAYLOAD = {"v": 1, "steps": [{"role": "phd"}, {"role": "postdoc"}], "answers": {"recognised": 4}}


def add(store, code, count):
    client = hash_client("192.0.2.77", "secret")
    return [store.add_contribution(code, PAYLOAD, client) for _ in range(count)]


@pytest.fixture()
def store(tmp_path):
    with Store.from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}") as opened:
        yield opened


@pytest.fixture()
def rooms(store, tiny):
    return room_catalogue(as_catalogue(CareerModel.build(tiny)), store)


def test_the_screen_releases_a_batch_only_when_five_wait(store, rooms):
    code = store.create_workshop("Leeds careers day").code
    heading, status, results, version = refresh_room(store, rooms, code, "room", None)
    assert heading == "Workshop: Leeds careers day"
    assert status.startswith("No answers on the screen yet.")
    assert "Nothing to show yet" in text_of(results)
    add(store, code, 4)
    _, status, results, version = refresh_room(store, rooms, code, "room", version)
    assert "Waiting for more people" in status and "4" not in status
    assert results is no_update  # nothing new released: the screen is not redrawn
    assert store.pending_count(code) == 4
    add(store, code, 1)
    _, status, results, version = refresh_room(store, rooms, code, "room", version)
    assert status.startswith("Answers from 5 people are on the screen.")
    assert store.pending_count(code) == 0
    assert "Among the people in this room, the largest flow is from Education to Academia" in text_of(results)
    assert version[:2] == ["room", 5]
    # The same again: no redraw; the other view: a redraw.
    assert refresh_room(store, rooms, code, "room", version)[2] is no_update
    _, _, merged, merged_version = refresh_room(store, rooms, code, "merged", version)
    assert "the people in this room and the bundled data" in text_of(merged)
    assert merged_version[0] == "merged"


def test_an_unknown_workshop_or_a_database_that_is_down_says_so(store, rooms, tmp_path, tiny):
    heading, status, results, version = refresh_room(store, rooms, "NOPE42", "room", None)
    assert heading == "Workshop not found" and "There is no workshop with the code NOPE42" in status
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with Store.from_url(f"sqlite:///{blocker / 'db.sqlite3'}") as down:
        down_rooms = room_catalogue(as_catalogue(CareerModel.build(tiny)), down)
        heading, status, results, version = refresh_room(down, down_rooms, "AB3K9Q", "room", ["room", 5, "x"])
    assert heading is no_update and results is no_update and version == ["room", 5, "x"]
    assert "not reachable" in status


def test_managing_workshops(store):
    rows, message, cleared = manage(store, "create", "  Leeds careers day ")
    (workshop,) = store.list_workshops()
    assert message == f"Opened Leeds careers day: its code is {workshop.code}."
    assert cleared == "" and "Leeds careers day" in text_of(rows)
    assert manage(store, "create", "   ")[1] == "Please give the workshop a name (up to 100 characters)."
    rows, message, _ = manage(store, "close", workshop.code)
    assert message == "Closed Leeds careers day: it takes no more answers."
    assert not store.get_workshop(workshop.code).open
    assert "closed" in text_of(rows)
    assert manage(store, "close", "NOPE42")[1] == "There is no workshop with the code 'NOPE42'."


def test_the_qr_code_is_an_svg_made_here():
    svg = qr_svg("http://example.org/contribute?w=AB3K9Q").decode()
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "<title>QR code for http://example.org/contribute?w=AB3K9Q</title>" in svg


@pytest.fixture()
def app(tmp_path):
    built = create_app(
        TINY, {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DATA_OWNER_PASSWORD": "pw"}
    )
    return built


def sign_in(client):
    with client.session_transaction() as session:
        session["data_owner"] = True


def test_the_qr_route_encodes_the_public_address(app, tmp_path):
    client = app.server.test_client()
    response = client.get("/workshop/ab3k9q/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "QR code for http://localhost/contribute?w=AB3K9Q" in response.get_data(as_text=True)
    assert client.get("/workshop/not%20a%20code/qr.svg").status_code == 404
    public = create_app(
        TINY,
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}",
            "PUBLIC_URL": "https://careers.example.ac.uk/",
        },
    )
    text = public.server.test_client().get("/workshop/AB3K9Q/qr.svg").get_data(as_text=True)
    assert "QR code for https://careers.example.ac.uk/contribute?w=AB3K9Q" in text


def test_the_export_is_for_data_owners_and_loads_as_a_dataset(app, tmp_path):
    store = app.server.config["STORE"]
    code = store.create_workshop("Leeds careers day").code
    ids = add(store, code, 6)
    store.release_batches(code, min_count=5)
    store.hide_contribution(ids[0])
    client = app.server.test_client()
    assert client.get(f"/workshop/{code}/export.zip").status_code == 403
    sign_in(client)
    response = client.get(f"/workshop/{code.lower()}/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == f'attachment; filename="workshop-{code.lower()}.zip"'
    zipfile.ZipFile(io.BytesIO(response.data)).extractall(tmp_path / "out")
    loaded = load_dataset(tmp_path / "out" / f"workshop-{code.lower()}")
    assert loaded.summary()["people"] == 5 and loaded.info.kind == "contributions"
    assert client.get("/workshop/NOPE42/export.zip").status_code == 404


def test_the_room_s_csv_downloads_are_protected(app):
    store = app.server.config["STORE"]
    code = store.create_workshop("Leeds").code
    add(store, code, 6)
    store.release_batches(code, min_count=5)
    client = app.server.test_client()
    flows = client.get(f"/workshop/{code}/flows.csv")
    assert flows.status_code == 200 and flows.mimetype == "text/csv"
    assert flows.get_data(as_text=True) == "step,source,target,people\n1,education,academia,5\n"
    barriers = client.get(f"/workshop/{code}/barriers.csv").get_data(as_text=True)
    assert barriers.splitlines()[1].startswith("recognised,My contribution is recognised by my institution,")
    merged = client.get(f"/workshop/{code}/flows.csv?data=merged").get_data(as_text=True)
    assert merged.count("\n") > 2
    assert client.get(f"/workshop/{code}/people.csv").status_code == 404
    assert client.get("/workshop/NOPE42/flows.csv").status_code == 404


def test_the_admin_section_and_its_actions_need_a_data_owner(app):
    store = app.server.config["STORE"]
    store.create_workshop("Leeds")
    with app.server.test_request_context("/"):
        assert "Sign in as a data owner" in text_of(admin_view(store))
        from flask import session

        session["data_owner"] = True
        assert "Leeds" in text_of(admin_view(store))
    client = app.server.test_client()
    (output,) = [key for key in app.callback_map if "workshop-list.children" in key]
    body = {
        "output": output,
        "outputs": [
            {"id": "workshop-list", "property": "children"},
            {"id": "workshop-message", "property": "children"},
            {"id": "workshop-name", "property": "value"},
        ],
        "inputs": [
            {"id": "workshop-create", "property": "n_clicks", "value": 1},
            {"id": "workshop-name", "property": "n_submit", "value": None},
            [],
        ],
        "state": [{"id": "workshop-name", "property": "value", "value": "Sneaky"}],
        "changedPropIds": ["workshop-create.n_clicks"],
    }
    refused = json.loads(client.post("/_dash-update-component", json=body).get_data(as_text=True))
    assert refused["response"]["workshop-message"]["children"] == "Please sign in as a data owner again."
    assert [w.name for w in store.list_workshops()] == ["Leeds"]
    sign_in(client)
    opened = json.loads(client.post("/_dash-update-component", json=body).get_data(as_text=True))
    assert opened["response"]["workshop-message"]["children"].startswith("Opened Sneaky")
    assert sorted(w.name for w in store.list_workshops()) == ["Leeds", "Sneaky"]
