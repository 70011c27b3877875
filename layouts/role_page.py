"""Role profile: one role's facts, where its people came from and went, their barriers and advice.

The role is in the path (``/roles/postdoc``; ``/roles/?role=postdoc`` works
too). ``/roles/`` alone lists every role by sector, and a role this dataset
does not have gets a friendly page with the closest ones, never an error.
"""

import functools
import re
from urllib.parse import quote, unquote

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from layouts import ids
from layouts.chart import chart_figure, csv_href
from layouts.controls import page_header
from layouts.role_sections import (
    DOWNLOAD_COLUMNS,
    FLOW_LIMIT,
    PAY_NOTE,
    barrier_figure,
    barrier_height,
    barrier_summary,
    barrier_table,
    barriers_of,
    download_rows,
    flow_figure,
    flow_height,
    flow_table,
    holders,
    inflow_summary,
    numbers_only,
    outflow_summary,
    people_text,
    role_facts,
    role_flows,
    role_href,
    role_label,
    title,
)
from pathways.graph import suggest_roles
from pathways.schema import SECTOR_LABELS, STAGE_LABELS, URL_SCHEMES
from pathways.viewstate import Field, decode_state, encode_state

PATH = "/roles/"
TITLE = "Role profile"
NAV_LABEL = None
NAV_ORDER = 30
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True
SLUG = "role"
CONTENT_ID = ids.ROLE_CONTENT
# The role is chosen by following a link (index, network, routes), so the page has no controls.
CONTROLS = []
LONGEST_ID = 60
ADVICE_LIMIT = 6
INDEX_TITLE = "Roles"
INDEX_INTRO = (
    "Every role in these data, grouped by sector. Open one to see what it involves, its grade and pay, "
    "where the people who held it came from and went next, the barriers they report and advice for it."
)


def fields(model):
    """The view state: the role, when it comes from the query (``?role=``) rather than the path."""
    return [Field("role", "", choices=tuple(model.dataset.roles.index), label="role")]


def to_query(model, role=""):
    """The query string for a role (empty for none)."""
    state, _ = decode_state(fields(model), {"role": role or ""})
    return encode_state(fields(model), state)


def requested_role(query, rest=""):
    """The role id the address asks for: the path after ``/roles/``, else ``?role=``; '' for none."""
    text = unquote(rest or "").strip().strip("/")
    return text or str((query or {}).get("role") or "").strip()


def shown_id(text):
    """An id from the address, cut short for display (it is always rendered as text, never HTML)."""
    return text if len(text) <= LONGEST_ID else text[:LONGEST_ID] + "…"


def _known(model, role_id):
    return role_id in model.graph


# ---- advice and the index of roles -----------------------------------------------------------


def _tagged(advice, column, code):
    if column not in advice.columns or not code:
        return pd.Series(False, index=advice.index)
    pattern = r"(?:^|;)\s*" + re.escape(str(code)) + r"\s*(?:;|$)"
    return advice[column].fillna("").astype(str).str.contains(pattern, regex=True)


def _untagged(advice, column):
    if column not in advice.columns:
        return pd.Series(True, index=advice.index)
    return advice[column].fillna("").astype(str).str.strip() == ""


def role_advice(advice, role_id, sector, stage, n=ADVICE_LIMIT):
    """Advice for a role: resources tagged with it, then those for its sector and stage.

    A resource tagged for other roles only is left out; an empty list of
    stages means every stage. Ties keep the order of ``advice.csv``.

    Examples
    --------
    >>> advice = pd.DataFrame({"roles": ["postdoc", "", "rse", ""],
    ...                        "sectors": ["", "academia", "academia", "nhs"],
    ...                        "stages": ["", "", "early", "early"]}, index=["a", "b", "c", "d"])
    >>> role_advice(advice, "postdoc", "academia", "early").index.tolist()
    ['a', 'b']
    """
    mine = _tagged(advice, "roles", role_id)
    near = (
        ~mine
        & _untagged(advice, "roles")
        & _tagged(advice, "sectors", sector)
        & (_tagged(advice, "stages", stage) | _untagged(advice, "stages"))
    )
    return pd.concat([advice[mine.to_numpy()], advice[near.to_numpy()]]).head(n)


def advice_card(row):
    """One resource: its title as an external link (only for allowed schemes), provider, kind, summary."""
    safe = isinstance(row.url, str) and row.url.startswith(URL_SCHEMES)
    heading = html.A(row.title, href=row.url, rel="noopener noreferrer") if safe else row.title
    summary = row.summary if isinstance(row.summary, str) else ""
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H3(heading, className="h5"),
                    html.P(f"{row.provider} · {str(row.kind).replace('-', ' ')}", className="small mb-1"),
                    html.P(summary, className="mb-0") if summary else None,
                ]
            ),
            className="h-100",
        ),
        md=6,
        xl=4,
        className="mb-3",
    )


