"""Mobility between sectors, counted by hand from tests/fixtures/tiny.

The tiny careers as sequences of sectors (consecutive stays in one sector merged):

    p01 education, academia              (phd, postdoc, lecturer)
    p02 education, academia, industry    (phd, postdoc, ds, senior_ds)
    p03 education, industry
    p04 education, industry              (msc, ds, senior_ds)
    p05 education, academia             (phd, postdoc, rse)
    p06 education, nhs
    p07 education, academia, industry, academia   (left academia for industry and came back)
    p08 education, academia
    p09 education, academia             (msc, phd, postdoc)
    p10 academia, entrepreneurship
    p11 education
    p12 education, industry
"""

from dataclasses import replace

import networkx as nx
import pandas as pd
import pytest

from pathways.dataset import Dataset, DatasetInfo
from pathways.disclosure import protect_counts
from pathways.disclosure_rules import DisclosureRules
from pathways.flows import transition_flows
from pathways.graph import build_sector_graph
from pathways.mobility import (
    boundary_crossings,
    sector_matrix,
    sector_moves,
    sector_returns,
    sector_spells,
)

SECTORS = ["education", "academia", "nhs", "industry", "entrepreneurship"]


@pytest.fixture(scope="module")
def S(tiny):
    return build_sector_graph(tiny)


def test_the_matrix_counts_moves_from_row_sector_to_column_sector(S):
    matrix = sector_matrix(S)
    assert list(matrix.index) == SECTORS
    assert list(matrix.columns) == SECTORS
    assert matrix.values.tolist() == [
        # edu acad nhs ind ent
        [1, 6, 1, 3, 0],  # msc->phd; 6 phd->postdoc (incl. p09); msc->nhs_analyst; msc->ds x2, phd->ds
        [0, 2, 0, 2, 1],  # postdoc->lecturer, postdoc->rse; postdoc->ds x2; postdoc->founder
        [0, 0, 0, 0, 0],  # p06 stayed an NHS analyst
        [0, 1, 0, 2, 0],  # p07 ds->postdoc; ds->senior_ds x2
        [0, 0, 0, 0, 0],
    ]


def test_the_matrix_can_count_people_instead_of_moves():
    # One person making the same sector move twice: two moves, one person.
    roles = pd.DataFrame(
        {"title": ["A", "B", "C"], "sector": ["academia", "industry", "academia"], "stage": ["early"] * 3},
        index=pd.Index(["a", "b", "c"], name="role_id"),
    )
    careers = pd.DataFrame(
        {"person_id": ["x"] * 4, "seq": [1, 2, 3, 4], "role_id": ["a", "b", "c", "b"]}
    ).assign(start_year=None, end_year=None)
    S = build_sector_graph(Dataset(DatasetInfo("demo", "synthetic"), roles, careers))
    assert sector_matrix(S).loc["academia", "industry"] == 2
    assert sector_matrix(S, "people").loc["academia", "industry"] == 1
    with pytest.raises(ValueError, match="unknown measure"):
        sector_matrix(S, "years")


def test_sector_moves_lists_every_pair_in_the_order_flows_protects_them(tiny, S):
    moves = sector_moves(S)
    assert len(moves) == 25
    assert moves[["source", "target"]].values.tolist() == sorted(moves[["source", "target"]].values.tolist())
    observed = moves[moves["moves"] > 0]
    flows = transition_flows(tiny, level="sector")
    merged = observed.merge(flows, on=["source", "target"])
    assert len(merged) == len(flows) == 9
    assert (merged["moves"] == merged["count"]).all()
    # Protected the same way, the cells hidden are the same as the command line's.
    rules = DisclosureRules(min_count=2, round_to=1)
    protected = protect_counts(observed["moves"].reset_index(drop=True), rules, observed["source"].tolist())
    shown = observed.reset_index(drop=True).assign(count=protected)
    cli = transition_flows(tiny, level="sector", rules=rules)
    both = shown.merge(cli, on=["source", "target"])
    assert both["count_x"].tolist() == both["count_y"].tolist()
    # The four single moves, and a sibling in the academia and industry rows, which had one each.
    assert both["count_x"].isna().sum() == 6


def test_boundary_crossings_per_sector(S):
    assert boundary_crossings(S).values.tolist() == [
        ["education", 11, 10, 1],  # only msc->phd stays in education
        ["academia", 5, 3, 2],  # 2 to industry, 1 to entrepreneurship; lecturer and rse stay
        ["nhs", 0, 0, 0],
        ["industry", 3, 1, 2],  # p07 back to academia; 2 promotions to senior data scientist
        ["entrepreneurship", 0, 0, 0],
    ]


def test_sector_spells_merge_consecutive_stays_in_one_sector(tiny):
    spells = sector_spells(tiny)
    p07 = spells[spells["person_id"] == "p07"]
    assert p07[["spell", "sector"]].values.tolist() == [
        [1, "education"],
        [2, "academia"],
        [3, "industry"],
        [4, "academia"],
    ]
    # p09 was an MSc then a PhD student: one education spell, then academia.
    assert spells.loc[spells["person_id"] == "p09", "sector"].tolist() == ["education", "academia"]
    assert len(spells) == 26
    assert spells.groupby("person_id")["spell"].max().sum() == 26


def test_who_left_each_sector_and_who_came_back(tiny):
    assert sector_returns(tiny).values.tolist() == [
        # everyone but p10 (started in academia) was in education; all but p11 left it; none came back
        ["education", 11, 10, 0],
        # p01 p02 p05 p07 p08 p09 p10; p02 and p07 left for industry, p10 for a start-up; p07 came back
        ["academia", 7, 3, 1],
        ["nhs", 1, 0, 0],  # p06, still there
        # p02 p03 p04 p07 p12; only p07 left (back to academia)
        ["industry", 5, 1, 0],
        ["entrepreneurship", 1, 0, 0],  # p10, still there
    ]


def test_returns_in_a_chosen_order_with_sectors_nobody_held(tiny):
    table = sector_returns(tiny, sectors=["academia", "public"])
    assert table.values.tolist() == [["academia", 7, 3, 1], ["public", 0, 0, 0]]


def test_leaving_twice_counts_once():
    roles = pd.DataFrame(
        {"title": ["A", "B"], "sector": ["academia", "industry"], "stage": ["early", "early"]},
        index=pd.Index(["a", "b"], name="role_id"),
    )
    careers = pd.DataFrame(
        {"person_id": ["x"] * 5, "seq": [1, 2, 3, 4, 5], "role_id": ["a", "b", "a", "b", "a"]}
    ).assign(start_year=None, end_year=None)
    table = sector_returns(Dataset(DatasetInfo("demo", "synthetic"), roles, careers))
    assert table.values.tolist() == [["academia", 1, 1, 1], ["industry", 1, 1, 1]]


def test_an_empty_dataset_gives_zeros(tiny):
    empty = replace(tiny, careers=tiny.careers.iloc[0:0])
    assert sector_returns(empty)["people"].sum() == 0
    S = build_sector_graph(empty)
    assert boundary_crossings(S)["moves_out"].sum() == 0
    assert nx.number_of_edges(S) == 0
