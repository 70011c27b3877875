"""Flows for the Sankey diagrams, counted by hand from tests/fixtures/tiny (stays in test_graph.py)."""

from dataclasses import replace

import pandas as pd
import pytest

import pathways.flows
from pathways.disclosure_rules import RAW, DisclosureRules
from pathways.flows import filter_people, step_flows, transition_flows
from pathways.graph import UnknownRole

ROLE_FLOWS = [
    ["phd", "postdoc", 6],  # p01 p02 p05 p07 p08 p09
    ["ds", "senior_ds", 2],  # p02 p04
    ["msc", "ds", 2],  # p04 p12
    ["postdoc", "ds", 2],  # p02 p07
    ["ds", "postdoc", 1],  # p07 back to academia
    ["msc", "nhs_analyst", 1],
    ["msc", "phd", 1],
    ["phd", "ds", 1],
    ["postdoc", "founder", 1],
    ["postdoc", "lecturer", 1],
    ["postdoc", "rse", 1],
]

SECTOR_FLOWS = [
    ["education", "academia", 6],
    ["education", "industry", 3],
    ["academia", "academia", 2],
    ["academia", "industry", 2],
    ["industry", "industry", 2],
    ["academia", "entrepreneurship", 1],
    ["education", "education", 1],
    ["education", "nhs", 1],
    ["industry", "academia", 1],
]

STEP_1 = [
    [1, "phd", "postdoc", 5],  # p01 p02 p05 p07 p08
    [1, "msc", "ds", 2],  # p04 p12
    [1, "msc", "nhs_analyst", 1],
    [1, "msc", "phd", 1],
    [1, "phd", "ds", 1],
    [1, "postdoc", "founder", 1],
]
STEP_2 = [
    [2, "postdoc", "ds", 2],  # p02 p07
    [2, "ds", "senior_ds", 1],  # p04
    [2, "phd", "postdoc", 1],  # p09
    [2, "postdoc", "lecturer", 1],
    [2, "postdoc", "rse", 1],
]
STEP_3 = [[3, "ds", "postdoc", 1], [3, "ds", "senior_ds", 1]]  # p07, p02


def rows(frame):
    return frame.values.tolist()


def test_role_flows_largest_first_then_by_source_and_target(tiny):
    flows = transition_flows(tiny)
    assert list(flows.columns) == ["source", "target", "count"]
    assert rows(flows) == ROLE_FLOWS
    assert flows["count"].sum() == len(tiny.transitions) == 19
    assert flows.index.tolist() == list(range(11))


def test_sector_flows_map_role_transitions_to_sectors(tiny):
    assert rows(transition_flows(tiny, level="sector")) == SECTOR_FLOWS


def test_flows_count_moves_so_a_repeated_move_counts_twice(tiny):
    careers = pd.DataFrame(
        {
            "person_id": ["x"] * 4,
            "seq": [1, 2, 3, 4],
            "role_id": ["postdoc", "ds", "postdoc", "ds"],
            "start_year": pd.array([None] * 4, dtype="Int64"),
            "end_year": pd.array([None] * 4, dtype="Int64"),
        }
    )
    flows = transition_flows(replace(tiny, careers=careers))
    assert rows(flows) == [["postdoc", "ds", 2], ["ds", "postdoc", 1]]


def test_flows_of_no_transitions_is_an_empty_frame(tiny):
    flows = transition_flows(replace(tiny, careers=tiny.careers.iloc[0:0]))
    assert flows.empty
    assert list(flows.columns) == ["source", "target", "count"]


def test_unknown_level(tiny):
    with pytest.raises(ValueError, match="unknown level 'person'"):
        transition_flows(tiny, level="person")
    with pytest.raises(ValueError, match="unknown level"):
        step_flows(tiny, level="role_id")


