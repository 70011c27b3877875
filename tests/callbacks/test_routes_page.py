"""The route finder's callback called as a plain function."""

import json

import pytest
from dash import Dash

from app import create_app
from callbacks import routes_page as wiring
from layouts import ids
from pathways.model import CareerModel
from tests.conftest import TINY


@pytest.fixture(scope="module")
def update(tiny):
    app = Dash(__name__, suppress_callback_exceptions=True)
    return wiring.register(app, CareerModel.build(tiny))


def test_controls_write_the_address_and_draw_the_routes(update):
    children, search, rendered = update("phd", "ds", "6", "none", "5", "/routes", "")
    assert search == "?from=phd&to=ds"
    assert rendered == "/routes?from=phd&to=ds"
    shown = json.dumps(children.to_plotly_json(), default=str)
    assert ids.ROUTES_LIST in shown and ids.ROUTES_CHART in shown
    assert "PhD student \\u2192 Postdoctoral research associate \\u2192 Data scientist" in shown


def test_options_that_differ_from_the_defaults_go_in_the_address(update):
    _, search, _ = update("msc", "founder", "2", "industry", "3", "/routes", "")
    assert search == "?from=msc&to=founder&steps=2&avoid=industry&k=3"


def test_no_route_is_an_answer_not_an_error(update):
    children, search, _ = update("nhs_analyst", "founder", "6", "none", "5", "/routes", "")
    assert search == "?from=nhs_analyst&to=founder"
    assert "No route found" in json.dumps(children.to_plotly_json(), default=str)


def test_cleared_controls_give_the_default_view(update):
    children, search, rendered = update("", "", None, None, None, "/routes", "")
    assert search == "" and rendered == "/routes"
    assert ids.ROUTES_EXAMPLES in json.dumps(children.to_plotly_json(), default=str)


def test_the_app_registers_the_callback_on_the_five_controls():
    app = create_app(TINY)
    keys = [key for key in app.callback_map if key.startswith(f"..{ids.ROUTES_CONTENT}.children")]
    assert len(keys) == 1
    inputs = [(item["id"], item["property"]) for item in app.callback_map[keys[0]]["inputs"]]
    assert inputs == [
        (ids.ROUTES_FROM, "value"),
        (ids.ROUTES_TO, "value"),
        (ids.ROUTES_STEPS, "value"),
        (ids.ROUTES_AVOID, "value"),
        (ids.ROUTES_K, "value"),
    ]


def test_the_csv_download_is_served():
    client = create_app(TINY).server.test_client()
    response = client.get("/download/routes.csv?from=phd&to=ds")
    assert response.status_code == 200
    assert response.get_data(as_text=True).splitlines() == [
        "route,step,from_role,to_role,probability,people,median_years",
        "1,all,phd,ds,,<5,",
        "1,1,phd,postdoc,,5,4.0",
        "1,2,postdoc,ds,,<5,",
        "2,all,phd,ds,,<5,",
        "2,1,phd,ds,,<5,",
    ]
