"""The Advice library's wiring, called as plain functions, and its CSV download through the app."""

import csv
import io
import shutil

import pytest
from dash import Dash

from app import create_app, discover_pages
from callbacks import advice_page as wiring
from layouts import advice_page as page
from layouts import ids
from pathways.model import CareerModel
from tests.conftest import TINY


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


@pytest.fixture(scope="module")
def update(model):
    return wiring.register(Dash(__name__), model)


def card_ids(children):
    return [getattr(card, "data-advice-id") for card in _walk(children) if "advice-card" in _class(card)]


def _class(component):
    return getattr(component, "className", "") or ""


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            yield from _walk(child)


def test_searching_writes_the_address_and_the_cards(update):
    children, search, rendered = update("research", "all", "all", "all", "all", "", "/advice", "")
    assert (search, rendered) == ("?q=research", "/advice?q=research")
    assert card_ids(children) == ["vitae-rdf", "society-rse"]


def test_filters_keep_the_role_from_the_address(update):
    children, search, rendered = update("", "academia", "early", "all", "all", "postdoc", "/advice", "")
    assert search == "?sector=academia&stage=early&role=postdoc"
    assert rendered == "/advice" + search
    assert card_ids(children) == ["vitae-rdf"]


def test_going_back_to_all_gives_the_plain_address(update):
    children, search, rendered = update("", "all", "all", "all", "all", "", "/advice", "")
    assert (search, rendered) == ("", "/advice")
    assert card_ids(children) == ["vitae-rdf", "nhs-stp", "society-rse"]


def test_the_content_is_what_the_layout_shows(update, model):
    children, search, _ = update("", "nhs", "student", "all", "all", "", "/advice", "")
    assert str(children) == str(page.content(model, {"sector": "nhs", "stage": "student"}))


@pytest.fixture(scope="module")
def app():
    return create_app(TINY)


def test_the_app_serves_the_page_and_wires_its_controls(app):
    assert (page, wiring) in discover_pages()
    (key,) = [key for key in app.callback_map if f"{ids.ADVICE_CONTENT}.children" in key]
    inputs = [(item["id"], item["property"]) for item in app.callback_map[key]["inputs"]]
    assert inputs == [tuple(control) for control in page.CONTROLS]
    client = app.server.test_client()
    assert client.get("/advice?theme=recognition").status_code == 200


def rows(response):
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_download_is_the_filtered_list(app):
    response = app.server.test_client().get("/download/advice.csv?stage=student&kind=magic")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="advice.csv"' in response.headers["Content-Disposition"]
    found = rows(response)
    assert list(found[0]) == page.DOWNLOAD_COLUMNS
    assert [row["advice_id"] for row in found] == ["nhs-stp", "society-rse"]
    assert found[1]["stages"] == "" and found[1]["themes"] == "recognition;mentoring"


def test_the_download_neutralises_formulas(tmp_path):
    folder = tmp_path / "hostile"
    shutil.copytree(TINY, folder)
    with (folder / "advice.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            'formula,"=HYPERLINK(""http://evil.example"",""x"")",https://example.org,@evil,tool,+cmd,,,,\n'
        )
    response = create_app(folder).server.test_client().get("/download/advice.csv?kind=tool")
    (row,) = rows(response)
    assert row["title"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["provider"] == "'@evil" and row["summary"] == "'+cmd"
