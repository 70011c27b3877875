"""Compare roles: up to three roles side by side, and the sectors their people moved to next.

The address holds the roles in order (``/compare?roles=postdoc,ds,rse``). An
id the data do not have, a repeat or a fourth role is left out with a notice
(and a suggestion when one is close); the other roles are still shown.
"""

import functools
from html import escape

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from layouts import ids
from layouts.chart import chart_figure, csv_href
from layouts.controls import notices, page_header, select
from layouts.role_sections import (
    DOWNLOAD_COLUMNS,
    HIDDEN,
    INK,
    bar_figure,
    download_rows,
    hidden_note,
    missing,
    numbers_only,
    people_text,
    plot_text,
    role_facts,
    role_flows,
    role_href,
    role_label,
    share_text,
    title,
    top_barriers,
)
from pathways.disclosure import format_count_short, protect_counts
from pathways.graph import suggest_roles
from pathways.schema import SECTOR_LABELS, SECTORS
from pathways.viewstate import Field, encode_state

PATH = "/compare"
TITLE = "Compare roles"
NAV_LABEL = "Compare"
NAV_ORDER = 35
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True
SLUG = "compare"
CONTENT_ID = ids.COMPARE_CONTENT
CONTROLS = [(ids.COMPARE_ROLE_A, "value"), (ids.COMPARE_ROLE_B, "value"), (ids.COMPARE_ROLE_C, "value")]
MAX_ROLES = 3
SELECT_LABELS = ("First role", "Second role", "Third role")
# Okabe-Ito colours apart from the sector ones used on the same page, each with its own bar pattern.
ROLE_STYLES = (("#0072B2", ""), ("#E69F00", "/"), ("#CC79A7", "x"))
TOP = 3
# The value of an empty place: not "" (dbc.Select's own hidden placeholder has it), and never a role id,
# which starts with a letter or digit.
NONE = "-"
INTRO = (
    "Choose up to three roles to see them side by side: their sector, stage, grade and pay, how many people "
    "in the data held them, where those people came from and went next, how long they stayed, and the "
    "barriers they report most."
)


# ---- the view state and its address ---------------------------------------------------------


def fields(model):
    """The view state: up to three roles, in order."""
    roles = tuple(model.dataset.roles.index)
    return [Field("roles", (), choices=roles, kind="list", max_items=MAX_ROLES, label="roles")]


def read_state(model, query):
    """The roles in the address, leaving out (with a notice) unknown ids, repeats and any past three."""
    chosen, messages = [], []
    for item in (part.strip() for part in str((query or {}).get("roles") or "").split(",")):
        if not item:
            continue
        shown = item if len(item) <= 40 else item[:40] + "…"
        if item not in model.graph:
            close = suggest_roles(model.graph, item[:200], n=1)
            hint = f"; did you mean '{close[0]}' ({title(model, close[0])})?" if close else "."
            messages.append(f"Ignored the role '{shown}' in the address: it is not in these data{hint}")
        elif item in chosen:
            messages.append(f"Ignored the second '{shown}' in the address: each role is shown once.")
        elif len(chosen) == MAX_ROLES:
            messages.append(
                f"Ignored the role '{shown}' in the address: at most {MAX_ROLES} roles can be compared."
            )
        else:
            chosen.append(item)
    return {"roles": tuple(chosen)}, messages


def to_query(model, *values):
    """The query string for the three selects' values (empty ones and repeats left out)."""
    state, _ = read_state(model, {"roles": ",".join(value for value in values if value and value != NONE)})
    return encode_state(fields(model), state)


def address(model, roles):
    """The page's address for ``roles``."""
    return PATH + encode_state(fields(model), {"roles": tuple(roles)})


# ---- where people went next, by sector ---------------------------------------------------------


@functools.lru_cache(maxsize=16)
def sector_moves(model):
    """Distinct people who moved from each role to a role in each sector (raw counts)."""
    moves = model.dataset.transitions
    sector = moves["target"].map(model.dataset.roles["sector"]).rename("sector")
    return moves.groupby([moves["source"], sector])["person_id"].nunique()


