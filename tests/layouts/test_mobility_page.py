"""The Mobility page on the tiny fixture: the grid, boundary crossings and returns, protected.

Moves between sectors in tiny (rows from, columns to; see tests/pathways/test_mobility.py):

                 edu  acad  nhs  ind  ent   all
    education      1     6    1    3    0    11
    academia       0     2    0    2    1     5
    nhs            0     0    0    0    0     0
    industry       0     1    0    2    0     3
    entrepreneur.  0     0    0    0    0     0

People who left a sector and came back: education 10 left, none back; academia 3 left, p07 back;
industry 1 left (p07), not back.
"""

import dataclasses
import math

import pandas as pd
import pytest

from layouts import ids
from layouts import mobility_page as page
from pathways.disclosure_rules import RAW
from pathways.flows import transition_flows
from pathways.model import CareerModel
from tests.component_tree import text_of

SECTORS = ["education", "academia", "nhs", "industry", "entrepreneurship"]
LABELS = ["Education", "Academia", "NHS", "Industry", "Entrepreneurship"]


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


@pytest.fixture(scope="module")
def raw(tiny):
    info = dataclasses.replace(tiny.info, disclosure=RAW)
    return CareerModel.build(dataclasses.replace(tiny, info=info))


def cell(table, source, target, column):
    row = table[(table["source"] == source) & (table["target"] == target)]
    return row[column].iloc[0]


# The grid


def test_the_grid_counts_and_row_shares_by_hand(raw):
    table = page.matrix_table(raw)
    assert len(table) == 25
    assert cell(table, "education", "academia", "count") == 6
    assert cell(table, "education", "academia", "total") == 11
    assert cell(table, "education", "academia", "share") == pytest.approx(600 / 11)
    assert cell(table, "education", "industry", "share") == pytest.approx(300 / 11)
    assert cell(table, "academia", "entrepreneurship", "share") == pytest.approx(20.0)
    assert cell(table, "nhs", "nhs", "count") == 0
    assert math.isnan(cell(table, "nhs", "nhs", "share"))  # nobody moved out of the NHS


def test_the_grid_hides_small_cells_and_small_rows(model):
    table = page.matrix_table(model)
    assert cell(table, "education", "academia", "count") == 5  # 6, rounded
    assert cell(table, "education", "academia", "share") == pytest.approx(600 / 11)  # from the raw counts
    for target in ("education", "nhs", "industry"):
        assert cell(table, "education", target, "count") is pd.NA
        assert math.isnan(cell(table, "education", target, "share"))
    assert cell(table, "education", "entrepreneurship", "count") == 0  # a true zero stays 0
    assert cell(table, "education", "entrepreneurship", "share") == 0.0
    # Academia: 5 moves out, too few for percentages.
    assert table.loc[table["source"] == "academia", "share"].isna().all()
    assert cell(table, "education", "academia", "shown_total") == 10  # 11, rounded


def test_the_grid_hides_the_same_cells_as_the_command_line(tiny, model):
    table = page.matrix_table(model)
    cli = transition_flows(tiny, level="sector", rules=model.rules)
    for source, target, count in cli.itertuples(index=False):
        shown = cell(table, source, target, "count")
        assert (shown is pd.NA and count is pd.NA) or shown == count


def test_the_heatmap_writes_a_number_or_less_than_5_in_every_cell(model):
    figure = page.matrix_figure(model, {"show": "count"})
    numbers, withheld = figure["data"]
    assert numbers["x"] == LABELS and numbers["y"] == LABELS
    assert numbers["text"][0] == ["<5", "5", "<5", "<5", "0"]
    assert numbers["text"][2] == ["0"] * 5
    # Hidden cells have no value on the colour scale, and are painted grey with their text.
    assert numbers["z"][0] == [None, 5.0, None, None, 0.0]
    assert withheld["z"][0] == [1, None, 1, 1, None]
    assert withheld["text"][0] == ["<5", "", "<5", "<5", ""]
    assert withheld["showscale"] is False
    assert numbers["customdata"][0][1] == (
        "From Education to Academia: 5 moves<br>55% of the moves out of Education"
    )
    assert figure["layout"]["yaxis"]["autorange"] == "reversed"
    assert "title" not in figure["layout"]


