"""Route finder wiring: the controls write the address and redraw the routes."""

from callbacks.router import register_page_controls
from layouts.routes_page import CONTENT_ID, CONTROLS, content, to_query


def register(app, models):
    """Keep the route finder's address and content in step with its five controls."""
    return register_page_controls(
        app,
        CONTENT_ID,
        CONTROLS,
        to_query,
        content,
        models,
    )