@functools.lru_cache(maxsize=1024)
def advice_for(model, role_id):
    """:func:`role_advice` for a role of the model, once per model and role."""
    node = model.graph.nodes[role_id]
    return role_advice(model.dataset.advice, role_id, node.get("sector"), node.get("stage"))


def advice_section(model, role_id):
    """Cards of the advice for a role and a link to the advice library filtered to it."""
    chosen = advice_for(model, role_id)
    more = dcc.Link("More advice for this role", href=f"/advice?role={quote(role_id, safe='')}")
    if chosen.empty:
        body = html.P(
            "No resource in the advice library is tagged for this role or its sector and stage yet."
        )
    else:
        body = dbc.Row([advice_card(row) for row in chosen.itertuples()])
    return html.Div([body, html.P(more)])


def role_index(model, level=2):
    """Every role, grouped by sector under headings of ``level``, each a link to its profile."""
    heading = {2: html.H2, 3: html.H3}[level]
    by_sector = {}
    for role_id, _ in model.role_choices:
        by_sector.setdefault(model.graph.nodes[role_id].get("sector"), []).append(role_id)
    sectors = []
    for sector, roles in by_sector.items():
        items = [
            html.Li(
                [
                    dcc.Link(title(model, r), href=role_href(r)),
                    f" · {STAGE_LABELS.get(model.graph.nodes[r].get('stage'), 'stage not given')}"
                    f" · held by {people_text(model, holders(model, r))}",
                ]
            )
            for r in roles
        ]
        sectors.append(
            html.Section([heading(SECTOR_LABELS.get(sector, "Other"), className="h4 mt-3"), html.Ul(items)])
        )
    return html.Div(sectors)


# ---- the profile -----------------------------------------------------------------------------


def fact_list(model, role_id):
    """The role's facts as a description list, with where pay comes from."""
    items = []
    for label, value in role_facts(model, role_id):
        items += [html.Dt(label, className="col-sm-5"), html.Dd(value, className="col-sm-7")]
    return html.Div(
        [html.Dl(items, className="row mb-2"), html.P(PAY_NOTE, className="small text-body-secondary mb-0")],
        id=ids.ROLE_FACTS,
        className="role-facts",
    )


def role_links(role_id):
    """Where to go from here: routes from the role, a comparison, and the advice library."""
    quoted = quote(role_id, safe="")
    links = [
        ("Find routes from this role", f"/routes?from={quoted}"),
        ("Compare with other roles", f"/compare?roles={quoted}"),
        ("More advice for this role", f"/advice?role={quoted}"),
        ("All roles", PATH),
    ]
    return html.Ul(
        [html.Li(dcc.Link(text, href=href), className="list-inline-item me-4") for text, href in links],
        className="list-inline role-links",
        id=ids.ROLE_LINKS,
    )


def _download(model, role_id):
    return csv_href(model, SLUG, encode_state(fields(model), {"role": role_id}))


def flow_charts(model, role_id):
    """Two charts with chrome: the previous roles of the people who arrived and the next roles of holders."""
    flows = role_flows(model, role_id)
    name = title(model, role_id)
    source = model.info.source or model.info.name
    charts = []
    specs = (
        (ids.ROLE_INFLOWS, "inflows", inflow_summary, "Previous role", "Share of arrivals",
         f"Where people came from: the roles they held just before {name}"),
        (ids.ROLE_OUTFLOWS, "outflows", outflow_summary, "Next role", "Share of the people who held the role",
         f"Where people went next: the roles they moved to after {name}"),
    )  # fmt: skip
    for chart_id, direction, summary, role_heading, share_heading, caption in specs:
        frame = flows[direction]
        words = summary(model, role_id, flows)
        if len(frame) > FLOW_LIMIT:
            words += f" The chart shows the {FLOW_LIMIT} largest; the table lists all {len(frame)}."
        table = flow_table(model, frame, role_heading, share_heading)
        if frame.empty:
            part = html.Div([html.H3(caption, className="h5"), html.P(words, id=f"{chart_id}-summary")])
        elif frame["share"].isna().all():
            numbers = f"{role_heading}s: people, shares and typical time"
            part = numbers_only(chart_id, caption, words, table, _download(model, role_id), source, numbers)
        else:
            part = chart_figure(
                chart_id,
                flow_figure(model, frame, share_heading + " (%)"),
                caption,
                words,
                table,
                _download(model, role_id),
                source,
                table_caption=f"{role_heading}s: people, shares and typical time",
                graph_style={"height": f"{flow_height(frame)}px"},
            )
        charts.append(dbc.Col(part, xl=6, className="mb-4"))
    return dbc.Row(charts)


