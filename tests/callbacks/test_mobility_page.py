"""The Mobility callback called as a plain function: the measure control to address and charts."""

import json

import pytest
from dash import Dash
from plotly.utils import PlotlyJSONEncoder

from app import create_app
from callbacks import mobility_page as wiring
from layouts import ids
from pathways.model import CareerModel
from tests.conftest import TINY


@pytest.fixture(scope="module")
def update(tiny):
    app = Dash(__name__, suppress_callback_exceptions=True)
    return wiring.register(app, CareerModel.build(tiny))


def test_the_measure_writes_the_address_and_redraws_the_grid(update):
    children, search, rendered = update("percent", "/mobility", "")
    assert (search, rendered) == ("?show=percent", "/mobility?show=percent")
    text = json.dumps(children, cls=PlotlyJSONEncoder, ensure_ascii=False)
    assert "Of the moves out of Education, 55% went to Academia." in text
    assert ids.MOBILITY_RETURNS in text


def test_counts_are_the_default(update):
    children, search, rendered = update("count", "/mobility", "")
    assert (search, rendered) == ("", "/mobility")
    assert "share of each row" not in json.dumps(children, cls=PlotlyJSONEncoder)


def test_the_app_serves_the_page_and_its_csv():
    app = create_app(TINY)
    client = app.server.test_client()
    response = client.get("/download/mobility.csv?table=returns")
    assert response.status_code == 200
    assert response.data.decode().splitlines()[:2] == [
        "sector,people,left,returned,percent",
        "education,10,10,0,0.0",
    ]
    assert any(ids.MOBILITY_CONTENT in key for key in app.callback_map)
