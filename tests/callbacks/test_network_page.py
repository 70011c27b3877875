"""The Network callbacks called as plain functions: controls to address and map, a click to a profile."""

import json

import pytest
from dash import Dash
from dash.exceptions import PreventUpdate
from plotly.utils import PlotlyJSONEncoder

from app import create_app
from callbacks import network_page as wiring
from layouts import ids
from pathways.model import CareerModel
from tests.conftest import TINY


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


@pytest.fixture(scope="module")
def callbacks(model):
    app = Dash(__name__, suppress_callback_exceptions=True)
    return wiring.register(app, model)


def shown(component):
    return json.dumps(component, cls=PlotlyJSONEncoder, ensure_ascii=False)


def test_controls_write_the_address_and_redraw_the_map(callbacks):
    update, _ = callbacks
    children, search, rendered = update("20", "industry", "/network", "")
    assert search == "?min=20&sector=industry"
    assert rendered == "/network?min=20&sector=industry"
    text = shown(children)
    assert ids.NETWORK_GRAPH in text
    assert "made by at least 20 people, Industry highlighted" in text


def test_the_default_controls_give_a_bare_address(callbacks):
    update, _ = callbacks
    assert update("5", "all", "/network", "")[1:] == ("", "/network")
    assert update(None, None, "/network", "")[1:] == ("", "/network")


def test_clicking_a_role_goes_to_its_profile(callbacks):
    _, open_profile = callbacks
    click = {"points": [{"curveNumber": 1, "pointNumber": 0, "customdata": "postdoc"}]}
    assert open_profile(click) == ("/roles/postdoc", "")


def test_clicking_anything_else_changes_nothing(callbacks):
    _, open_profile = callbacks
    for click in (None, {"points": []}, {"points": [{"curveNumber": 0, "pointNumber": 4}]}):
        with pytest.raises(PreventUpdate):
            open_profile(click)


def test_the_app_wires_the_click_to_the_address():
    app = create_app(TINY)
    outputs = [key for key in app.callback_map if ids.NETWORK_GRAPH not in key]
    wired = [
        spec
        for key, spec in app.callback_map.items()
        if any(i["id"] == ids.NETWORK_GRAPH and i["property"] == "clickData" for i in spec["inputs"])
    ]
    assert len(wired) == 1
    targets = [(output.component_id, output.component_property) for output in wired[0]["output"]]
    assert targets == [(ids.SHELL_LOCATION, "pathname"), (ids.SHELL_LOCATION, "search")]
    assert any(ids.NETWORK_CONTENT in key for key in outputs)
