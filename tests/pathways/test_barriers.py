"""Barrier statistics on the tiny fixture, counted by hand from its CSV files.

tests/fixtures/tiny/barrier_responses.csv, agreement (likert5 4 or 5, binary 1):
- recognised: 13 answers; agree p01 p02 p04 p08 p09 p10 p13 = 7
- fixed_term: 11 answers (no p11, p12); agree p05 p07 p08 p09 p13 = 5
- promotion_clear: 6 answers (p01 p02 p05 p07 p08 p09); agree p02 = 1
people.csv: women p01 p03 p05 p06 p08 p11 p13; men p02 p04 p07 p09 p10;
p12 "prefer not to say"; fixed-term contract p05 p07 p08 p09 p13; p11 has no contract.
"""

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from pathways.barriers import (
    COMPARE_COLUMNS,
    TABLE_COLUMNS,
    THEME_COLUMNS,
    agreement,
    answer_counts,
    barrier_table,
    compare_groups,
    newcombe_intervals,
    theme_summary,
    wilson_interval,
    wilson_intervals,
)
from pathways.dataset import Dataset, DatasetInfo
from pathways.disclosure_rules import RAW, DisclosureRules

Z = 1.959963984540054
DEFAULT = DisclosureRules()


def wilson_by_hand(k, n, z=Z):
    # The closed form (2np + z^2 -+ z sqrt(z^2 + 4np(1-p))) / (2(n + z^2)), written apart from the module's.
    p = k / n
    root = z * math.sqrt(z * z + 4 * n * p * (1 - p))
    return (2 * n * p + z * z - root) / (2 * (n + z * z)), (2 * n * p + z * z + root) / (2 * (n + z * z))


def rows(table, columns=("barrier_id", "group", "n", "agree")):
    return [tuple(row) for row in table[list(columns)].itertuples(index=False)]


# Wilson and Newcombe


def test_wilson_interval_matches_the_closed_form():
    low, high = wilson_interval(7, 13)
    assert (low, high) == pytest.approx(wilson_by_hand(7, 13), abs=1e-12)
    assert low == pytest.approx(0.2914, abs=1e-4)
    assert high == pytest.approx(0.7679, abs=1e-4)


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (0, 10, 0.0, 0.2775),  # the classic 0/10
        # Newcombe (1998), Statistics in Medicine 17, 857-872, Table I, score method:
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_published_values(k, n, low, high):
    assert wilson_interval(k, n) == pytest.approx((low, high), abs=5e-5)


def test_wilson_interval_of_no_answers_is_nan_and_vectorised_agrees():
    assert all(math.isnan(bound) for bound in wilson_interval(0, 0))
    low, high = wilson_intervals([7, 0, 5, 10], [13, 0, 11, 10])
    assert math.isnan(low[1]) and math.isnan(high[1])
    for j, (k, n) in zip([0, 2, 3], [(7, 13), (5, 11), (10, 10)]):
        assert (low[j], high[j]) == pytest.approx(wilson_by_hand(k, n), abs=1e-12)
    assert (low[0] > 0, high[3], low[1:3].tolist()[1] > 0) == (True, 1.0, True)
    # A wider interval at 99%.
    assert wilson_interval(7, 13, z=2.5758)[0] < wilson_interval(7, 13)[0]


@pytest.mark.parametrize(
    ("a", "n_a", "b", "n_b", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17, 873-890, Table II, method 10.
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (0, 10, 0, 10, -0.2775, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0),
        (10, 10, 0, 10, 0.6075, 1.0),
    ],
)
def test_newcombe_interval_published_values(a, n_a, b, n_b, low, high):
    difference, lows, highs = newcombe_intervals([a], [n_a], [b], [n_b])
    assert difference[0] == pytest.approx(a / n_a - b / n_b)
    assert (lows[0], highs[0]) == pytest.approx((low, high), abs=5e-5)


# agreement


def test_agreement_marks_each_answer(tiny):
    answers = agreement(tiny)
    assert list(answers.columns) == ["person_id", "barrier_id", "theme", "response", "agree"]
    assert len(answers) == 30
    assert answers.groupby("barrier_id")["agree"].sum().to_dict() == {
        "recognised": 7,
        "fixed_term": 5,
        "promotion_clear": 1,
    }
    p08 = answers[answers["person_id"] == "p08"].set_index("barrier_id")
    assert p08["agree"].to_dict() == {"recognised": True, "fixed_term": True, "promotion_clear": False}
    assert p08["theme"].to_dict() == {
        "recognised": "recognition",
        "fixed_term": "contracts",
        "promotion_clear": "progression",
    }


