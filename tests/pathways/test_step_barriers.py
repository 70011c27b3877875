"""Barriers and advice at one step of a route, counted by hand from tests/fixtures/tiny.

Movers: phd -> postdoc is p01, p02, p05, p07, p08, p09; postdoc -> ds is p02,
p07; phd -> ds is p03. Everyone's agreement: recognised 7 of 13 answers
(responses 4 or 5), fixed_term 5 of 11, promotion_clear 1 of 6.
"""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from pathways.barriers import agreement
from pathways.disclosure_rules import RAW, DisclosureRules
from pathways.step_barriers import STEP_BARRIER_COLUMNS, index_steps, step_advice, step_barriers, step_movers


def test_movers_are_the_persons_who_made_the_move(tiny):
    assert step_movers(tiny.transitions, "phd", "postdoc").tolist() == [
        "p01",
        "p02",
        "p05",
        "p07",
        "p08",
        "p09",
    ]
    assert step_movers(tiny.transitions, "postdoc", "ds").tolist() == ["p02", "p07"]
    assert step_movers(tiny.transitions, "ds", "phd").tolist() == []


def test_phd_to_postdoc_barriers_raw(tiny):
    table = step_barriers(tiny, "phd", "postdoc", rules=RAW)
    assert list(table.columns) == STEP_BARRIER_COLUMNS
    # fixed_term: p05, p07, p08, p09 answered 1 of six (everyone 5/11); recognised: p01 4, p02 5,
    # p08 4, p09 5 of six (everyone 7/13); promotion_clear: p02 only (everyone 1/6).
    # Furthest from everyone first: +21.2, +12.8 and 0 percentage points.
    assert table["barrier_id"].tolist() == ["fixed_term", "recognised", "promotion_clear"]
    assert table["n"].tolist() == [6, 6, 6]
    assert table["percent"].round(2).tolist() == [66.67, 66.67, 16.67]
    assert table["n_all"].tolist() == [11, 13, 6]
    assert table["percent_all"].round(2).tolist() == [45.45, 53.85, 16.67]
    assert table["statement"].iloc[0] == "I am on a fixed-term contract"
    assert table["theme"].tolist() == ["contracts", "recognition", "progression"]


def test_statements_furthest_from_everyone_come_first(tiny):
    # p02 and p07 agree with one of two answers on each statement: 50% everywhere, against
    # 1/6 (promotion_clear), 5/11 (fixed_term) and 7/13 (recognised) of everyone.
    table = step_barriers(tiny, "postdoc", "ds", rules=RAW)
    assert table["barrier_id"].tolist() == ["promotion_clear", "fixed_term", "recognised"]
    assert table["percent"].tolist() == [50.0, 50.0, 50.0]


def test_top_limits_the_statements(tiny):
    assert step_barriers(tiny, "phd", "postdoc", top=1, rules=RAW)["barrier_id"].tolist() == ["fixed_term"]


def test_distance_counts_either_way(tiny):
    # p03 answered recognised 2 and fixed_term 0: 0% against everyone's 53.8% and 45.5%.
    table = step_barriers(tiny, "phd", "ds", rules=RAW)
    assert table["barrier_id"].tolist() == ["recognised", "fixed_term"]
    assert table["percent"].tolist() == [0.0, 0.0]


def test_default_rules_hide_statements_with_fewer_than_ten_answers(tiny):
    assert step_barriers(tiny, "phd", "postdoc", rules=DisclosureRules()).empty
    assert (
        list(step_barriers(tiny, "phd", "postdoc", rules=DisclosureRules()).columns) == STEP_BARRIER_COLUMNS
    )


def test_counts_are_rounded_and_small_denominators_hide_everyones_share(tiny):
    rules = DisclosureRules(min_denominator=6)
    table = step_barriers(tiny, "phd", "postdoc", rules=rules)
    assert table["n"].tolist() == [5, 5, 5]
    assert table["n_all"].tolist() == [10, 15, 5]
    # 6 answers to promotion_clear from everyone: enough for min_denominator 6.
    assert table["percent_all"].round(2).tolist() == [45.45, 53.85, 16.67]
    strict = step_barriers(tiny, "phd", "postdoc", rules=DisclosureRules(min_denominator=6, min_count=7))
    assert strict["n"].isna().all()


def test_a_move_nobody_made_has_no_barriers(tiny):
    assert step_barriers(tiny, "ds", "phd", rules=RAW).empty


def test_a_dataset_without_answers_has_no_barriers(tiny):
    bare = dataclasses.replace(tiny, barrier_responses=tiny.barrier_responses.iloc[0:0])
    table = step_barriers(bare, "phd", "postdoc", rules=RAW)
    assert table.empty and list(table.columns) == STEP_BARRIER_COLUMNS


