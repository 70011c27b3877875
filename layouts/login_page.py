"""Sign in as a data owner: a password form for the upload, moderation and deck pages."""

import dash_bootstrap_components as dbc
from dash import html

from layouts import ids
from layouts.controls import page_header

PATH = "/login"
TITLE = "Data owner sign in"
NAV_LABEL = None
NAV_ORDER = 95


def safe_next(address):
    """Only an address on this site (a path starting with one '/') may follow sign-in."""
    if isinstance(address, str) and address.startswith("/") and not address.startswith("//"):
        return address
    return "/data"


def layout(model, query=None, rest=""):
    """The sign-in form; ``?next=/path`` says where to go afterwards."""
    query = query or {}
    return html.Div(
        [
            page_header(
                "Sign in as a data owner",
                "Data owners upload datasets, run workshops and moderate contributions. "
                "Everyone else can use every other page without signing in.",
            ),
            html.Div(
                [
                    dbc.Label("Password", html_for=ids.LOGIN_PASSWORD, className="fw-semibold"),
                    dbc.Input(id=ids.LOGIN_PASSWORD, type="password", autocomplete="current-password"),
                    dbc.Button("Sign in", id=ids.LOGIN_SUBMIT, color="primary", className="mt-3"),
                    html.P(id=ids.LOGIN_STATUS, className="mt-3", role="status"),
                ],
                style={"maxWidth": "28rem"},
            ),
            html.Div(safe_next(query.get("next")), id=ids.LOGIN_NEXT, hidden=True),
        ]
    )


def sign_in_message(signed_in, password_set):
    """What the form says after an attempt."""
    if not password_set:
        return "Data-owner pages are switched off: set DATA_OWNER_PASSWORD on the server to use them."
    if signed_in:
        return "Signed in."
    return "That password is not right. Try again."
