"""The dataset selector: a labelled select of the catalogue's datasets, and the address it writes."""

import dash_bootstrap_components as dbc
import pytest

from layouts import ids
from layouts.dataset_selector import current_key, selector, with_dataset

CHOICES = [("bundled", "Illustrative data"), ("leeds", "Leeds survey (uploaded)")]


def test_one_dataset_needs_no_selector():
    assert selector(CHOICES[:1], "bundled") is None


def test_the_selector_is_labelled_and_shows_the_current_dataset():
    component = selector(CHOICES, "leeds")
    label, select = component.children
    assert isinstance(label, dbc.Label) and label.html_for == ids.DATASET_SELECT
    assert label.children == "Dataset"
    assert isinstance(select, dbc.Select) and select.id == ids.DATASET_SELECT
    assert select.value == "leeds"
    assert select.options == [
        {"label": "Illustrative data", "value": "bundled"},
        {"label": "Leeds survey (uploaded)", "value": "leeds"},
    ]


@pytest.mark.parametrize(
    ("query", "notice", "expected"),
    [
        ({}, None, "bundled"),
        ({"dataset": "leeds"}, None, "leeds"),
        ({"dataset": "gone"}, None, "bundled"),
        ({"dataset": "leeds"}, "Ignored ...", "bundled"),
    ],
)
def test_current_key_falls_back_to_the_default(query, notice, expected):
    assert current_key(query, CHOICES, notice) == expected


@pytest.mark.parametrize(
    ("search", "key", "expected"),
    [
        ("", "leeds", "?dataset=leeds"),
        (None, "bundled", ""),
        ("?steps=4&level=sector", "leeds", "?steps=4&level=sector&dataset=leeds"),
        ("?dataset=leeds&roles=a,b", "york", "?roles=a,b&dataset=york"),
        ("?dataset=leeds&steps=4", "bundled", "?steps=4"),
        ("?q=a+b%26c", "leeds", "?q=a+b%26c&dataset=leeds"),
    ],
)
def test_with_dataset_keeps_the_rest_of_the_query(search, key, expected):
    assert with_dataset(search, key, "bundled") == expected
