"""Network: roles as nodes laid out by career stage and sector, moves between them as arrows.

The picture is placed by hand rather than by a force layout, so it is the
same on every load and reads like a map: career stage from left to right,
one horizontal band per sector, the roles of one stage and sector spread
along a short diagonal inside their band.
"""

import math
from collections import defaultdict
from functools import cache, lru_cache

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.io as pio
from dash import dcc, html

from layouts import ids
from layouts.chart import SECTOR_COLOURS, SECTOR_SYMBOLS, chart_figure, csv_href
from layouts.controls import notices, page_header, select
from layouts.format import count_text, percent_text
from layouts.sankey import short_labels
from pathways.disclosure import format_count_short, protect_counts, protect_shares
from pathways.schema import SECTOR_LABELS, SECTORS, STAGE_LABELS, STAGES
from pathways.viewstate import Field, decode_state, encode_state

PATH = "/network"
TITLE = "Network"
NAV_LABEL = "Network"
NAV_ORDER = 20
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True
SLUG = "network"
CONTENT_ID = ids.NETWORK_CONTENT
CONTROLS = [(ids.NETWORK_MIN_FLOW, "value"), (ids.NETWORK_SECTOR, "value")]

ANY = "all"
FLOW_STEPS = (1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000)
# The default minimum is the smallest that keeps the map readable.
MAX_DEFAULT_EDGES = 80
ROW_STEP, STAGE_STEP, MAX_SPREAD = 0.175, 0.06, 0.7
BAND_PX, FONT_SIZE, LABEL_LIMIT = 115, 14, 26
# (multiple of the minimum flow, line width): a move's line is as wide as the last bin it reaches,
# so the widths tell moves apart whatever the minimum.
WIDTHS = ((1, 1.5), (2, 3), (5, 5), (10, 7.5), (20, 10))
CURVE_POINTS = 9  # odd, so the middle point (where the arrow sits) is a sample
INTRO = (
    "Each symbol is a role; its colour and shape show the sector, and the bigger it is, the more "
    "people held it. Roles are placed by career stage, from students on the left to leaders on the "
    "right, with one band per sector. The lines are moves people made from one role to the next: "
    "the arrow in the middle of each line points the way they moved, and thicker lines mean more people."
)


def network_layout(G):
    """Positions ``{role_id: (x, y)}``: x is the career stage, y the sector band, spread in the band.

    x is the stage rank (0 student to 4 leader) and y counts sector bands
    from the bottom, so the first sector of :data:`pathways.schema.SECTORS`
    present is the top band. The roles of one stage and sector are ordered
    by title (then id) and spread down a short diagonal centred on their
    cell, so they never overlap and the result depends only on the roles.
    """
    attrs = dict(G.nodes(data=True))
    present = {a.get("sector") for a in attrs.values()}
    order = [s for s in SECTORS if s in present] + sorted(present - set(SECTORS), key=str)
    band = {sector: len(order) - 1 - i for i, sector in enumerate(order)}
    cells = defaultdict(list)
    for role, a in attrs.items():
        rank = a.get("stage_rank")
        cells[(a.get("sector"), len(STAGES) if rank is None else rank)].append(role)
    positions = {}
    for (sector, rank), roles in cells.items():
        roles.sort(key=lambda role: (str(attrs[role].get("title") or ""), str(role)))
        middle = (len(roles) - 1) / 2
        row_step = min(ROW_STEP, MAX_SPREAD / max(len(roles) - 1, 1))
        for i, role in enumerate(roles):
            # Down and to the left, so a label (right of its symbol) never runs over the next symbol.
            positions[role] = (rank - (i - middle) * STAGE_STEP, band[sector] - (i - middle) * row_step)
    return positions


@lru_cache(maxsize=16)
def node_table(model):
    """Roles with ``title, sector, stage, raw, people`` (protected), in sector, stage, title order."""
    G, rules = model.graph, model.rules
    keys = [role for role, _ in model.role_choices]
    frame = pd.DataFrame(
        [
            (r, G.nodes[r]["title"], G.nodes[r]["sector"], G.nodes[r]["stage"], G.nodes[r]["people"])
            for r in keys
        ],
        columns=["role_id", "title", "sector", "stage", "raw"],
    )
    frame["people"] = protect_counts(frame["raw"], rules)
    return frame


