"""The Barriers page's figures, summaries in words and tables, from tables already protected.

Every function takes rows from :mod:`pathways.barriers` called with the
dataset's disclosure rules (counts rounded or ``<NA>``, percentages NaN when
withheld) and only formats them, so nothing here can show a number that
disclosure control hid. Withheld values are written out in words, never drawn
as 0 or left as a blank colour.
"""

import math
import textwrap
from functools import lru_cache
from html import escape

import pandas as pd
import plotly.io

from layouts.format import count_text
from pathways.schema import SECTOR_LABELS, SECTORS, THEME_LABELS, THEMES

COLOUR_A, SYMBOL_A, TEXT_A = "#0072B2", "circle", "#0072B2"
# Okabe-Ito vermillion, darkened for the text beside its dots to reach 4.5:1 on white.
COLOUR_B, SYMBOL_B, TEXT_B = "#D55E00", "diamond", "#A34400"
INK, MUTED, GRID = "#1b1b1b", "#4d4d4d", "#e5e5e5"
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 15, "color": INK}
WRAP = 50
# ColorBrewer's Blues (light to dark), written out: plotly.js's own "Blues" runs dark to light.
BLUES = ((247, 251, 255), (222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214),
         (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107))  # fmt: skip
COLOURSCALE = [[i / (len(BLUES) - 1), "rgb({},{},{})".format(*rgb)] for i, rgb in enumerate(BLUES)]


def _missing(value):
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def pct(value):
    """'54%'; None when withheld."""
    return None if _missing(value) else f"{value:.0f}%"


def points(value):
    """'+12 points', '-1 point', '0 points' (under half a point); None when withheld.

    Examples
    --------
    >>> points(12.4), points(-0.6), points(0.2), points(float("nan"))
    ('+12 points', '-1 point', '0 points', None)
    """
    if _missing(value):
        return None
    whole = round(value)
    return "0 points" if whole == 0 else f"{whole:+d} point" + ("" if abs(whole) == 1 else "s")


def interval_words(low, high, unit="%"):
    """'30% to 48%' or '-5 to +20 points'; '' when withheld."""
    if _missing(low) or _missing(high):
        return ""
    return f"{low:.0f}% to {high:.0f}%" if unit == "%" else f"{low:+.0f} to {high:+.0f} points"


def hidden_text(rules):
    """What a withheld percentage says instead of a number."""
    return f"fewer than {rules.min_denominator} answers"


def quoted(statement):
    """A statement in curly quotes."""
    return f"\u201c{statement}\u201d"


def wrap(text, width=WRAP):
    """Text for a plotly label: escaped (plotly reads a little HTML) and wrapped with <br>."""
    return (
        "<br>".join(escape(line) for line in textwrap.wrap(str(text), width, break_long_words=False)) or " "
    )


def row_positions(themes):
    """y of each statement row, leaving a row for a heading above each run of one theme.

    Returns ``(positions, headings)`` with ``headings`` as ``{y: theme}``.

    Examples
    --------
    >>> row_positions(["recognition", "recognition", "contracts"])
    ([1, 2, 4], {0: 'recognition', 3: 'contracts'})
    """
    positions, headings, y, previous = [], {}, 0, None
    for theme in themes:
        if theme != previous:
            headings[y], y, previous = theme, y + 1, theme
        positions.append(y)
        y += 1
    return positions, headings


def figure_height(rows, extra=130, least=42):
    """Pixels for a statement chart: a band per statement and theme heading, tall enough for its label."""
    lines = max(
        (len(textwrap.wrap(str(s), WRAP, break_long_words=False)) for s in rows["statement"]), default=1
    )
    return extra + max(least, 18 * lines + 12) * (len(rows) + rows["theme"].nunique())


def _statement_axis(rows, positions, headings):
    """The y axis of a statement chart: wrapped statements, with bold theme headings between them."""
    ticks = {y: f"<b>{escape(THEME_LABELS.get(t, t)).upper()}</b>" for y, t in headings.items()}
    ticks.update(zip(positions, (wrap(s) for s in rows["statement"])))
    return {
        "tickvals": sorted(ticks),
        "ticktext": [ticks[y] for y in sorted(ticks)],
        "range": [max(ticks, default=0) + 0.7, -0.7],
        "automargin": True,
        "showgrid": False,
        "zeroline": False,
    }


def _theme_lines(headings):
    # Across the whole plot (every panel shares the y axis): a line between two themes' statements.
    line = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "layer": "below"}
    return [
        line | {"y0": y - 0.5, "y1": y - 0.5, "line": {"color": "#bbbbbb", "width": 1}} for y in headings if y
    ]


