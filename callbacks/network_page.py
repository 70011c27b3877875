"""Network: the controls drive the address and the map; a click on a role opens its profile."""

from dash import Input, Output
from dash.exceptions import PreventUpdate

from callbacks.router import register_page_controls
from layouts import ids
from layouts.network_page import CONTENT_ID, CONTROLS, content, profile_address, to_query


def register(app, model):
    """Wire the page's controls, and the click on a role's symbol that goes to the role's profile."""
    update = register_page_controls(
        app, CONTENT_ID, CONTROLS, lambda *v: to_query(model, *v), lambda q: content(model, q)
    )

    # The router listens to the address, so changing it is enough to show the profile page.
    @app.callback(
        Output(ids.SHELL_LOCATION, "pathname", allow_duplicate=True),
        Output(ids.SHELL_LOCATION, "search", allow_duplicate=True),
        Input(ids.NETWORK_GRAPH, "clickData"),
        prevent_initial_call=True,
    )
    def open_profile(click_data):
        address = profile_address(model, click_data)
        if address is None:
            raise PreventUpdate
        return address

    return update, open_profile