@lru_cache(maxsize=16)
def edge_table(model):
    """Every move between roles: ``source, target, raw, people, share`` (do not modify).

    ``people`` is protected, the moves out of one role being siblings for
    secondary suppression (as on the command line); ``share`` is the percentage
    of the source role's holders who moved, from unrounded counts, NaN where
    the holders are too few or the count is hidden; ``raw`` is never shown.
    Busiest first, ties by source and target.
    """
    G, rules = model.graph, model.rules
    rows = sorted((u, v, a["people"]) for u, v, a in G.edges(data=True))
    frame = pd.DataFrame(rows, columns=["source", "target", "raw"]).astype({"raw": "int64"})
    frame["people"] = protect_counts(frame["raw"], rules, groups=frame["source"])
    holders = frame["source"].map(lambda role: G.nodes[role]["people"])
    frame["share"] = protect_shares(frame["raw"], holders, rules).where(frame["people"].notna().to_numpy())
    return frame.sort_values(
        ["people", "source", "target"], ascending=[False, True, True], na_position="last", ignore_index=True
    )


def flow_choices(model):
    """The minimum flows offered: never below the disclosure threshold."""
    threshold = max(model.rules.min_count, 1)
    return tuple(n for n in FLOW_STEPS if n >= threshold) or (threshold,)


def drawn_edges(model, min_flow):
    """The moves drawn: shown counts (after rounding) of at least ``min_flow`` people."""
    edges = edge_table(model)
    people = edges["people"].astype("float64")
    return edges[people.ge(max(min_flow, model.rules.min_count)).to_numpy()]


@lru_cache(maxsize=16)
def default_min_flow(model):
    """The smallest minimum that draws at most ``MAX_DEFAULT_EDGES`` moves."""
    choices = flow_choices(model)
    return next((n for n in choices if len(drawn_edges(model, n)) <= MAX_DEFAULT_EDGES), choices[-1])


def _sectors(model):
    present = set(model.dataset.roles["sector"])
    return tuple(s for s in SECTORS if s in present)


def fields(model):
    """The view state: the smallest move drawn, and a sector to highlight."""
    return [
        Field(
            "min",
            str(default_min_flow(model)),
            choices=tuple(str(n) for n in flow_choices(model)),
            label="smallest move shown",
        ),
        Field("sector", ANY, choices=(ANY, *_sectors(model)), label="highlighted sector"),
    ]


def read_state(model, query):
    """The state for a query dict, and notices for what was ignored."""
    return decode_state(fields(model), query or {})


def to_query(model, min_flow, sector):
    """The query string for the controls' values (only what differs from the default)."""
    given = {"min": min_flow, "sector": sector}
    state, _ = read_state(model, {k: str(v) for k, v in given.items() if v is not None})
    return encode_state(fields(model), state)


def _people(value, rules):
    text = count_text(value, rules)
    return f"{text} {'person' if text == '1' else 'people'}"


def _at_least(n):
    return f"at least {n:,} {'person' if n == 1 else 'people'}"


def _width_bins(min_flow):
    """``(low, high, width, legend label)`` for the line widths: multiples of the minimum flow."""
    bins = []
    for i, (factor, width) in enumerate(WIDTHS):
        low = factor * min_flow
        high = WIDTHS[i + 1][0] * min_flow if i + 1 < len(WIDTHS) else math.inf
        label = f"{low:,} or more people" if high == math.inf else f"{low:,} to {high - 1:,} people"
        bins.append((low, high, width, label))
    return bins


