"""Mobility: the measure control drives the address and the charts."""

from callbacks.router import register_page_controls
from layouts.mobility_page import CONTENT_ID, CONTROLS, content, to_query


def register(app, models):
    """Wire the page's control to its address and content."""
    return register_page_controls(app, CONTENT_ID, CONTROLS, to_query, content, models, cache=True)
