"""Moderate: a workshop's contributions for its data owners, each with a button to hide or show it.

Contributions hold only codes (role ids, answers as numbers, attribute values from a
list), so the table shows them as codes; a hidden one is never released, shown or
exported. Filled by a callback, which checks the data-owner sign-in first.
"""

import dash_bootstrap_components as dbc
from dash import html

from layouts import ids
from layouts.controls import page_header
from layouts.workshop_page import sign_in_link
from pathways.viewstate import Field
from storage.codes import normalise_code

PATH = "/moderate"
TITLE = "Moderate contributions"
NAV_LABEL = None
NAV_ORDER = 96
SLUG = "moderate"
CONTENT_ID = ids.MODERATE_CONTENT
CONTROLS = []
INTRO = (
    "Every contribution to a workshop, in the order it arrived. Hide one that looks like a joke or "
    "abuse: it disappears from the screen, from the workshop's dataset and from its download."
)


def fields(model):
    """The view state: the workshop code."""
    return [Field("w", "", label="workshop code")]


def to_query(model, code=None):
    """``?w=CODE``."""
    code = normalise_code(code or "")
    return f"?w={code}" if code else ""


def layout(model, query=None, rest=""):
    """The Moderate page: heading, then the panel the callback fills."""
    return html.Div(
        [
            page_header("Moderate contributions", INTRO),
            html.P(id=ids.MODERATE_MESSAGE, role="status"),
            html.Div(id=ids.MODERATE_PANEL),
        ],
        id=CONTENT_ID,
    )


def content(model, query, rest=""):
    """The same as the layout: everything else needs the store and a sign-in."""
    return layout(model, query, rest)


def steps_summary(payload):
    """A contribution's career steps as codes: ``phd (2012) > other: nhs, mid``.

    Examples
    --------
    >>> steps_summary({"steps": [{"role": "phd", "start": 2012}, {"role": "other", "sector": "nhs", "stage": "mid"}]})
    'phd (2012) > other: nhs, mid'
    """
    parts = []
    for step in payload.get("steps") or []:
        text = str(step.get("role"))
        if text == "other":
            text += f": {step.get('sector')}, {step.get('stage')}"
        if step.get("start") is not None:
            text += f" ({step['start']})"
        parts.append(text)
    return " > ".join(parts) or "none"


def pairs_summary(mapping):
    """``{code: value}`` as ``code value; code value``, or 'none'.

    Examples
    --------
    >>> pairs_summary({"fixed_term": 1, "recognised": 4}), pairs_summary({})
    ('fixed_term 1; recognised 4', 'none')
    """
    return "; ".join(f"{key} {value}" for key, value in sorted((mapping or {}).items())) or "none"


def toggle_button(contribution):
    """'Hide' for a shown contribution, 'Show again' for a hidden one."""
    hidden = contribution["hidden"]
    return dbc.Button(
        "Show again" if hidden else "Hide",
        id={"type": ids.MODERATE_TOGGLE, "id": contribution["id"], "action": "show" if hidden else "hide"},
        color="secondary" if hidden else "danger",
        outline=True,
        size="sm",
        title=f"{'Show' if hidden else 'Hide'} contribution {contribution['id']}",
    )


def contributions_table(contributions):
    """The workshop's contributions as a table of codes, each with its button."""
    if not contributions:
        return html.P("No contributions yet.")
    columns = ("Contribution", "Group", "Shown", "Career steps", "Answers", "About them", "Action")
    rows = [
        html.Tr(
            [
                html.Td(str(c["id"])),
                html.Td("waiting" if c["batch"] is None else str(c["batch"])),
                html.Td("hidden" if c["hidden"] else "shown"),
                html.Td(steps_summary(c["payload"])),
                html.Td(pairs_summary(c["payload"].get("answers"))),
                html.Td(pairs_summary(c["payload"].get("attributes"))),
                html.Td(toggle_button(c)),
            ],
            className="table-secondary" if c["hidden"] else None,
        )
        for c in contributions
    ]
    return html.Div(
        html.Table(
            [
                html.Caption("Contributions in the order they arrived"),
                html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
                html.Tbody(rows),
            ],
            className="table table-sm align-middle caption-top moderate-table",
        ),
        className="table-responsive",
        id=ids.MODERATE_TABLE,
    )


def panel(signed_in, password_set, code, workshop, contributions, workshops=(), problem=None):
    """What the page shows for the sign-in state, the code and what the store returned."""
    if not signed_in:
        return sign_in_link(f"{PATH}{to_query(None, code)}", password_set)
    if problem:
        return dbc.Alert(problem, color="warning")
    if workshop is None:
        links = [html.Li(html.A(f"{w.name} ({w.code})", href=f"{PATH}?w={w.code}")) for w in workshops]
        return html.Div(
            [
                html.P("Choose a workshop to moderate:"),
                html.Ul(links) if links else html.P("No workshops yet."),
            ]
        )
    state = "open" if workshop.open else "closed"
    return html.Div(
        [
            html.H2(f"{workshop.name} ({workshop.code}, {state})", className="h4"),
            contributions_table(contributions),
        ]
    )
