"""Pathways: the controls drive the address and the diagram; a click on a node focuses on it."""

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.router import register_page_controls
from layouts import ids
from layouts.pathways_page import CONTENT_ID, CONTROLS, content, focus, to_query


def register(app, models):
    """Wire the page's controls, and the node click that sets the starting sector or role.

    Returns the two callbacks ``(update, focus_on_node)`` so tests can call them.
    """
    update = register_page_controls(app, CONTENT_ID, CONTROLS, to_query, content, models)

    @app.callback(
        Output(ids.PATHWAYS_SECTOR, "value"),
        Output(ids.PATHWAYS_ROLE, "value"),
        Input(ids.PATHWAYS_GRAPH, "clickData"),
        State(ids.PATHWAYS_GRAPH, "figure"),
        prevent_initial_call=True,
    )
    def focus_on_node(click_data, figure):
        values = focus(click_data, figure)
        if values is None:
            raise PreventUpdate
        return values

    return update, focus_on_node