def barrier_chart(model, role_id):
    """The role's barrier answers against everyone's, with chrome; or why there are none."""
    table = barriers_of(model, role_id)
    summary = barrier_summary(model, role_id, table)
    if table.empty:
        return html.P(summary, id=f"{ids.ROLE_BARRIERS}-summary")
    return chart_figure(
        ids.ROLE_BARRIERS,
        barrier_figure(model, role_id, table),
        f"Agreement with each barrier statement: people whose latest role is {title(model, role_id)}, "
        "and everyone",
        summary,
        barrier_table(model, table),
        _download(model, role_id),
        model.info.source or model.info.name,
        graph_style={"height": f"{barrier_height(table)}px"},
    )


def profile(model, role_id):
    """The whole profile below the heading."""
    name = title(model, role_id)
    return html.Div(
        [
            dbc.Card(dbc.CardBody(fact_list(model, role_id)), className="mb-3"),
            role_links(role_id),
            html.Section(
                [
                    html.H2("Where people come from and go to", className="h3 mt-4"),
                    html.P(
                        f"Moves in these data between {name} and other roles. Shares of where people came "
                        "from are out of everyone who moved into the role; shares of where they went are out "
                        f"of everyone who ever held it. Typical time is the median number of years from "
                        "starting one role to starting the next."
                    ),
                    flow_charts(model, role_id),
                ]
            ),
            html.Section(
                [
                    html.H2("Barriers reported by people in this role", className="h3 mt-2"),
                    html.P(
                        "Answers to the survey's barrier statements from the people whose latest role in "
                        f"the data is {name} (the role they held when they answered), beside the answers of "
                        "everyone who took part."
                    ),
                    barrier_chart(model, role_id),
                ]
            ),
            html.Section(
                [html.H2("Advice for this role", className="h3 mt-4"), advice_section(model, role_id)],
                id=ids.ROLE_ADVICE,
            ),
        ]
    )


def unknown_role(model, requested):
    """A friendly answer for a role this dataset does not have: the closest roles and the whole list."""
    suggestions = suggest_roles(model.graph, requested[:200])
    return html.Div(
        [
            html.P(
                "Did you mean one of these?" if suggestions else "No role in these data has a similar name.",
                className="mb-1",
            ),
            html.Ul([html.Li(dcc.Link(role_label(model, r), href=role_href(r))) for r in suggestions])
            if suggestions
            else None,
            html.H2("All roles", className="h3 mt-4"),
            role_index(model, level=3),
        ],
        id=ids.ROLE_UNKNOWN,
    )


def content(model, query, rest=""):
    """The profile of the role in the address, the friendly 'unknown role' answer, or the index."""
    requested = requested_role(query, rest)
    if not requested:
        return html.Div(role_index(model), id=ids.ROLE_INDEX)
    if not _known(model, requested):
        return unknown_role(model, requested)
    return profile(model, requested)


def header(model, requested):
    """The page heading: the role's title, 'unknown role', or the index's."""
    if not requested:
        return page_header(INDEX_TITLE, INDEX_INTRO)
    if not _known(model, requested):
        return page_header(
            f"We don't know a role called '{shown_id(requested)}'",
            "The address names a role that is not in these data. It may be spelled differently here.",
        )
    roles = model.dataset.roles
    description = roles.at[requested, "description"] if "description" in roles.columns else None
    intro = description if isinstance(description, str) and description.strip() else "No description given."
    return html.Div(
        [
            html.Nav(
                dcc.Link("All roles", href=PATH), **{"aria-label": "Breadcrumb"}, className="small mb-1"
            ),
            page_header(title(model, requested), intro),
        ]
    )


def layout(model, query=None, rest=""):
    """The role profile page (or the index of roles)."""
    requested = requested_role(query, rest)
    # The role is the only setting; one the data do not have gets the friendly page, not a notice.
    return html.Div(
        [
            header(model, requested),
            html.Div(content(model, query, rest), id=CONTENT_ID, **{"aria-live": "polite"}),
        ]
    )


def page_title(model, query=None, rest=""):
    """The tab title: the role's own title, so tabs and history entries tell roles apart."""
    requested = requested_role(query, rest)
    if not requested:
        return "Roles"
    if not _known(model, requested):
        return "Role not found"
    return f"{model.role_titles[requested]}: role profile"


def download(model, query, rest=""):
    """The numbers the profile shows, as tidy rows; no rows for an unknown or missing role."""
    requested = requested_role(query, rest)
    if not requested or not _known(model, requested):
        return pd.DataFrame(columns=DOWNLOAD_COLUMNS)
    return pd.DataFrame(download_rows(model, requested), columns=DOWNLOAD_COLUMNS)
