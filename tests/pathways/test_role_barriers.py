"""Barriers by latest role, counted by hand from tests/fixtures/tiny.

Latest roles: p01 lecturer, p02 senior_ds, p03 ds, p04 senior_ds, p05 rse,
p06 nhs_analyst, p07 postdoc (back from ds), p08 postdoc, p09 postdoc,
p10 founder, p11 phd, p12 ds; p13 answered but has no career.
"""

import dataclasses

import pandas as pd
import pytest

from pathways.barriers import wilson_interval
from pathways.disclosure_rules import RAW, DisclosureRules
from pathways.graph import UnknownRole
from pathways.role_barriers import ROLE_BARRIER_COLUMNS, current_roles, role_answer_counts, role_barriers


def test_latest_roles_come_from_each_persons_last_stay(tiny):
    assert current_roles(tiny).to_dict() == {
        "p01": "lecturer",
        "p02": "senior_ds",
        "p03": "ds",
        "p04": "senior_ds",
        "p05": "rse",
        "p06": "nhs_analyst",
        "p07": "postdoc",
        "p08": "postdoc",
        "p09": "postdoc",
        "p10": "founder",
        "p11": "phd",
        "p12": "ds",
    }


def test_answer_counts_by_role_add_up_to_every_answer(tiny):
    counts = role_answer_counts(tiny)
    assert counts.groupby("barrier_id")["n"].sum().to_dict() == {
        "recognised": 13,
        "fixed_term": 11,
        "promotion_clear": 6,
    }
    postdoc = counts[counts["role_id"] == "postdoc"].set_index("barrier_id")
    # p07 2, p08 4, p09 5; p07 1, p08 1, p09 1; p07 2, p08 3, p09 1.
    assert postdoc[["n", "agree"]].to_dict("index") == {
        "recognised": {"n": 3, "agree": 2},
        "fixed_term": {"n": 3, "agree": 3},
        "promotion_clear": {"n": 3, "agree": 0},
    }
    # p13 has no career: her answers (4 and 1) belong to no role.
    nobody = counts[counts["role_id"].isna()].set_index("barrier_id")
    assert nobody[["n", "agree"]].to_dict("index") == {
        "recognised": {"n": 1, "agree": 1},
        "fixed_term": {"n": 1, "agree": 1},
    }


def test_postdocs_against_everyone_without_disclosure_control(tiny):
    table = role_barriers(tiny, "postdoc", rules=RAW)
    assert list(table.columns) == ROLE_BARRIER_COLUMNS
    assert table["barrier_id"].tolist() == ["recognised", "fixed_term", "promotion_clear"]
    assert table["n"].tolist() == [3, 3, 3]
    assert table["agree"].tolist() == [2, 3, 0]
    assert table["percent"].round(2).tolist() == [66.67, 100.0, 0.0]
    # Everyone: 7 of 13 agree (p01 p02 p04 p08 p09 p10 p13), 5 of 11 (p05 p07 p08 p09 p13), 1 of 6 (p02).
    assert table["n_all"].tolist() == [13, 11, 6]
    assert table["agree_all"].tolist() == [7, 5, 1]
    assert table["percent_all"].round(2).tolist() == [53.85, 45.45, 16.67]
    low, high = wilson_interval(2, 3)
    assert table.loc[0, "ci_low"] == pytest.approx(100 * low)
    assert table.loc[0, "ci_high"] == pytest.approx(100 * high)


def test_default_rules_hide_the_few_postdoc_answers_and_round_everyones(tiny):
    table = role_barriers(tiny, "postdoc", rules=DisclosureRules())
    assert table["n"].isna().all() and table["agree"].isna().all()
    assert table["percent"].isna().all() and table["ci_low"].isna().all()
    assert table["n_all"].tolist() == [15, 10, 5]
    # 1 agree of 6 is hidden, and its 5 disagreeing answers with it (the row's n is shown).
    assert table["agree_all"].tolist() == [5, 5, pd.NA]
    assert table["percent_all"].round(2).tolist()[:2] == [53.85, 45.45]
    assert pd.isna(table["percent_all"].iloc[2])


def test_only_statements_the_role_answered_are_listed(tiny):
    # p03 and p12 are data scientists now; neither was asked about promotion.
    table = role_barriers(tiny, "ds")
    assert table[["barrier_id", "n", "agree"]].values.tolist() == [["recognised", 2, 0], ["fixed_term", 1, 0]]


def test_a_role_nobody_holds_now_has_an_empty_table(tiny):
    table = role_barriers(tiny, "msc")
    assert table.empty and list(table.columns) == ROLE_BARRIER_COLUMNS


def test_an_unknown_role_is_an_error_with_suggestions(tiny):
    with pytest.raises(UnknownRole) as caught:
        role_barriers(tiny, "post-doc")
    assert caught.value.suggestions == ("postdoc",)


def test_precomputed_counts_give_the_same_table(tiny):
    counts = role_answer_counts(tiny)
    pd.testing.assert_frame_equal(
        role_barriers(tiny, "postdoc", counts=counts), role_barriers(tiny, "postdoc")
    )


def test_a_dataset_without_careers_has_no_roles(tiny):
    empty = dataclasses.replace(tiny, careers=tiny.careers.iloc[0:0])
    assert current_roles(empty).empty
    assert role_answer_counts(empty)["role_id"].isna().all()
