"""The Pathways callbacks called as plain functions: controls to address and diagram, node click to focus."""

import json

import pytest
from dash import Dash
from dash.exceptions import PreventUpdate
from plotly.utils import PlotlyJSONEncoder

from app import create_app
from callbacks import pathways_page as wiring
from layouts import ids
from layouts import pathways_page as page
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


def test_controls_write_the_address_and_draw_the_diagram(callbacks):
    update, _ = callbacks
    children, search, rendered = update(
        "role", "4", "education", "all", "gender=woman", "all", "count", "/pathways", ""
    )
    assert search == "?level=role&steps=4&sector=education&attribute=gender&value=woman"
    assert rendered == "/pathways" + search
    text = shown(children)
    assert ids.PATHWAYS_GRAPH in text
    assert "Following people who started in Education and whose gender is woman." in text


def test_the_default_controls_give_a_bare_address(callbacks):
    update, _ = callbacks
    _, search, rendered = update("sector", "3", "all", "all", "all", "all", "count", "/pathways", "")
    assert search == "" and rendered == "/pathways"


def test_cleared_controls_fall_back_to_the_defaults(callbacks):
    update, _ = callbacks
    _, search, _ = update(None, None, None, None, None, None, None, "/pathways", "")
    assert search == ""


def test_clicking_a_node_sets_the_starting_sector(callbacks, model):
    _, focus_on_node = callbacks
    figure = page.content(model, {})[ids.PATHWAYS_GRAPH].figure
    keys = figure["data"][0]["meta"]["keys"]
    labels = list(figure["data"][0]["node"]["label"])
    number = keys.index("academia")
    click = {"points": [{"pointNumber": number, "label": labels[number], "curveNumber": 0}]}
    assert focus_on_node(click, figure) == ("academia", "all")


def test_clicking_a_band_changes_nothing(callbacks, model):
    _, focus_on_node = callbacks
    figure = page.content(model, {})[ids.PATHWAYS_GRAPH].figure
    with pytest.raises(PreventUpdate):
        focus_on_node({"points": [{"pointNumber": 0, "label": "", "value": 5}]}, figure)


def test_the_app_wires_the_seven_controls_and_the_click():
    app = create_app(TINY)
    keys = [key for key in app.callback_map if key.startswith(f"..{ids.PATHWAYS_CONTENT}.children")]
    assert len(keys) == 1
    inputs = [(item["id"], item["property"]) for item in app.callback_map[keys[0]]["inputs"]]
    assert inputs == page.CONTROLS
    click = [key for key in app.callback_map if key.startswith(f"..{ids.PATHWAYS_SECTOR}.value")]
    assert len(click) == 1
    assert app.callback_map[click[0]]["inputs"] == [{"id": ids.PATHWAYS_GRAPH, "property": "clickData"}]
