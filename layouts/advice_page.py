"""Advice library: search and filter the advice, training, mentoring, funding and other resources.

The resources come from the dataset's ``advice.csv`` and are found by
:func:`pathways.advice.search_advice`. The address holds the view: the search
words ``q`` and the filters ``sector``, ``stage``, ``theme``, ``kind`` and
``role``. Other pages link in with filters set (``/advice?role=postdoc``,
``/advice?theme=recognition``); the role has no control of its own and shows
as a chip that removes it.

Text from the data is rendered as text, and a link is made only from an
address whose scheme is ``https``, ``http`` or ``mailto``: the loader already
refuses others, and this page checks again, since a dataset may be built in
memory without the loader.
"""

from urllib.parse import urlsplit

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.chart import csv_href
from layouts.controls import notices, page_header, select, text_input
from pathways.advice import search_advice
from pathways.schema import (
    ADVICE_KINDS,
    SECTOR_LABELS,
    SECTORS,
    STAGE_LABELS,
    STAGES,
    THEME_LABELS,
    THEMES,
    URL_SCHEMES,
)
from pathways.viewstate import Field, decode_state, encode_state

PATH = "/advice"
TITLE = "Advice library"
NAV_LABEL = "Advice"
NAV_ORDER = 70
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True
SLUG = "advice"
CONTENT_ID = ids.ADVICE_CONTENT
STATE_NAMES = ("q", "sector", "stage", "theme", "kind", "role")
CONTROLS = [
    (ids.ADVICE_SEARCH, "value"),
    (ids.ADVICE_SECTOR, "value"),
    (ids.ADVICE_STAGE, "value"),
    (ids.ADVICE_THEME, "value"),
    (ids.ADVICE_KIND, "value"),
    # The role has no control: it comes from the address and is kept in a store.
    (ids.ADVICE_ROLE, "data"),
]
DOWNLOAD_COLUMNS = [
    "advice_id", "title", "url", "provider", "kind", "summary", "sectors", "stages", "roles", "themes",
]  # fmt: skip
MAX_SEARCH = 100
# The value of each filter's "All ..." option. Not "": dbc.Select renders a hidden placeholder option
# whose value is "", which would shadow an option with that value and show an empty box.
ALL = "all"
KIND_LABELS = {
    "guide": "Guide",
    "case-study": "Case study",
    "training": "Training",
    "mentoring": "Mentoring",
    "funding": "Funding",
    "network": "Network",
    "job-profiles": "Job profiles",
    "policy": "Policy",
    "tool": "Tool",
}
INTRO = (
    "Guides, training, mentoring, funding, networks and job profiles chosen for people who work with "
    "biomedical data. Search by words, or narrow the list to your sector, your career stage or the "
    "barrier you face. Each title takes you to the provider's own site."
)


# The view state and its address


def fields(model):
    """The page's address fields: the search words and one field per filter."""
    return [
        Field("q", "", label="search words"),
        Field("sector", "", SECTORS, label="sector"),
        Field("stage", "", STAGES, label="career stage"),
        Field("theme", "", THEMES, label="theme"),
        Field("kind", "", ADVICE_KINDS, label="kind of resource"),
        Field("role", "", tuple(model.dataset.roles.index), label="role"),
    ]


def read_state(model, query):
    """``(state, notices)``: the complete state of a query dict, a notice per value set aside.

    The search words are trimmed, runs of spaces become one, and words past
    ``MAX_SEARCH`` characters are cut off with a notice.
    """
    state, messages = decode_state(fields(model), query or {})
    words = " ".join(str(state["q"]).split())
    if len(words) > MAX_SEARCH:
        messages.append(f"The search words were cut to their first {MAX_SEARCH} characters.")
        words = words[:MAX_SEARCH].rstrip()
    state["q"] = words
    return state, messages


def to_query(model, *values):
    """The query string for the controls' values, in ``CONTROLS`` order."""
    raw = {name: "" if value is None else str(value) for name, value in zip(STATE_NAMES, values)}
    raw.update({name: "" for name in FIRST_OPTIONS if raw.get(name) == ALL})
    return encode_state(fields(model), read_state(model, raw)[0])


def address(model, state, **changes):
    """The page's address for ``state`` with ``changes`` applied (``role=""`` removes the role)."""
    return PATH + encode_state(fields(model), {**state, **changes})


def matches(model, state):
    """The resources the state keeps, best first (see :func:`pathways.advice.search_advice`)."""
    filters = {name: state[name] or None for name in ("sector", "stage", "theme", "kind", "role")}
    return search_advice(model.dataset.advice, state["q"], **filters)


def filtered(state):
    """True when the state searches or filters at all."""
    return any(state[name] for name in STATE_NAMES)