def _percent_axis(**extra):
    return {
        "range": [0, 116],
        "tickvals": list(range(0, 101, 20)),
        "ticksuffix": "%",
        "title": {"text": "Agreed (% of answers)"},
        "side": "top",
        "gridcolor": GRID,
        "zeroline": False,
    } | extra


@lru_cache(maxsize=1)
def _template():
    return plotly.io.templates["plotly_white"].to_plotly_json()


def _figure(data, layout, height, legend=False):
    """A figure as the plain dict dcc.Graph takes.

    Plain dicts because plotly's figure objects validate every property on
    each change, which costs tens of milliseconds per chart; the keys here are
    plotly's own, checked by the tests through ``plotly.graph_objects.Figure``.
    """
    base = {
        "template": _template(),
        "font": FONT,
        "height": height,
        # The top margin keeps the axis titles clear of plotly's toolbar.
        "margin": {"l": 10, "r": 20, "t": 90, "b": 70 if legend else 30},
        "showlegend": legend,
        "legend": {"orientation": "h", "x": 0, "y": -0.01, "yanchor": "top", "font": {"size": 15}},
        "hoverlabel": {"font": {"size": 15}},
    }
    return {"data": data, "layout": base | layout}


def _whiskers(rows, value, low, high, colour):
    return {
        "type": "data",
        "symmetric": False,
        "array": (rows[high] - rows[value]).fillna(0).tolist(),
        "arrayminus": (rows[value] - rows[low]).fillna(0).tolist(),
        "thickness": 2,
        "width": 6,
        "color": colour,
    }


