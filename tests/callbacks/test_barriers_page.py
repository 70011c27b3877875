"""The Barriers page's callbacks called as plain functions, and their registration on the app.

``register(app, model)`` wraps the single model as a catalogue; the controls'
callback takes the control values, then the pathname and the current search.
"""

import pytest
from dash import Dash

from app import create_app
from callbacks import barriers_page as wiring
from layouts import barriers_page as page
from layouts import ids
from pathways.model import CareerModel
from tests.conftest import TINY

ANY = page.ANY


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


@pytest.fixture(scope="module")
def callbacks(model):
    return wiring.register(Dash(__name__), model)


def find(component, component_id):
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            found = find(child, component_id)
            if found is not None:
                return found
    return None


def test_the_app_registers_the_pages_callbacks():
    keys = " ".join(create_app(TINY).callback_map)
    assert f"{ids.BARRIERS_CONTENT}.children" in keys
    assert f"{ids.BARRIERS_VALUE}.options" in keys
    assert f"{ids.BARRIERS_GROUP_A}.options" in keys and f"{ids.BARRIERS_GROUP_B}.value" in keys


def test_a_filter_redraws_the_content_and_writes_the_address(callbacks):
    update, _, _ = callbacks
    children, search, rendered = update("academia", ANY, ANY, ANY, ANY, ANY, ANY, "/barriers", "")
    assert search == "?sector=academia"
    assert rendered == "/barriers?sector=academia"
    summary = find(children, f"{ids.BARRIERS_AGREEMENT}-summary").children
    assert summary.startswith("None of the 3 statements has 10 or more answers from people in Academia")


def test_choosing_groups_to_compare_shows_the_comparison(callbacks):
    update, _, _ = callbacks
    children, search, _ = update(ANY, ANY, ANY, ANY, "gender", "woman", "man", "/barriers", "?stage=early")
    # The address is rewritten from the controls; the previous search only names the dataset.
    assert search == "?compare=gender&a=woman&b=man"
    assert find(children, ids.BARRIERS_COMPARISON) is not None
    assert find(children, ids.BARRIERS_AGREEMENT) is None


def test_the_group_select_follows_the_attribute(callbacks):
    _, follow_attribute, _ = callbacks
    options, value = follow_attribute("gender")
    assert [o["value"] for o in options] == [ANY, "man", "prefer not to say", "woman"] and value == ANY
    options, value = follow_attribute(ANY)
    assert [o["label"] for o in options] == ["Choose a people attribute first"] and value == ANY


def test_groups_a_and_b_follow_the_comparison(callbacks):
    _, _, follow_compare = callbacks
    options_a, a, options_b, b = follow_compare("sector")
    assert (a, b) == ("academia", "industry")
    assert [o["label"] for o in options_a] == ["Education", "Academia", "NHS", "Industry", "Entrepreneurship"]
    assert options_b == options_a
    assert follow_compare(ANY)[1::2] == (ANY, ANY)


def test_the_csv_download_serves_the_protected_numbers():
    client = create_app(TINY).server.test_client()
    response = client.get("/download/barriers.csv")
    assert response.status_code == 200
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "barrier_id,statement,theme,group,n,agree,percent,ci_low,ci_high"
    assert (
        lines[1]
        == "recognised,My contribution is recognised by my institution,recognition,all,15,5,53.8,29.1,76.8"
    )
    assert lines[3] == "promotion_clear,The promotion process is clear to me,progression,all,5,<5,,,"
    themes = client.get("/download/barriers.csv?table=themes").get_data(as_text=True).splitlines()
    assert themes[0] == "theme,sector,n,agree,percent,ci_low,ci_high"
