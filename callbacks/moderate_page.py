"""Moderate: show a workshop's contributions to its data owners and hide or show one.

Every action checks the data-owner sign-in again: the page's buttons are never trusted.
"""

from dash import ALL, Input, Output, State, callback_context, no_update
from dash.exceptions import PreventUpdate
from flask import current_app

from callbacks.owner import is_data_owner, owner_password_set
from layouts import ids
from layouts.moderate_page import panel
from layouts.router import parse_query
from storage import StorageUnavailable, UnknownContribution, UnknownWorkshop
from storage.codes import normalise_code

NOT_REACHABLE = "The workshops database is not reachable right now. Please try again in a minute."


def moderate_view(store, code):
    """The panel for this request's sign-in state and the workshop ``code`` (None: choose one)."""
    if not is_data_owner():
        return panel(False, owner_password_set(), code, None, ())
    normal = normalise_code(code or "")
    try:
        if not normal:
            return panel(True, True, None, None, (), store.list_workshops())
        return panel(
            True, True, normal, store.get_workshop(normal), store.contributions_for_moderation(normal)
        )
    except UnknownWorkshop as error:
        return panel(True, True, normal, None, (), problem=str(error))
    except StorageUnavailable:
        return panel(True, True, normal, None, (), problem=NOT_REACHABLE)


def set_hidden(store, contribution_id, hide):
    """Hide (or show again) one contribution; the message saying what happened."""
    try:
        store.hide_contribution(contribution_id, hidden=hide)
    except UnknownContribution as error:
        return str(error)
    except StorageUnavailable:
        return NOT_REACHABLE
    if hide:
        return f"Contribution {contribution_id} is hidden: it is left out of the screen, the data and the download."
    return f"Contribution {contribution_id} is shown again once its group is released."


def register(app, models):
    """Wire the panel and its hide and show buttons."""

    @app.callback(
        Output(ids.MODERATE_PANEL, "children"),
        Input(ids.MODERATE_PANEL, "id"),
        State(ids.SHELL_LOCATION, "search"),
    )
    def show(_, search):
        return moderate_view(current_app.config["STORE"], parse_query(search).get("w"))

    @app.callback(
        Output(ids.MODERATE_PANEL, "children", allow_duplicate=True),
        Output(ids.MODERATE_MESSAGE, "children"),
        Input({"type": ids.MODERATE_TOGGLE, "id": ALL, "action": ALL}, "n_clicks"),
        State(ids.SHELL_LOCATION, "search"),
        prevent_initial_call=True,
    )
    def toggle(_clicks, search):
        trigger = callback_context.triggered_id
        if not isinstance(trigger, dict) or not callback_context.triggered[0].get("value"):
            raise PreventUpdate
        store = current_app.config["STORE"]
        if not is_data_owner():
            return moderate_view(store, None), no_update
        message = set_hidden(store, trigger["id"], trigger["action"] == "hide")
        return moderate_view(store, parse_query(search).get("w")), message

    return toggle