def _curve(start, end):
    """Points of a gentle arc from ``start`` to ``end``, bending to the right of the direction of travel.

    Moves both ways between two roles bend apart instead of lying on one line.
    """
    (x0, y0), (x1, y1) = start, end
    bend = 0.12
    cx, cy = (x0 + x1) / 2 + bend * (y1 - y0), (y0 + y1) / 2 - bend * (x1 - x0)
    steps = [i / (CURVE_POINTS - 1) for i in range(CURVE_POINTS)]
    xs = [round((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1, 4) for t in steps]
    ys = [round((1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1, 4) for t in steps]
    return xs, ys


def _edge_text(model, row):
    titles, rules = model.role_titles, model.rules
    text = f"<b>{titles[row.source]} → {titles[row.target]}</b><br>{_people(row.people, rules)} moved"
    if pd.notna(row.share):
        text += f"<br>{percent_text(row.share)} of everyone who held the {titles[row.source]} role"
    return text


def _edge_trace(rows, positions, width, colour, name, showlegend):
    """One line trace for many moves, with an arrowhead in the middle of each (plotly's dict form)."""
    xs, ys, sizes = [], [], []
    middle = CURVE_POINTS // 2
    for source, target in zip(rows["source"], rows["target"]):
        cx, cy = _curve(positions[source], positions[target])
        xs += [*cx, None]
        ys += [*cy, None]
        sizes += [round(11 + 2.5 * width, 1) if i == middle else 0 for i in range(CURVE_POINTS)] + [0]
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines+markers",
        "line": {"width": width, "color": colour},
        "marker": {"size": sizes, "symbol": "arrow", "angleref": "previous", "color": colour},
        "hoverinfo": "skip",
        "name": name,
        "legendgroup": name,
        "showlegend": showlegend,
    }


def _edge_hover_trace(model, edges, positions):
    """Invisible points on the arrows that say what each move is when hovered."""
    middle = CURVE_POINTS // 2
    points = [_curve(positions[s], positions[t]) for s, t in zip(edges["source"], edges["target"])]
    return {
        "type": "scatter",
        "x": [xs[middle] for xs, _ in points],
        "y": [ys[middle] for _, ys in points],
        "mode": "markers",
        "marker": {"size": 18, "opacity": 0},
        "hovertext": [_edge_text(model, row) for row in edges.itertuples(index=False)],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "showlegend": False,
        "name": "moves",
    }


def _node_size(people, largest):
    return round(14 + 22 * math.sqrt(people / largest), 1) if people and largest else 14


@cache
def white_template():
    """plotly_white as a dict: plotly.js knows no named templates, and building figures as dicts is fast."""
    return pio.templates["plotly_white"].to_plotly_json()


def network_figure(model, state):
    """The map of roles and the moves drawn for ``state``, as plotly's dict (deterministic)."""
    rules, highlight = model.rules, state["sector"]
    positions = network_layout(model.graph)
    nodes, edges = node_table(model), drawn_edges(model, int(state["min"]))
    sector_of = dict(zip(nodes["role_id"], nodes["sector"]))
    traces = []
    people = edges["people"].astype("float64").to_numpy()
    touches = (edges["source"].map(sector_of) == highlight) | (edges["target"].map(sector_of) == highlight)
    for low, high, width, label in _width_bins(int(state["min"])):
        rows = edges[(people >= low) & (people < high)]
        if rows.empty:
            continue
        if highlight == ANY:
            traces.append(_edge_trace(rows, positions, width, "rgba(50, 50, 50, 0.6)", label, True))
            continue
        strong = touches[rows.index].to_numpy()
        if not strong.all():
            faded = "rgba(130, 130, 130, 0.22)"
            traces.append(_edge_trace(rows[~strong], positions, width, faded, label, not strong.any()))
        if strong.any():
            traces.append(_edge_trace(rows[strong], positions, width, "rgba(20, 20, 20, 0.85)", label, True))
    if not edges.empty:
        traces.append(_edge_hover_trace(model, edges, positions))
    shown = nodes["people"].fillna(0).astype("int64")
    largest = int(shown.max()) if len(shown) else 0
    labels = short_labels(dict(zip(nodes["role_id"], nodes["title"])), LABEL_LIMIT)
    for sector in _sectors(model):
        rows = nodes[nodes["sector"] == sector]
        traces.append(
            {
                "type": "scatter",
                "x": [positions[r][0] for r in rows["role_id"]],
                "y": [positions[r][1] for r in rows["role_id"]],
                "mode": "markers+text",
                "text": [labels[r] for r in rows["role_id"]],
                "textposition": "middle right",
                "textfont": {"size": FONT_SIZE - 1, "color": "#1b1b1b", "shadow": "auto"},
                "customdata": list(rows["role_id"]),
                "hovertext": [
                    f"<b>{r.title}</b><br>{SECTOR_LABELS[r.sector]}, {STAGE_LABELS[r.stage].lower()}"
                    f"<br>Held by {_people(r.people, rules)}<br>Click to open the role's profile"
                    for r in rows.itertuples(index=False)
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "marker": {
                    "symbol": SECTOR_SYMBOLS[sector],
                    "color": SECTOR_COLOURS[sector],
                    "size": [_node_size(p, largest) for p in shown[rows.index]],
                    "line": {"width": 1.5, "color": "#ffffff"},
                    "opacity": 1 if highlight in (ANY, sector) else 0.3,
                },
                "name": SECTOR_LABELS[sector],
                "legendgroup": sector,
            }
        )
    return {"data": traces, "layout": _network_axes(model)}


def _network_axes(model):
    sectors = _sectors(model)
    top = len(sectors) - 1
    shading = [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": top - i - 0.5,
            "y1": top - i + 0.5,
            "fillcolor": "#f3f4f6",
            "line": {"width": 0},
            "layer": "below",
        }
        for i in range(0, len(sectors), 2)
    ]
    return {
        "template": white_template(),
        "height": BAND_PX * max(len(sectors), 2) + 170,
        "margin": {"l": 10, "r": 10, "t": 90, "b": 50},
        "font": {"size": FONT_SIZE},
        "hoverlabel": {"font": {"size": FONT_SIZE}},
        "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "font": {"size": FONT_SIZE}},
        "shapes": shading,
        "xaxis": {
            "tickvals": list(range(len(STAGES))),
            "ticktext": [STAGE_LABELS[s] for s in STAGES],
            "range": [-0.3, len(STAGES) - 1 + 0.95],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        "yaxis": {
            "tickvals": [top - i for i in range(len(sectors))],
            "ticktext": [f"<b>{SECTOR_LABELS[s]}</b>" for s in sectors],
            "range": [-0.5, top + 0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
    }


def _titles(model, roles):
    names = [model.role_titles[r] for r in roles]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def summary_text(model, state, edges):
    """One paragraph from the protected numbers: how much is drawn, the busiest move, who connects."""
    rules, min_flow, titles = model.rules, int(state["min"]), model.role_titles
    roles = len(model.graph)
    if edges.empty:
        return (
            f"The map shows {roles} roles. No move between two roles was made by {_at_least(min_flow)}, "
            "so no lines are drawn. The list below the map links to every role's profile."
        )
    moves = f"{len(edges)} move{'' if len(edges) == 1 else 's'}"
    sentences = [f"The map shows {roles} roles and the {moves} between them made by {_at_least(min_flow)}."]
    top = edges[edges["people"] == edges["people"].iloc[0]].head(3)
    pairs = [f"from {titles[s]} to {titles[t]}" for s, t in zip(top["source"], top["target"])]
    first = top.iloc[0]
    if len(top) == 1:
        sentence = f"The busiest move is {pairs[0]}: {_people(first['people'], rules)}"
        if pd.notna(first["share"]):
            sentence += (
                f", {percent_text(first['share'])} of everyone who held the {titles[first['source']]} role"
            )
        sentences.append(sentence + ".")
    else:
        listed = ", ".join(pairs[:-1]) + " and " + pairs[-1]
        sentences.append(f"The busiest moves, each made by {_people(first['people'], rules)}, are {listed}.")
    sentences.append(_connection_sentence(model, state, edges))
    others = len(edge_table(model)) - len(edges)
    if others:
        sentences.append(
            f"{others} other move{' is' if others == 1 else 's are'} not drawn: made by fewer than "
            f"{min_flow} people, or hidden to protect privacy."
        )
    return " ".join(sentences)


def _connection_sentence(model, state, edges):
    sector_of = model.dataset.roles["sector"].to_dict()
    linked = defaultdict(set)
    for source, target in zip(edges["source"].map(sector_of), edges["target"].map(sector_of)):
        if source != target:
            linked[source].add(target)
            linked[target].add(source)
    reach = {s: [o for o in SECTORS if o in linked[s]] for s in _sectors(model)}
    if state["sector"] != ANY:
        sector = state["sector"]
    elif not linked:
        return "None of the moves drawn crosses from one sector to another."
    else:
        sector = max(_sectors(model), key=lambda s: (len(reach[s]), -SECTORS.index(s)))
    others = [SECTOR_LABELS[o] for o in reach[sector]]
    name = SECTOR_LABELS[sector]
    if not others:
        return f"None of the moves drawn links {name} with another sector."
    listed = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
    count = f"{len(others)} other sector{'' if len(others) == 1 else 's'}"
    return f"Through the moves drawn, {name} connects to {count}: {listed}."


def edge_display(model, edges):
    """The moves drawn as display strings."""
    titles, sector_of = model.role_titles, model.dataset.roles["sector"]
    return pd.DataFrame(
        {
            "From": [titles[s] for s in edges["source"]],
            "From sector": [SECTOR_LABELS[sector_of[s]] for s in edges["source"]],
            "To": [titles[t] for t in edges["target"]],
            "To sector": [SECTOR_LABELS[sector_of[t]] for t in edges["target"]],
            "People who moved": [count_text(v, model.rules) for v in edges["people"]],
            "Share of the people in the 'From' role": [
                percent_text(None if pd.isna(v) else v) for v in edges["share"]
            ],
        }
    )


def _download_href(model, state, extra=""):
    query = encode_state(fields(model), state)
    if extra:
        query += ("&" if query else "?") + extra
    return csv_href(model, SLUG, query)


def content(model, query, rest=""):
    """The map, its summary and the table of the moves drawn, for the state in ``query``."""
    state, _ = read_state(model, query)
    return _content(model, state["min"], state["sector"])


@lru_cache(maxsize=64)
def _content(model, min_flow, sector):
    state = {"min": min_flow, "sector": sector}
    edges = drawn_edges(model, int(state["min"]))
    figure = network_figure(model, state)
    focus = "" if state["sector"] == ANY else f", {SECTOR_LABELS[state['sector']]} highlighted"
    caption = f"Roles and the moves between them made by {_at_least(int(state['min']))}{focus}"
    return html.Div(
        [
            html.P(
                "Click a role's symbol to open its profile, or use the list of roles below the map. "
                "Arrows point the way people moved.",
                id=ids.NETWORK_HINT,
                className="small",
            ),
            chart_figure(
                ids.NETWORK_CHART,
                figure,
                caption,
                summary_text(model, state, edges),
                edge_display(model, edges),
                download_href=_download_href(model, state),
                source=model.info.source or model.info.name,
                table_caption=f"{caption}, busiest first",
                graph_style={"height": f"{figure['layout']['height']}px"},
            ),
        ]
    )


def role_list(model):
    """Every role with a link to its profile, by sector: the map's keyboard-friendly twin."""
    nodes = node_table(model)
    columns = []
    for sector in _sectors(model):
        rows = nodes[nodes["sector"] == sector]
        items = [
            html.Li([dcc.Link(r.title, href=f"/roles/{r.role_id}"), f" ({_people(r.people, model.rules)})"])
            for r in rows.itertuples(index=False)
        ]
        columns.append(
            dbc.Col([html.H3(SECTOR_LABELS[sector], className="h6 fw-bold"), html.Ul(items)], md=4, lg=3)
        )
    return html.Section(
        [html.H2("Every role, with a link to its profile", className="h4"), dbc.Row(columns)],
        id=ids.NETWORK_ROLES,
        className="mt-4",
    )


def controls(model, state):
    """The labelled controls, set to ``state``."""
    flows = [(str(n), f"{n:,} {'person' if n == 1 else 'people'}") for n in flow_choices(model)]
    sectors = [(ANY, "No sector"), *((s, SECTOR_LABELS[s]) for s in _sectors(model))]
    help_text = (
        f"Moves made by fewer than {model.rules.min_count} people are never drawn, to protect privacy."
        if model.rules.min_count > 1
        else None
    )
    return dbc.Row(
        [
            dbc.Col(
                select(ids.NETWORK_MIN_FLOW, "Show moves made by at least", flows, state["min"], help_text),
                md=4,
            ),
            dbc.Col(select(ids.NETWORK_SECTOR, "Highlight a sector", sectors, state["sector"]), md=4),
        ],
        className="network-controls",
    )


def layout(model, query=None, rest=""):
    """The Network page: heading, address notices, controls, the map and the list of roles."""
    state, messages = read_state(model, query)
    return html.Div(
        [
            page_header("Network of roles", INTRO),
            notices(messages),
            controls(model, state),
            html.Div(content(model, query, rest), id=CONTENT_ID, **{"aria-live": "polite"}),
            role_list(model),
        ]
    )


def profile_address(model, click_data):
    """``("/roles/<id>", "")`` for a click on a role's symbol; None for anything else."""
    points = (click_data or {}).get("points") or []
    role = points[0].get("customdata") if points else None
    if isinstance(role, list):
        role = role[0] if role else None
    if not isinstance(role, str) or role not in model.graph:
        return None
    return f"/roles/{role}", ""


def download(model, query, rest=""):
    """The moves drawn (or, with ``table=roles``, every role), protected, as a tidy table."""
    state, _ = read_state(model, query)
    rules = model.rules
    if (query or {}).get("table") == "roles":
        nodes = node_table(model)
        frame = nodes[["role_id", "title", "sector", "stage"]].copy()
        frame["people"] = [format_count_short(v, rules) for v in nodes["people"]]
        return frame
    edges = drawn_edges(model, int(state["min"]))
    titles, sector_of = model.role_titles, model.dataset.roles["sector"]
    return pd.DataFrame(
        {
            "source": edges["source"],
            "source_title": edges["source"].map(titles),
            "source_sector": edges["source"].map(sector_of),
            "target": edges["target"],
            "target_title": edges["target"].map(titles),
            "target_sector": edges["target"].map(sector_of),
            "people": [format_count_short(v, rules) for v in edges["people"]],
            "percent_of_source": edges["share"].round(1),
        }
    ).reset_index(drop=True)
