"""Decks in the app: the deck page, Previous/Next and the save form, called as plain functions and over HTTP."""

import json

import pytest
from dash import Dash, dcc, html
from dash.exceptions import PreventUpdate
from flask import session

from app import create_app
from callbacks import present_page as wiring
from layouts import ids
from pathways.decks import Deck, Slide, load_deck, write_deck
from pathways.loading import load_dataset
from pathways.model import CareerModel
from tests.component_tree import by_id
from tests.conftest import TINY

DEMO = Deck(
    "demo",
    "Demo deck",
    "For tests.",
    (
        Slide("/mobility", "Who moves", "Say this."),
        Slide("/pathways?level=role", "Role to role"),
        Slide("/about", "About"),
    ),
)


@pytest.fixture()
def decks(tmp_path):
    folder = tmp_path / "decks"
    write_deck(folder, DEMO)
    (folder / "broken.yaml").write_text("title: Broken\nslides: []\n", encoding="utf-8")
    return folder


@pytest.fixture()
def app(tmp_path, decks):
    built = create_app(
        TINY,
        {
            "DECKS_DIR": str(decks),
            "DATA_OWNER_PASSWORD": "pw",
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        },
    )
    built.server.dash_app = built
    return built


@pytest.fixture(scope="module")
def tiny_catalogue():
    return wiring.as_catalogue(CareerModel.build(load_dataset(TINY)))


def text(component):
    parts, stack = [], [component]
    while stack:
        node = stack.pop()
        if isinstance(node, str | int | float):
            parts.append(str(node))
        elif isinstance(node, list | tuple):
            stack.extend(reversed(node))
        elif node is not None:
            stack.append(getattr(node, "children", None))
    return " ".join(parts)


def test_the_deck_folder_comes_from_the_settings_or_defaults_to_data_decks(app, decks):
    with app.server.app_context():
        assert wiring.decks_folder() == decks
        app.server.config["SETTINGS"].pop("DECKS_DIR")
        assert wiring.decks_folder() == wiring.DEFAULT_DECKS
    assert (wiring.DEFAULT_DECKS / "headlines.yaml").is_file()


def test_the_listing_reads_every_deck_and_keeps_the_problems_of_broken_ones(decks):
    listing = wiring.deck_listing(decks)
    assert [deck_id for deck_id, _ in listing] == ["broken", "demo"]
    assert listing[0][1] == ["broken.yaml: slides must be a list of at least one slide"]
    assert listing[1][1] == DEMO


def test_slide_one_of_a_deck(app, tiny_catalogue):
    with app.server.test_request_context("/"):
        body = wiring.page_body(tiny_catalogue, "demo", {})
    assert by_id(body, ids.PRESENT_TITLE).children == "Who moves"
    assert by_id(body, ids.PRESENT_POSITION).children == "Slide 1 of 3"
    assert by_id(body, ids.PRESENT_PREVIOUS).disabled is True
    assert by_id(body, ids.PRESENT_NEXT).disabled is False
    assert by_id(body, ids.PRESENT_DATA).children == "Tiny hand-counted fixture (synthetic data)"
    assert by_id(body, "mobility-matrix-graph").figure["layout"]["font"]["size"] == 22.5
    assert text(by_id(body, ids.PRESENT_NOTES)) == "Say this."


def test_a_slide_named_in_the_address_and_an_invalid_one(app, tiny_catalogue):
    with app.server.test_request_context("/"):
        third = wiring.page_body(tiny_catalogue, "demo", {"slide": "3"})
        invalid = wiring.page_body(tiny_catalogue, "demo", {"slide": "7"})
    assert by_id(third, ids.PRESENT_TITLE).children == "About"
    assert by_id(third, ids.PRESENT_NEXT).disabled is True
    assert by_id(invalid, ids.PRESENT_POSITION).children == "Slide 1 of 3"
    assert "Ignored slide '7' in the address: must be between 1 and 3." in text(
        by_id(invalid, ids.PRESENT_NOTICE)
    )