def destination_sectors(model, roles):
    """One row per role and sector that any of ``roles`` moved to: protected people and share of holders.

    Columns ``role_id, sector, people, share``; a sector one role moved to and
    another did not reads 0 for the other. Shares are withheld (NaN) when the
    role had fewer than ``min_denominator`` holders or the count is hidden.
    """
    raw = sector_moves(model)
    present = set(raw[raw.index.get_level_values(0).isin(roles)].index.get_level_values(1))
    sectors = [s for s in SECTORS if s in present] + sorted(present - set(SECTORS))
    rules, frames = model.rules, []
    for role_id in roles:
        counts = pd.Series([int(raw.get((role_id, s), 0)) for s in sectors], dtype="int64")
        held = model.graph.nodes[role_id].get("people", 0)
        enough = held >= max(rules.min_denominator, 1)
        people = protect_counts(counts, rules, groups=pd.Series(0, index=counts.index))
        share = (100 * counts / max(held, 1)).where(people.notna() & enough)
        frames.append(pd.DataFrame({"role_id": role_id, "sector": sectors, "people": people, "share": share}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["role_id", "sector"])


def sector_figure(model, roles, table):
    """Grouped horizontal bars: for each sector, the share of each role's holders who moved there."""
    sectors = list(dict.fromkeys(table["sector"]))
    width = 0.8 / len(roles)
    traces, notes = [], []
    for number, role_id in enumerate(roles):
        rows = table[table["role_id"] == role_id].reset_index(drop=True)
        colour, pattern = ROLE_STYLES[number]
        offset = (number - (len(roles) - 1) / 2) * width
        positions = [sectors.index(s) + offset for s in rows["sector"]]
        values = [None if missing(v) else float(v) for v in rows["share"]]
        name = f"{number + 1}. {title(model, role_id)}"
        traces.append(
            {
                "x": values,
                "y": positions,
                "width": width * 0.92,
                "name": plot_text(name, 50),
                "marker": {
                    "color": colour,
                    "line": {"color": INK, "width": 1},
                    "pattern": {"shape": pattern},
                },
                "text": ["" if v is None else f"{number + 1}: {share_text(v)}" for v in values],
                "customdata": [
                    [SECTOR_LABELS.get(s, s), share_text(v), people_text(model, p)]
                    for s, v, p in zip(rows["sector"], values, rows["people"])
                ],
                "hovertemplate": f"<b>{escape(name)}</b><br>Moved to %{{customdata[0]}}: %{{customdata[1]}}"
                "<br>People: %{customdata[2]}<extra></extra>",
            }
        )
        notes += [
            hidden_note(y, f"{number + 1}: {HIDDEN}", 14) for y, v in zip(positions, values) if v is None
        ]
    ticks = [escape(SECTOR_LABELS.get(s, s)) for s in sectors]
    x_title = "Share of the people who held the role (%)"
    return bar_figure(traces, notes, sector_height(roles, sectors), x_title, ticks, legend=True)


def sector_height(roles, sectors):
    """Pixels for the sector chart."""
    return 150 + max(len(sectors), 1) * (34 * len(roles) + 24)


def sector_display(model, roles, table):
    """The sector chart's numbers as display strings."""
    return pd.DataFrame(
        {
            "Role": [title(model, r) for r in table["role_id"]],
            "Moved to a role in": [SECTOR_LABELS.get(s, s) for s in table["sector"]],
            "People": [people_text(model, p) for p in table["people"]],
            "Share of the people who held the role": [share_text(v) for v in table["share"]],
        }
    )


def sector_summary(model, roles, table):
    """A paragraph: for each role, the sector its people most often moved to."""
    sentences = []
    for role_id in roles:
        rows = table[(table["role_id"] == role_id) & (table["people"].fillna(1) > 0)]
        name = title(model, role_id)
        if rows.empty:
            sentences.append(f"Nobody in these data moved on from {name} to another role.")
        elif rows["share"].isna().all():
            sentences.append(f"Too few people held {name} to give shares.")
        else:
            top = rows.sort_values("share", ascending=False, kind="stable").iloc[0]
            sentences.append(
                f"Of the people who held {name}, {share_text(top['share'])} moved on to a role in "
                f"{SECTOR_LABELS.get(top['sector'], top['sector'])}, more than to any other sector."
            )
    return " ".join(sentences)


# ---- the table of facts -------------------------------------------------------------------------


def _flow_items(model, frame, of_what):
    if frame.empty:
        return "none in these data"
    items = []
    for row in frame.head(TOP).itertuples():
        share = "" if missing(row.share) else f", {share_text(row.share)} {of_what}"
        items.append(html.Li(f"{row.title} ({people_text(model, row.people)}{share})"))
    return html.Ul(items, className="mb-0 ps-3")


def _barrier_items(model, role_id):
    top = top_barriers(model, role_id, TOP)
    if top.empty:
        return f"not shown (fewer than {model.rules.min_denominator} answers from people in this role)"
    top = top[top["percent"] > 0]
    if top.empty:
        return "none (no answer from people in this role agreed with the statements shown)"
    return html.Ul(
        [html.Li(f"“{row.statement}”: {share_text(row.percent)} agreed") for row in top.itertuples()],
        className="mb-0 ps-3",
    )


def comparison_table(model, roles):
    """One column per role, one row per fact; headers link to each role's profile."""
    facts = [role_facts(model, r) for r in roles]
    flows = [role_flows(model, r) for r in roles]
    rows = [(label, [dict(f)[label] for f in facts]) for label, _ in facts[0]]
    rows += [
        ("Most common next roles", [_flow_items(model, f["outflows"], "of holders") for f in flows]),
        ("Most common previous roles", [_flow_items(model, f["inflows"], "of arrivals") for f in flows]),
        ("Barrier statements most agreed with", [_barrier_items(model, r) for r in roles]),
    ]
    head = html.Thead(
        html.Tr(
            [html.Th("Fact", scope="col")]
            + [
                html.Th(dcc.Link(f"{n}. {title(model, r)}", href=role_href(r)), scope="col")
                for n, r in enumerate(roles, start=1)
            ]
        )
    )
    body = html.Tbody(
        [html.Tr([html.Th(label, scope="row")] + [html.Td(cell) for cell in cells]) for label, cells in rows]
    )
    caption = html.Caption("The chosen roles side by side; each heading opens the role's profile.")
    return html.Div(
        html.Table([caption, head, body], className="table table-bordered align-top compare-table"),
        className="table-responsive",
        id=ids.COMPARE_TABLE,
    )


# ---- the page -----------------------------------------------------------------------------------


def example_roles(model):
    """The role most people held in each of the three sectors with the most-held roles."""
    best = {}
    for role_id, attrs in model.graph.nodes(data=True):
        sector = attrs.get("sector")
        if attrs.get("people", 0) > best.get(sector, (None, -1))[1]:
            best[sector] = (role_id, attrs.get("people", 0))
    ranked = sorted(best.values(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(role_id for role_id, people in ranked[:MAX_ROLES] if people > 0)


def explainer(model):
    """What the page shows when no role is chosen, with an example to start from."""
    example = example_roles(model)
    names = [title(model, r) for r in example]
    link = (
        html.P(
            [
                "Try an example: ",
                dcc.Link(
                    "compare " + ", ".join(names[:-1]) + " and " + names[-1], href=address(model, example)
                ),
            ],
            id=ids.COMPARE_EXAMPLES,
        )  # fmt: skip
        if len(example) > 1
        else None
    )
    return html.Div(
        [
            html.P("Choose a role in one of the lists above to start. Empty lists are left out."),
            link,
            html.P(
                ["You can also start from a role's profile: see ", dcc.Link("all roles", href="/roles/"), "."]
            ),
        ]
    )


def content(model, query, rest=""):
    """The comparison for the roles in the address, or the explainer when there are none."""
    state, _ = read_state(model, query)
    roles = state["roles"]
    if not roles:
        return explainer(model)
    table = destination_sectors(model, roles)
    names = " and ".join(
        filter(None, [", ".join(title(model, r) for r in roles[:-1]), title(model, roles[-1])])
    )
    caption = "Where the people who held each role moved next, by sector"
    href = csv_href(model, SLUG, encode_state(fields(model), state))
    source = model.info.source or model.info.name
    if table["sector"].empty:
        chart = html.P("Nobody in these data moved on from these roles to another role.")
    elif table["share"].isna().all():
        display = sector_display(model, roles, table)
        summary = sector_summary(model, roles, table)
        chart = numbers_only(
            ids.COMPARE_CHART, caption, summary, display, href, source, "Sectors people moved to"
        )
    else:
        chart = chart_figure(
            ids.COMPARE_CHART,
            sector_figure(model, roles, table),
            caption,
            sector_summary(model, roles, table),
            sector_display(model, roles, table),
            href,
            source,
            table_caption="Sectors people moved to: people and shares",
            graph_style={"height": f"{sector_height(roles, set(table['sector']))}px"},
        )
    return html.Div(
        [
            html.H2(f"Comparing {names}", className="h3"),
            comparison_table(model, roles),
            html.H2("Where people went next", className="h3 mt-4"),
            chart,
        ]
    )


def controls(model, state):
    """Three labelled selects, set from the state; 'None' leaves a place empty."""
    options = [(NONE, "None")] + [(role_id, role_label(model, role_id)) for role_id, _ in model.role_choices]
    values = list(state["roles"]) + [NONE] * (MAX_ROLES - len(state["roles"]))
    return dbc.Row(
        [
            dbc.Col(select(control_id, label, options, value), md=4)
            for (control_id, _), label, value in zip(CONTROLS, SELECT_LABELS, values)
        ],
        className="compare-controls",
    )


def layout(model, query=None, rest=""):
    """The compare page."""
    state, messages = read_state(model, query)
    return html.Div(
        [
            page_header(TITLE, INTRO),
            notices(messages),
            controls(model, state),
            html.Div(content(model, query, rest), id=CONTENT_ID, **{"aria-live": "polite"}),
        ]
    )


def download(model, query, rest=""):
    """The numbers the page shows for each role, and the sector shares, as tidy rows."""
    state, _ = read_state(model, query)
    roles = state["roles"]
    rows = [row for role_id in roles for row in download_rows(model, role_id)]
    if roles:
        for row in destination_sectors(model, roles).itertuples():
            rows.append(
                {
                    "role_id": row.role_id,
                    "measure": "moved on to a role in the sector",
                    "item_id": row.sector,
                    "item": SECTOR_LABELS.get(row.sector, row.sector),
                    "count": format_count_short(row.people, model.rules),
                    "percent": None if missing(row.share) else round(float(row.share), 1),
                    "median_years": None,
                }
            )
    return pd.DataFrame(rows, columns=DOWNLOAD_COLUMNS)
