"""Home: what this is, the dataset in use, its size, and where to start."""

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts import ids
from layouts.format import count_text
from pathways.disclosure import protect_counts

PATH = "/"
TITLE = "Career Pathways Explorer"
NAV_LABEL = "Home"
NAV_ORDER = 0

SUMMARY_LABELS = (
    ("people", "people"),
    ("episodes", "career episodes"),
    ("transitions", "moves between roles"),
    ("roles", "roles"),
    ("responses", "answers about barriers"),
)


def displayed_summary(model):
    """The dataset's summary counts as text, after disclosure control."""
    counts = protect_counts(pd.Series(model.dataset.summary()), model.rules)
    return {key: count_text(value, model.rules) for key, value in counts.items()}


def summary_cards(summary):
    """One card per summary count (counts already passed through disclosure control)."""
    cards = [
        dbc.Col(
            dbc.Card(
                dbc.CardBody(
                    [html.P(summary[key], className="summary-number mb-0"), html.P(label, className="mb-0")]
                ),
                className="h-100",
            ),
            xs=6,
            md=4,
            lg=2,
            className="mb-3",
        )
        for key, label in SUMMARY_LABELS
    ]
    return dbc.Row(cards, id=ids.HOME_SUMMARY)


def layout(model, query=None, rest=""):
    """The home page."""
    info = model.info
    synthetic_note = (
        html.P(
            "These are illustrative data: a simulation calibrated to published figures, not real people.",
            className="alert alert-warning",
        )
        if info.is_synthetic
        else None
    )
    return html.Div(
        [
            html.H1("Career pathways in biomedical data science"),
            html.P(
                "See how people who work with biomedical data move between universities, the NHS, "
                "industry, the public sector and start-ups, what holds them back, and where to get help.",
                className="lead",
            ),
            html.H2("The data in use"),
            html.P([html.Strong(info.name), f" ({info.kind})"]),
            html.P(info.description) if info.description else None,
            synthetic_note,
            summary_cards(displayed_summary(model)),
        ]
    )
