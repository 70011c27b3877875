"""The dataset selector drawn above every page: which dataset the pages show, kept in the address."""

from urllib.parse import parse_qsl, urlencode

import dash_bootstrap_components as dbc
from dash import html

from layouts import ids


def current_key(query, choices, notice=None):
    """The key the address chooses, or the first (default) choice when it names none that exists.

    Examples
    --------
    >>> choices = [("bundled", "Illustrative"), ("leeds", "Leeds survey (uploaded)")]
    >>> current_key({"dataset": "leeds"}, choices), current_key({"dataset": "nope"}, choices)
    ('leeds', 'bundled')
    """
    key = (query or {}).get("dataset")
    known = [choice for choice, _ in choices]
    return key if key in known and not notice else known[0]


def with_dataset(search, key, default_key):
    """The query string with ``dataset=key`` (none for the default), keeping every other setting.

    Examples
    --------
    >>> with_dataset("?steps=4&dataset=old", "leeds", "bundled")
    '?steps=4&dataset=leeds'
    >>> with_dataset("?dataset=leeds&steps=4", "bundled", "bundled")
    '?steps=4'
    >>> with_dataset("", "bundled", "bundled")
    ''
    """
    pairs = [(name, value) for name, value in parse_qsl((search or "").lstrip("?")) if name != "dataset"]
    if key and key != default_key:
        pairs.append(("dataset", key))
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def selector(choices, current):
    """A labelled select of the datasets ``(key, label)``; None when there is only one to show."""
    if len(choices) < 2:
        return None
    return html.Div(
        [
            dbc.Label("Dataset", html_for=ids.DATASET_SELECT, className="fw-semibold mb-0 me-2"),
            dbc.Select(
                id=ids.DATASET_SELECT,
                options=[{"label": label, "value": key} for key, label in choices],
                value=current,
                size="sm",
            ),
        ],
        className="dataset-selector d-flex align-items-center justify-content-end mb-2",
    )
