"""Network: the controls drive the address and the map; a click on a role opens its profile."""

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.router import as_catalogue, dataset_param, register_page_controls, with_dataset
from layouts import ids
from layouts.network_page import CONTENT_ID, CONTROLS, content, profile_address, to_query
from layouts.router import parse_query


def register(app, models):
    """Wire the page's controls, and the click on a role's symbol that goes to the role's profile."""
    catalogue = as_catalogue(models)
    update = register_page_controls(app, CONTENT_ID, CONTROLS, to_query, content, models)

    # The router listens to the address, so changing it is enough to show the profile page.
    @app.callback(
        Output(ids.SHELL_LOCATION, "pathname", allow_duplicate=True),
        Output(ids.SHELL_LOCATION, "search", allow_duplicate=True),
        Input(ids.NETWORK_GRAPH, "clickData"),
        State(ids.SHELL_LOCATION, "search"),
        prevent_initial_call=True,
    )
    def open_profile(click_data, search=""):
        model, _ = catalogue.model_for(parse_query(search))
        address = profile_address(model, click_data)
        if address is None:
            raise PreventUpdate
        pathname, query = address
        return pathname, with_dataset(query, dataset_param(search, catalogue))

    return update, open_profile
