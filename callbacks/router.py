"""Show the page for the address, and keep the address in step with each page's controls.

The address is the single source of truth. A page's controls write the query
string (one history entry per change) and redraw only the page's content, so
keyboard focus stays on the control; the router redraws the whole page only
when the address changes from outside (a link, back and forward, a cold load).
``shell-rendered`` remembers which address the page on screen shows.
"""

import functools
from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.dataset_selector import current_key, selector
from layouts.present_page import present_view, presentation_class
from layouts.router import parse_query, resolve
from layouts.shell import badge_label, source_line
from pathways.catalogue import Catalogue


def register(app, pages, site_title, models):
    """Route ``shell-location`` to the matching page and set the tab title."""
    catalogue = as_catalogue(models)

    @app.callback(
        Output(ids.SHELL_MAIN, "children"),
        Output(ids.SHELL_TITLE, "data"),
        Output(ids.SHELL_RENDERED, "data"),
        Output(ids.SHELL_DATASET_BADGE, "children"),
        Output(ids.SHELL_DATASET_BADGE, "color"),
        Output(ids.SHELL_SOURCE, "children"),
        Input(ids.SHELL_LOCATION, "pathname"),
        Input(ids.SHELL_LOCATION, "search"),
        State(ids.SHELL_RENDERED, "data"),
    )
    def show_page(pathname, search, rendered):
        address = (pathname or "/") + (search or "")
        if address == rendered:
            raise PreventUpdate
        model, notice = catalogue.model_for(parse_query(search))
        title, component = resolve(pages, pathname, search, model)
        if presentation_class(search):
            component = present_view(component)
        elif pathname not in ("/contribute", "/login"):
            choices = catalogue.choices()
            picker = selector(choices, current_key(parse_query(search), choices, notice))
            if picker is not None:
                component = html.Div([picker, component])
        if notice:
            component = html.Div([dbc.Alert(notice, color="info"), component])
        # The badge and footer follow the dataset chosen in the address, not the bundled one.
        badge, colour = badge_label(model.info)
        full_title = title if title == site_title else f"{title} | {site_title}"
        return component, full_title, address, badge, colour, source_line(model.info)

    app.clientside_callback(
        "function(title) { if (title) { document.title = title; } return ''; }",
        Output(ids.SHELL_TITLE_SINK, "children"),
        Input(ids.SHELL_TITLE, "data"),
    )
    app.clientside_callback(
        "function(clicks, open) { return clicks ? !open : window.dash_clientside.no_update; }",
        Output(ids.SHELL_NAV_COLLAPSE, "is_open"),
        Input(ids.SHELL_NAV_TOGGLE, "n_clicks"),
        State(ids.SHELL_NAV_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        """
        function(clicks) {
            if (!clicks) { return window.dash_clientside.no_update; }
            const address = window.location.href;
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(address);
                return 'Link copied: ' + address;
            }
            window.prompt('Copy this link', address);
            return 'Link shown to copy';
        }
        """,
        Output(ids.SHELL_COPY_STATUS, "children"),
        Input(ids.SHELL_COPY_LINK, "n_clicks"),
        prevent_initial_call=True,
    )
    return show_page


def as_catalogue(models):
    """A :class:`~pathways.catalogue.Catalogue`, or a single model wrapped as one (for tests)."""
    if isinstance(models, Catalogue):
        return models
    return Catalogue("default", models.info.name, lambda: models.dataset, preloaded=models)


def dataset_param(search, catalogue):
    """``'dataset=key'`` when the address names a dataset other than the default, else ''."""
    key = parse_query(search).get("dataset")
    return f"dataset={quote(key)}" if key and key != catalogue.default_key else ""


def kept_params(search, catalogue):
    """What every page keeps in its address while its controls change: the dataset and presentation mode."""
    kept = [dataset_param(search, catalogue), "present=1" if presentation_class(search) else ""]
    return "&".join(param for param in kept if param)


def with_dataset(search, dataset):
    """Add a ``dataset=`` parameter to a query string."""
    if not dataset:
        return search
    return f"{search}&{dataset}" if search else f"?{dataset}"


def register_page_controls(app, content_id, controls, to_query, render, models, cache=False):
    """Wire a page's controls to its address and content.

    Parameters
    ----------
    content_id : str
        The element whose children show the page's result.
    controls : list of (id, property)
        The inputs, in the order ``to_query`` takes them after the model.
    to_query : callable(model, *values) -> str
        The query string (``'?a=1'`` or ``''``) for the controls' values.
    render : callable(model, query dict) -> children
        The page's content for a query; the same function the page's layout uses.
    models : Catalogue or CareerModel
        Where the dataset named in the address (``?dataset=``) comes from.
    cache : bool
        Keep the content of recent addresses per dataset: for pages whose
        content depends only on the data and the address (not on live data
        or on who is signed in).
    """
    catalogue = as_catalogue(models)

    def draw(model, search):
        return render(model, parse_query(search))

    if cache:
        draw = functools.lru_cache(maxsize=256)(draw)

    @app.callback(
        Output(content_id, "children"),
        Output(ids.SHELL_LOCATION, "search", allow_duplicate=True),
        Output(ids.SHELL_RENDERED, "data", allow_duplicate=True),
        *[Input(component, prop) for component, prop in controls],
        State(ids.SHELL_LOCATION, "pathname"),
        State(ids.SHELL_LOCATION, "search"),
        prevent_initial_call=True,
    )
    def update(*values):
        *control_values, pathname, current = values
        model, _ = catalogue.model_for(parse_query(current))
        search = with_dataset(to_query(model, *control_values), kept_params(current, catalogue))
        children = draw(model, search)
        if presentation_class(search):
            children = present_view(children)
        return children, search, (pathname or "/") + search

    return update
