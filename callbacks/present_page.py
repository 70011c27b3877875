"""Presentation mode and decks: read the deck files, step through slides, save views, arrow keys.

The deck folder is ``SETTINGS["DECKS_DIR"]`` (default ``data/decks``). Slides
are drawn for the dataset their address names, else the one the deck's own
address names (``/present/headlines?dataset=...``), else the bundled one.
"""

from pathlib import Path

from dash import Input, Output, State, ctx
from dash.exceptions import PreventUpdate
from flask import current_app

from callbacks.owner import is_data_owner, owner_password_set
from callbacks.router import as_catalogue
from layouts import ids
from layouts import present_page as view
from layouts.router import parse_query
from pathways.decks import DeckError, check_deck_id, deck_path, list_decks, load_deck, save_view

DEFAULT_DECKS = Path(__file__).resolve().parents[1] / "data" / "decks"
SLIDE_OUTPUTS = (
    (ids.PRESENT_TITLE, "children"),
    (ids.PRESENT_POSITION, "children"),
    (ids.PRESENT_NOTICE, "children"),
    (ids.PRESENT_SLIDE, "children"),
    (ids.PRESENT_NOTES, "children"),
    (ids.PRESENT_DATA, "children"),
    (ids.PRESENT_PREVIOUS, "disabled"),
    (ids.PRESENT_NEXT, "disabled"),
)

# Runs on every change of address: sets the page's presentation class and, once per tab, installs
# the keys. Arrows and Page Up/Down (what presentation clickers send) press the deck's buttons;
# Escape leaves ?present=1. Keys typed into a form control are left alone.
MODE_SCRIPT = """
function(pathname, search) {
    if (!window.cpePresentKeys) {
        window.cpePresentKeys = true;
        document.addEventListener('keydown', function(event) {
            if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
            const target = event.target || {};
            const tag = (target.tagName || '').toLowerCase();
            if (tag === 'input' || tag === 'select' || tag === 'textarea' || target.isContentEditable) { return; }
            if (event.key === 'Escape') {
                const params = new URLSearchParams(window.location.search);
                if (!params.has('present')) { return; }
                params.delete('present');
                const rest = params.toString();
                window.location.assign(window.location.pathname + (rest ? '?' + rest : ''));
                return;
            }
            const forward = event.key === 'ArrowRight' || event.key === 'PageDown';
            const back = event.key === 'ArrowLeft' || event.key === 'PageUp';
            if (!forward && !back) { return; }
            const button = document.getElementById(forward ? 'present-next' : 'present-previous');
            if (!button || button.disabled) { return; }
            event.preventDefault();
            button.click();
        });
    }
    const query = new URLSearchParams(search || '');
    const asked = ['1', 'true', 'yes'].includes((query.get('present') || '').toLowerCase());
    const path = pathname || '';
    const deck = path.startsWith('/present/') && path.replace(/\\/+$/, '') !== '/present';
    return asked || deck ? 'present-mode' : '';
}
"""

SAVE_LINK_SCRIPT = """
function(pathname, search) {
    if ((pathname || '').startsWith('/present/')) { return '/present/'; }
    return '/present/?save=' + encodeURIComponent((pathname || '/') + (search || ''));
}
"""


def decks_folder():
    """The folder of deck files for the running app."""
    settings = current_app.config.get("SETTINGS") or {}
    return Path(settings.get("DECKS_DIR") or DEFAULT_DECKS)


def deck_listing(folder):
    """``(deck id, Deck or list of problems)`` for every deck file in ``folder``."""
    listing = []
    for deck_id in list_decks(folder):
        try:
            listing.append((deck_id, load_deck(deck_path(folder, deck_id))))
        except DeckError as error:
            listing.append((deck_id, error.problems))
    return listing


def read_deck(folder, deck_id):
    """The deck ``deck_id``; :class:`DeckError` when the name is not allowed, it is missing or broken."""
    return load_deck(deck_path(folder, deck_id))


def _dataset(query):
    return (query or {}).get("dataset")


def slide_parts(catalogue, deck, number, messages, deck_query):
    """The changing pieces of slide ``number``, drawn with the model its address (or the deck's) names."""
    address = deck.slides[number - 1].address
    try:
        _, slide_query, _ = view.page_for_address(address)
    except LookupError:
        slide_query = {}
    dataset = _dataset(slide_query) or _dataset(deck_query)
    model, notice = catalogue.model_for({"dataset": dataset} if dataset else {})
    messages = [*messages, notice] if notice else list(messages)
    return view.slide_parts(
        deck, number, view.slide_view(model, address), messages, view.data_label(model.info)
    )


def page_body(catalogue, deck_id, query):
    """The whole page for ``/present/<deck_id>?<query>`` (or the index when ``deck_id`` is empty)."""
    folder = decks_folder()
    if not deck_id:
        listing = deck_listing(folder)
        address = view.local_address(query.get("save"))
        save = view.save_form(
            [name for name, deck in listing if not isinstance(deck, list)],
            address,
            is_data_owner(),
            owner_password_set(),
        )
        return view.index_view(listing, save)
    if check_deck_id(deck_id) or not deck_path(folder, deck_id).is_file():
        return view.missing_deck(deck_id, deck_listing(folder))
    try:
        deck = read_deck(folder, deck_id)
    except DeckError as error:
        return view.missing_deck(deck_id, deck_listing(folder), error.problems)
    number, messages = view.slide_number(query, len(deck.slides))
    return view.deck_view(deck, slide_parts(catalogue, deck, number, messages, query))


