"""The compare page's callback called as a plain function; the role profile registers none."""

import json

import pytest
from dash import Dash

from app import create_app
from callbacks import compare_page as wiring
from callbacks import role_page as role_wiring
from layouts import ids
from pathways.model import CareerModel
from tests.conftest import TINY


@pytest.fixture(scope="module")
def update(tiny):
    app = Dash(__name__, suppress_callback_exceptions=True)
    return wiring.register(app, CareerModel.build(tiny))


def test_choosing_roles_writes_the_address_and_draws_the_comparison(update):
    children, search, rendered = update("postdoc", "-", "ds", "/compare", "")
    assert search == "?roles=postdoc,ds"
    assert rendered == "/compare?roles=postdoc,ds"
    shown = json.dumps(children.to_plotly_json(), default=str, ensure_ascii=False)
    assert ids.COMPARE_TABLE in shown and ids.COMPARE_CHART in shown
    assert "1. Postdoctoral research associate" in shown and "2. Data scientist" in shown


def test_a_repeated_role_is_shown_once(update):
    _, search, _ = update("ds", "ds", "rse", "/compare", "")
    assert search == "?roles=ds,rse"


def test_emptied_selects_give_the_default_view(update):
    children, search, rendered = update("-", "-", "-", "/compare", "")
    assert search == "" and rendered == "/compare"
    assert ids.COMPARE_EXAMPLES in json.dumps(children.to_plotly_json(), default=str)


def test_the_app_registers_the_callback_on_the_three_selects():
    app = create_app(TINY)
    keys = [key for key in app.callback_map if key.startswith(f"..{ids.COMPARE_CONTENT}.children")]
    assert len(keys) == 1
    inputs = [(item["id"], item["property"]) for item in app.callback_map[keys[0]]["inputs"]]
    assert inputs == [
        (ids.COMPARE_ROLE_A, "value"),
        (ids.COMPARE_ROLE_B, "value"),
        (ids.COMPARE_ROLE_C, "value"),
    ]
    # The role profile has no controls, so nothing writes its content but the router.
    assert not [key for key in app.callback_map if ids.ROLE_CONTENT in key]


def test_the_role_profile_registers_nothing(tiny):
    app = Dash(__name__, suppress_callback_exceptions=True)
    assert role_wiring.register(app, CareerModel.build(tiny)) is None
    assert app.callback_map == {}


def test_the_downloads_are_served_as_csv():
    client = create_app(TINY).server.test_client()
    for address in ("/download/role.csv?role=postdoc", "/download/role.csv?rest=postdoc"):
        response = client.get(address)
        assert response.status_code == 200 and response.mimetype == "text/csv"
        lines = response.get_data(as_text=True).splitlines()
        assert lines[0] == "role_id,measure,item_id,item,count,percent,median_years"
        assert "postdoc,people who held the role,postdoc,Postdoctoral research associate,5,," in lines[1]
    compare = client.get("/download/compare.csv?roles=postdoc,ds").get_data(as_text=True)
    assert "ds,moved on to a role in the sector,entrepreneurship,Entrepreneurship,0,," in compare
