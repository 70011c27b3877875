"""Presentation mode and decks: any page large on a projector, and ``/present/<deck>`` to step through views.

``?present=1`` on any address (or a deck's page) puts ``present-mode`` on the
page (see ``assets/present.css``): no navigation, large type, charts as tall
as the screen. A deck is a list of saved views (``pathways.decks``); its page
shows one slide at a time, rendered by the slide's own page, with Previous and
Next buttons that the arrow keys and a presentation clicker press.

Everything here is pure: the callbacks read the deck files and the session
and pass what they found in.
"""

import copy
import functools
import importlib
import pkgutil
from urllib.parse import quote, urlsplit

import dash_bootstrap_components as dbc
from dash import dcc, html

import layouts
from layouts import ids
from layouts.controls import notices, page_header, select
from layouts.router import parse_query
from pathways.decks import MAX_NOTES_LENGTH, MAX_TITLE_LENGTH
from pathways.viewstate import Field, decode_state, encode_state

PATH = "/present/"
TITLE = "Presentation"
NAV_LABEL = None
NAV_ORDER = 96
CONTENT_ID = ids.PRESENT_BODY

PRESENT_CLASS = "present-mode"
PRESENT_VALUES = ("1", "true", "yes")
FONT_SCALE = 1.5
DEFAULT_FONT_SIZE = 12  # plotly's own, when a figure sets none
GRAPH_HEIGHT = "calc(100vh - 15rem)"
SPREADING = {"sankey", "heatmap"}
NEW_DECK = "__new__"
INTRO = (
    "Show the explorer on a projector. A deck is a list of saved views, each with a title and notes "
    "for the presenter. Open one, then step through it with the arrow keys (or Page Up and Page Down "
    "on a presentation clicker) or the Previous and Next buttons. To show any single page in the same "
    "large style, add ?present=1 to its address; press Escape to leave it."
)


def presentation_class(query, pathname=""):
    """``'present-mode'`` when the address asks for presentation mode, else ``''``.

    ``query`` is a query dict or a query string; a deck's own page
    (``/present/<deck>``) is always in presentation mode, the deck index is not.

    Examples
    --------
    >>> presentation_class("?level=role&present=1")
    'present-mode'
    >>> presentation_class({"present": "0"}), presentation_class({})
    ('', '')
    >>> presentation_class({}, "/present/headlines"), presentation_class({}, "/present/")
    ('present-mode', '')
    """
    values = parse_query(query) if isinstance(query, str) or query is None else query
    deck = (pathname or "").startswith(PATH) and (pathname or "").rstrip("/") != PATH.rstrip("/")
    return PRESENT_CLASS if deck or str(values.get("present", "")).lower() in PRESENT_VALUES else ""


@functools.cache
def page_table():
    """``(path, module)`` of every page module in ``layouts/`` except this one, exact paths first."""
    found = []
    for info in pkgutil.iter_modules(layouts.__path__):
        if info.name == __name__.rsplit(".", 1)[-1]:
            continue
        module = importlib.import_module(f"layouts.{info.name}")
        if hasattr(module, "PATH") and hasattr(module, "layout"):
            found.append((module.PATH, module))
    return tuple(sorted(found, key=lambda pair: (pair[0].endswith("/") and pair[0] != "/", pair[0])))


def page_for_address(address):
    """``(page module, query dict, rest of the path)`` for an address on this site.

    Matches like the app's router: an exact path first, then a prefix ending in
    ``/``. Raises ``LookupError`` for an address no page shows (and for the
    deck pages themselves, which cannot show a deck inside a slide).

    Examples
    --------
    >>> module, query, rest = page_for_address("/roles/postdoc?dataset=x")
    >>> module.__name__, query, rest
    ('layouts.role_page', {'dataset': 'x'}, 'postdoc')
    >>> page_for_address("/pathways?level=role")[0].__name__
    'layouts.pathways_page'
    """
    parts = urlsplit(address or "")
    pathname, query = parts.path or "/", parse_query(parts.query)
    for path, module in page_table():
        if path == pathname or (path != "/" and path.rstrip("/") == pathname.rstrip("/")):
            return module, query, ""
    for path, module in page_table():
        if path.endswith("/") and path != "/" and pathname.startswith(path):
            return module, query, pathname[len(path) :]
    raise LookupError(f"no page shows {pathname!r}")


def _scale_fonts(node, scale, in_font=False):
    if isinstance(node, dict):
        for key, value in node.items():
            if in_font and key == "size":
                node[key] = _scaled(value, scale)
            else:
                _scale_fonts(value, scale, key.endswith("font"))
    elif isinstance(node, list):
        for item in node:
            _scale_fonts(item, scale, in_font)


