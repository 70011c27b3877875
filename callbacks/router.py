"""Show the page for the address, and keep the address in step with each page's controls.

The address is the single source of truth. A page's controls write the query
string (one history entry per change) and redraw only the page's content, so
keyboard focus stays on the control; the router redraws the whole page only
when the address changes from outside (a link, back and forward, a cold load).
``shell-rendered`` remembers which address the page on screen shows.
"""

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.router import parse_query, resolve


def register(app, pages, site_title):
    """Route ``shell-location`` to the matching page and set the tab title."""

    @app.callback(
        Output(ids.SHELL_MAIN, "children"),
        Output(ids.SHELL_TITLE, "data"),
        Output(ids.SHELL_RENDERED, "data"),
        Input(ids.SHELL_LOCATION, "pathname"),
        Input(ids.SHELL_LOCATION, "search"),
        State(ids.SHELL_RENDERED, "data"),
    )
    def show_page(pathname, search, rendered):
        address = (pathname or "/") + (search or "")
        if address == rendered:
            raise PreventUpdate
        title, component = resolve(pages, pathname, search)
        return component, title if title == site_title else f"{title} | {site_title}", address

    app.clientside_callback(
        "function(title) { if (title) { document.title = title; } return ''; }",
        Output(ids.SHELL_TITLE_SINK, "children"),
        Input(ids.SHELL_TITLE, "data"),
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


def register_page_controls(app, content_id, controls, to_query, render):
    """Wire a page's controls to its address and content.

    Parameters
    ----------
    content_id : str
        The element whose children show the page's result.
    controls : list of (id, property)
        The inputs, in the order ``to_query`` takes them.
    to_query : callable(*values) -> str
        The query string (``'?a=1'`` or ``''``) for the controls' values.
    render : callable(query dict) -> children
        The page's content for a query; the same function the page's layout uses.
    """

    @app.callback(
        Output(content_id, "children"),
        Output(ids.SHELL_LOCATION, "search", allow_duplicate=True),
        Output(ids.SHELL_RENDERED, "data", allow_duplicate=True),
        *[Input(component, prop) for component, prop in controls],
        State(ids.SHELL_LOCATION, "pathname"),
        prevent_initial_call=True,
    )
    def update(*values):
        *control_values, pathname = values
        search = to_query(*control_values)
        return render(parse_query(search)), search, (pathname or "/") + search

    return update
