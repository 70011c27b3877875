"""Advice library wiring: the search box and filters to the address and the list of resources."""

from callbacks.router import register_page_controls
from layouts import advice_page as page


def register(app, models):
    """Register the Advice library's callback on ``app`` for ``model``; return it."""
    return register_page_controls(
        app,
        page.CONTENT_ID,
        page.CONTROLS,
        page.to_query,
        page.content,
        models,
    )