def test_answer_counts_per_statement_and_profile(tiny):
    counts = answer_counts(tiny)
    assert list(counts.columns) == [
        "barrier_id",
        "theme",
        "gender",
        "contract",
        "sector",
        "stage",
        "n",
        "agree",
    ]
    assert counts["n"].sum() == 30
    assert counts.groupby("barrier_id", sort=False)[["n", "agree"]].sum().values.tolist() == [
        [13, 7],
        [11, 5],
        [6, 1],
    ]
    # Women on fixed-term contracts in academia, early career: p05 (rse, 1) and p08 (postdoc, 4).
    fixed = counts[(counts["barrier_id"] == "recognised") & (counts["contract"] == "fixed-term")]
    women = fixed[(fixed["gender"] == "woman") & (fixed["sector"] == "academia")]
    assert women[["stage", "n", "agree"]].values.tolist() == [["early", 2, 1]]
    # p13 has no career: no sector or stage.
    assert counts[(counts["sector"].isna()) & (counts["barrier_id"] == "recognised")]["n"].tolist() == [1]


def test_tables_take_answer_counts_computed_before(tiny):
    counts = answer_counts(tiny)
    assert barrier_table(tiny, by="gender", counts=counts).equals(barrier_table(tiny, by="gender"))
    assert theme_summary(tiny, rules=DEFAULT, counts=counts).equals(theme_summary(tiny, rules=DEFAULT))
    compared = compare_groups(tiny, "gender", "woman", "man", counts=counts)
    assert compared.equals(compare_groups(tiny, "gender", "woman", "man"))
    # The tables come from the counts given, not from the dataset's answers.
    doubled = counts.assign(n=2 * counts["n"], agree=2 * counts["agree"])
    assert rows(barrier_table(tiny, counts=doubled))[0] == ("recognised", "all", 26, 14)


# barrier_table, no disclosure control


def test_barrier_table_overall(tiny):
    table = barrier_table(tiny)
    assert list(table.columns) == TABLE_COLUMNS
    assert rows(table) == [
        ("recognised", "all", 13, 7),
        ("fixed_term", "all", 11, 5),
        ("promotion_clear", "all", 6, 1),
    ]
    assert table["percent"].tolist() == pytest.approx([700 / 13, 500 / 11, 100 / 6])
    low, high = wilson_by_hand(7, 13)
    assert table.loc[0, ["ci_low", "ci_high"]].tolist() == pytest.approx([100 * low, 100 * high])
    assert table.loc[2, "ci_low"] == pytest.approx(100 * wilson_by_hand(1, 6)[0])


def test_barrier_table_by_gender(tiny):
    table = barrier_table(tiny, by="gender")
    assert rows(table) == [
        ("recognised", "man", 5, 4),
        ("recognised", "prefer not to say", 1, 0),
        ("recognised", "woman", 7, 3),
        ("fixed_term", "man", 5, 2),
        ("fixed_term", "woman", 6, 3),
        ("promotion_clear", "man", 3, 1),
        ("promotion_clear", "woman", 3, 0),
    ]
    assert table["percent"].tolist() == pytest.approx([80, 0, 300 / 7, 40, 50, 100 / 3, 0])
    assert table.loc[6, ["ci_low", "ci_high"]].tolist() == pytest.approx([0, 100 * wilson_by_hand(0, 3)[1]])


def test_barrier_table_where_contract_is_fixed_term(tiny):
    table = barrier_table(tiny, where={"contract": "fixed-term"})
    assert rows(table) == [
        ("recognised", "all", 5, 3),
        ("fixed_term", "all", 5, 5),
        ("promotion_clear", "all", 4, 0),
    ]
    both = barrier_table(tiny, by="gender", where={"contract": "fixed-term"})
    assert rows(both) == [
        ("recognised", "man", 2, 1),
        ("recognised", "woman", 3, 2),
        ("fixed_term", "man", 2, 2),
        ("fixed_term", "woman", 3, 3),
        ("promotion_clear", "man", 2, 0),
        ("promotion_clear", "woman", 2, 0),
    ]


