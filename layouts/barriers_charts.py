"""The Barriers page's figures, summaries in words and tables, from tables already protected.

Every function takes rows from :mod:`pathways.barriers` called with the
dataset's disclosure rules (counts rounded or ``<NA>``, percentages NaN when
withheld) and only formats them, so nothing here can show a number that
disclosure control hid. Withheld values are written out in words, never drawn
as 0 or left as a blank colour.
"""

import math
import textwrap
from html import escape

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from layouts.format import count_text
from pathways.schema import SECTOR_LABELS, SECTORS, THEME_LABELS, THEMES

COLOUR_A, SYMBOL_A, TEXT_A = "#0072B2", "circle", "#0072B2"
# Okabe-Ito vermillion, darkened for the text beside its dots to reach 4.5:1 on white.
COLOUR_B, SYMBOL_B, TEXT_B = "#D55E00", "diamond", "#A34400"
INK, MUTED, GRID = "#1b1b1b", "#4d4d4d", "#e5e5e5"
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 15, "color": INK}
WRAP = 44
ROW_PX = 46
# Blues reaches white-text contrast from about here.
DARK_FROM = 60


def _missing(value):
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def pct(value):
    """'54%'; None when withheld."""
    return None if _missing(value) else f"{value:.0f}%"


def points(value):
    """'+12 points'; None when withheld."""
    return None if _missing(value) else f"{value:+.0f} points"


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


def figure_height(rows, per_row=ROW_PX, extra=110):
    """Pixels for a statement chart: one band per statement and theme heading."""
    return extra + per_row * (len(rows) + rows["theme"].nunique())


def _statement_axis(figure, rows, positions, headings, **where):
    ticks = {y: f"<b>{escape(THEME_LABELS.get(t, t)).upper()}</b>" for y, t in headings.items()}
    ticks.update(zip(positions, (wrap(s) for s in rows["statement"])))
    figure.update_yaxes(
        tickvals=sorted(ticks),
        ticktext=[ticks[y] for y in sorted(ticks)],
        range=[max(ticks, default=0) + 0.7, -0.7],
        automargin=True,
        showgrid=False,
        zeroline=False,
        **where,
    )
    for y in headings:
        if y > 0:
            figure.add_hline(y=y - 0.5, line={"color": "#bbbbbb", "width": 1}, **where)


def _percent_axis(figure, **where):
    figure.update_xaxes(
        range=[0, 116],
        tickvals=list(range(0, 101, 20)),
        ticksuffix="%",
        title="Agreed (% of answers)",
        side="top",
        gridcolor=GRID,
        **where,
    )


def _style(figure, height, legend=False):
    figure.update_layout(
        template="plotly_white",
        font=FONT,
        height=height,
        margin={"l": 10, "r": 20, "t": 60, "b": 70 if legend else 30},
        showlegend=legend,
        legend={
            "orientation": "h",
            "x": 0,
            "y": 0,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 15},
        },
        hoverlabel={"font": {"size": 15}},
    )


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


def _labels(x, y, text, colour=INK, size=15):
    return go.Scatter(
        x=list(x),
        y=list(y),
        mode="text",
        text=list(text),
        textposition="middle right",
        textfont={"size": size, "color": colour},
        hoverinfo="skip",
        showlegend=False,
    )


def _dots(rows, value, low, high, colour, symbol, hover, customdata, name="", y_offset=0.0):
    return go.Scatter(
        x=rows[value],
        y=rows["y"] + y_offset,
        mode="markers",
        name=name,
        marker={"color": colour, "size": 13, "symbol": symbol, "line": {"color": "#ffffff", "width": 1}},
        error_x=_whiskers(rows, value, low, high, colour),
        customdata=customdata,
        hovertemplate=hover + "<extra></extra>",
        showlegend=bool(name),
    )


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
    figure = go.Figure(
        [
            _dots(shown, "percent", "ci_low", "ci_high", COLOUR_A, SYMBOL_A, hover, custom),
            _labels(shown["ci_high"] + 1.5, shown["y"], map(pct, shown["percent"])),
            _labels(
                [0] * len(hidden), hidden["y"], [f"not shown: {hidden_text(rules)}"] * len(hidden), MUTED, 14
            ),
        ]
    )
    _statement_axis(figure, rows, positions, headings)
    _percent_axis(figure)
    _style(figure, figure_height(rows))
    return figure


