"""Searching and filtering the advice list, counted by hand from tests/fixtures/tiny/advice.csv.

The three resources, in file order:

=============  ========  =============  ==================  ========================  ========
advice_id      sectors   stages         roles               themes                    kind
=============  ========  =============  ==================  ========================  ========
vitae-rdf      academia  early;mid      postdoc;lecturer    progression               guide
nhs-stp        nhs       student;early  (general)           mobility                  training
society-rse    academia  (general)      rse                 recognition;mentoring     network
=============  ========  =============  ==================  ========================  ========
"""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.advice import has_tag, search_advice

ALL = ["vitae-rdf", "nhs-stp", "society-rse"]


@pytest.fixture(scope="module")
def advice(tiny):
    return tiny.advice


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("", ALL),
        ("   ", ALL),
        ("vitae", ["vitae-rdf"]),  # the provider
        ("TRAINING", ["nhs-stp"]),  # title and summary, any case
        ("research", ["vitae-rdf", "society-rse"]),  # 'Researcher', 'Research Software'
        ("research society", ["society-rse"]),  # every word must appear
        ("society research", ["society-rse"]),  # in any order
        ("software framework", []),  # two words from two different resources
        ("clinical scientist", ["nhs-stp"]),  # the summary
        ("engineers.", ["society-rse"]),  # punctuation is not a pattern
        ("progression", []),  # tags are filters, not searched words
    ],
)
def test_search_words(advice, words, expected):
    assert search_advice(advice, words).index.tolist() == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"sector": "academia"}, ["vitae-rdf", "society-rse"]),
        ({"sector": "nhs"}, ["nhs-stp"]),
        ({"sector": "industry"}, []),  # every resource names its sectors
        ({"stage": "student"}, ["nhs-stp", "society-rse"]),  # society-rse is for every stage
        ({"stage": "early"}, ALL),
        ({"stage": "mid"}, ["vitae-rdf", "society-rse"]),
        ({"role": "postdoc"}, ["vitae-rdf", "nhs-stp"]),  # nhs-stp names no role: general
        ({"role": "rse"}, ["society-rse", "nhs-stp"]),  # the tagged one first, despite file order
        ({"role": "lecturer", "stage": "mid"}, ["vitae-rdf"]),
        ({"theme": "recognition"}, ["society-rse"]),
        ({"theme": "mentoring"}, ["society-rse"]),
        ({"theme": "wellbeing"}, []),
        ({"kind": "training"}, ["nhs-stp"]),
        ({"kind": "funding"}, []),
        ({"sector": "nhs", "stage": "student"}, ["nhs-stp"]),
        # Both tagged twice or once: vitae-rdf (sector and stage) before society-rse (sector only).
        ({"sector": "academia", "stage": "early"}, ["vitae-rdf", "society-rse"]),
        # One tag each (nhs-stp the stage, society-rse the role): ties keep file order.
        ({"stage": "early", "role": "rse"}, ["nhs-stp", "society-rse"]),
        ({"sector": "", "stage": None, "theme": "", "kind": None, "role": ""}, ALL),
    ],
)
def test_filters(advice, filters, expected):
    assert search_advice(advice, **filters).index.tolist() == expected


def test_search_and_filters_together(advice):
    assert search_advice(advice, "research", stage="student").index.tolist() == ["society-rse"]
    assert search_advice(advice, "research", kind="guide").index.tolist() == ["vitae-rdf"]


def test_the_result_keeps_the_frame_shape(advice):
    found = search_advice(advice, sector="academia")
    assert list(found.columns) == list(advice.columns)
    assert found.index.name == "advice_id"
    assert found.loc["society-rse", "url"] == "https://society-rse.org/"
    none = search_advice(advice, "no such words")
    assert none.empty and list(none.columns) == list(advice.columns)


def test_an_empty_list_and_missing_columns():
    empty = pd.DataFrame(columns=["title", "kind"], index=pd.Index([], name="advice_id"))
    assert search_advice(empty, "x", sector="nhs").empty
    # Only the required columns: the lists read as empty (general), the summary as blank.
    bare = pd.DataFrame({"title": ["A guide"], "provider": ["P"], "kind": ["guide"]}, index=["a"])
    assert search_advice(bare, "guide", sector="nhs", role="postdoc").index.tolist() == ["a"]


def hostile_frame():
    return pd.DataFrame(
        {
            "title": ["<script>alert(1)</script>", '=HYPERLINK("http://x","y")', "C++ (and .*) for [data]"],
            "url": ["javascript:alert(1)", "https://example.org", "https://example.org/c"],
            "provider": ["<b>evil</b>", "Spreadsheet", "Regex"],
            "kind": ["guide", "tool", "training"],
            "summary": [None, "+cmd|' /C calc'!A0", "a.b"],
            "sectors": [" nhs ; academia ", "", "nhs"],
            "stages": ["", "", ""],
            "roles": ["", "", ""],
            "themes": ["", "", ""],
        },
        index=pd.Index(["script", "formula", "regex"], name="advice_id"),
    )


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("<script>", ["script"]),
        ("<b>", ["script"]),
        ("=hyperlink(", ["formula"]),
        ("c++", ["regex"]),
        ("(and", ["regex"]),
        (".*", ["regex"]),
        ("[data]", ["regex"]),
        ("a.b", ["regex"]),
        ("ab", []),  # '.' is a full stop, not any character
        ("+cmd|'", ["formula"]),
    ],
)
def test_search_words_are_text_not_patterns(words, expected):
    assert search_advice(hostile_frame(), words).index.tolist() == expected


def test_spaces_around_codes_are_ignored():
    assert search_advice(hostile_frame(), sector="academia").index.tolist() == ["script", "formula"]
    assert has_tag(pd.Series([" nhs ; academia ", "", None, "nhsx"]), "nhs").tolist() == [
        True,
        False,
        False,
        False,
    ]


TAG = st.sampled_from(["", "a", "b", "a;b", "b;c", "c"])
FRAMES = st.lists(st.tuples(TAG, TAG, st.sampled_from(["guide", "tool"])), min_size=0, max_size=12).map(
    lambda rows: pd.DataFrame(
        {
            "title": [f"t{i}" for i in range(len(rows))],
            "provider": ["p"] * len(rows),
            "summary": ["s"] * len(rows),
            "kind": [kind for _, _, kind in rows],
            "sectors": [sectors for sectors, _, _ in rows],
            "stages": [stages for _, stages, _ in rows],
        },
        index=pd.Index([f"r{i}" for i in range(len(rows))], name="advice_id"),
        dtype=object,
    )
)


@settings(max_examples=200, deadline=None)
@given(FRAMES, st.sampled_from([None, "a", "b", "c"]), st.sampled_from([None, "a", "b"]))
def test_filters_keep_tagged_and_general_rows_tagged_first(frame, sector, stage):
    found = search_advice(frame, sector=sector, stage=stage)
    score = []
    for advice_id, row in frame.iterrows():
        checks = [(row["sectors"], sector), (row["stages"], stage)]
        kept = all(not code or not tags or code in tags.split(";") for tags, code in checks)
        assert (advice_id in found.index) == kept
        if kept:
            score.append((-sum(bool(code) and code in tags.split(";") for tags, code in checks), advice_id))
    expected = [advice_id for _, advice_id in sorted(score, key=lambda pair: (pair[0], int(pair[1][1:])))]
    assert found.index.tolist() == expected
    # A narrower view never shows more.
    assert set(search_advice(frame, "t1", sector=sector, stage=stage).index) <= set(found.index)
