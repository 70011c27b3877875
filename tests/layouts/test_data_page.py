"""The Data page's sections, drawn from the tiny fixture, and the owner's tools in each state."""

import dataclasses

import pytest
from dash import html

from layouts import data_page as page
from layouts import ids
from pathways.dictionary import read_dictionary
from pathways.disclosure_rules import RAW, DisclosureRules
from pathways.model import CareerModel
from pathways.schema import FILES
from tests.component_tree import by_id, find_all, text_of


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


@pytest.fixture(scope="module")
def raw(tiny):
    return CareerModel.build(dataclasses.replace(tiny, info=dataclasses.replace(tiny.info, disclosure=RAW)))


def links(component):
    return {text_of(a): a.href for a in find_all(component, lambda c: isinstance(c, html.A))}


# The page's contract


def test_the_page_module_follows_the_contract(model):
    assert page.PATH == "/data"
    assert page.CONTENT_ID == ids.DATA_CONTENT
    assert page.to_query(model) == ""
    layout = page.layout(model, {})
    assert by_id(layout, ids.DATA_CONTENT)._namespace == "dash_html_components"
    assert text_of(find_all(layout, lambda c: isinstance(c, html.H1))) == "The data"


def test_the_dataset_in_use_shows_provenance_licence_citation_and_the_synthetic_label(model):
    text = text_of(page.dataset_section(model.info))
    for expected in (
        "Tiny hand-counted fixture",
        "Synthetic data (illustrative, not real people)",
        "Twelve made-up people",
        "Written by hand for the test suite",
        "2010-2023",
        "CC0-1.0",
        "Career Pathways Explorer test fixture",
        "Groups of fewer than 5 people are hidden; counts are rounded to the nearest 5; percentages need at "
        "least 10 answers; secondary suppression is on.",
    ):
        assert expected in text
    assert "looser" not in text


def test_looser_disclosure_rules_are_pointed_out(tiny):
    loose = dataclasses.replace(tiny.info, disclosure=DisclosureRules(min_count=3), kind="survey")
    text = text_of(page.dataset_section(loose))
    assert "looser than the site's defaults" in text
    assert "Survey" in text and "Synthetic" not in text


def test_summary_counts_pass_through_disclosure_control(model, raw):
    # 13 people, 32 episodes, 19 moves, 9 roles, 30 answers (counted from the fixture's files).
    assert page.displayed_summary(raw) == [
        ("people", "13"),
        ("career episodes", "32"),
        ("moves between roles", "19"),
        ("roles", "9"),
        ("answers about barriers", "30"),
    ]
    assert page.displayed_summary(model) == [
        ("people", "15"),
        ("career episodes", "30"),
        ("moves between roles", "20"),
        ("roles", "10"),
        ("answers about barriers", "30"),
    ]
    assert "15 people" in text_of(page.summary_section(model))


def test_small_counts_read_fewer_than(tiny):
    strict = dataclasses.replace(tiny.info, disclosure=DisclosureRules(min_count=20))
    shown = dict(
        (label, text)
        for label, text in page.displayed_summary(CareerModel.build(dataclasses.replace(tiny, info=strict)))
    )
    assert shown["people"] == "fewer than 20"


def test_notes_from_loading_are_listed(tiny):
    noted = CareerModel.build(dataclasses.replace(tiny, notes=("notes.txt: unknown file ignored",)))
    assert "notes.txt: unknown file ignored" in text_of(page.summary_section(noted))
    assert "Nothing was ignored" in text_of(page.summary_section(CareerModel.build(tiny)))


def test_the_download_link_keeps_the_dataset_of_the_address():
    assert by_id(page.downloads_section({}), ids.DATA_DOWNLOADS).href == "/data/download.zip"
    assert by_id(page.downloads_section({"dataset": "leeds"}), ids.DATA_DOWNLOADS).href == (
        "/data/download.zip?dataset=leeds"
    )


def test_download_gives_the_protected_summary(model, raw):
    assert page.download(raw, {}).values.tolist() == [
        ["people", "13"],
        ["career episodes", "32"],
        ["moves between roles", "19"],
        ["roles", "9"],
        ["answers about barriers", "30"],
    ]
    assert page.download(model, {})["count"].tolist() == ["15", "30", "20", "10", "30"]


# The data dictionary


def test_the_dictionary_has_a_table_per_file_with_every_column():
    section = page.dictionary_section()
    tables = find_all(section, lambda c: isinstance(c, html.Table))
    assert [text_of(t.children[0]) for t in tables] == [f"Columns of {name}" for name in FILES]
    roles = text_of(tables[0])
    for column in (*FILES["roles.csv"][0], *FILES["roles.csv"][1]):
        assert column in roles
    assert "sectoryesone of education, academia" in roles
    assert "name: Illustrative biomedical data science careers" in text_of(section)


def test_inline_markdown_becomes_code_and_strong():
    parts = page.inline("a **transition** is `x` or `y`.")
    assert parts[0] == "a "
    assert isinstance(parts[1], html.Strong) and parts[1].children == "transition"
    assert isinstance(parts[3], html.Code) and parts[3].children == "x"
    assert page.inline("") == []


def test_the_dictionary_section_uses_the_guide():
    text = text_of(page.dictionary_section(read_dictionary()))
    assert "Required: no (yes if responses exist). One row per: survey statement about a barrier." in text


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 bytes"), (1_000, "1 kB"), (1_500_000, "1.5 MB"), (20_000_000, "20 MB")]
)
def test_sizes_read_plainly(size, text):
    assert page.size_text(size) == text
