"""The Sankey diagram of career flows: a pure builder of plotly's input, and the figure.

A node is ``(column, key)``: the role (or sector) people held at their
``column``-th stay, so the same role early and late in careers are two nodes
and a move back into a sector is a link pointing right like any other.
Plotly's automatic layout reorders nodes between redraws and hides small ones
behind large ones, so every node is placed here: columns left to right, and
within a column by sector, then career stage, then title, stacked to scale.
"""

import math

import pandas as pd
import plotly.graph_objects as go

from layouts.chart import SECTOR_COLOURS
from pathways.disclosure import format_count
from pathways.schema import SECTOR_LABELS, SECTORS, STAGE_LABELS, STAGES

# Plotly ignores positions unless every node has both x and y strictly inside (0, 1).
EDGE = 0.01
HEIGHT = 600
MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}
NODE_PAD = 14
NODE_THICKNESS = 22
FONT_SIZE = 15
LINK_ALPHA = 0.45
LABEL_LIMIT = 24


def ordinal(n):
    """1 -> '1st', 2 -> '2nd', 11 -> '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def step_text(step):
    """What a step is in words: 'step 1 (1st to 2nd role)'."""
    return f"step {step} ({ordinal(step)} to {ordinal(step + 1)} role)"


def _truncate(text, limit):
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:(-") + "…"


def short_labels(titles, limit=LABEL_LIMIT):
    """Node labels short enough to read next to a node: ``{key: label}``.

    A trailing qualifier in brackets is dropped ("MSc student (bioinformatics)"
    becomes "MSc student") unless two titles would then read the same; what
    is still too long is cut at a word and ends with an ellipsis.
    """
    bare = {key: str(title).split(" (")[0].strip() or str(title) for key, title in titles.items()}
    counts = pd.Series(list(bare.values()), dtype="object").value_counts()
    return {
        key: _truncate(bare[key] if counts[bare[key]] == 1 else str(titles[key]), limit) for key in titles
    }


def rgba(hex_colour, alpha):
    """'#0072B2', 0.5 -> 'rgba(0, 114, 178, 0.5)'."""
    red, green, blue = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _node_order(keys, sectors, stages, titles):
    """Keys sorted by sector, then career stage, then title."""
    sector_rank = {sector: i for i, sector in enumerate(SECTORS)}
    stage_rank = {stage: i for i, stage in enumerate(STAGES)}
    return sorted(
        keys,
        key=lambda key: (
            sector_rank.get(sectors.get(key), len(SECTORS)),
            stage_rank.get((stages or {}).get(key), len(STAGES)),
            str(titles.get(key, key)),
            str(key),
        ),
    )


def _positions(columns, sizes, plot_height):
    """x and y centres, strictly inside (0, 1), of nodes stacked to plotly's scale.

    ``columns`` maps a column number to its node ids in top-to-bottom order;
    ``sizes`` gives each node's value. Plotly draws a node ``value * scale``
    pixels tall, with one scale for the whole diagram set by the fullest
    column, so the same scale is used here and each column is centred.
    """
    span = 1 - 2 * EDGE
    height = plot_height * span
    first, last = min(columns), max(columns)
    scale = min(
        (height - (len(nodes) - 1) * NODE_PAD) / max(sum(sizes[n] for n in nodes), 1e-9)
        for nodes in columns.values()
    )
    x, y = {}, {}
    for column, nodes in columns.items():
        extent = sum(sizes[n] for n in nodes) * scale + (len(nodes) - 1) * NODE_PAD
        top = max((height - extent) / 2, 0)
        for node in nodes:
            tall = sizes[node] * scale
            centre = EDGE + (top + tall / 2) / plot_height
            y[node] = min(max(centre, EDGE), 1 - EDGE)
            x[node] = EDGE + span * (column - first) / max(last - first, 1)
            top += tall + NODE_PAD
    return x, y


def sankey_input(flows, level, titles, sectors, rules, stages=None, measure="count", plot_height=None):
    """Plotly's Sankey input for protected step flows, with nodes placed and links described.

    Parameters
    ----------
    flows : DataFrame
        ``step, source, target, count`` as :func:`pathways.flows.step_flows`
        returns with disclosure rules applied (``<NA>`` where hidden), plus,
        for ``measure="percent"``, ``share``: the percentage of the step's
        movers (NaN where withheld).
    level : {"role", "sector"}
    titles : dict
        Display name of each key (role titles, or sector labels).
    sectors : dict
        Sector of each key (a sector is its own sector).
    rules : DisclosureRules
    stages : dict, optional
        Career stage of each key, to order roles within a sector.
    measure : {"count", "percent"}
        Link widths in people or in percent of the step's movers.
    plot_height : int, optional
        Height in pixels of the drawing area (figure height less margins).

    Returns
    -------
    dict
        ``nodes`` (``(column, key)`` pairs), ``label``, ``x``, ``y``,
        ``node_colour``, ``node_sector``, ``node_hover`` per node; ``source``, ``target``
        (node positions), ``value``, ``link_colour``, ``link_hover`` per
        link; ``columns`` (column numbers drawn); ``level``; ``hidden``: flows not drawn
        because disclosure control hides their count; ``withheld``: flows
        not drawn because their step's percentages are withheld.
    """
    plot_height = plot_height or HEIGHT - MARGIN["t"] - MARGIN["b"]
    hidden_count = flows["count"].isna()
    drawable = flows.loc[~hidden_count & flows["count"].fillna(0).gt(0)]
    withheld = 0
    if measure == "percent":
        has_share = drawable["share"].notna() & drawable["share"].gt(0)
        withheld = int((~has_share).sum())
        drawable = drawable.loc[has_share]
        values = drawable["share"].astype(float)
    else:
        values = drawable["count"].astype(int)
    drawn = pd.DataFrame(
        {
            "step": drawable["step"].astype(int),
            "source": drawable["source"],
            "target": drawable["target"],
            "count": drawable["count"],
            "value": values,
        }
    ).reset_index(drop=True)
    result = {
        "nodes": [],
        "label": [],
        "x": [],
        "y": [],
        "node_colour": [],
        "node_hover": [],
        "source": [],
        "target": [],
        "value": [],
        "link_colour": [],
        "link_hover": [],
        "node_sector": [],
        "columns": [],
        "level": level,
        "hidden": int(hidden_count.sum()),
        "withheld": withheld,
    }
    if drawn.empty:
        return result

    outflow = drawn.groupby(["step", "source"])["value"].sum()
    inflow = drawn.groupby(["step", "target"])["value"].sum()
    sizes = {}
    for (step, key), value in outflow.items():
        sizes[(step, key)] = max(sizes.get((step, key), 0), value)
    for (step, key), value in inflow.items():
        sizes[(step + 1, key)] = max(sizes.get((step + 1, key), 0), value)
    columns = {}
    for column in sorted({column for column, _ in sizes}):
        keys = [key for c, key in sizes if c == column]
        columns[column] = [(column, key) for key in _node_order(keys, sectors, stages, titles)]
    x, y = _positions(columns, sizes, plot_height)

    labels = short_labels({key: titles.get(key, key) for _, key in sizes})
    nodes = [node for column in columns.values() for node in column]
    position = {node: i for i, node in enumerate(nodes)}
    for column, key in nodes:
        sector = sectors.get(key, "other")
        kind = SECTOR_LABELS.get(sector, sector)
        if level == "role" and stages is not None and stages.get(key) in STAGE_LABELS:
            kind = f"{kind}, {STAGE_LABELS[stages[key]].lower()}"
        result["nodes"].append((column, key))
        result["label"].append(labels[key])
        result["x"].append(x[(column, key)])
        result["y"].append(y[(column, key)])
        result["node_colour"].append(SECTOR_COLOURS.get(sector, SECTOR_COLOURS["other"]))
        result["node_sector"].append(sector)
        result["node_hover"].append(
            f"{titles.get(key, key)}<br>{kind}<br>{ordinal(column)} role in the career"
        )
    for row in drawn.itertuples(index=False):
        sector = sectors.get(row.source, "other")
        people = format_count(row.count, rules)
        noun = "person" if people == "1" else "people"
        hover = (
            f"{step_text(row.step).capitalize()}<br>"
            f"{titles.get(row.source, row.source)} → {titles.get(row.target, row.target)}<br>"
            f"{people} {noun}"
        )
        if measure == "percent":
            hover += f" ({row.value:.0f}% of the people moving at this step)"
        result["source"].append(position[(row.step, row.source)])
        result["target"].append(position[(row.step + 1, row.target)])
        result["value"].append(float(row.value) if measure == "percent" else int(row.value))
        result["link_colour"].append(rgba(SECTOR_COLOURS.get(sector, SECTOR_COLOURS["other"]), LINK_ALPHA))
        result["link_hover"].append(hover)
    result["columns"] = list(columns)
    return result


def sankey_figure(data, empty_message="Nothing to draw for these settings."):
    """The plotly figure for :func:`sankey_input`'s result; a message instead when nothing is drawn."""
    figure = go.Figure(
        go.Sankey(
            # Read back when a node is clicked, to focus the view on it.
            meta={"keys": [key for _, key in data["nodes"]], "level": data["level"]},
            arrangement="fixed",  # 'snap' makes nodes draggable, and a drag swallows the click that focuses
            valueformat=",.0f",
            node={
                "label": data["label"],
                "x": data["x"],
                "y": data["y"],
                "color": data["node_colour"],
                "customdata": data["node_hover"],
                "hovertemplate": "%{customdata}<extra></extra>",
                "pad": NODE_PAD,
                "thickness": NODE_THICKNESS,
                "line": {"color": "#222222", "width": 0.5},
            },
            link={
                "source": data["source"],
                "target": data["target"],
                "value": data["value"],
                "color": data["link_colour"],
                "customdata": data["link_hover"],
                "hovertemplate": "%{customdata}<extra></extra>",
            },
            textfont={"size": FONT_SIZE, "color": "#111111"},
        )
    )
    columns = data["columns"]
    annotations = [
        {
            "x": EDGE + (1 - 2 * EDGE) * (column - columns[0]) / max(columns[-1] - columns[0], 1),
            "y": 1.0,
            "xref": "paper",
            "yref": "paper",
            "yanchor": "bottom",
            "xanchor": "left" if column == columns[0] else "right" if column == columns[-1] else "center",
            "text": f"<b>{ordinal(column)} role</b>",
            "showarrow": False,
            "font": {"size": FONT_SIZE},
        }
        for column in columns
    ]
    if not data["nodes"]:
        annotations = [
            {
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "text": empty_message,
                "showarrow": False,
                "font": {"size": FONT_SIZE + 2},
            }
        ]
    figure.update_layout(
        template="plotly_white",
        font={"size": FONT_SIZE, "color": "#111111"},
        height=HEIGHT,
        margin=MARGIN,
        annotations=annotations,
        hoverlabel={"font": {"size": FONT_SIZE}},
    )
    return figure


def is_inside(values):
    """True when every position is strictly inside (0, 1), as plotly needs."""
    return all(0 < v < 1 and not math.isnan(v) for v in values)
