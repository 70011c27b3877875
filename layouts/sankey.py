"""The Sankey diagram of career flows: a pure builder of plotly's input, and the figure.

A node is ``(column, key)``: the role (or sector) people held at their
``column``-th stay, so the same role early and late in careers are two nodes
and a move back into a sector is a link pointing right like any other.
Plotly's automatic layout reorders nodes between redraws and hides small ones
behind large ones, so every node is placed here: columns left to right, and
within a column by sector, then career stage, then title, stacked to scale.
"""

import math
from functools import lru_cache

import pandas as pd
import plotly.io as pio

from layouts.chart import SECTOR_COLOURS
from pathways.disclosure import format_count
from pathways.schema import SECTOR_LABELS, SECTORS, STAGE_LABELS, STAGES

# Plotly ignores positions unless every node has both x and y strictly inside (0, 1).
EDGE = 0.01
HEIGHT = 600  # the least figure height; tall columns of roles get more
LABEL_ROOM = 360  # pixels for the boxes themselves when a column has many
MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}
NODE_PAD = 16  # a gap of one line of label text, so labels of small nodes never overlap
NODE_THICKNESS = 22
FONT_SIZE = 15
LINK_ALPHA = 0.45
LABEL_LIMIT = 32


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
    becomes "MSc student") unless two titles would then read the same, when
    the qualifier is kept and shortened instead; what is still too long is cut
    at a word and ends with an ellipsis.
    """
    parts = {}
    for key, title in titles.items():
        bare, _, qualifier = str(title).partition(" (")
        parts[key] = (bare.strip() or str(title), qualifier.rstrip(")").strip())
    counts = pd.Series([bare for bare, _ in parts.values()], dtype="object").value_counts()
    labels = {}
    for key, (bare, qualifier) in parts.items():
        room = limit - len(bare) - 3
        if counts[bare] == 1 or not qualifier:
            labels[key] = _truncate(bare, limit)
        elif room >= 4:
            labels[key] = f"{bare} ({_truncate(qualifier, room)})"
        else:
            labels[key] = _truncate(str(titles[key]), limit)
    return labels


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


def _plotly_scale(sizes, links, plot_height):
    """Pixels per unit of value and the node gap that plotly will draw with.

    Plotly sizes nodes with d3-sankey before moving them to the positions
    given: one scale for the whole diagram, set by the fullest of *its*
    columns, which (with ``node.align="left"``) group nodes by the longest
    chain of links that ends at them, and a gap shrunk to fit the longest
    column. Positions that ignore this make nodes overlap.
    """
    sources = {}
    for source, target in links:
        sources.setdefault(target, []).append(source)
    depth = {}
    for node in sorted(sizes):  # by column, so every source's depth is known first
        depth[node] = max((depth[source] + 1 for source in sources.get(node, ())), default=0)
    layers = {}
    for node, layer in depth.items():
        layers.setdefault(layer, []).append(node)
    longest = max(len(nodes) for nodes in layers.values())
    gap = NODE_PAD if longest < 2 else min(NODE_PAD, 2 / 3 * plot_height / (longest - 1))
    scale = min(
        (plot_height - (len(nodes) - 1) * gap) / sum(sizes[node] for node in nodes)
        for nodes in layers.values()
    )
    return scale, gap


def _positions(columns, sizes, links, plot_height):
    """x and y centres, strictly inside (0, 1), of nodes stacked at plotly's scale, each column centred.

    ``columns`` maps a column number to its nodes in top-to-bottom order,
    ``sizes`` gives each node's value and ``links`` the ``(source, target)``
    node pairs drawn.
    """
    scale, gap = _plotly_scale(sizes, links, plot_height)
    first, last = min(columns), max(columns)
    x, y = {}, {}
    for column, nodes in columns.items():
        total = sum(sizes[node] for node in nodes) * scale
        # A column fuller than any of plotly's own gets smaller gaps, never overlaps.
        spacing = gap if len(nodes) < 2 else max(min(gap, (plot_height - total) / (len(nodes) - 1)), 0)
        top = max((plot_height - total - spacing * (len(nodes) - 1)) / 2, 0)
        for node in nodes:
            tall = sizes[node] * scale
            y[node] = min(max((top + tall / 2) / plot_height, EDGE), 1 - EDGE)
            x[node] = EDGE + (1 - 2 * EDGE) * (column - first) / max(last - first, 1)
            top += tall + spacing
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
        Height in pixels of the drawing area (figure height less margins);
        by default enough for a label per node in the longest column.

    Returns
    -------
    dict
        ``nodes`` (``(column, key)`` pairs), ``label``, ``x``, ``y``,
        ``node_colour``, ``node_sector``, ``node_hover`` per node; ``source``, ``target``
        (node positions), ``value``, ``link_colour``, ``link_hover`` per
        link; ``columns`` (column numbers drawn); ``height`` (of the figure, in
        pixels); ``level``; ``hidden``: flows not drawn
        because disclosure control hides their count; ``withheld``: flows
        not drawn because their step's percentages are withheld.
    """
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
    # Plain lists: iterating pandas' nullable arrays is slow, and this runs in a callback.
    steps = drawable["step"].astype(int).tolist()
    sources = drawable["source"].tolist()
    targets = drawable["target"].tolist()
    counts = drawable["count"].astype(int).tolist()
    values = values.tolist()
    result = {
        "nodes": [],
        "label": [],
        "x": [],
        "y": [],
        "node_colour": [],
        "node_sector": [],
        "node_hover": [],
        "source": [],
        "target": [],
        "value": [],
        "link_colour": [],
        "link_hover": [],
        "columns": [],
        "height": HEIGHT,
        "level": level,
        "hidden": int(hidden_count.sum()),
        "withheld": withheld,
    }
    if not steps:
        return result

    links = [((step, source), (step + 1, target)) for step, source, target in zip(steps, sources, targets)]
    outflow, inflow = {}, {}
    for (source, target), value in zip(links, values):
        outflow[source] = outflow.get(source, 0) + value
        inflow[target] = inflow.get(target, 0) + value
    sizes = {node: max(outflow.get(node, 0), inflow.get(node, 0)) for node in outflow.keys() | inflow.keys()}
    columns = {}
    for column, key in sorted(sizes):
        columns.setdefault(column, []).append(key)
    columns = {
        column: [(column, key) for key in _node_order(keys, sectors, stages, titles)]
        for column, keys in columns.items()
    }
    if plot_height is None:
        longest = max(len(nodes) for nodes in columns.values())
        plot_height = max(HEIGHT - MARGIN["t"] - MARGIN["b"], (longest - 1) * NODE_PAD + LABEL_ROOM)
    result["height"] = int(plot_height + MARGIN["t"] + MARGIN["b"])
    x, y = _positions(columns, sizes, links, plot_height)

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
    band = {sector: rgba(colour, LINK_ALPHA) for sector, colour in SECTOR_COLOURS.items()}
    step_words = {step: step_text(step).capitalize() for step in set(steps)}
    for (source, target), count, value in zip(links, counts, values):
        people = format_count(count, rules)
        hover = (
            f"{step_words[source[0]]}<br>"
            f"{titles.get(source[1], source[1])} → {titles.get(target[1], target[1])}<br>"
            f"{people} {'person' if people == '1' else 'people'}"
        )
        if measure == "percent":
            hover += f" ({value:.0f}% of the people moving at this step)"
        result["source"].append(position[source])
        result["target"].append(position[target])
        result["value"].append(float(value) if measure == "percent" else int(value))
        result["link_colour"].append(band.get(sectors.get(source[1], "other"), band["other"]))
        result["link_hover"].append(hover)
    result["columns"] = list(columns)
    return result


