"""Compare roles on the tiny fixture: the address, the facts side by side, the sector chart, the download.

Moves out, by the sector of the next role (tests/fixtures/tiny): postdoc (7
holders) to academia 2 (p01 lecturer, p05 rse), industry 2 (p02 p07 ds),
entrepreneurship 1 (p10); ds (5 holders) to industry 2 (p02 p04 senior_ds),
academia 1 (p07 postdoc); rse (1 holder) nowhere.
"""

import dataclasses
import json

import pytest
from dash import html

from layouts import compare_page, ids
from layouts.router import parse_query
from pathways.disclosure_rules import RAW
from pathways.model import CareerModel


@pytest.fixture(scope="module")
def raw(tiny):
    return CareerModel.build(dataclasses.replace(tiny, info=dataclasses.replace(tiny.info, disclosure=RAW)))


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


def as_text(component):
    return json.dumps(component.to_plotly_json(), default=str, ensure_ascii=False)


# ---- the address ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, roles, notices",
    [
        (None, (), 0),
        ("", (), 0),
        ("postdoc", ("postdoc",), 0),
        ("postdoc,ds,rse", ("postdoc", "ds", "rse"), 0),
        (" postdoc , ds ", ("postdoc", "ds"), 0),
        ("ds,,postdoc", ("ds", "postdoc"), 0),
        ("post-doc,ds", ("ds",), 1),
        ("ds,ds", ("ds",), 1),
        ("postdoc,ds,rse,phd", ("postdoc", "ds", "rse"), 1),
        ("<script>,x,y,z", (), 4),
    ],
)
def test_the_roles_in_the_address(model, text, roles, notices):
    state, messages = compare_page.read_state(model, {} if text is None else {"roles": text})
    assert state == {"roles": roles}
    assert len(messages) == notices


def test_notices_say_what_was_ignored_and_suggest_a_role(model):
    _, messages = compare_page.read_state(model, {"roles": "post-doc,ds,ds,rse,phd,msc"})
    assert messages == [
        "Ignored the role 'post-doc' in the address: it is not in these data; did you mean 'postdoc' "
        "(Postdoctoral research associate)?",
        "Ignored the second 'ds' in the address: each role is shown once.",
        "Ignored the role 'msc' in the address: at most 3 roles can be compared.",
    ]


def test_controls_round_trip_through_the_address(model):
    search = compare_page.to_query(model, "postdoc", compare_page.NONE, "ds")
    assert search == "?roles=postdoc,ds"
    state, messages = compare_page.read_state(model, parse_query(search))
    assert state == {"roles": ("postdoc", "ds")} and messages == []
    assert compare_page.to_query(model, *[compare_page.NONE] * 3) == ""
    assert compare_page.to_query(model, None, "", None) == ""
    assert compare_page.to_query(model, "ds", "ds", "rse") == "?roles=ds,rse"
    assert compare_page.address(model, ("phd", "postdoc")) == "/compare?roles=phd,postdoc"


def test_the_layout_sets_the_selects_from_the_address(model):
    page = compare_page.layout(model, {"roles": "ds,post-doc"})
    shown = as_text(page)
    assert "Ignored the role 'post-doc'" in shown
    selects = {c["props"]["id"]: c["props"]["value"] for c in _selects(page.to_plotly_json())}
    assert selects == {ids.COMPARE_ROLE_A: "ds", ids.COMPARE_ROLE_B: "-", ids.COMPARE_ROLE_C: "-"}


def _selects(tree):
    if isinstance(tree, dict):
        if tree.get("type") == "Select":
            yield tree
        for value in tree.values():
            yield from _selects(value)
    elif isinstance(tree, list | tuple):
        for item in tree:
            yield from _selects(item)
    elif hasattr(tree, "to_plotly_json"):
        yield from _selects(tree.to_plotly_json())


def test_with_no_roles_the_page_explains_and_offers_an_example(model):
    content = compare_page.content(model, {})
    assert ids.COMPARE_EXAMPLES in as_text(content)
    # The most-held role of the three sectors with the most-held roles: phd 8, postdoc 7, ds 5.
    assert compare_page.example_roles(model) == ("phd", "postdoc", "ds")
    assert "/compare?roles=phd,postdoc,ds" in as_text(content)


# ---- the numbers -----------------------------------------------------------------------------------


def test_sector_destinations_without_disclosure_control(raw):
    table = compare_page.destination_sectors(raw, ("postdoc", "ds", "rse"))
    rows = {(r.role_id, r.sector): (r.people, round(r.share, 2)) for r in table.itertuples()}
    assert rows == {
        ("postdoc", "academia"): (2, 28.57),
        ("postdoc", "industry"): (2, 28.57),
        ("postdoc", "entrepreneurship"): (1, 14.29),
        ("ds", "academia"): (1, 20.0),
        ("ds", "industry"): (2, 40.0),
        ("ds", "entrepreneurship"): (0, 0.0),
        ("rse", "academia"): (0, 0.0),
        ("rse", "industry"): (0, 0.0),
        ("rse", "entrepreneurship"): (0, 0.0),
    }


def test_withheld_sector_shares_are_written_not_drawn(model):
    roles = ("postdoc", "ds")
    figure = compare_page.sector_figure(model, roles, compare_page.destination_sectors(model, roles))
    assert figure["data"][0]["x"] == [None] * 3
    notes = [note["text"] for note in figure["layout"]["annotations"]]
    # Even the 0 of ds to entrepreneurship: a share of 5 holders is not shown.
    assert notes == ["1: not shown (too few people)"] * 3 + ["2: not shown (too few people)"] * 3


