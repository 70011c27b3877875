"""The dataset selector: choosing a dataset writes ``?dataset=key`` into the address, keeping the rest."""

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.router import as_catalogue
from layouts import ids
from layouts.dataset_selector import with_dataset


def register(app, models):
    """Wire the selector to the address; the router then redraws the page with that dataset."""
    catalogue = as_catalogue(models)

    @app.callback(
        Output(ids.SHELL_LOCATION, "search", allow_duplicate=True),
        Input(ids.DATASET_SELECT, "value"),
        State(ids.SHELL_LOCATION, "search"),
        prevent_initial_call=True,
    )
    def choose_dataset(key, search):
        chosen = with_dataset(search, key, catalogue.default_key)
        if not key or chosen == (search or ""):
            raise PreventUpdate
        return chosen

    return choose_dataset