def register(app, models):
    """Wire the deck page, the Previous/Next buttons, the arrow keys, the save form and presentation mode.

    Returns ``(load, turn, save)`` so tests can call them as plain functions.
    """
    catalogue = as_catalogue(models)

    @app.callback(Output(ids.PRESENT_BODY, "children"), Input(ids.PRESENT_REQUEST, "data"))
    def load(request):
        request = request or {}
        return page_body(catalogue, request.get("deck") or "", request.get("query") or {})

    @app.callback(
        *[Output(component, prop) for component, prop in SLIDE_OUTPUTS],
        Output(ids.SHELL_LOCATION, "search", allow_duplicate=True),
        Output(ids.SHELL_RENDERED, "data", allow_duplicate=True),
        Input(ids.PRESENT_PREVIOUS, "n_clicks"),
        Input(ids.PRESENT_NEXT, "n_clicks"),
        State(ids.SHELL_LOCATION, "pathname"),
        State(ids.SHELL_LOCATION, "search"),
        prevent_initial_call=True,
    )
    def turn(previous, following, pathname, search):
        direction = {ids.PRESENT_PREVIOUS: -1, ids.PRESENT_NEXT: 1}.get(ctx.triggered_id)
        if direction is None or not (previous or following):
            raise PreventUpdate
        return turn_slide(catalogue, pathname, search, direction)

    @app.callback(
        Output(ids.PRESENT_SAVE_STATUS, "children"),
        Output(ids.PRESENT_DECKS, "children"),
        Output(ids.PRESENT_SAVE_DECK, "options"),
        Input(ids.PRESENT_SAVE_SUBMIT, "n_clicks"),
        State(ids.PRESENT_SAVE_DECK, "value"),
        State(ids.PRESENT_SAVE_NEW, "value"),
        State(ids.PRESENT_SAVE_ADDRESS, "value"),
        State(ids.PRESENT_SAVE_TITLE, "value"),
        State(ids.PRESENT_SAVE_NOTES, "value"),
        prevent_initial_call=True,
    )
    def save(clicks, choice, new_id, address, title, notes):
        if not clicks:
            raise PreventUpdate
        return save_slide(choice, new_id, address, title, notes)

    app.clientside_callback(
        MODE_SCRIPT,
        Output(ids.SHELL_MAIN, "className"),
        Input(ids.SHELL_LOCATION, "pathname"),
        Input(ids.SHELL_LOCATION, "search"),
    )
    if _has_component(app.layout, ids.PRESENT_SAVE_LINK):
        app.clientside_callback(
            SAVE_LINK_SCRIPT,
            Output(ids.PRESENT_SAVE_LINK, "href"),
            Input(ids.SHELL_LOCATION, "pathname"),
            Input(ids.SHELL_LOCATION, "search"),
        )
    return load, turn, save


def _has_component(layout, component_id):
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
            stack.extend(node)
        elif node is not None and not isinstance(node, str | int | float):
            if getattr(node, "id", None) == component_id:
                return True
            stack.append(getattr(node, "children", None))
    return False


def turn_slide(catalogue, pathname, search, direction):
    """The outputs of a Previous (-1) or Next (1) press on the deck at ``pathname``."""
    deck_id = (pathname or "")[len(view.PATH) :].strip("/")
    try:
        deck = read_deck(decks_folder(), deck_id)
    except DeckError:
        raise PreventUpdate from None
    query = parse_query(search)
    current, _ = view.slide_number(query, len(deck.slides))
    number = view.step(current, len(deck.slides), direction)
    parts = slide_parts(catalogue, deck, number, [], query)
    new_search = view.slide_search(number, len(deck.slides), _dataset(query))
    return (*[parts[component] for component, _ in SLIDE_OUTPUTS], new_search, (pathname or "/") + new_search)


def save_slide(choice, new_id, address, title, notes):
    """Save a view for a signed-in data owner: ``(message, deck list, deck choices)``."""
    folder = decks_folder()
    if not is_data_owner():
        message = view.saved_message(problems=["Sign in as a data owner to save views into decks."])
        return message, view.deck_list(deck_listing(folder)), _choices(folder)
    deck_id = view.save_target(choice, new_id)
    try:
        deck = save_view(folder, deck_id, view.local_address(address), (title or "").strip(), notes or "")
        message = view.saved_message(deck)
    except DeckError as error:
        message = view.saved_message(problems=error.problems)
    return message, view.deck_list(deck_listing(folder)), _choices(folder)


def _choices(folder):
    decks = list_decks(folder)
    return [{"label": deck_id, "value": deck_id} for deck_id in decks] + [
        {"label": "A new deck", "value": view.NEW_DECK}
    ]