def test_sector_destinations_under_the_default_rules(model):
    table = compare_page.destination_sectors(model, ("postdoc", "ds"))
    # postdoc 2, 2, 1 and ds 1, 2: all fewer than 5.
    assert table["people"].isna().tolist() == [True, True, True, True, True, False]
    # A sector nobody moved to stays 0: a true zero gives nothing away.
    assert table.loc[
        (table["role_id"] == "ds") & (table["sector"] == "entrepreneurship"), "people"
    ].tolist() == [0]
    assert table["share"].isna().all()


def test_the_sector_figure_groups_the_roles_with_patterns_and_labels(raw):
    roles = ("postdoc", "ds")
    table = compare_page.destination_sectors(raw, roles)
    figure = compare_page.sector_figure(raw, roles, table)
    first, second = figure["data"]
    assert [first["name"], second["name"]] == ["1. Postdoctoral research associate", "2. Data scientist"]
    assert [round(x, 2) for x in first["x"]] == [28.57, 28.57, 14.29]
    assert [round(x, 2) for x in second["x"]] == [20.0, 40.0, 0.0]
    assert first["y"] == [-0.2, 0.8, 1.8] and second["y"] == [0.2, 1.2, 2.2]
    assert second["text"] == ["2: 20%", "2: 40%", "2: 0%"]
    assert first["marker"]["pattern"]["shape"] != second["marker"]["pattern"]["shape"]
    assert figure["layout"]["yaxis"]["ticktext"] == ["Academia", "Industry", "Entrepreneurship"]
    assert figure["layout"]["showlegend"] is True
    assert compare_page.sector_summary(raw, roles, table) == (
        "Of the people who held Postdoctoral research associate, 29% moved on to a role in Academia, more "
        "than to any other sector. Of the people who held Data scientist, 40% moved on to a role in "
        "Industry, more than to any other sector."
    )


def test_the_table_of_facts_without_disclosure_control(raw):
    table = compare_page.comparison_table(raw, ("postdoc", "ds", "rse"))
    shown = as_text(table)
    headings = [
        "1. Postdoctoral research associate",
        "2. Data scientist",
        "3. Research software engineer",
    ]
    for heading, role_id in zip(headings, ("postdoc", "ds", "rse")):
        assert heading in shown and f"/roles/{role_id}" in shown
    for words in (
        "£37,174 to £45,413 a year",
        "£40,000 to £55,000 a year",
        "Data scientist (2 people, 29% of holders)",
        "PhD student (6 people, 86% of arrivals)",
        "Senior data scientist (2 people, 40% of holders)",
        "“I am on a fixed-term contract”: 100% agreed",
        "nobody moved on in these data",
        "none in these data",
    ):
        assert words in shown, words
    # Data scientists answered, but none agreed: no "0% agreed" list.
    assert "none (no answer from people in this role agreed with the statements shown)" in shown


def test_the_table_of_facts_under_the_default_rules(model):
    shown = as_text(compare_page.comparison_table(model, ("postdoc", "ds")))
    assert "Data scientist (fewer than 5 people)" in shown
    assert "%" not in shown.replace("100%", "")
    assert "not shown (fewer than 10 answers from people in this role)" in shown


def test_content_with_all_shares_withheld_shows_the_numbers_without_a_chart(model):
    content = compare_page.content(model, {"roles": "postdoc,ds,rse"})
    shown = as_text(content)
    assert ids.COMPARE_TABLE in shown and f"{ids.COMPARE_CHART}-summary" in shown
    assert f"{ids.COMPARE_CHART}-graph" not in shown
    assert "/download/compare.csv?roles=postdoc,ds,rse" in shown
    assert [h.children for h in content.children if isinstance(h, html.H2)][0] == (
        "Comparing Postdoctoral research associate, Data scientist and Research software engineer"
    )


def test_content_with_shares_draws_the_chart(raw):
    shown = as_text(compare_page.content(raw, {"roles": "postdoc,ds"}))
    assert f"{ids.COMPARE_CHART}-graph" in shown


# ---- the download -------------------------------------------------------------------------------


def test_download_has_each_roles_numbers_and_the_sector_shares(raw, model):
    table = compare_page.download(raw, {"roles": "postdoc,ds"})
    assert list(table.columns) == compare_page.DOWNLOAD_COLUMNS
    assert table["role_id"].drop_duplicates().tolist() == ["postdoc", "ds"]
    sectors = table[table["measure"] == "moved on to a role in the sector"]
    assert sectors[["role_id", "item_id", "count", "percent"]].values.tolist() == [
        ["postdoc", "academia", "2", 28.6],
        ["postdoc", "industry", "2", 28.6],
        ["postdoc", "entrepreneurship", "1", 14.3],
        ["ds", "academia", "1", 20.0],
        ["ds", "industry", "2", 40.0],
        ["ds", "entrepreneurship", "0", 0.0],
    ]
    protected = compare_page.download(model, {"roles": "postdoc,ds"})
    shown = protected[protected["measure"] == "moved on to a role in the sector"]
    assert shown["count"].tolist() == ["<5", "<5", "<5", "<5", "<5", "0"]
    assert shown["percent"].isna().all()
    assert compare_page.download(model, {}).empty