def test_the_heatmap_in_percent_says_when_a_row_is_too_small(model, raw):
    figure = page.matrix_figure(model, {"show": "percent"})
    numbers, withheld = figure["data"]
    assert numbers["text"][0] == ["<5", "55%", "<5", "<5", "0%"]
    assert numbers["text"][1] == ["too few", "<5", "too few", "<5", "<5"]
    assert numbers["text"][2] == ["no moves"] * 5
    assert withheld["z"][1] == [1] * 5
    assert numbers["zmax"] == 100
    exact = page.matrix_figure(raw, {"show": "percent"})["data"][0]
    assert exact["text"][0] == ["9%", "55%", "9%", "27%", "0%"]
    assert exact["text"][3] == ["0%", "33%", "0%", "67%", "0%"]


def test_the_grid_summary(model, raw):
    assert page.matrix_summary(raw, {"show": "count"}) == (
        "Of the 19 moves between roles, 14 crossed from one sector to another (74%). "
        "The largest flow between two sectors is from Education to Academia: 6 moves."
    )
    assert page.matrix_summary(model, {"show": "percent"}) == (
        "Of the 20 moves between roles, 15 crossed from one sector to another (74%). "
        "Of the moves out of Education, 55% went to Academia. "
        "Percentages are not shown for Academia and Industry: too few moves started there to show them "
        "safely (at least 10 are needed). "
        "8 cells show <5 instead of a number, to protect the people in them."
    )


def test_the_grid_table_and_csv(model):
    table = page.matrix_display(model, {"show": "percent"})
    assert list(table.columns) == [
        "From",
        "To",
        "Moves",
        "All moves out of the 'From' sector",
        "Share of the moves out",
    ]
    assert table.iloc[0].tolist() == [
        "Academia",
        "Academia",
        "fewer than 5",
        "5",
        "not shown (too few people)",
    ]
    assert len(table) == 9  # the observed pairs; true zeros are in the grid and the CSV
    frame = page.download(model, {"show": "percent"})
    assert list(frame.columns) == ["source", "target", "moves", "moves_out_of_source", "percent_of_source"]
    assert len(frame) == 25
    assert frame.iloc[1].tolist() == ["education", "academia", "5", "10", 54.5]
    assert frame.iloc[0].tolist()[:3] == ["education", "education", "<5"]
    assert "percent_of_source" not in page.download(model, {}).columns


# Boundaries and returns


def test_boundary_crossings_by_hand(raw, model):
    table = page.crossing_table(raw)
    assert table[["sector", "moves_out", "crossing", "staying"]].values.tolist() == [
        ["education", 11, 10, 1],
        ["academia", 5, 3, 2],
        ["nhs", 0, 0, 0],
        ["industry", 3, 1, 2],
        ["entrepreneurship", 0, 0, 0],
    ]
    assert table["share"].round(1).tolist()[:2] == [90.9, 60.0]
    protected = page.crossing_table(model)
    # Education: one move stayed in education, so both parts are hidden and no share is shown.
    assert protected["moves_out"].tolist()[:2] == [10, 5]
    assert protected["crossing"].isna().tolist() == [True, True, False, True, False]
    assert protected["share"].isna().all()


def test_returns_by_hand(raw, model):
    table = page.return_table(raw)
    assert table[["sector", "people", "left", "returned"]].values.tolist() == [
        ["education", 11, 10, 0],
        ["academia", 7, 3, 1],
        ["nhs", 1, 0, 0],
        ["industry", 5, 1, 0],
        ["entrepreneurship", 1, 0, 0],
    ]
    assert table["share"].round(1).tolist()[:2] == [0.0, 33.3]
    protected = page.return_table(model)
    # 10 people left education and none came back: both parts can be shown, and so can the share.
    assert protected.iloc[0][["people", "left", "returned", "share"]].tolist() == [10, 10, 0, 0.0]
    assert protected.iloc[1][["people", "left"]].tolist() == [5, pd.NA]
    assert math.isnan(protected.iloc[1]["share"])