# Controls

FIRST_OPTIONS = {"sector": "All sectors", "stage": "All stages", "theme": "All themes", "kind": "All kinds"}
CONTROL_LABELS = {"sector": "Sector", "stage": "Career stage", "theme": "Theme", "kind": "Kind of resource"}
OPTIONS = {
    "sector": tuple((code, SECTOR_LABELS[code]) for code in SECTORS),
    "stage": tuple((code, STAGE_LABELS[code]) for code in STAGES),
    "theme": tuple((code, THEME_LABELS[code]) for code in THEMES),
    "kind": tuple((code, KIND_LABELS.get(code, code)) for code in ADVICE_KINDS),
}


def controls(model, state):
    """The search box and the filters, labelled, with the state's values; the role in a store."""
    control_ids = dict(zip(STATE_NAMES, (control for control, _ in CONTROLS)))
    filter_columns = [
        html.Div(
            select(
                control_ids[name], CONTROL_LABELS[name], [(ALL, first), *OPTIONS[name]], state[name] or ALL
            ),
            className="col-sm-6 col-lg-2",
        )
        for name, first in FIRST_OPTIONS.items()
    ]
    search = text_input(
        ids.ADVICE_SEARCH,
        "Search words",
        state["q"],
        placeholder="for example: fellowship, NHS, mentoring",
        help_text="Type one or more words, then press Enter.",
    )
    return html.Section(
        [
            html.Div([html.Div(search, className="col-lg-4"), *filter_columns], className="row"),
            dcc.Store(id=ids.ADVICE_ROLE, data=state["role"]),
        ],
        className="advice-controls mb-2",
        **{"aria-label": "Search and filter the advice"},
    )


# One resource


def safe_url(url):
    """``url`` when it is a web or email address (https, http, mailto), else None.

    Examples
    --------
    >>> safe_url("https://www.vitae.ac.uk/"), safe_url("mailto:careers@example.ac.uk")
    ('https://www.vitae.ac.uk/', 'mailto:careers@example.ac.uk')
    >>> safe_url("javascript:alert(1)"), safe_url(" https://x.org"), safe_url("https://x.org/a b")
    (None, None, None)
    """
    if not isinstance(url, str):
        return None
    # No spaces or control characters anywhere: browsers drop some of them, which could turn an
    # address that passes this check into another one.
    if any(character.isspace() or ord(character) < 32 or ord(character) == 127 for character in url):
        return None
    return url if url.lower().startswith(URL_SCHEMES) else None


def where_it_goes(url):
    """The site a link leads to, for the reader: 'vitae.ac.uk', 'email', or '' when it cannot tell."""
    if url.lower().startswith("mailto:"):
        return "email"
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # e.g. a malformed IPv6 host: the link stays, the hint goes
        return ""
    return host.removeprefix("www.")


def _text(value):
    """A cell as text: '' for an empty or missing value."""
    return "" if value is None or value != value else str(value)


def codes(text):
    """The codes of a ``;``-separated list; ``[]`` when it is empty."""
    return [code.strip() for code in _text(text).split(";") if code.strip()]


def tag_words(text, labels):
    """A ``;``-separated list of codes in words, e.g. 'Early career, Mid career'; '' when empty."""
    return ", ".join(labels.get(code, code) for code in codes(text))


def _tag(label, words):
    return html.Li([html.Span(f"{label}: ", className="fw-semibold"), words])


def tags(model, row):
    """What a resource is for, in words: sectors, stages, themes (and roles when it names any)."""
    items = [
        _tag("Sectors", tag_words(row["sectors"], SECTOR_LABELS) or "all"),
        _tag("Career stages", tag_words(row["stages"], STAGE_LABELS) or "all"),
        _tag("Themes", tag_words(row["themes"], THEME_LABELS) or "all"),
    ]
    roles = tag_words(row["roles"], model.role_titles)
    if roles:
        items.append(_tag("Roles", roles))
    return html.Ul(items, className="list-unstyled small mb-0 advice-tags")


def title_element(row):
    """The resource's title as a link to it, or as plain text with a note when its address is not safe."""
    title = _text(row["title"])
    url = safe_url(row["url"])
    if url is None:
        note = html.Span(" (no link: its address is not a web or email address)", className="small fw-normal")
        return html.H3([title, note], className="h5 mb-1")
    # Same tab, no target: the back button brings the reader back to this list.
    return html.H3(html.A(title, href=url, rel="external noopener noreferrer"), className="h5 mb-1")


