"""Disclosure control: hand-made cases and properties that must hold for any counts."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.disclosure import (
    RAW,
    DisclosureRules,
    format_count,
    format_count_short,
    neutralise_formula,
    neutralise_frame,
    protect_counts,
    protect_share,
    protect_shares,
    protect_table,
    round_count,
    rules_from_metadata,
)

DEFAULT = DisclosureRules()


# rules_from_metadata


def test_rules_from_metadata_defaults_for_missing_keys():
    assert rules_from_metadata({}) == DEFAULT
    assert rules_from_metadata(None) == DEFAULT
    assert rules_from_metadata({"min_count": 10, "round_to": 10}) == DisclosureRules(10, 10, 10, True)
    assert rules_from_metadata({"min_denominator": 25, "secondary": False}) == DisclosureRules(
        5, 5, 25, False
    )


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"min_count": 0}, "min_count must be a whole number of at least 1, not 0"),
        ({"min_count": -5}, "min_count must be a whole number"),
        ({"round_to": 2.5}, "round_to must be a whole number of at least 1, not 2.5"),
        ({"round_to": "5"}, "round_to must be a whole number of at least 1, not '5'"),
        ({"min_denominator": True}, "min_denominator must be a whole number"),
        ({"min_count": None}, "min_count must be a whole number"),
        ({"secondary": "yes"}, "secondary must be true or false, not 'yes'"),
        ({"min_cont": 5}, "unknown key(s) min_cont; valid keys are min_count, round_to"),
        ([5, 5], "expected a mapping"),
    ],
)
def test_rules_from_metadata_rejects_invalid_values(mapping, message):
    with pytest.raises(ValueError) as error:
        rules_from_metadata(mapping)
    assert message in str(error.value)


# round_count


@pytest.mark.parametrize(
    ("n", "round_to", "expected"),
    [
        (0, 5, 0),
        (5, 5, 5),
        (7, 5, 5),
        (8, 5, 10),  # 8 is nearer 10
        (12, 5, 10),
        (13, 5, 15),
        (1234, 5, 1235),
        (15, 10, 20),  # a half rounds up
        (25, 10, 30),
        (24, 10, 20),
        (6, 4, 8),
        (5, 1, 5),
    ],
)
def test_round_count_to_nearest_multiple(n, round_to, expected):
    assert round_count(n, DisclosureRules(min_count=5, round_to=round_to)) == expected


def test_round_count_never_shows_a_count_as_zero_or_below_the_threshold():
    assert round_count(1, DisclosureRules(min_count=1, round_to=5)) == 5
    assert round_count(2, DisclosureRules(min_count=1, round_to=10)) == 10
    # 6 would round to 5, which reads as a hidden "fewer than 6"; it shows as 10.
    assert round_count(6, DisclosureRules(min_count=6, round_to=5)) == 10
    assert round_count(pd.NA, DEFAULT) is pd.NA


def test_round_count_rejects_negative_or_fractional_counts():
    with pytest.raises(ValueError, match="whole number"):
        round_count(-1, DEFAULT)
    with pytest.raises(ValueError, match="whole number"):
        round_count(2.5, DEFAULT)


# protect_counts


def test_protect_counts_suppresses_one_to_four_and_rounds_the_rest():
    counts = pd.Series([0, 1, 4, 5, 7, 8, 12, 13, 1234], index=list("abcdefghi"), name="count")
    shown = protect_counts(counts, DEFAULT)
    assert shown.dtype == "Int64"
    assert shown.name == "count"
    assert list(shown.index) == list("abcdefghi")
    assert shown.tolist() == [0, pd.NA, pd.NA, 5, 5, 10, 10, 15, 1235]


def test_protect_counts_secondary_hides_the_next_smallest_sibling():
    counts = pd.Series([3, 40, 12, 20, 6, 9, 30, 2, 2, 50])
    groups = pd.Series(["a", "a", "a", "a", "b", "b", "b", "c", "c", "c"])
    shown = protect_counts(counts, DEFAULT, groups=groups)
    # a: 3 is hidden, and 12 (the smallest other) too; b: nothing hidden;
    # c: two cells already hidden, so the total 54 does not give either away.
    assert shown.tolist() == [pd.NA, 40, pd.NA, 20, 5, 10, 30, pd.NA, pd.NA, 50]
    assert protect_counts(counts, DisclosureRules(secondary=False), groups=groups).tolist() == [
        pd.NA, 40, 10, 20, 5, 10, 30, pd.NA, pd.NA, 50
    ]  # fmt: skip


def test_protect_counts_secondary_skips_zeros_and_breaks_ties_by_order():
    counts = [0, 4, 9, 9, 0]
    assert protect_counts(counts, DEFAULT, groups=["g"] * 5).tolist() == [0, pd.NA, pd.NA, 10, 0]


def test_protect_counts_secondary_hides_a_zero_only_when_no_other_sibling_exists():
    # The total (3) is the hidden cell itself; hiding a zero keeps where those 3 are unknown.
    assert protect_counts([0, 3, 0], DEFAULT, groups=["g"] * 3).tolist() == [pd.NA, pd.NA, 0]
    # A cell alone in its group, or in no group, has no sibling to hide.
    assert protect_counts([3, 8], DEFAULT, groups=["a", "b"]).tolist() == [pd.NA, 10]
    assert protect_counts([3, 8], DEFAULT, groups=[None, None]).tolist() == [pd.NA, 10]


def test_protect_counts_aligns_a_group_series_on_the_index():
    counts = pd.Series([3, 20, 12], index=[10, 11, 12])
    groups = pd.Series(["x", "y", "x"], index=[12, 11, 10])  # 10 and 12 are together
    assert protect_counts(counts, DEFAULT, groups=groups).tolist() == [pd.NA, 20, pd.NA]


def test_protect_counts_rejects_bad_counts():
    with pytest.raises(ValueError, match="missing"):
        protect_counts(pd.Series([1, None]), DEFAULT)
    with pytest.raises(ValueError, match="whole numbers"):
        protect_counts([-1, 5], DEFAULT)
    with pytest.raises(ValueError, match="whole numbers"):
        protect_counts([1.5], DEFAULT)
    with pytest.raises(ValueError, match="2 labels for 3 counts"):
        protect_counts([1, 2, 3], DEFAULT, groups=["a", "b"])


def test_protect_counts_of_nothing_is_empty():
    assert protect_counts(pd.Series([], dtype="int64"), DEFAULT, groups=[]).tolist() == []


# protect_table


def test_protect_table_groups_rows_by_columns():
    flows = pd.DataFrame(
        {
            "source": ["phd", "phd", "phd", "msc", "msc"],
            "level": ["role"] * 5,
            "target": ["postdoc", "ds", "nhs_analyst", "phd", "ds"],
            "count": [40, 3, 12, 8, 7],
            "people": [38, 3, 11, 8, 7],
        }
    )
    shown = protect_table(flows, ["count", "people"], DEFAULT, group_by=["source", "level"])
    assert shown["count"].tolist() == [40, pd.NA, pd.NA, 10, 5]
    assert shown["people"].tolist() == [40, pd.NA, pd.NA, 10, 5]
    assert shown["target"].tolist() == flows["target"].tolist()
    assert flows["count"].tolist() == [40, 3, 12, 8, 7]  # the input is left alone


def test_protect_table_names_a_missing_column():
    with pytest.raises(ValueError, match="no column people; columns are count"):
        protect_table(pd.DataFrame({"count": [1]}), "people", DEFAULT)


# shares


def test_protect_share_from_unrounded_counts():
    assert protect_share(7, 13, DEFAULT) == pytest.approx(700 / 13)
    assert protect_share(0, 10, DEFAULT) == 0.0
    assert protect_share(9, 9, DEFAULT) is None
    assert protect_share(0, 0, RAW) is None
    assert protect_share(1, 1, RAW) == 100.0


def test_protect_shares_keeps_the_index():
    shares = protect_shares(pd.Series([7, 3, 1], index=["x", "y", "z"]), [13, 9, 10], DEFAULT)
    assert list(shares.index) == ["x", "y", "z"]
    assert shares["x"] == pytest.approx(700 / 13)
    assert math.isnan(shares["y"])
    assert shares["z"] == 10.0


# formatting


def test_format_count():
    assert format_count(pd.NA, DEFAULT) == "fewer than 5"
    assert format_count(None, DEFAULT) == "fewer than 5"
    assert format_count(float("nan"), DEFAULT) == "fewer than 5"
    assert format_count(3, DEFAULT) == "fewer than 5"  # a raw small count never slips through
    assert format_count(0, DEFAULT) == "0"
    assert format_count(1235, DEFAULT) == "1,235"
    assert format_count(np.int64(1234565), DEFAULT) == "1,234,565"
    assert format_count(pd.NA, DisclosureRules(min_count=10)) == "fewer than 10"
    assert format_count(3, RAW) == "3"


def test_format_count_short():
    assert format_count_short(pd.NA, DEFAULT) == "<5"
    assert format_count_short(1235, DEFAULT) == "1235"
    assert format_count_short(0, DEFAULT) == "0"
    assert format_count_short(pd.NA, DisclosureRules(min_count=8)) == "<8"


# formula neutralisation


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("postdoc", "postdoc"),
        ("a=b", "a=b"),
        ("", ""),
        (-2, -2),
        (1.5, 1.5),
        (None, None),
    ],
)
def test_neutralise_formula(cell, expected):
    assert neutralise_formula(cell) == expected


def test_neutralise_frame_changes_text_only():
    frame = pd.DataFrame(
        {
            "title": ["=cmd|' /C calc'!A0", "Lecturer", None],
            "code": pd.Categorical(["@x", "y", "y"]),
            "mixed": ["-x", 5, None],
            "count": pd.array([-1, pd.NA, 10], dtype="Int64"),
            "=label": [0.5, -0.5, 1.0],
        }
    )
    safe = neutralise_frame(frame)
    assert safe["title"].tolist()[:2] == ["'=cmd|' /C calc'!A0", "Lecturer"]
    assert pd.isna(safe["title"].iloc[2])
    assert safe["code"].tolist() == ["'@x", "y", "y"]
    assert safe["mixed"].tolist()[:2] == ["'-x", 5]
    assert safe["count"].tolist() == [-1, pd.NA, 10]
    assert list(safe.columns) == ["title", "code", "mixed", "count", "'=label"]
    assert frame["title"].iloc[0].startswith("=")  # the input is left alone


# properties

rules_strategy = st.builds(
    DisclosureRules,
    min_count=st.integers(1, 12),
    round_to=st.integers(1, 12),
    min_denominator=st.integers(1, 30),
    secondary=st.booleans(),
)
counts_strategy = st.lists(st.integers(0, 60), max_size=40)


@settings(max_examples=300)
@given(counts=counts_strategy, rules=rules_strategy)
def test_no_small_count_is_shown_and_every_shown_count_is_rounded(counts, rules):
    shown = protect_counts(counts, rules)
    for raw, value in zip(counts, shown):
        if 0 < raw < rules.min_count:
            assert value is pd.NA
        else:
            assert value is not pd.NA
            assert value % rules.round_to == 0
            assert not 0 < value < rules.min_count
            assert (value == 0) == (raw == 0)


@settings(max_examples=300)
@given(
    cells=st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 30)), max_size=40),
    min_count=st.integers(2, 10),
    round_to=st.integers(1, 10),
)
def test_secondary_suppression_leaves_no_cell_recoverable_from_an_exact_total(cells, min_count, round_to):
    rules = DisclosureRules(min_count=min_count, round_to=round_to, secondary=True)
    groups = [group for group, _ in cells]
    counts = [count for _, count in cells]
    hidden = protect_counts(counts, rules, groups=groups).isna().tolist()
    for group in set(groups):
        members = [i for i, g in enumerate(groups) if g == group]
        total = sum(counts[i] for i in members)
        hidden_members = [i for i in members if hidden[i]]
        if len(members) >= 2:
            # An attacker who knows the exact total and every shown cell exactly
            # learns only the sum of the hidden cells: never one cell on its own.
            assert len(hidden_members) != 1
        if total >= min_count:
            assert sum(1 for i in hidden_members if counts[i] > 0) != 1
        # Secondary suppression hides at most one cell more than the primary rule.
        primary = [i for i in members if 0 < counts[i] < min_count]
        assert set(primary) <= set(hidden_members)
        assert len(hidden_members) - len(primary) <= 1


@given(
    pairs=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=30),
    rules=rules_strategy,
)
def test_percentages_are_hidden_exactly_when_the_denominator_is_small(pairs, rules):
    numerators = [min(a, b) for a, b in pairs]
    denominators = [max(a, b) for a, b in pairs]
    shares = protect_shares(numerators, denominators, rules)
    for top, bottom, share in zip(numerators, denominators, shares):
        single = protect_share(top, bottom, rules)
        if bottom < rules.min_denominator or bottom == 0:
            assert single is None
            assert math.isnan(share)
        else:
            assert single == pytest.approx(100 * top / bottom)
            assert share == pytest.approx(single)
            assert 0 <= share <= 100


@given(cells=st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 10_000)), max_size=40))
def test_raw_rules_change_nothing(cells):
    counts = [count for _, count in cells]
    groups = [group for group, _ in cells]
    assert protect_counts(counts, RAW, groups=groups).tolist() == counts
    assert all(round_count(count, RAW) == count for count in counts)