def comparison_figure(rows, name_a, name_b, rules):
    """Both groups' agreement per statement (left) and A minus B in percentage points (right)."""
    positions, headings = row_positions(rows["theme"])
    rows = rows.assign(y=positions)
    figure = make_subplots(
        rows=1, cols=2, shared_yaxes=True, column_widths=[0.58, 0.42], horizontal_spacing=0.04
    )
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
        figure.add_trace(_dots(shown, value, low, high, colour, symbol, hover, custom, label, offset), 1, 1)
        figure.add_trace(
            _labels(shown[high] + 1.5, shown["y"] + offset, map(pct, shown[value]), text_colour, 14), 1, 1
        )
        note = f"{name}: {hidden_text(rules)}"
        figure.add_trace(
            _labels([0] * len(hidden), hidden["y"] + offset, [note] * len(hidden), MUTED, 13), 1, 1
        )
    shown, hidden = rows[rows["difference"].notna()], rows[rows["difference"].isna()]
    custom = [
        [escape(s), interval_words(lo, hi, "points")]
        for s, lo, hi in shown[["statement", "ci_low", "ci_high"]].itertuples(index=False)
    ]
    hover = f"<b>%{{customdata[0]}}</b><br>{escape(name_a)} minus {escape(name_b)}: %{{x:+.0f}} points"
    hover += "<br>95% interval %{customdata[1]}"
    figure.add_trace(_dots(shown, "difference", "ci_low", "ci_high", INK, "square", hover, custom), 1, 2)
    figure.add_trace(
        go.Scatter(
            x=shown["difference"],
            y=shown["y"] - 0.32,
            mode="text",
            text=[points(d) for d in shown["difference"]],
            textfont={"size": 14, "color": INK},
            hoverinfo="skip",
            showlegend=False,
        ),
        1,
        2,
    )
    note = "too few answers to compare"
    figure.add_trace(_labels([-100] * len(hidden), hidden["y"], [note] * len(hidden), MUTED, 13), 1, 2)
    _statement_axis(figure, rows, positions, headings, row=1, col=1)
    _percent_axis(figure, row=1, col=1)
    figure.update_xaxes(
        range=[-100, 100],
        tickvals=[-100, -50, 0, 50, 100],
        title="Difference, A minus B (points)",
        side="top",
        gridcolor=GRID,
        zeroline=True,
        zerolinecolor=INK,
        zerolinewidth=2,
        row=1,
        col=2,
    )
    _style(figure, figure_height(rows, 56, 150), legend=True)
    return figure


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


def theme_figure(table, rules):
    """Heatmap of agreement by theme (rows) and sector (columns) with the number written in each cell."""
    themes, sectors, z, text, hover = theme_grid(table, rules)
    x, y = [SECTOR_LABELS[s] for s in sectors], [THEME_LABELS[t] for t in themes]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            zmin=0,
            zmax=100,
            colorscale="Blues",
            colorbar={"title": {"text": "Agreed"}, "ticksuffix": "%"},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            xgap=3,
            ygap=3,
        )
    )
    for i, row in enumerate(z):
        for j, value in enumerate(row):
            shown = value is not None
            figure.add_annotation(
                x=x[j],
                y=y[i],
                text=f"<b>{text[i][j]}</b>" if shown else "<br>".join(textwrap.wrap(text[i][j], 11)),
                showarrow=False,
                font={
                    "size": 18 if shown else 14,
                    "color": "#ffffff" if shown and value >= DARK_FROM else INK,
                },
            )
    figure.update_xaxes(side="top", showgrid=False)
    figure.update_yaxes(autorange="reversed", showgrid=False, automargin=True)
    _style(figure, 120 + 72 * len(themes))
    # Cells without a number show this grey and carry their reason as text.
    figure.update_layout(plot_bgcolor="#f0f0f0", margin={"t": 40, "b": 20})
    return figure


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
            f"Of {who}, most agreed with {quoted(top['statement'])} ({pct(top['percent'])}). "
            f"The statement people most often disagreed with was {quoted(low['statement'])} "
            f"(only {pct(low['percent'])} agreed). Agreement ranged from {pct(low['percent'])} "
            f"to {pct(top['percent'])} across the {len(shown)} statements with enough answers."
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
            f"Comparing {name_a} (A) with {name_b} (B), the widest gap was on {quoted(gap['statement'])}: "
            f"{pct(gap['percent_a'])} of {name_a} agreed against {pct(gap['percent_b'])} of {name_b}, "
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
        f"{SECTOR_LABELS[high_sector]} ({pct(high)}) and lowest with "
        f"{THEME_LABELS[low_theme].lower()} statements in {SECTOR_LABELS[low_sector]} ({pct(low)})."
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