def test_the_bar_charts_show_shares_or_say_why_not(model, raw):
    bars = page.crossing_figure(raw)["data"][0]
    assert bars["y"] == LABELS
    assert bars["text"][:2] == ["91% (10 of 11)", "60% (3 of 5)"]
    assert bars["marker"]["color"][1] == "#0072B2"
    notes = page.crossing_figure(raw)["layout"]["annotations"]
    assert [(n["y"], n["text"]) for n in notes] == [("NHS", "no moves"), ("Entrepreneurship", "no moves")]
    protected = page.return_figure(model)
    assert protected["data"][0]["text"][0] == "0% (0 of 10)"
    assert [(n["y"], n["text"]) for n in protected["layout"]["annotations"]] == [
        ("Academia", "not shown, to protect privacy"),
        ("NHS", "no people"),
        ("Industry", "not shown, to protect privacy"),
        ("Entrepreneurship", "no people"),
    ]


def test_the_summaries_of_boundaries_and_returns(model, raw):
    assert page.crossing_summary(raw) == (
        "Moves out of Education cross into another sector most often: 91% of them. "
        "They cross least often out of Industry: 33%. "
        "Nobody moved out of a role in NHS or Entrepreneurship."
    )
    assert page.return_summary(raw) == (
        "Of the people who left Education (10), 0 came back later: 0%. "
        "Of the people who left Academia (3), 1 came back later: 33%. "
        "Of the people who left Industry (1), 0 came back later: 0%. "
        "Nobody in the data left NHS or Entrepreneurship."
    )
    assert page.return_summary(model).startswith(
        "Of the people who left Education (10), 0 came back later: 0%. "
        "Of the people who left Academia (fewer than 5), fewer than 5 came back later."
    )
    assert "No share is shown for Education, Academia and Industry, to protect privacy" in (
        page.crossing_summary(model)
    )


def test_the_crossings_and_returns_csv(model):
    crossings = page.download(model, {"table": "crossings"})
    assert list(crossings.columns) == ["sector", "moves_out", "crossing", "staying", "percent"]
    assert crossings.iloc[0].tolist()[:4] == ["education", "10", "<5", "<5"]
    returns = page.download(model, {"table": "returns", "show": "percent"})
    assert list(returns.columns) == ["sector", "people", "left", "returned", "percent"]
    assert returns.iloc[0].tolist() == ["education", "10", "10", "0", 0.0]


# The page and its address


def test_the_address_holds_only_the_measure(model):
    assert page.to_query(model, "count") == ""
    assert page.to_query(model, "percent") == "?show=percent"
    assert page.to_query(model, None) == ""


def test_the_page_has_its_heading_control_charts_and_downloads(model):
    shown = page.layout(model, {"show": "percent"})
    assert shown.children[0].children[0].children == "Mobility between sectors"
    assert shown[ids.MOBILITY_SHOW].value == "percent"
    assert shown[f"{ids.MOBILITY_MATRIX}-csv"].href == "/download/mobility.csv?show=percent"
    assert (
        shown[f"{ids.MOBILITY_CROSSINGS}-csv"].href == "/download/mobility.csv?show=percent&table=crossings"
    )
    assert shown[f"{ids.MOBILITY_RETURNS}-csv"].href == "/download/mobility.csv?show=percent&table=returns"
    assert "share of each row's moves" in text_of(shown[ids.MOBILITY_MATRIX])


def test_an_invalid_measure_falls_back_with_a_notice(model):
    shown = page.layout(model, {"show": "galaxy"})
    assert shown[ids.MOBILITY_SHOW].value == "count"
    assert "Ignored measure 'galaxy' in the address" in text_of(shown)


def test_the_content_is_the_same_every_time(model):
    first = page.content(model, {"show": "percent"}).to_plotly_json()
    assert str(first) == str(page.content(model, {"show": "percent"}).to_plotly_json())
