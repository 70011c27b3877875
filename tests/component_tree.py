"""Helpers for reading trees of Dash components in tests.

A tree is a component, a string or number, None, or a list or tuple of these;
a component's ``children`` is again a tree.
"""


def walk(component):
    """Every component in a tree, depth first; lists are flattened, text and None skipped.

    Examples
    --------
    >>> from dash import html
    >>> tree = html.Div([html.P("a", id="p"), None, "b", [html.Span(id="s")]], id="d")
    >>> [c.id for c in walk(tree)]
    ['d', 'p', 's']
    """
    if isinstance(component, list | tuple):
        for child in component:
            yield from walk(child)
        return
    if component is None or isinstance(component, str | int | float):
        return
    yield component
    yield from walk(getattr(component, "children", None))


def text_of(component):
    """The text of a tree, in reading order, joined without separators.

    Examples
    --------
    >>> from dash import html
    >>> text_of(html.Div(["Fewer than ", html.Strong(5), None, [" people"]]))
    'Fewer than 5 people'
    """
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return "".join(text_of(child) for child in component)
    return text_of(getattr(component, "children", None))


def find_all(component, predicate):
    """Every component in a tree for which ``predicate`` is true, depth first.

    Examples
    --------
    >>> from dash import html
    >>> [c.id for c in find_all(html.Div([html.A(id="a"), html.P(id="p")]), lambda c: isinstance(c, html.A))]
    ['a']
    """
    return [found for found in walk(component) if predicate(found)]


def by_id(component, component_id):
    """The one component with ``component_id`` in a tree; fails unless there is exactly one.

    Examples
    --------
    >>> from dash import html
    >>> by_id(html.Div([html.P("x", id="p")]), "p").children
    'x'
    """
    matches = find_all(component, lambda found: getattr(found, "id", None) == component_id)
    assert len(matches) == 1, f"{len(matches)} components with id {component_id!r}"
    return matches[0]
