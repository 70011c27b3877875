"""Compare wiring: the three role selects write the address and redraw the comparison."""

from callbacks.router import register_page_controls
from layouts.compare_page import CONTENT_ID, CONTROLS, content, to_query


def register(app, models):
    """Keep the comparison's address and content in step with its three selects."""
    return register_page_controls(
        app,
        CONTENT_ID,
        CONTROLS,
        to_query,
        content,
        models,
    )