@lru_cache(maxsize=1)
def _white_template():
    # A figure given as a dict skips plotly.py's validation (most of the callback's time on
    # hundreds of links), but then a template must be given whole: plotly.js knows no names.
    return pio.templates["plotly_white"].to_plotly_json()


def _figure(traces, annotations, height=HEIGHT, **layout):
    return {
        "data": traces,
        "layout": {
            "template": _white_template(),
            "font": {"size": FONT_SIZE, "color": "#111111"},
            "height": height,
            "margin": MARGIN,
            "annotations": annotations,
            "hoverlabel": {"font": {"size": FONT_SIZE}},
            **layout,
        },
    }


def sankey_figure(data, empty_message="Nothing to draw for these settings."):
    """The plotly figure (a dict) for :func:`sankey_input`'s result; a message when nothing is drawn.

    ``empty_message`` may hold ``<br>`` line breaks: plotly does not wrap text.
    """
    if not data["nodes"]:
        # An empty Sankey trace makes plotly.js throw (d3-sankey sizes an array by the deepest node).
        message = {
            "x": 0.5,
            "y": 0.5,
            "xref": "paper",
            "yref": "paper",
            "text": empty_message,
            "showarrow": False,
            "font": {"size": FONT_SIZE + 2},
        }
        return _figure([], [message], xaxis={"visible": False}, yaxis={"visible": False})
    trace = {
        "type": "sankey",
        # Read back when a node is clicked, to focus the view on it.
        "meta": {"keys": [key for _, key in data["nodes"]], "level": data["level"]},
        "arrangement": "fixed",  # 'snap' makes nodes draggable, and a drag swallows the click that focuses
        "valueformat": ",.0f",
        "node": {
            "align": "left",  # the node scale computed in _plotly_scale assumes it
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
        "link": {
            "source": data["source"],
            "target": data["target"],
            "value": data["value"],
            "color": data["link_colour"],
            "customdata": data["link_hover"],
            "hovertemplate": "%{customdata}<extra></extra>",
        },
        "textfont": {"size": FONT_SIZE, "color": "#111111"},
    }
    columns = data["columns"]
    headings = [
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
    return _figure([trace], headings, height=data["height"])


def is_inside(values):
    """True when every position is strictly inside (0, 1), as plotly needs."""
    return all(0 < v < 1 and not math.isnan(v) for v in values)
