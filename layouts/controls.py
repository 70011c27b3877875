"""Labelled form controls that pass axe-core (dash-bootstrap-components, not dcc).

On Dash 4.4 the dcc dropdown, checklist, range slider and upload report axe
violations, so every control here is a dbc one with a visible label.
"""

import dash_bootstrap_components as dbc
from dash import html


def select(control_id, label, options, value, help_text=None):
    """A labelled select; ``options`` are ``(value, label)`` pairs."""
    return html.Div(
        [
            dbc.Label(label, html_for=control_id, className="fw-semibold"),
            dbc.Select(
                id=control_id,
                options=[{"label": text, "value": key} for key, text in options],
                value=value,
            ),
            dbc.FormText(help_text) if help_text else None,
        ],
        className="mb-3",
    )


def radio(control_id, label, options, value, inline=True):
    """A fieldset of radio buttons with a legend."""
    return html.Fieldset(
        [
            html.Legend(label, className="form-label fw-semibold fs-6"),
            dbc.RadioItems(
                id=control_id,
                options=[{"label": text, "value": key} for key, text in options],
                value=value,
                inline=inline,
            ),
        ],
        className="mb-3",
    )


def number(control_id, label, value, low, high, step=1, help_text=None):
    """A labelled number input."""
    return html.Div(
        [
            dbc.Label(label, html_for=control_id, className="fw-semibold"),
            dbc.Input(id=control_id, type="number", min=low, max=high, step=step, value=value),
            dbc.FormText(help_text) if help_text else None,
        ],
        className="mb-3",
    )


def text_input(control_id, label, value="", placeholder="", help_text=None):
    """A labelled text box (search)."""
    return html.Div(
        [
            dbc.Label(label, html_for=control_id, className="fw-semibold"),
            dbc.Input(id=control_id, type="search", value=value, placeholder=placeholder, debounce=True),
            dbc.FormText(help_text) if help_text else None,
        ],
        className="mb-3",
    )


def notices(messages):
    """A polite alert listing values from the address that were ignored; None when all is well."""
    if not messages:
        return None
    return dbc.Alert(
        [
            html.P("Some settings in the address were not understood, so the defaults are shown:"),
            html.Ul([html.Li(message) for message in messages]),
        ],
        color="info",
        className="address-notices",
    )


def page_header(title, intro):
    """The page's heading and a plain-words introduction."""
    return html.Div([html.H1(title), html.P(intro, className="lead")], className="page-header mb-3")
