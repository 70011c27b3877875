"""Which page an address shows: a pure lookup from path and query to a page.

The app routes with its own table rather than Dash Pages because Dash Pages
keeps its registry in a module global: two apps built in one process (tests,
or one app per dataset) would share, and overwrite, each other's pages.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

from dash import html


@dataclass(frozen=True)
class Page:
    """A page: its path (a prefix when it ends in ``/``), title and layout.

    ``layout(model, query, rest)`` takes the dataset's model, the query as a
    ``{name: value}`` dict (first value of each name) and the rest of the path
    after a prefix.
    """

    path: str
    title: str
    layout: Callable
    nav_label: str | None = None
    cache: bool = False
    page_title: Callable | None = None


def parse_query(search):
    """``'?a=1&b=x&a=2'`` -> ``{'a': '1', 'b': 'x'}``: first value of each name."""
    parsed = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    return {name: values[0] for name, values in parsed.items()}


def not_found(pathname):
    """The page for an address that matches no page."""
    return html.Div(
        [
            html.H1("Page not found"),
            html.P(["There is no page at ", html.Code(pathname or "/"), "."]),
            html.A("Go to the home page", href="/"),
        ]
    )


@functools.lru_cache(maxsize=512)
def _cached_layout(layout, model, query_items, rest):
    return layout(model, dict(query_items), rest)


def _draw(page, model, query, rest):
    # Pages whose layout depends only on the data and the address are kept per address;
    # pages that show live data or depend on who is signed in are drawn every time.
    if page.cache:
        return _cached_layout(page.layout, model, tuple(sorted(query.items())), rest)
    return page.layout(model, query, rest)


def _title(page, model, query, rest):
    return page.page_title(model, query, rest) if page.page_title else page.title


def resolve(pages, pathname, search, model):
    """Return ``(title, component)`` for the page at ``pathname`` showing ``model``'s data.

    Exact paths win over prefixes; an unknown path gives a 'not found' page. A
    page with a ``page_title`` function names its tab after what it shows.
    """
    pathname = pathname or "/"
    query = parse_query(search)
    for page in pages:
        if page.path == pathname or (page.path.rstrip("/") == pathname.rstrip("/") and page.path != "/"):
            return _title(page, model, query, ""), _draw(page, model, query, "")
    for page in pages:
        if page.path.endswith("/") and page.path != "/" and pathname.startswith(page.path):
            rest = pathname[len(page.path) :]
            return _title(page, model, query, rest), _draw(page, model, query, rest)
    return "Page not found", not_found(pathname)