def test_a_slide_is_drawn_for_the_dataset_the_deck_address_names(app, tiny_catalogue):
    with app.server.test_request_context("/"):
        body = wiring.page_body(tiny_catalogue, "demo", {"dataset": "nope"})
    assert "Ignored dataset 'nope' in the address: there is no such dataset." in text(
        by_id(body, ids.PRESENT_NOTICE)
    )


@pytest.mark.parametrize("deck_id", ["nope", "../../etc/passwd", "Demo"])
def test_an_unknown_deck_gets_the_list_of_decks(app, tiny_catalogue, deck_id):
    with app.server.test_request_context("/"):
        body = wiring.page_body(tiny_catalogue, deck_id, {})
    assert body.children[0].children.startswith("There is no deck called")
    assert "Demo deck" in text(body)


def test_a_broken_deck_says_what_is_wrong(app, tiny_catalogue):
    with app.server.test_request_context("/"):
        body = wiring.page_body(tiny_catalogue, "broken", {})
    assert body.children[0].children == "The deck 'broken' cannot be shown"
    assert "broken.yaml: slides must be a list of at least one slide" in text(body)


def test_the_index_asks_visitors_to_sign_in_and_gives_data_owners_the_form(app, tiny_catalogue):
    with app.server.test_request_context("/"):
        visitor = wiring.page_body(tiny_catalogue, "", {"save": "http://host/mobility?show=percent"})
        session["data_owner"] = True
        owner = wiring.page_body(tiny_catalogue, "", {"save": "http://host/mobility?show=percent"})
    assert "Demo deck" in text(by_id(visitor, ids.PRESENT_DECKS))
    assert "Only a data owner can save views" in text(visitor)
    assert by_id(owner, ids.PRESENT_SAVE_ADDRESS).value == "/mobility?show=percent"
    assert [o["value"] for o in by_id(owner, ids.PRESENT_SAVE_DECK).options] == ["demo", "__new__"]


def test_next_and_previous_turn_the_slide_and_write_the_address(app, tiny_catalogue):
    with app.server.test_request_context("/"):
        following = wiring.turn_slide(tiny_catalogue, "/present/demo", "", 1)
        back = wiring.turn_slide(tiny_catalogue, "/present/demo", "?slide=2", -1)
        stays = wiring.turn_slide(tiny_catalogue, "/present/demo", "?slide=3", 1)
        kept = wiring.turn_slide(tiny_catalogue, "/present/demo", "?slide=1&dataset=bundled", 1)
    outputs = dict(zip([component for component, _ in wiring.SLIDE_OUTPUTS], following))
    assert outputs[ids.PRESENT_TITLE] == "Role to role"
    assert outputs[ids.PRESENT_POSITION] == "Slide 2 of 3"
    assert (outputs[ids.PRESENT_PREVIOUS], outputs[ids.PRESENT_NEXT]) == (False, False)
    assert following[-2:] == ("?slide=2", "/present/demo?slide=2")
    assert back[0] == "Who moves" and back[-2:] == ("", "/present/demo")
    assert stays[0] == "About" and stays[-2:] == ("?slide=3", "/present/demo?slide=3")
    assert kept[-2] == "?slide=2&dataset=bundled"


def test_turning_a_deck_that_is_gone_does_nothing(app, tiny_catalogue):
    with app.server.test_request_context("/"), pytest.raises(PreventUpdate):
        wiring.turn_slide(tiny_catalogue, "/present/gone", "", 1)


def test_only_a_data_owner_saves_a_view(app, decks):
    with app.server.test_request_context("/"):
        message, _, _ = wiring.save_slide("demo", "", "/network", "The map", "")
    assert "Sign in as a data owner to save views into decks." in text(message)
    assert load_deck(decks / "demo.yaml") == DEMO