def _labels(x, y, text, colour=INK, size=15, xaxis="x"):
    return {
        "type": "scatter",
        "x": list(x),
        "y": list(y),
        "xaxis": xaxis,
        "mode": "text",
        "text": list(text),
        "textposition": "middle right",
        "textfont": {"size": size, "color": colour},
        "cliponaxis": False,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _dots(rows, value, low, high, style, hover, customdata, name="", y_offset=0.0, xaxis="x"):
    colour, symbol = style
    return {
        "type": "scatter",
        "x": rows[value].tolist(),
        "y": (rows["y"] + y_offset).tolist(),
        "xaxis": xaxis,
        "mode": "markers",
        "name": name,
        "marker": {"color": colour, "size": 13, "symbol": symbol, "line": {"color": "#ffffff", "width": 1}},
        "error_x": _whiskers(rows, value, low, high, colour),
        "customdata": customdata,
        "hovertemplate": hover + "<extra></extra>",
        "showlegend": bool(name),
    }


def agreement_figure(rows, rules):
    """Dot and whisker chart: agreement with each statement and its 95% interval, grouped by theme.

    The percentage is written beside each dot; a withheld one reads
    'not shown: fewer than 10 answers' at the left of its row.
    """
    positions, headings = row_positions(rows["theme"])
    rows = rows.assign(y=positions)
    shown, hidden = rows[rows["percent"].notna()], rows[rows["percent"].isna()]
    custom = [
        [escape(s), count_text(n, rules), count_text(a, rules), interval_words(lo, hi)]
        for s, n, a, lo, hi in shown[["statement", "n", "agree", "ci_low", "ci_high"]].itertuples(index=False)
    ]
    hover = "<b>%{customdata[0]}</b><br>%{x:.0f}% agreed (95% interval %{customdata[3]})"
    hover += "<br>%{customdata[1]} answers, %{customdata[2]} agreed"
    withheld = [f"not shown: {hidden_text(rules)}"] * len(hidden)
    data = [
        _dots(shown, "percent", "ci_low", "ci_high", (COLOUR_A, SYMBOL_A), hover, custom),
        _labels(shown["ci_high"] + 1.5, shown["y"], map(pct, shown["percent"])),
        _labels([1] * len(hidden), hidden["y"], withheld, MUTED, 14),
    ]
    layout = {
        "xaxis": _percent_axis(),
        "yaxis": _statement_axis(rows, positions, headings),
        "shapes": _theme_lines(headings),
    }
    return _figure(data, layout, figure_height(rows))


def _difference_limit(shown):
    # Zoom on the differences seen, in steps of 10 points, so small gaps are not lost in -100..100.
    reach = pd.concat([shown["ci_low"].abs(), shown["ci_high"].abs()]).max() if len(shown) else 0
    return min(100, max(20, 10 * math.ceil((reach + 12) / 10)))


def comparison_figure(rows, name_a, name_b, rules):
    """Both groups' agreement per statement (left) and A minus B in percentage points (right)."""
    positions, headings = row_positions(rows["theme"])
    rows = rows.assign(y=positions)
    data = []
    sides = (
        ("a", name_a, COLOUR_A, SYMBOL_A, TEXT_A, -0.18),
        ("b", name_b, COLOUR_B, SYMBOL_B, TEXT_B, 0.18),
    )
    for side, name, colour, symbol, text_colour, offset in sides:
        value, low, high = f"percent_{side}", f"ci_low_{side}", f"ci_high_{side}"
        shown, hidden = rows[rows[value].notna()], rows[rows[value].isna()]
        custom = [[escape(s), count_text(n, rules)] for s, n in zip(shown["statement"], shown[f"n_{side}"])]
        hover = (
            f"<b>%{{customdata[0]}}</b><br>{escape(name)}: %{{x:.0f}}% agreed<br>%{{customdata[1]}} answers"
        )
        label = f"{name} ({side.upper()})"
        note = [f"{name}: {hidden_text(rules)}"] * len(hidden)
        data += [
            _dots(shown, value, low, high, (colour, symbol), hover, custom, label, offset),
            _labels(shown[high] + 1.5, shown["y"] + offset, map(pct, shown[value]), text_colour, 14),
            _labels([1] * len(hidden), hidden["y"] + offset, note, MUTED, 13),
        ]
    shown, hidden = rows[rows["difference"].notna()], rows[rows["difference"].isna()]
    custom = [
        [escape(s), interval_words(lo, hi, "points")]
        for s, lo, hi in shown[["statement", "ci_low", "ci_high"]].itertuples(index=False)
    ]
    hover = f"<b>%{{customdata[0]}}</b><br>{escape(name_a)} minus {escape(name_b)}: %{{x:+.0f}} points"
    hover += "<br>95% interval %{customdata[1]}"
    data += [
        _dots(shown, "difference", "ci_low", "ci_high", (INK, "square"), hover, custom, xaxis="x2"),
        _labels(shown["ci_high"] + 1, shown["y"], map(points, shown["difference"]), INK, 14, xaxis="x2"),
    ]
    limit = _difference_limit(shown)
    # On white, so the zero line does not run through the words.
    note = {"x": 1 - limit, "xref": "x2", "yref": "y", "xanchor": "left", "showarrow": False}
    note |= {"bgcolor": "#ffffff", "text": "too few answers to compare", "font": {"size": 13, "color": MUTED}}
    layout = {
        "xaxis": _percent_axis(domain=[0, 0.56]),
        "xaxis2": {
            "domain": [0.6, 1],
            "anchor": "y",
            "range": [-limit, limit],
            "dtick": 10 if limit <= 30 else 20 if limit <= 60 else 50,
            "title": {"text": "Difference, A minus B (points)"},
            "side": "top",
            "gridcolor": GRID,
            "zeroline": True,
            "zerolinecolor": INK,
            "zerolinewidth": 2,
        },
        "yaxis": _statement_axis(rows, positions, headings),
        "shapes": _theme_lines(headings),
        "annotations": [note | {"y": y} for y in hidden["y"]],
    }
    return _figure(data, layout, figure_height(rows, extra=170, least=60), legend=True)


def theme_grid(table, rules):
    """The heatmap's cells as ``(themes, sectors, z, text, hover)``; a withheld cell says why in words."""
    themes = [t for t in THEMES if t in set(table["theme"])]
    sectors = [s for s in SECTORS if s in set(table["group"])]
    cells = {(t, g): row for t, g, row in zip(table["theme"], table["group"], table.itertuples(index=False))}
    z, text, hover = [], [], []
    for theme in themes:
        z.append([]), text.append([]), hover.append([])
        for sector in sectors:
            place = f"{THEME_LABELS[theme]} statements in {SECTOR_LABELS[sector]}"
            cell = cells.get((theme, sector))
            if cell is None:
                z[-1].append(None), text[-1].append("no answers"), hover[-1].append(f"{place}: no answers")
            elif _missing(cell.percent):
                z[-1].append(None)
                text[-1].append(hidden_text(rules))
                hover[-1].append(
                    f"{place}: {count_text(cell.n, rules)} answers, too few to show a percentage"
                )
            else:
                z[-1].append(round(float(cell.percent), 1))
                text[-1].append(pct(cell.percent))
                hover[-1].append(
                    f"{place}: {pct(cell.percent)} agreed (95% interval "
                    f"{interval_words(cell.ci_low, cell.ci_high)}), {count_text(cell.n, rules)} answers"
                )
    return themes, sectors, z, text, hover


def _luminance(rgb):
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def cell_ink(percent):
    """Near-black or white, whichever contrasts more (WCAG) with the cell colour of ``percent``.

    At worst about 4.2:1, where the two meet; the numbers are bold 19px, large
    text for WCAG, which asks 3:1.

    Examples
    --------
    >>> cell_ink(20), cell_ink(90)
    ('#1b1b1b', '#ffffff')
    """
    place = min(max(percent, 0), 100) / 100 * (len(BLUES) - 1)
    low, high = BLUES[int(place)], BLUES[min(int(place) + 1, len(BLUES) - 1)]
    fraction = place - int(place)
    cell = _luminance([a + (b - a) * fraction for a, b in zip(low, high)])
    ink, white = _luminance((0x1B, 0x1B, 0x1B)), 1.0
    return INK if (cell + 0.05) / (ink + 0.05) >= (white + 0.05) / (cell + 0.05) else "#ffffff"


def _cell_label(x, y, value, text):
    if value is None:
        label, font = "<br>".join(textwrap.wrap(text, 12)), {"size": 14, "color": INK}
    else:
        label, font = f"<b>{text}</b>", {"size": 19, "color": cell_ink(value)}
    return {"x": x, "y": y, "text": label, "showarrow": False, "font": font}


def theme_figure(table, rules):
    """Heatmap of agreement by theme (rows) and sector (columns) with the number written in each cell."""
    themes, sectors, z, text, hover = theme_grid(table, rules)
    # Numeric positions with tick labels: plotly drops category axes when every cell is empty.
    columns, rows = list(range(len(sectors))), list(range(len(themes)))
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": columns,
        "y": rows,
        "zmin": 0,
        "zmax": 100,
        "colorscale": COLOURSCALE,
        "colorbar": {"title": {"text": "Agreed", "side": "right"}, "ticksuffix": "%"},
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>",
        "xgap": 3,
        "ygap": 3,
    }
    axis = {"showgrid": False, "zeroline": False}
    layout = {
        "xaxis": axis
        | {"side": "top", "tickvals": columns, "ticktext": [SECTOR_LABELS[s] for s in sectors]}
        | {"range": [-0.5, len(sectors) - 0.5]},
        "yaxis": axis
        | {"automargin": True, "tickvals": rows, "ticktext": [THEME_LABELS[t] for t in themes]}
        | {"range": [len(themes) - 0.5, -0.5]},
        "annotations": [
            _cell_label(j, i, v, text[i][j]) for i, row in enumerate(z) for j, v in enumerate(row)
        ],
        # Cells without a number show this grey and carry their reason as text.
        "plot_bgcolor": "#f0f0f0",
    }
    layout["margin"] = {"l": 10, "r": 20, "t": 70, "b": 20}
    return _figure([heatmap], layout, 120 + 72 * len(themes))