@pytest.mark.parametrize(
    ("role", "sector", "stage", "themes", "expected"),
    [
        # vitae-rdf: role 4 + sector 1 + stage 1; society-rse: sector 1 + recognition 2.
        ("postdoc", "academia", "early", ("contracts", "recognition"), ["vitae-rdf", "society-rse"]),
        ("postdoc", "academia", "early", (), ["vitae-rdf", "society-rse"]),
        # society-rse: role 4 + sector 1; vitae-rdf: sector 1 + stage 1.
        ("rse", "academia", "early", (), ["society-rse", "vitae-rdf"]),
        ("nhs_analyst", "nhs", "early", (), ["nhs-stp"]),
        ("ds", "industry", "early", ("recognition",), []),
    ],
)
def test_advice_for_a_step(tiny, role, sector, stage, themes, expected):
    chosen = step_advice(tiny.advice, role, sector, stage, themes=themes)
    assert chosen.index.tolist() == expected
    assert list(chosen.columns) == ["title", "url", "provider", "kind"]


def test_advice_keeps_at_most_n(tiny):
    assert step_advice(tiny.advice, "postdoc", "academia", "early", n=1).index.tolist() == ["vitae-rdf"]


def test_advice_tags_match_whole_codes_only():
    advice = pd.DataFrame(
        {
            "title": ["A", "B"],
            "url": ["https://a", "https://b"],
            "provider": ["x", "y"],
            "kind": ["guide", "guide"],
            "sectors": ["", ""],
            "stages": ["", ""],
            "roles": ["senior_postdoc", "lab; postdoc ;x"],
            "themes": ["", ""],
        },
        index=pd.Index(["a", "b"], name="advice_id"),
    )
    assert step_advice(advice, "postdoc").index.tolist() == ["b"]


def test_empty_advice_gives_nothing(tiny):
    assert step_advice(tiny.advice.iloc[0:0], "postdoc", "academia", "early").empty


def test_the_index_holds_everyones_answers(tiny):
    index = index_steps(tiny)
    counts = dict(zip(index.statements, zip(index.n_all.tolist(), index.agree_all.tolist())))
    assert counts == {"recognised": (13, 7), "fixed_term": (11, 5), "promotion_clear": (6, 1)}
    # p10 (postdoc -> founder) answered; p11 and p13 answered but made no move.
    assert len(index.movers[("postdoc", "founder")]) == 1


def naive_counts(dataset, source, target):
    """The movers' answers and agreements per statement, the slow and obvious way."""
    answers = agreement(dataset)
    mine = answers[answers["person_id"].isin(step_movers(dataset.transitions, source, target))]
    counts = mine.groupby("barrier_id")["agree"].agg(["size", "sum"])
    return {barrier: (int(n), int(agree)) for barrier, (n, agree) in counts.iterrows()}


def fast_counts(dataset, source, target, index):
    table = step_barriers(dataset, source, target, top=99, rules=RAW, index=index)
    return {row.barrier_id: (int(row.n), round(row.percent * row.n / 100)) for row in table.itertuples()}


def test_the_index_gives_the_same_counts_as_counting_directly(tiny):
    index = index_steps(tiny)
    edges = tiny.transitions[["source", "target"]].drop_duplicates().itertuples(index=False)
    for source, target in edges:
        assert fast_counts(tiny, source, target, index) == naive_counts(tiny, source, target), (
            source,
            target,
        )


@pytest.mark.parametrize("seed", range(5))
def test_the_index_agrees_with_direct_counts_on_random_data(tiny, seed):
    rng = np.random.default_rng(seed)
    people = [f"q{i:03d}" for i in range(60)]
    roles = list(tiny.roles.index)
    steps = rng.integers(1, 6, size=len(people))
    careers = pd.DataFrame(
        {
            "person_id": np.repeat(people, steps),
            "seq": np.concatenate([np.arange(1, n + 1) for n in steps]),
            "role_id": rng.choice(roles, size=int(steps.sum())),
            "start_year": None,
            "end_year": None,
        }
    )
    # Some people answer nothing, some answer a statement twice over the survey's items.
    answered = rng.choice(people + ["nobody"], size=300)
    responses = pd.DataFrame(
        {
            "person_id": answered,
            "barrier_id": rng.choice(list(tiny.barrier_items.index), size=300),
            "response": rng.integers(0, 2, size=300),
        }
    )
    data = dataclasses.replace(tiny, careers=careers, barrier_responses=responses)
    index = index_steps(data)
    for source, target in data.transitions[["source", "target"]].drop_duplicates().itertuples(index=False):
        assert fast_counts(data, source, target, index) == naive_counts(data, source, target)