def test_barrier_table_leaves_out_people_without_a_value(tiny):
    # p11 has no contract; p13 has no career, so no sector.
    by_contract = barrier_table(tiny, by="contract")
    assert rows(by_contract)[:2] == [("recognised", "fixed-term", 5, 3), ("recognised", "permanent", 7, 4)]
    by_sector = barrier_table(tiny, by="sector")
    recognised = by_sector[by_sector["barrier_id"] == "recognised"]
    assert recognised["group"].tolist() == ["academia", "education", "entrepreneurship", "industry", "nhs"]
    assert recognised["n"].sum() == 12
    assert rows(recognised)[0] == ("recognised", "academia", 5, 3)


def test_barrier_table_where_by_stage_and_several_conditions(tiny):
    # Early career now: p05 (rse), p06 (nhs_analyst), p07 p08 p09 (postdoc), p03 p12 (ds).
    table = barrier_table(tiny, where={"stage": "early", "sector": "academia"})
    assert rows(table) == [
        ("recognised", "all", 4, 2),
        ("fixed_term", "all", 4, 4),
        ("promotion_clear", "all", 4, 0),
    ]


def test_barrier_table_compares_where_values_as_strings(tiny):
    people = tiny.people.assign(cohort=[2019, 2019, 2020] + [2021] * 10)
    data = dataclasses.replace(tiny, people=people)
    assert rows(barrier_table(data, where={"cohort": 2019}))[0] == ("recognised", "all", 2, 2)
    assert rows(barrier_table(data, where={"cohort": "2019"}))[0] == ("recognised", "all", 2, 2)


def test_barrier_table_counts_answers_of_people_missing_from_people_csv_overall_only(tiny):
    extra = pd.DataFrame({"person_id": ["p99"], "barrier_id": ["recognised"], "response": [5]})
    data = dataclasses.replace(tiny, barrier_responses=pd.concat([tiny.barrier_responses, extra]))
    assert rows(barrier_table(data))[0] == ("recognised", "all", 14, 8)
    assert barrier_table(data, by="gender")["n"].sum() == 30


def test_barrier_table_of_a_value_with_no_answers_is_empty(tiny):
    extra = pd.DataFrame({"gender": ["nonbinary"], "contract": ["permanent"]}, index=pd.Index(["p14"]))
    data = dataclasses.replace(tiny, people=pd.concat([tiny.people, extra]))
    table = barrier_table(data, where={"gender": "nonbinary"})
    assert list(table.columns) == TABLE_COLUMNS
    assert table.empty


def test_a_people_column_named_like_a_count_cannot_group(tiny):
    data = dataclasses.replace(tiny, people=tiny.people.assign(n="x"))
    assert rows(barrier_table(data))[0] == ("recognised", "all", 13, 7)
    with pytest.raises(ValueError, match="unknown by column 'n'; choose one of: gender, contract, sector"):
        barrier_table(data, by="n")


def test_tables_of_a_dataset_without_barriers_are_empty():
    data = Dataset(DatasetInfo("Empty", "synthetic"), roles=pd.DataFrame(), careers=pd.DataFrame())
    assert agreement(data).empty
    assert barrier_table(data).empty and list(barrier_table(data).columns) == TABLE_COLUMNS
    assert theme_summary(data, by="sector", rules=DEFAULT).empty


def test_barrier_table_follows_the_order_of_the_items(tiny):
    items = tiny.barrier_items.loc[["promotion_clear", "recognised", "fixed_term"]]
    data = dataclasses.replace(tiny, barrier_items=items)
    assert barrier_table(data)["barrier_id"].tolist() == ["promotion_clear", "recognised", "fixed_term"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"by": "colour"}, "unknown by column 'colour'; choose one of: gender, contract, sector, stage"),
        ({"where": {"colour": "red"}}, "unknown where column 'colour'"),
        ({"where": {"contract": "zero-hours"}}, "values of contract are: fixed-term, permanent"),
        ({"where": {"sector": "space"}}, "academia, education, entrepreneurship, industry, nhs"),
    ],
)
def test_barrier_table_explains_unknown_columns_and_values(tiny, arguments, message):
    with pytest.raises(ValueError) as error:
        barrier_table(tiny, **arguments)
    assert message in str(error.value)


# barrier_table under disclosure control