def test_raw_counts_are_not_protected(tiny, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("RAW must not call protect_counts")

    monkeypatch.setattr(pathways.flows, "protect_counts", fail)
    assert rows(transition_flows(tiny, rules=RAW)) == ROLE_FLOWS


def test_protected_counts_go_through_disclosure_with_source_as_siblings(tiny, monkeypatch):
    seen = {}

    def hide_ones(counts, rules, groups):
        seen["groups"] = list(groups)
        seen["counts"] = list(counts)
        seen["rules"] = rules
        return counts.astype("Int64").mask(counts < 2)

    monkeypatch.setattr(pathways.flows, "protect_counts", hide_ones)
    rules = DisclosureRules()
    flows = transition_flows(tiny, rules=rules)
    assert seen["rules"] is rules
    # Groups come in the groupby order, one source label per count.
    assert seen["groups"][:3] == ["ds", "ds", "msc"]
    assert seen["counts"][:3] == [1, 2, 2]
    # Hidden counts are sorted last, by source then target.
    assert rows(flows.head(5)) == ROLE_FLOWS[:4] + [["ds", "postdoc", pd.NA]]
    assert flows["count"].isna().sum() == 7


def test_protected_counts_with_the_real_disclosure_rules(tiny):
    # min_count 2 hides every 1; a role whose outflows have exactly one hidden
    # cell loses its next smallest one too (phd->postdoc, ds->senior_ds).
    flows = transition_flows(tiny, rules=DisclosureRules(min_count=2, round_to=1))
    assert str(flows["count"].dtype) == "Int64"
    shown = flows.dropna()
    assert rows(shown) == [["msc", "ds", 2], ["postdoc", "ds", 2]]
    hidden = flows[flows["count"].isna()]
    assert list(zip(hidden["source"], hidden["target"])) == [
        ("ds", "postdoc"),
        ("ds", "senior_ds"),
        ("msc", "nhs_analyst"),
        ("msc", "phd"),
        ("phd", "ds"),
        ("phd", "postdoc"),
        ("postdoc", "founder"),
        ("postdoc", "lecturer"),
        ("postdoc", "rse"),
    ]


def test_step_flows_follow_the_first_stays_of_each_career(tiny):
    flows = step_flows(tiny, steps=3)
    assert list(flows.columns) == ["step", "source", "target", "count"]
    assert rows(flows) == STEP_1 + STEP_2
    assert rows(step_flows(tiny, steps=2)) == STEP_1
    assert rows(step_flows(tiny, steps=4)) == STEP_1 + STEP_2 + STEP_3
    # nobody has a fifth stay
    assert rows(step_flows(tiny, steps=5)) == STEP_1 + STEP_2 + STEP_3


def test_step_flows_by_sector(tiny):
    assert rows(step_flows(tiny, steps=3, level="sector")) == [
        [1, "education", "academia", 5],
        [1, "education", "industry", 3],
        [1, "academia", "entrepreneurship", 1],
        [1, "education", "education", 1],
        [1, "education", "nhs", 1],
        [2, "academia", "academia", 2],
        [2, "academia", "industry", 2],
        [2, "education", "academia", 1],
        [2, "industry", "industry", 1],
    ]


def test_step_flows_from_a_start_sector(tiny):
    # Everyone but p10 (who starts as a postdoc) starts in education.
    flows = step_flows(tiny, steps=3, start_sector="education")
    assert rows(flows) == [row for row in STEP_1 + STEP_2 if row[1:3] != ["postdoc", "founder"]]
    assert rows(step_flows(tiny, steps=3, start_sector="academia")) == [[1, "postdoc", "founder", 1]]


def test_step_flows_from_a_start_role(tiny):
    # p04 msc->ds->senior_ds, p06 msc->nhs_analyst, p09 msc->phd->postdoc, p12 msc->ds
    assert rows(step_flows(tiny, steps=3, start_role="msc")) == [
        [1, "msc", "ds", 2],
        [1, "msc", "nhs_analyst", 1],
        [1, "msc", "phd", 1],
        [2, "ds", "senior_ds", 1],
        [2, "phd", "postdoc", 1],
    ]


def test_step_flows_for_one_attribute_value(tiny):
    # Women with a career: p01 p03 p05 p06 p08 p11.
    assert rows(step_flows(tiny, steps=3, attribute="gender", value="woman")) == [
        [1, "phd", "postdoc", 3],
        [1, "msc", "nhs_analyst", 1],
        [1, "phd", "ds", 1],
        [2, "postdoc", "lecturer", 1],
        [2, "postdoc", "rse", 1],
    ]


def test_step_flows_for_a_cohort(tiny):
    # First stays starting 2010-2012: p01 2010, p02 2011, p03 2012, p10 2012.
    assert rows(step_flows(tiny, steps=3, cohort=(2010, 2012))) == [
        [1, "phd", "postdoc", 2],
        [1, "phd", "ds", 1],
        [1, "postdoc", "founder", 1],
        [2, "postdoc", "ds", 1],
        [2, "postdoc", "lecturer", 1],
    ]


def test_step_flows_with_filters_combined(tiny):
    flows = step_flows(tiny, steps=4, start_role="phd", attribute="gender", value="man", cohort=(2011, 2014))
    # Men starting a PhD in 2011-2014: p02, p07.
    assert rows(flows) == [
        [1, "phd", "postdoc", 2],
        [2, "postdoc", "ds", 2],
        [3, "ds", "postdoc", 1],
        [3, "ds", "senior_ds", 1],
    ]


def test_step_flows_protected(tiny):
    flows = step_flows(tiny, steps=2, rules=DisclosureRules(min_count=2, round_to=1))
    # step 1: phd has outflows 5 and 1, so both are hidden; msc has 2, 1, 1.
    assert rows(flows.dropna()) == [[1, "msc", "ds", 2]]


@pytest.mark.parametrize("steps", [1, 6, 0, 2.5, "3"])
def test_step_flows_steps_between_2_and_5(tiny, steps):
    with pytest.raises(ValueError, match="steps must be"):
        step_flows(tiny, steps=steps)


def test_filter_people_without_filters_is_everyone_with_a_career(tiny):
    people = filter_people(tiny)
    assert people.name == "person_id"
    assert people.tolist() == [f"p{i:02d}" for i in range(1, 13)]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"start_sector": "academia"}, ["p10"]),
        ({"start_role": "msc"}, ["p04", "p06", "p09", "p12"]),
        ({"attribute": "contract", "value": "fixed-term"}, ["p05", "p07", "p08", "p09"]),
        ({"attribute": "contract", "value": "permanent"}, ["p01", "p02", "p03", "p04", "p06", "p10", "p12"]),
        ({"attribute": "sector", "value": "industry"}, ["p02", "p03", "p04", "p12"]),
        ({"cohort": (None, 2011)}, ["p01", "p02"]),
        ({"cohort": (2017, None)}, ["p09"]),  # p12's unknown start year is left out
        ({"cohort": (2015, 2016)}, ["p04", "p06", "p08", "p11"]),
        ({"start_role": "phd", "attribute": "gender", "value": "woman"}, ["p01", "p03", "p05", "p08", "p11"]),
        ({"start_sector": "nhs"}, []),
    ],
)
def test_filter_people(tiny, filters, expected):
    assert filter_people(tiny, **filters).tolist() == expected


def test_filter_people_errors(tiny):
    with pytest.raises(UnknownRole) as caught:
        filter_people(tiny, start_role="post-doc")
    assert caught.value.suggestions[0] == "postdoc"
    with pytest.raises(ValueError, match="unknown sector 'acadamia'"):
        filter_people(tiny, start_sector="acadamia")
    with pytest.raises(ValueError, match="unknown attribute 'age'"):
        filter_people(tiny, attribute="age", value="30")
    with pytest.raises(ValueError, match="needs a value"):
        filter_people(tiny, attribute="gender")
