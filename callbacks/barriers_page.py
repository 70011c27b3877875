"""Barriers page wiring: controls to address and content, and the group selects that follow their column."""

from dash import Input, Output, State

from callbacks.router import as_catalogue, register_page_controls
from layouts import barriers_page as page
from layouts import ids
from layouts.router import parse_query


def register(app, models):
    """Register the Barriers page's callbacks on ``app``; return them as plain functions."""
    catalogue = as_catalogue(models)
    update = register_page_controls(
        app, page.CONTENT_ID, page.CONTROLS, page.to_query, page.content, models, cache=True
    )

    @app.callback(
        Output(ids.BARRIERS_VALUE, "options"),
        Output(ids.BARRIERS_VALUE, "value"),
        Input(ids.BARRIERS_ATTRIBUTE, "value"),
        State(ids.SHELL_LOCATION, "search"),
        prevent_initial_call=True,
    )
    def follow_attribute(attribute, search=""):
        return page.value_choices(catalogue.model_for(parse_query(search))[0], attribute)

    @app.callback(
        Output(ids.BARRIERS_GROUP_A, "options"),
        Output(ids.BARRIERS_GROUP_A, "value"),
        Output(ids.BARRIERS_GROUP_B, "options"),
        Output(ids.BARRIERS_GROUP_B, "value"),
        Input(ids.BARRIERS_COMPARE, "value"),
        State(ids.SHELL_LOCATION, "search"),
        prevent_initial_call=True,
    )
    def follow_compare(compare, search=""):
        return page.group_choices(catalogue.model_for(parse_query(search))[0], compare)

    return update, follow_attribute, follow_compare