def _count_words(count, noun):
    return f"One {noun}" if count == 1 else f"{count} {noun}s"


def agreement_summary(rows, who, rules):
    """One paragraph on the agreement chart, from the numbers shown."""
    shown = rows[rows["percent"].notna()]
    hidden = len(rows) - len(shown)
    if shown.empty:
        return (
            f"None of the {len(rows)} statements has {rules.min_denominator} or more answers from {who}, "
            "so no percentages are shown. Remove a filter to see more."
        )
    top = shown.loc[shown["percent"].idxmax()]
    if len(shown) == 1:
        text = f"Of {who}, {pct(top['percent'])} agreed that {quoted(top['statement'])}."
    else:
        low = shown.loc[shown["percent"].idxmin()]
        text = (
            f"Of {who}, the statement most often agreed with was {quoted(top['statement'])} "
            f"({pct(top['percent'])} agreed); the one most often disagreed with was "
            f"{quoted(low['statement'])} ({pct(low['percent'])} agreed). "
            f"Agreement ranged from {pct(low['percent'])} to {pct(top['percent'])} "
            f"across the {len(shown)} statements with enough answers."
        )
    if hidden:
        its = "its" if hidden == 1 else "their"
        text += f" {_count_words(hidden, 'statement')} had {hidden_text(rules)}, "
        text += f"so {its} percentage is not shown."
    return text