def _scaled(value, scale):
    if isinstance(value, list):
        return [_scaled(item, scale) for item in value]
    return (
        round(value * scale, 1) if isinstance(value, int | float) and not isinstance(value, bool) else value
    )


def present_figure(figure, scale=FONT_SCALE):
    """A copy of a plotly figure for a projector: every font and margin ``scale`` times larger, no fixed height.

    Examples
    --------
    >>> figure = {"data": [{"type": "bar", "textfont": {"size": 14}}],
    ...           "layout": {"height": 500, "font": {"size": 15}, "margin": {"l": 10, "t": 20}}}
    >>> big = present_figure(figure)
    >>> big["data"][0]["textfont"], big["layout"]["font"], big["layout"]["margin"], "height" in big["layout"]
    ({'size': 21.0}, {'size': 22.5}, {'l': 15.0, 't': 30.0}, False)
    >>> figure["layout"]["height"]
    500
    """
    plain = figure.to_dict() if hasattr(figure, "to_dict") else figure
    result = copy.deepcopy(dict(plain or {}))
    result.setdefault("data", [])
    layout = result.setdefault("layout", {})
    layout.setdefault("font", {}).setdefault("size", DEFAULT_FONT_SIZE)
    _scale_fonts(result, scale)
    for side, value in (layout.get("margin") or {}).items():
        if side in ("l", "r", "t", "b"):
            layout["margin"][side] = _scaled(value, scale)
    for note in layout.get("annotations") or []:
        for shift in ("xshift", "yshift"):
            if shift in note:
                note[shift] = _scaled(note[shift], scale)
    layout.pop("height", None)
    layout["autosize"] = True
    return result


def _graph_height(graph, scale):
    figure = graph.figure.to_dict() if hasattr(graph.figure, "to_dict") else graph.figure
    height = ((figure or {}).get("layout") or {}).get("height")
    if not height:
        return GRAPH_HEIGHT
    # Rows of labels (bars, dot plots, a map's bands) need room in proportion to their font;
    # a Sankey or a grid spreads over whatever height it gets.
    kinds = {trace.get("type", "scatter") for trace in (figure or {}).get("data") or []}
    if not kinds <= SPREADING:
        height *= scale
    return f"max({GRAPH_HEIGHT}, {round(height)}px)"


def present_view(component, scale=FONT_SCALE):
    """A copy of a component tree with every chart made for a projector (see :func:`present_figure`).

    Each chart fills the screen below the slide's title; one that needs more
    room (many rows of labels, grown with their font) keeps it, and the page scrolls.
    """
    result = copy.deepcopy(component)
    stack = [result]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
            stack.extend(node)
            continue
        if isinstance(node, dcc.Graph):
            node.style = {**(getattr(node, "style", None) or {}), "height": _graph_height(node, scale)}
            node.figure = present_figure(node.figure, scale)
        children = getattr(node, "children", None)
        if children is not None and not isinstance(children, str | int | float):
            stack.append(children)
    return result


def slide_field(count):
    """The ``slide`` setting of a deck of ``count`` slides (1-based)."""
    return Field("slide", 1, kind="int", low=1, high=max(count, 1), label="slide")


def slide_number(query, count):
    """``(slide number, notices)`` from the address: a missing or invalid ``slide`` gives slide 1.

    Examples
    --------
    >>> slide_number({"slide": "3"}, 6)
    (3, [])
    >>> slide_number({"slide": "9"}, 6)
    (1, ["Ignored slide '9' in the address: must be between 1 and 6."])
    """
    state, messages = decode_state([slide_field(count)], query or {})
    return state["slide"], messages


def slide_search(number, count, dataset=None):
    """The query string of slide ``number`` (none for slide 1), keeping a ``dataset`` choice.

    Examples
    --------
    >>> slide_search(2, 6), slide_search(1, 6), slide_search(3, 6, "upload-1")
    ('?slide=2', '', '?slide=3&dataset=upload-1')
    """
    search = encode_state([slide_field(count)], {"slide": number})
    if dataset:
        search += ("&" if search else "?") + f"dataset={quote(dataset)}"
    return search


def step(number, count, direction):
    """The slide after (``direction`` 1) or before (-1) ``number``, staying within the deck.

    Examples
    --------
    >>> step(1, 3, 1), step(3, 3, 1), step(1, 3, -1)
    (2, 3, 1)
    """
    return min(max(number + direction, 1), max(count, 1))


def local_address(text):
    """A pasted address as a path on this site: ``https://host/p?q`` becomes ``/p?q``; other text is kept.

    Examples
    --------
    >>> local_address("  http://127.0.0.1:8050/mobility?show=percent ")
    '/mobility?show=percent'
    >>> local_address("/network")
    '/network'
    """
    text = (text or "").strip()
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc:
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return text


