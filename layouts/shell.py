"""The frame around every page: skip link, navigation, dataset label, footer."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids

NAV_ITEMS = (("Home", "/"),)


def badge_label(info):
    """``(text, colour)`` of the badge naming the kind of data in use."""
    if info.is_synthetic:
        return "Synthetic data", "warning"
    return f"Data: {info.kind}", "info"


def dataset_badge(info):
    """The dataset in use, labelled 'Synthetic data' when it is synthetic."""
    label, colour = badge_label(info)
    return dbc.Badge(
        label, color=colour, text_color="dark", className="dataset-badge", id=ids.SHELL_DATASET_BADGE
    )


def navigation(info, nav_items=NAV_ITEMS):
    """The top navigation bar with the dataset label."""
    links = [
        dbc.NavItem(dbc.NavLink(label, href=href, active="exact", className="text-nowrap"))
        for label, href in nav_items
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand("Career Pathways Explorer", href="/"),
                dataset_badge(info),
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id=ids.SHELL_NAV_TOGGLE,
                    className="navbar-toggler ms-2",
                    type="button",
                    **{"aria-label": "Show the pages", "aria-controls": ids.SHELL_NAV_COLLAPSE},
                ),
                # Collapsed behind the toggler below 1200px wide, so eleven pages never overflow the bar.
                dbc.Collapse(
                    [
                        dbc.Nav(links, navbar=True, className="me-auto ms-xl-2"),
                        dbc.Button(
                            "Copy link",
                            id=ids.SHELL_COPY_LINK,
                            color="light",
                            outline=True,
                            size="sm",
                            className="text-nowrap my-2 my-xl-0",
                            title="Copy the address of this view, to share it or come back to it",
                        ),
                    ],
                    id=ids.SHELL_NAV_COLLAPSE,
                    navbar=True,
                    is_open=False,
                ),
                html.Span(id=ids.SHELL_COPY_STATUS, className="visually-hidden", **{"aria-live": "polite"}),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="xl",
        id=ids.SHELL_NAV,
        className="mb-3",
    )


def source_line(info):
    """Name, source and licence of the data in use, as text."""
    return (
        f"Data: {info.name}. "
        + (f"Source: {info.source}. " if info.source else "")
        + (f"Licence: {info.licence}. " if info.licence else "")
    )


def footer(info):
    """Source and licence of the data in use, on every page (the router keeps it to the chosen dataset)."""
    return html.Footer(
        dbc.Container(
            html.P(
                [
                    html.Span(source_line(info), id=ids.SHELL_SOURCE),
                    html.A("Save this view to a deck", href="/present/", id=ids.PRESENT_SAVE_LINK),
                ],
                className="small mb-0",
            ),
            fluid=True,
        ),
        className="site-footer mt-5 py-3",
    )


def page_shell(info, nav_items=NAV_ITEMS):
    """The whole page: skip link, navigation, main landmark (filled by the router), footer."""
    return html.Div(
        [
            html.A("Skip to main content", href="#main", className="skip-link"),
            dcc.Location(id=ids.SHELL_LOCATION, refresh=False),
            dcc.Store(id=ids.SHELL_TITLE),
            dcc.Store(id=ids.SHELL_RENDERED),
            html.Div(id=ids.SHELL_TITLE_SINK, hidden=True),
            html.Div(id=ids.SHELL_IMAGE_SINK, hidden=True),
            navigation(info, nav_items),
            html.Main(dbc.Container(id=ids.SHELL_MAIN, fluid=True), id="main", tabIndex="-1"),
            footer(info),
        ]
    )