def comparison_summary(rows, name_a, name_b, rules):
    """One paragraph on the comparison: the widest gap and its interval, in words."""
    shown = rows[rows["difference"].notna()]
    hidden = len(rows) - len(shown)
    if shown.empty:
        text = (
            f"No statement has {rules.min_denominator} or more answers from both {name_a} and {name_b}, "
            "so no differences are shown."
        )
    else:
        gap = shown.loc[shown["difference"].abs().idxmax()]
        text = (
            f"Comparing group A ({name_a}) with group B ({name_b}), the widest gap was on "
            f"{quoted(gap['statement'])}: {pct(gap['percent_a'])} of group A agreed against "
            f"{pct(gap['percent_b'])} of group B, "
            f"a difference of {points(gap['difference'])} "
            f"(95% interval {interval_words(gap['ci_low'], gap['ci_high'], 'points')})."
        )
        if gap["ci_low"] <= 0 <= gap["ci_high"]:
            text += " That interval includes zero, so the gap could be down to chance."
    if hidden:
        its = "its" if hidden == 1 else "their"
        text += f" {_count_words(hidden, 'statement')} had {hidden_text(rules)} in a group, "
        text += f"so {its} gap is not shown."
    return text


def _sector_words(sector):
    return "the NHS" if sector == "nhs" else SECTOR_LABELS[sector]


def theme_summary_text(table, rules):
    """One paragraph on the heatmap: its highest and lowest cells, and how many say too few answers."""
    themes, sectors, z, _, _ = theme_grid(table, rules)
    cells = [(z[i][j], t, s) for i, t in enumerate(themes) for j, s in enumerate(sectors)]
    shown = [cell for cell in cells if cell[0] is not None]
    if not shown:
        return (
            f"Every theme and sector has {hidden_text(rules)} here, so each cell says so instead of a number."
        )
    (high, high_theme, high_sector), (low, low_theme, low_sector) = (
        max(shown, key=lambda c: c[0]),
        min(shown, key=lambda c: c[0]),
    )
    text = (
        f"Agreement was highest with {THEME_LABELS[high_theme].lower()} statements in "
        f"{_sector_words(high_sector)} ({pct(high)}) and lowest with "
        f"{THEME_LABELS[low_theme].lower()} statements in {_sector_words(low_sector)} ({pct(low)})."
    )
    if len(cells) > len(shown):
        text += f" {len(cells) - len(shown)} of {len(cells)} cells have too few answers and say so instead."
    return text


def agreement_display(rows, rules):
    """The agreement chart's numbers as text, for the table under it."""
    hidden = f"not shown: {hidden_text(rules)}"
    return pd.DataFrame(
        {
            "Theme": [THEME_LABELS.get(t, t) for t in rows["theme"]],
            "Statement": rows["statement"].to_numpy(),
            "Answers": [count_text(n, rules) for n in rows["n"]],
            "Agreed": [count_text(a, rules) for a in rows["agree"]],
            "Agreement": [pct(p) or hidden for p in rows["percent"]],
            "95% interval": [interval_words(lo, hi) for lo, hi in zip(rows["ci_low"], rows["ci_high"])],
        }
    )


def comparison_display(rows, name_a, name_b, rules):
    """The comparison's numbers as text, for the table under it."""
    hidden = f"not shown: {hidden_text(rules)}"
    return pd.DataFrame(
        {
            "Theme": [THEME_LABELS.get(t, t) for t in rows["theme"]],
            "Statement": rows["statement"].to_numpy(),
            f"{name_a} (A): answers": [count_text(n, rules) for n in rows["n_a"]],
            f"{name_a} (A): agreed": [pct(p) or hidden for p in rows["percent_a"]],
            f"{name_b} (B): answers": [count_text(n, rules) for n in rows["n_b"]],
            f"{name_b} (B): agreed": [pct(p) or hidden for p in rows["percent_b"]],
            "Difference, A minus B": [points(d) or "not shown" for d in rows["difference"]],
            "95% interval": [
                interval_words(lo, hi, "points") for lo, hi in zip(rows["ci_low"], rows["ci_high"])
            ],
        }
    )


def theme_display(table, rules):
    """The heatmap's numbers as text: a row per theme, a column per sector, as the cells read."""
    themes, sectors, _, text, _ = theme_grid(table, rules)
    frame = pd.DataFrame({"Theme": [THEME_LABELS[t] for t in themes]})
    for j, sector in enumerate(sectors):
        frame[SECTOR_LABELS[sector]] = [row[j] for row in text]
    return frame