def card(model, advice_id, row):
    """One resource: title as a link, kind (in words), provider, summary and tags."""
    url = safe_url(row["url"])
    site = where_it_goes(url) if url else ""
    kind = dbc.Badge(
        [html.Span("Kind: ", className="visually-hidden"), KIND_LABELS.get(row["kind"], _text(row["kind"]))],
        color="light",
        text_color="dark",
        className="border me-2 advice-kind",
    )
    provider = [kind, "From ", html.Span(_text(row["provider"]), className="fw-semibold")]
    if site:
        provider.extend([" ", html.Span(f"({site})", className="text-nowrap")])
    summary = _text(row["summary"])
    return html.Li(
        html.Article(
            [
                title_element(row),
                html.P(provider, className="mb-2 advice-provider"),
                html.P(summary, className="mb-2 advice-summary") if summary else None,
                tags(model, row),
            ],
            className="card card-body h-100 advice-card",
            **{"data-advice-id": str(advice_id)},
        ),
        className="col",
    )


# The page


def count_sentence(shown, total, state):
    """'12 resources match' / '1 resource matches' / 'All 78 resources'."""
    # These count resources, not people: they are not personal data, so no disclosure control.
    if not filtered(state):
        return f"All {total:,} resources" if total != 1 else "The 1 resource"
    noun = "resource matches" if shown == 1 else "resources match"
    return f"{shown:,} {noun} (of {total:,})"


def role_chip(model, state):
    """'For: Postdoctoral research associate ×': a link to the same view without the role filter."""
    title = model.role_titles.get(state["role"], state["role"])
    return html.Div(
        [
            html.Span("Showing advice for this role, and general advice: ", className="me-2"),
            dcc.Link(
                [
                    f"For: {title}",
                    html.Span(" ×", **{"aria-hidden": "true"}),
                    html.Span(" (remove this filter)", className="visually-hidden"),
                ],
                href=address(model, state, role=""),
                className="btn btn-outline-primary btn-sm rounded-pill",
            ),
        ],
        id=ids.ADVICE_ROLE_CHIP,
        className="mb-2",
    )


def nothing_found(state):
    """The message when nothing matches, with a link that clears every filter and the search."""
    searched = f" “{state['q']}”" if state["q"] else ""
    return html.Div(
        [
            html.P(f"No resources match{searched} with these filters.", className="fw-semibold"),
            html.P("Try fewer or shorter words, or fewer filters. Or start again with the whole list:"),
            dcc.Link(
                "Clear all filters and search", href=PATH, id=ids.ADVICE_CLEAR, className="btn btn-primary"
            ),
        ],
        id=ids.ADVICE_EMPTY,
        className="alert alert-info",
    )


def content(model, query, rest=""):
    """The resources for the state in ``query``: role chip, count, download link, and the cards."""
    advice = model.dataset.advice
    if advice.empty:
        return html.P("This dataset has no advice resources.", className="alert alert-info")
    state, _ = read_state(model, query)
    found = matches(model, state)
    any_tag = any(state[name] for name in ("sector", "stage", "theme", "role"))
    order_note = (
        "Resources tagged for your choices come first, then general ones that apply to everyone."
        if any_tag and len(found)
        else None
    )
    heading = html.Div(
        [
            html.H2(count_sentence(len(found), len(advice), state), id=ids.ADVICE_COUNT, className="h4 mb-1"),
            html.P(
                [
                    order_note + " " if order_note else "",
                    html.A(
                        "Download this list (CSV)",
                        href=csv_href(model, SLUG, encode_state(fields(model), state)),
                        id=ids.ADVICE_DOWNLOAD,
                    ),
                ],
                className="small",
            )
            if len(found)
            else None,
        ],
        className="mb-2",
    )
    cards = (
        html.Ul(
            [card(model, advice_id, row) for advice_id, row in found.iterrows()],
            id=ids.ADVICE_LIST,
            className="list-unstyled row row-cols-1 row-cols-lg-2 row-cols-xxl-3 g-3",
        )
        if len(found)
        else nothing_found(state)
    )
    return html.Div([role_chip(model, state) if state["role"] else None, heading, cards])


def layout(model, query=None, rest=""):
    """The Advice library page: heading, notices about the address, search and filters, and the list."""
    state, messages = read_state(model, query or {})
    return html.Div(
        [
            page_header(TITLE, INTRO),
            notices(messages),
            controls(model, state),
            html.Div(content(model, query or {}, rest), id=CONTENT_ID, **{"aria-live": "polite"}),
        ]
    )


def download(model, query, rest=""):
    """The resources the view lists, in its order, as a table with the columns of ``advice.csv``."""
    state, _ = read_state(model, query or {})
    found = matches(model, state).rename_axis("advice_id").reset_index()
    return found.reindex(columns=DOWNLOAD_COLUMNS).fillna("")