def test_barrier_table_default_rules_overall(tiny):
    table = barrier_table(tiny, rules=DEFAULT)
    assert table["n"].dtype == "Int64" and table["agree"].dtype == "Int64"
    # 13 -> 15, 7 -> 5; 11 -> 10, 5 -> 5; 6 -> 5 and 1 agreeing is hidden.
    assert rows(table) == [
        ("recognised", "all", 15, 5),
        ("fixed_term", "all", 10, 5),
        ("promotion_clear", "all", 5, pd.NA),
    ]
    # Percentages and intervals come from the unrounded counts; hidden under 10 answers.
    assert table["percent"].tolist()[:2] == pytest.approx([700 / 13, 500 / 11])
    assert table.loc[0, "ci_low"] == pytest.approx(100 * wilson_by_hand(7, 13)[0])
    assert table.loc[2, ["percent", "ci_low", "ci_high"]].isna().all()


def test_barrier_table_default_rules_by_gender_hides_small_groups(tiny):
    table = barrier_table(tiny, by="gender", rules=DEFAULT)
    assert table["n"].tolist() == [5, pd.NA, 5, 5, 5, pd.NA, pd.NA]
    # Every agree or disagree count here is below 5, or its sibling is
    # (recognised/man: 4 agree, 1 disagree; prefer not to say: 0 agree of 1).
    assert table["agree"].isna().all()
    assert table[["percent", "ci_low", "ci_high"]].isna().all().all()


def test_barrier_table_shows_a_true_zero_where_nothing_is_hidden(tiny):
    rules = DisclosureRules(min_count=2, round_to=1, min_denominator=2)
    table = barrier_table(tiny, by="gender", where={"contract": "fixed-term"}, rules=rules)
    # promotion_clear: 0 of 2 for both genders; the 2 disagreeing are shown, so 0 is too.
    assert rows(table)[-2:] == [("promotion_clear", "man", 2, 0), ("promotion_clear", "woman", 2, 0)]


def test_barrier_table_secondary_suppression_of_agree_when_disagree_is_small(tiny):
    rules = DisclosureRules(min_count=7, round_to=1, min_denominator=1, secondary=True)
    # recognised: 7 agree, 6 disagree of 13 shown; 13 - 7 would give the 6 away.
    table = barrier_table(tiny, rules=rules)
    assert rows(table) == [
        ("recognised", "all", 13, pd.NA),
        ("fixed_term", "all", 11, pd.NA),  # 5 agree: hidden itself
        ("promotion_clear", "all", pd.NA, pd.NA),
    ]
    loose = barrier_table(tiny, rules=dataclasses.replace(rules, secondary=False))
    assert rows(loose)[0] == ("recognised", "all", 13, 7)


def test_barrier_table_hides_agree_when_everyone_in_a_small_row_disagrees(tiny):
    # promotion_clear among women: 0 of 3. "0 agreed" would tell all 3 disagreed.
    table = barrier_table(tiny, by="gender", rules=DEFAULT)
    assert rows(table)[-1] == ("promotion_clear", "woman", pd.NA, pd.NA)


def test_barrier_table_with_raw_rules_is_the_plain_table(tiny):
    assert barrier_table(tiny, by="gender", rules=RAW).equals(barrier_table(tiny, by="gender"))


# theme_summary


def test_theme_summary_by_sector(tiny):
    table = theme_summary(tiny)
    assert list(table.columns) == THEME_COLUMNS
    assert rows(table, ("theme", "group", "n", "agree")) == [
        ("recognition", "academia", 5, 3),
        ("recognition", "education", 1, 0),
        ("recognition", "entrepreneurship", 1, 1),
        ("recognition", "industry", 4, 2),
        ("recognition", "nhs", 1, 0),
        ("contracts", "academia", 5, 4),
        ("contracts", "entrepreneurship", 1, 0),
        ("contracts", "industry", 3, 0),
        ("contracts", "nhs", 1, 0),
        ("progression", "academia", 5, 0),
        ("progression", "industry", 1, 1),
    ]


def test_theme_summary_pools_the_statements_of_a_theme(tiny):
    items = tiny.barrier_items.assign(theme=["recognition", "contracts", "recognition"])
    data = dataclasses.replace(tiny, barrier_items=items)
    table = theme_summary(data, by=None)
    assert rows(table, ("theme", "group", "n", "agree")) == [
        ("recognition", "all", 19, 8),
        ("contracts", "all", 11, 5),
    ]
    assert table.loc[0, "percent"] == pytest.approx(800 / 19)
    protected = theme_summary(data, by=None, rules=DEFAULT)
    assert rows(protected, ("theme", "group", "n", "agree")) == [
        ("recognition", "all", 20, 10),
        ("contracts", "all", 10, 5),
    ]