def slide_view(model, address):
    """What a slide shows: the page at ``address`` drawn for ``model``, its charts made for a projector.

    Pages with a ``content`` function show only their results (no controls or
    introduction: the presenter speaks to them); others show their whole layout.
    """
    try:
        module, query, rest = page_for_address(address)
    except LookupError:
        return dbc.Alert(
            ["This slide's address, ", html.Code(address), ", is not a page of this explorer."],
            color="warning",
        )
    query = {name: value for name, value in query.items() if name != "present"}
    render = getattr(module, "content", None) or module.layout
    return present_view(render(model, query, rest))


def data_label(info):
    """The dataset a slide shows, in a few words ('synthetic' said out loud)."""
    if info.is_synthetic and "synthetic" not in info.name.lower():
        return f"{info.name} (synthetic data)"
    return info.name


def slide_parts(deck, number, view, messages=(), data=""):
    """The pieces of a slide that change from one slide to the next, by component id."""
    slide, count = deck.slides[number - 1], len(deck.slides)
    notes = slide.notes or "No notes for this slide."
    return {
        ids.PRESENT_TITLE: slide.title,
        ids.PRESENT_POSITION: f"Slide {number} of {count}",
        ids.PRESENT_NOTICE: notices(list(messages)),
        ids.PRESENT_SLIDE: view,
        ids.PRESENT_NOTES: [html.P(paragraph) for paragraph in notes.split("\n\n") if paragraph.strip()],
        ids.PRESENT_DATA: data,
        ids.PRESENT_PREVIOUS: number <= 1,
        ids.PRESENT_NEXT: number >= count,
    }


def deck_view(deck, parts):
    """A deck's page from a slide's ``parts`` (:func:`slide_parts`): title, position, buttons, view, notes."""
    buttons = [
        dbc.Button(
            "\u2190 Previous",
            id=ids.PRESENT_PREVIOUS,
            color="secondary",
            outline=True,
            disabled=parts[ids.PRESENT_PREVIOUS],
            title="Previous slide (left arrow or Page Up)",
        ),
        dbc.Button(
            "Next \u2192",
            id=ids.PRESENT_NEXT,
            color="primary",
            disabled=parts[ids.PRESENT_NEXT],
            title="Next slide (right arrow or Page Down)",
        ),
        html.A("Leave", href="/present/", className="btn btn-link", id=ids.PRESENT_EXIT),
    ]
    return html.Div(
        [
            html.Div(
                [
                    html.Div(
                        [
                            html.P(
                                [
                                    html.Span(deck.title, className="present-deck-title"),
                                    " \u00b7 ",
                                    html.Span(parts[ids.PRESENT_POSITION], id=ids.PRESENT_POSITION),
                                    " \u00b7 ",
                                    html.Span(parts[ids.PRESENT_DATA], id=ids.PRESENT_DATA),
                                ],
                                className="present-meta mb-1",
                                role="status",
                            ),
                            html.H1(
                                parts[ids.PRESENT_TITLE], id=ids.PRESENT_TITLE, className="present-title"
                            ),
                        ],
                        className="present-heading",
                    ),
                    html.Nav(buttons, className="present-buttons", **{"aria-label": "Slides"}),
                ],
                className="present-bar",
            ),
            html.Div(parts[ids.PRESENT_NOTICE], id=ids.PRESENT_NOTICE),
            html.Div(parts[ids.PRESENT_SLIDE], id=ids.PRESENT_SLIDE, className="present-slide"),
            html.Details(
                [html.Summary("Speaker notes"), html.Div(parts[ids.PRESENT_NOTES], id=ids.PRESENT_NOTES)],
                className="present-notes",
            ),
        ],
        className="present-deck",
    )


def deck_list(listing):
    """The decks as links: ``listing`` holds ``(deck id, Deck or list of problems)`` pairs."""
    if not listing:
        return html.P("There are no decks yet. A data owner can save views into a new one below.")
    items = []
    for deck_id, deck in listing:
        if isinstance(deck, list):
            items.append(
                html.Li(
                    [
                        html.Strong(deck_id),
                        ": this deck cannot be shown.",
                        html.Ul([html.Li(problem) for problem in deck]),
                    ]
                )
            )
            continue
        count = len(deck.slides)
        items.append(
            html.Li(
                [
                    html.A(deck.title, href=f"{PATH}{deck_id}", className="fw-semibold"),
                    f" ({count} slide{'' if count == 1 else 's'})",
                    html.Br(),
                    html.Span(deck.description, className="small") if deck.description else None,
                ],
                className="mb-2",
            )
        )
    return html.Ul(items, className="present-deck-list")