def test_a_data_owner_saves_into_a_deck_or_a_new_one(app, decks):
    with app.server.test_request_context("/"):
        session["data_owner"] = True
        message, listing, choices = wiring.save_slide(
            "demo", "", "http://127.0.0.1:8050/network?min=5", "The map", "Point."
        )
        assert "Saved as slide 4 of the deck 'Demo deck'." in text(message)
        assert load_deck(decks / "demo.yaml").slides[-1] == Slide("/network?min=5", "The map", "Point.")
        message, listing, choices = wiring.save_slide("__new__", "talk-1", "/barriers", "Barriers ", None)
    assert "Saved as slide 1 of the deck 'Talk 1'." in text(message)
    assert load_deck(decks / "talk-1.yaml").slides == (Slide("/barriers", "Barriers"),)
    assert [choice["value"] for choice in choices] == ["broken", "demo", "talk-1", "__new__"]
    assert "Talk 1" in text(listing)


def test_a_refused_save_lists_every_problem_and_writes_nothing(app, decks):
    with app.server.test_request_context("/"):
        session["data_owner"] = True
        message, _, _ = wiring.save_slide("__new__", "Bad Name", "javascript:alert(1)", "", "")
    assert "Nothing was saved:" in text(message)
    assert "may use only a-z" in text(message)
    assert sorted(path.name for path in decks.iterdir()) == ["broken.yaml", "demo.yaml"]


def post(app, output_fragment, inputs, state=()):
    """Call a callback the way the browser does; return its response."""
    (key,) = [key for key in app.callback_map if output_fragment in key]
    if key.startswith(".."):
        outputs = [
            dict(zip(("id", "property"), part.split(".", 1), strict=True))
            for part in key.strip(".").split("...")
        ]
    else:
        outputs = dict(zip(("id", "property"), key.split(".", 1), strict=True))
    body = {
        "output": key,
        "outputs": outputs,
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
        "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"],
    }
    client = app.server.test_client()
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.loads(response.get_data(as_text=True))["response"]


def test_the_wiring_loads_a_deck_over_http(app):
    response = post(
        app, "present-body.children", [(ids.PRESENT_REQUEST, "data", {"deck": "demo", "query": {}})]
    )
    assert "Who moves" in json.dumps(response)
    assert "Slide 1 of 3" in json.dumps(response)


def test_the_wiring_turns_a_slide_over_http(app):
    response = post(
        app,
        "present-title.children",
        [(ids.PRESENT_NEXT, "n_clicks", 1), (ids.PRESENT_PREVIOUS, "n_clicks", None)],
        [(ids.SHELL_LOCATION, "pathname", "/present/demo"), (ids.SHELL_LOCATION, "search", "")],
    )
    assert response[ids.PRESENT_TITLE]["children"] == "Role to role"
    assert response[ids.PRESENT_NEXT]["disabled"] is False
    search = [value for key, value in response[ids.SHELL_LOCATION].items() if key.startswith("search")]
    assert search == ["?slide=2"]


def test_presentation_mode_is_set_in_the_browser_and_the_shell_has_the_save_link(app):
    assert any(key.startswith("shell-main.className") for key in app.callback_map)
    assert any(ids.PRESENT_SAVE_LINK in key for key in app.callback_map)


def test_the_save_link_follows_the_address_once_the_shell_has_it(tiny_catalogue):
    app = Dash(__name__, suppress_callback_exceptions=True)
    app.layout = html.Div(
        [
            dcc.Location(id=ids.SHELL_LOCATION),
            html.Footer(html.A("Save this view to a deck", href="/present/", id=ids.PRESENT_SAVE_LINK)),
        ]
    )
    wiring.register(app, tiny_catalogue)
    assert f"{ids.PRESENT_SAVE_LINK}.href" in app.callback_map
    assert "encodeURIComponent" in wiring.SAVE_LINK_SCRIPT