def test_theme_summary_where_and_errors(tiny):
    table = theme_summary(tiny, by="gender", where={"contract": "fixed-term"})
    assert rows(table, ("theme", "group", "n", "agree"))[:2] == [
        ("recognition", "man", 2, 1),
        ("recognition", "woman", 3, 2),
    ]
    with pytest.raises(ValueError, match="unknown by column 'region'"):
        theme_summary(tiny, by="region")


# compare_groups


def test_compare_groups_women_and_men(tiny):
    table = compare_groups(tiny, "gender", "woman", "man")
    assert list(table.columns) == COMPARE_COLUMNS
    assert rows(table, ("barrier_id", "n_a", "agree_a", "n_b", "agree_b")) == [
        ("recognised", 7, 3, 5, 4),
        ("fixed_term", 6, 3, 5, 2),
        ("promotion_clear", 3, 0, 3, 1),
    ]
    assert table["percent_a"].tolist() == pytest.approx([300 / 7, 50, 0])
    assert table["percent_b"].tolist() == pytest.approx([80, 40, 100 / 3])
    assert table["difference"].tolist() == pytest.approx([300 / 7 - 80, 10, -100 / 3])
    # Newcombe's method 10 from the two Wilson intervals, by hand for recognised.
    p1, p2 = 3 / 7, 4 / 5
    l1, u1 = wilson_by_hand(3, 7)
    l2, u2 = wilson_by_hand(4, 5)
    low = p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    assert table.loc[0, ["ci_low", "ci_high"]].tolist() == pytest.approx([100 * low, 100 * high])


def test_compare_groups_lists_a_statement_answered_by_one_side_only(tiny):
    table = compare_groups(tiny, "gender", "woman", "prefer not to say")
    assert rows(table, ("barrier_id", "n_a", "agree_a", "n_b", "agree_b")) == [
        ("recognised", 7, 3, 1, 0),
        ("fixed_term", 6, 3, 0, 0),
        ("promotion_clear", 3, 0, 0, 0),
    ]
    assert math.isnan(table.loc[1, "percent_b"])
    assert table.loc[1:, ["difference", "ci_low", "ci_high"]].isna().all().all()


def test_compare_groups_under_default_rules_and_with_where(tiny):
    table = compare_groups(tiny, "gender", "woman", "man", rules=DEFAULT)
    assert table["n_a"].tolist() == [5, 5, pd.NA]
    assert table["agree_a"].isna().all() and table["agree_b"].isna().all()
    assert table[["percent_a", "percent_b", "difference", "ci_low", "ci_high"]].isna().all().all()
    fixed = compare_groups(tiny, "gender", "woman", "man", where={"contract": "fixed-term"})
    assert rows(fixed, ("barrier_id", "n_a", "agree_a", "n_b", "agree_b"))[0] == ("recognised", 3, 2, 2, 1)


def test_compare_groups_shows_a_difference_once_both_sides_are_large_enough(tiny):
    rules = DisclosureRules(min_count=1, round_to=1, min_denominator=6)
    table = compare_groups(tiny, "gender", "woman", "man", rules=rules)
    # Women answered recognised 7 times and fixed_term 6 times, men 5 times each.
    assert table["percent_a"].tolist()[:2] == pytest.approx([300 / 7, 50])
    assert np.isnan(table["percent_b"].to_numpy(dtype=float)).all()
    assert table["difference"].isna().all()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("colour", "red", "blue"), "unknown attribute column 'colour'"),
        (("gender", "woman", "nonbinary"), "values of gender are: man, prefer not to say, woman"),
        (("gender", "woman", "woman"), "compare two different groups"),
    ],
)
def test_compare_groups_errors(tiny, arguments, message):
    with pytest.raises(ValueError) as error:
        compare_groups(tiny, *arguments)
    assert message in str(error.value)


def test_compare_groups_without_answers_under_the_filter_is_empty(tiny):
    # No man in tiny is in education or the NHS now: nothing to compare, and no error.
    table = compare_groups(tiny, "sector", "education", "nhs", where={"gender": "man"})
    assert table.empty
    assert list(table.columns) == COMPARE_COLUMNS