def missing_deck(deck_id, listing, problems=()):
    """The page for a deck that is not there (or cannot be read), with the decks that are."""
    shown = deck_id if len(deck_id) <= 40 else deck_id[:40] + "..."
    heading = f"The deck {shown!r} cannot be shown" if problems else f"There is no deck called {shown!r}"
    return html.Div(
        [
            html.H1(heading),
            html.Ul([html.Li(problem) for problem in problems]) if problems else None,
            html.P("These decks are ready to present:"),
            html.Div(deck_list(listing), id=ids.PRESENT_DECKS),
            html.A("All presentations", href=PATH),
        ]
    )


def save_form(deck_ids, address, signed_in, password_set):
    """Save a view into a deck: the form for a data owner, or how to become one."""
    if not signed_in:
        reason = (
            "Only a data owner can save views into decks: sign in, and you will come back to this page."
            if password_set
            else "Saving views into decks is switched off: set DATA_OWNER_PASSWORD on the server to use it."
        )
        link = html.A("Sign in as a data owner", href="/login?next=" + quote(PATH + _save_query(address)))
        return html.Div([html.P(reason), link if password_set else None], id=ids.PRESENT_SAVE)
    choices = [(deck_id, deck_id) for deck_id in deck_ids] + [(NEW_DECK, "A new deck")]
    return html.Div(
        [
            select(ids.PRESENT_SAVE_DECK, "Deck", choices, deck_ids[0] if deck_ids else NEW_DECK),
            _text(
                ids.PRESENT_SAVE_NEW,
                "Name of a new deck",
                "",
                "Used only when you choose 'A new deck': a-z, 0-9, '-' and '_', such as workshop-2025.",
            ),
            _text(
                ids.PRESENT_SAVE_ADDRESS,
                "Address of the view",
                address,
                "Copy it from the page (its 'Copy link' button), such as /pathways?level=role.",
            ),
            _text(ids.PRESENT_SAVE_TITLE, "Slide title", "", None, MAX_TITLE_LENGTH),
            html.Div(
                [
                    dbc.Label("Speaker notes", html_for=ids.PRESENT_SAVE_NOTES, className="fw-semibold"),
                    dbc.Textarea(id=ids.PRESENT_SAVE_NOTES, maxLength=MAX_NOTES_LENGTH, rows=4),
                ],
                className="mb-3",
            ),
            dbc.Button("Save to the deck", id=ids.PRESENT_SAVE_SUBMIT, color="primary"),
            html.Div(id=ids.PRESENT_SAVE_STATUS, className="mt-3", role="status"),
        ],
        id=ids.PRESENT_SAVE,
        className="present-save-form",
    )


def _save_query(address):
    return f"?save={quote(address, safe='/')}" if address else ""


def _text(control_id, label, value, help_text=None, max_length=2000):
    return html.Div(
        [
            dbc.Label(label, html_for=control_id, className="fw-semibold"),
            dbc.Input(id=control_id, type="text", value=value, maxLength=max_length),
            dbc.FormText(help_text) if help_text else None,
        ],
        className="mb-3",
    )


def save_target(choice, new_id):
    """The deck a save goes to: the chosen one, or the typed name for 'A new deck'."""
    return (new_id or "").strip() if choice in (None, "", NEW_DECK) else choice


def saved_message(deck=None, problems=()):
    """What the form says after a save: where the slide went, or every problem."""
    if problems:
        return dbc.Alert(
            [html.P("Nothing was saved:"), html.Ul([html.Li(problem) for problem in problems])],
            color="danger",
        )
    count = len(deck.slides)
    return dbc.Alert(
        [
            f"Saved as slide {count} of the deck '{deck.title}'. ",
            html.A("Present it", href=f"{PATH}{deck.id}?slide={count}" if count > 1 else f"{PATH}{deck.id}"),
            ".",
        ],
        color="success",
    )


def index_view(listing, save):
    """The deck index: every deck with a link, then the save form (``save`` from :func:`save_form`)."""
    return html.Div(
        [
            page_header("Presentations", INTRO),
            html.H2("Decks", className="h3"),
            html.Div(deck_list(listing), id=ids.PRESENT_DECKS),
            html.H2("Save a view to a deck", className="h3 mt-4"),
            save,
        ]
    )


def layout(model, query=None, rest=""):
    """The deck index (``/present/``) or a deck (``/present/<deck>``); a callback reads the deck and fills it.

    Deck files are read by the page's callback (layouts do no I/O); until it
    answers the page says it is loading.
    """
    return html.Div(
        [
            dcc.Store(id=ids.PRESENT_REQUEST, data={"deck": (rest or "").strip("/"), "query": query or {}}),
            html.Div(
                html.P("Loading the presentation\u2026", className="text-body-secondary"),
                id=ids.PRESENT_BODY,
            ),
        ]
    )
