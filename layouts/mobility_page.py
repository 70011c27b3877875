"""Mobility: how people move between sectors, how open each sector's boundary is, and who comes back."""

from functools import lru_cache

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts import ids
from layouts.chart import SECTOR_COLOURS, chart_figure, csv_href
from layouts.controls import notices, page_header, radio
from layouts.format import count_text, percent_text
from layouts.network_page import white_template
from pathways.disclosure import format_count_short, protect_counts, protect_shares
from pathways.mobility import boundary_crossings, sector_moves, sector_returns
from pathways.schema import SECTOR_LABELS
from pathways.viewstate import Field, decode_state, encode_state

PATH = "/mobility"
TITLE = "Mobility"
NAV_LABEL = "Mobility"
NAV_ORDER = 60
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True
SLUG = "mobility"
CONTENT_ID = ids.MOBILITY_CONTENT
CONTROLS = [(ids.MOBILITY_SHOW, "value")]

MEASURES = ("count", "percent")
FONT_SIZE = 15
HIDDEN_GREY = "#c8c8c8"
BLUES = [[0, "#f7fbff"], [0.5, "#6baed6"], [1, "#08306b"]]
INTRO = (
    "Do people who start in one sector stay there? The grid counts every move from one role to the "
    "next by the sector of the role people left (rows) and the sector of the role they went to "
    "(columns), so moves within a sector sit on the diagonal. The charts below show how often the moves "
    "out of each sector cross into another one, and how many people who left a sector came back later."
)


def fields(model):
    """The view state: counts or row percentages in the grid."""
    return [Field("show", "count", choices=MEASURES, label="measure")]


def to_query(model, show):
    """The query string for the control's value (only what differs from the default)."""
    state, _ = decode_state(fields(model), {"show": show} if show else {})
    return encode_state(fields(model), state)


def _label(sector):
    return SECTOR_LABELS.get(sector, str(sector))


def _order(model):
    return list(model.sector_graph.nodes)


def _listed(names, joint="and"):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {joint} " + names[-1]


def _moves(value, rules):
    text = count_text(value, rules)
    return f"{text} move{'' if text == '1' else 's'}"


def _people(value, rules):
    text = count_text(value, rules)
    return f"{text} {'person' if text == '1' else 'people'}"


def _shown_pair(first, second, rules, groups):
    """Both counts protected together: hiding either hides both, so neither follows from a total."""
    both = protect_counts(pd.concat([first, second], ignore_index=True), rules, [*groups, *groups])
    return both.iloc[: len(first)].set_axis(first.index), both.iloc[len(first) :].set_axis(first.index)


@lru_cache(maxsize=16)
def matrix_table(model):
    """``source, target, moves, count, total, shown_total, share`` for every pair (do not modify).

    ``count`` is protected with each row's cells as siblings; ``share`` is the
    percentage of the row's moves, from unrounded counts, NaN where the row
    has fewer moves than the minimum denominator or the cell is hidden.
    """
    rules = model.rules
    table = sector_moves(model.sector_graph)
    table["count"] = protect_counts(table["moves"], rules, groups=table["source"])
    table["total"] = table.groupby("source")["moves"].transform("sum")
    table["shown_total"] = protect_counts(table["total"], rules)
    table["share"] = protect_shares(table["moves"], table["total"], rules).where(
        table["count"].notna().to_numpy()
    )
    return table


@lru_cache(maxsize=16)
def crossing_table(model):
    """Per sector: ``moves_out`` and ``crossing``, ``staying`` (protected together) and ``share``."""
    rules = model.rules
    raw = boundary_crossings(model.sector_graph)
    table = raw[["sector"]].copy()
    table["moves_out"] = protect_counts(raw["moves_out"], rules)
    table["crossing"], table["staying"] = _shown_pair(raw["crossing"], raw["staying"], rules, raw["sector"])
    shown = table["crossing"].notna() & table["staying"].notna()
    table["share"] = protect_shares(raw["crossing"], raw["moves_out"], rules).where(shown.to_numpy())
    return table


@lru_cache(maxsize=16)
def return_table(model):
    """Per sector: ``people``, ``left``, ``returned`` (protected with those who stayed away) and ``share``."""
    rules = model.rules
    raw = sector_returns(model.dataset, _order(model))
    table = raw[["sector"]].copy()
    table["people"] = protect_counts(raw["people"], rules)
    table["left"] = protect_counts(raw["left"], rules)
    away = raw["left"] - raw["returned"]
    table["returned"], table["away"] = _shown_pair(raw["returned"], away, rules, raw["sector"])
    shown = table["returned"].notna() & table["away"].notna()
    table["share"] = protect_shares(raw["returned"], raw["left"], rules).where(shown.to_numpy())
    table["none_left"] = raw["left"].eq(0).to_numpy()
    return table


def _grid(table, column, order):
    return table.pivot(index="source", columns="target", values=column).reindex(index=order, columns=order)


def matrix_figure(model, state):
    """The heatmap: a number in every cell, hidden cells grey with '<5', never a colour that reads as 0."""
    rules, order, table = model.rules, _order(model), matrix_table(model)
    percent = state["show"] == "percent"
    counts, shares = _grid(table, "count", order), _grid(table, "share", order)
    totals = table.groupby("source")["total"].first().reindex(order)
    values = (shares if percent else counts).astype("float64")
    texts, hovers, gaps = [], [], []
    for source in order:
        text_row, hover_row, gap_row = [], [], []
        for target in order:
            count, share = counts.at[source, target], shares.at[source, target]
            hidden = pd.isna(count)
            few = percent and not hidden and pd.isna(share)
            if hidden:
                text = f"<{rules.min_count}"
            elif few:
                text = "too few" if totals[source] else "no moves"
            else:
                text = percent_text(share) if percent else count_text(count, rules)
            hover = f"From {_label(source)} to {_label(target)}: {_moves(count, rules)}"
            if pd.notna(share):
                hover += f"<br>{percent_text(share)} of the moves out of {_label(source)}"
            elif totals[source] and not hidden:
                hover += f"<br>Too few moves out of {_label(source)} for a percentage"
            text_row.append(text)
            hover_row.append(hover)
            gap_row.append(1 if hidden or few else None)
        texts.append(text_row)
        hovers.append(hover_row)
        gaps.append(gap_row)
    labels = [_label(s) for s in order]
    common = {"type": "heatmap", "x": labels, "y": labels, "xgap": 2, "ygap": 2, "customdata": hovers}
    # Each layer answers hovers only on its own cells.
    common.update(hovertemplate="%{customdata}<extra></extra>", hoverongaps=False)
    numbers = {
        **common,
        "z": [[None if pd.isna(v) else float(v) for v in row] for row in values.to_numpy()],
        "text": texts,
        "texttemplate": "%{text}",
        "textfont": {"size": FONT_SIZE + 1},
        "colorscale": BLUES,
        "zmin": 0,
        "colorbar": {"title": {"text": "% of row" if percent else "Moves"}},
    }
    if percent:
        numbers["zmax"] = 100
    withheld = {
        **common,
        "z": gaps,
        "text": [[t if g else "" for t, g in zip(tr, gr)] for tr, gr in zip(texts, gaps)],
        "texttemplate": "%{text}",
        "textfont": {"size": FONT_SIZE + 1, "color": "#1b1b1b"},
        "colorscale": [[0, HIDDEN_GREY], [1, HIDDEN_GREY]],
        "showscale": False,
    }
    layout = {
        "template": white_template(),
        "height": 80 * len(order) + 170,
        "margin": {"l": 10, "r": 10, "t": 20, "b": 10},
        "font": {"size": FONT_SIZE},
        "hoverlabel": {"font": {"size": FONT_SIZE}},
        "xaxis": {"title": {"text": "To (the sector of the next role)"}, "side": "top", "fixedrange": True},
        "yaxis": {
            "title": {"text": "From (the sector people left)"},
            "autorange": "reversed",
            "fixedrange": True,
        },
    }
    return {"data": [numbers, withheld], "layout": layout}


def matrix_summary(model, state):
    """One paragraph on the grid, from the protected numbers."""
    rules, table, order = model.rules, matrix_table(model), _order(model)
    total = int(table["moves"].sum())
    if total == 0:
        return "Nobody in the data moved from one role to another, so the grid is empty."
    crossing = table["source"] != table["target"]
    moved = int(table.loc[crossing, "moves"].sum())
    [shown_total, shown_moved] = protect_counts(pd.Series([total, moved]), rules).tolist()
    share = protect_shares([moved], [total], rules).iloc[0]
    sentence = f"Of the {_moves(shown_total, rules)} between roles, {count_text(shown_moved, rules)} crossed"
    sentence += " from one sector to another" + (f" ({percent_text(share)})." if pd.notna(share) else ".")
    sentences = [sentence]
    if state["show"] == "percent":
        sentences += _row_sentences(model, table, order)
    else:
        cells = table[
            crossing.to_numpy() & table["count"].notna().to_numpy() & table["count"].gt(0).to_numpy()
        ]
        if not cells.empty:
            top = cells.sort_values(["count", "source", "target"], ascending=[False, True, True]).iloc[0]
            sentences.append(
                f"The largest flow between two sectors is from {_label(top['source'])} to "
                f"{_label(top['target'])}: {_moves(top['count'], rules)}."
            )
    hidden = int(table["count"].isna().sum())
    if hidden:
        sentences.append(
            f"{hidden} cell{' shows' if hidden == 1 else 's show'} <{rules.min_count} instead of a number, "
            f"to protect the people in {'it' if hidden == 1 else 'them'}."
        )
    return " ".join(sentences)


def _row_sentences(model, table, order):
    sentences, few = [], []
    for source in order:
        row = table[(table["source"] == source).to_numpy() & table["share"].notna().to_numpy()]
        if row.empty:
            if table.loc[table["source"] == source, "total"].iloc[0] > 0:
                few.append(_label(source))
            continue
        top = row.sort_values(["share", "target"], ascending=[False, True]).iloc[0]
        where = (
            f"stayed in {_label(source)}" if top["target"] == source else f"went to {_label(top['target'])}"
        )
        sentences.append(f"Of the moves out of {_label(source)}, {percent_text(top['share'])} {where}.")
    if few:
        sentences.append(
            f"Percentages are not shown for {_listed(few)}: too few moves started there to show them "
            f"safely (at least {model.rules.min_denominator} are needed)."
        )
    return sentences


def matrix_display(model, state):
    """The grid as a table: one row per pair of sectors with at least one move, or a hidden count."""
    rules, table = model.rules, matrix_table(model)
    shown = table[table["moves"].gt(0).to_numpy() | table["count"].isna().to_numpy()]
    frame = pd.DataFrame(
        {
            "From": [_label(s) for s in shown["source"]],
            "To": [_label(t) for t in shown["target"]],
            "Moves": [count_text(v, rules) for v in shown["count"]],
            "All moves out of the 'From' sector": [count_text(v, rules) for v in shown["shown_total"]],
        }
    )
    if state["show"] == "percent":
        frame["Share of the moves out"] = [percent_text(None if pd.isna(v) else v) for v in shown["share"]]
    return frame


def crossing_figure(model):
    """Bars: the share of each sector's moves out that cross into another sector."""
    table = crossing_table(model)
    return _share_bars(model, table, "moves_out", "crossing", "moves", "Share of the moves out of the sector")


def return_figure(model):
    """Bars: the share of the people who left each sector who later came back."""
    table = return_table(model)
    return _share_bars(
        model, table, "left", "returned", "people", "Share of the people who left who came back"
    )


def _share_bars(model, table, whole, part, noun, axis_title):
    rules = model.rules
    labels = [_label(s) for s in table["sector"]]
    shares = table["share"]
    texts = [
        f"{percent_text(v)} ({count_text(p, rules)} of {count_text(w, rules)})" if pd.notna(v) else ""
        for v, p, w in zip(shares, table[part], table[whole])
    ]
    bars = {
        "type": "bar",
        "x": [0 if pd.isna(v) else round(float(v), 2) for v in shares],
        "y": labels,
        "orientation": "h",
        "marker": {"color": [SECTOR_COLOURS.get(s, "#6B6B6B") for s in table["sector"]]},
        "text": texts,
        "textposition": "outside",
        "cliponaxis": False,
        "textfont": {"size": FONT_SIZE},
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    notes = [
        {
            "x": 0,
            "y": label,
            "text": f"no {noun}" if pd.notna(amount) and amount == 0 else "not shown, to protect privacy",
            "showarrow": False,
            "xanchor": "left",
            "xshift": 8,
            "font": {"size": 14},
        }
        for label, value, amount in zip(labels, shares, table[whole])
        if pd.isna(value)
    ]
    layout = {
        "template": white_template(),
        "height": 60 * len(labels) + 120,
        "margin": {"l": 10, "r": 30, "t": 20, "b": 50},
        "font": {"size": FONT_SIZE},
        "annotations": notes,
        "xaxis": {
            "range": [0, 135],
            "tickvals": [0, 25, 50, 75, 100],
            "ticktext": ["0%", "25%", "50%", "75%", "100%"],
            "title": {"text": axis_title},
            "fixedrange": True,
        },
        "yaxis": {"autorange": "reversed", "fixedrange": True},
        "showlegend": False,
    }
    return {"data": [bars], "layout": layout}


def crossing_summary(model):
    """Which boundaries are most and least often crossed, in words."""
    table = crossing_table(model)
    shown = table[table["share"].notna()].sort_values(["share", "sector"], ascending=[False, True])
    sentences = []
    if not shown.empty:
        first, last = shown.iloc[0], shown.iloc[-1]
        sentences.append(
            f"Moves out of {_label(first['sector'])} cross into another sector most often: "
            f"{percent_text(first['share'])} of them."
        )
        if len(shown) > 1:
            sentences.append(
                f"They cross least often out of {_label(last['sector'])}: {percent_text(last['share'])}."
            )
    none = table["moves_out"].eq(0).fillna(False).to_numpy(dtype=bool)
    sentences += _withheld(model, table, none, "Nobody moved out of a role in {}.")
    return " ".join(sentences) or "Nobody in the data moved from one role to another."


def return_summary(model):
    """How many of the people who left each sector came back, in words."""
    table, rules = return_table(model), model.rules
    sentences = [
        f"Of the people who left {_label(r.sector)} ({count_text(r.left, rules)}), "
        f"{count_text(r.returned, rules)} came back later"
        + (f": {percent_text(r.share)}." if pd.notna(r.share) else ".")
        for r in table.itertuples(index=False)
        if not r.none_left
    ]
    sentences += _withheld(model, table, table["none_left"].to_numpy(), "Nobody in the data left {}.")
    return " ".join(sentences) or "Nobody in the data has a career history."


def _withheld(model, table, none, nobody):
    """Sentences naming the sectors without a share: those with nobody, and those withheld."""
    sentences, rules = [], model.rules
    empty = [_label(s) for s in table.loc[none, "sector"]]
    hidden = [_label(s) for s in table.loc[table["share"].isna().to_numpy() & ~none, "sector"]]
    if empty:
        sentences.append(nobody.format(_listed(empty, "or")))
    if hidden:
        sentences.append(
            f"No share is shown for {_listed(hidden)}, to protect privacy: a share needs at least "
            f"{rules.min_denominator} people or moves, and at least {rules.min_count} on each side."
        )
    return sentences


def _share_display(model, table, columns):
    rules = model.rules
    frame = pd.DataFrame({"Sector": [_label(s) for s in table["sector"]]})
    for column, title in columns.items():
        frame[title] = [count_text(v, rules) for v in table[column]]
    frame["Share"] = [percent_text(None if pd.isna(v) else v) for v in table["share"]]
    return frame


def _download_href(model, state, extra=""):
    query = encode_state(fields(model), state)
    if extra:
        query += ("&" if query else "?") + extra
    return csv_href(model, SLUG, query)


def content(model, query, rest=""):
    """The grid, the boundary chart and the returns chart for the state in ``query``."""
    state, _ = decode_state(fields(model), query or {})
    source = model.info.source or model.info.name
    measure = "share of each row's moves" if state["show"] == "percent" else "number of moves"
    matrix = matrix_figure(model, state)
    crossings, returns = crossing_figure(model), return_figure(model)
    return html.Div(
        [
            chart_figure(
                ids.MOBILITY_MATRIX,
                matrix,
                f"Moves from the sector of one role (rows) to the sector of the next ({measure})",
                matrix_summary(model, state),
                matrix_display(model, state),
                _download_href(model, state),
                source,
                graph_style={"height": f"{matrix['layout']['height']}px"},
            ),
            html.H2("How open is each sector's boundary?", className="h4 mt-4"),
            chart_figure(
                ids.MOBILITY_CROSSINGS,
                crossings,
                "Share of the moves out of each sector's roles that went to a role in another sector",
                crossing_summary(model),
                _share_display(
                    model, crossing_table(model), {"moves_out": "Moves out", "crossing": "To another sector"}
                ),
                _download_href(model, state, "table=crossings"),
                source,
                graph_style={"height": f"{crossings['layout']['height']}px"},
            ),
            html.H2("Who comes back?", className="h4 mt-4"),
            chart_figure(
                ids.MOBILITY_RETURNS,
                returns,
                "Share of the people who left each sector who later came back to it",
                return_summary(model),
                _share_display(
                    model,
                    return_table(model),
                    {"people": "People in the sector", "left": "Left it", "returned": "Came back"},
                ),
                _download_href(model, state, "table=returns"),
                source,
                graph_style={"height": f"{returns['layout']['height']}px"},
            ),
        ]
    )


def layout(model, query=None, rest=""):
    """The Mobility page: heading, address notices, the measure control and the three charts."""
    state, messages = decode_state(fields(model), query or {})
    return html.Div(
        [
            page_header("Mobility between sectors", INTRO),
            notices(messages),
            dbc.Row(
                dbc.Col(
                    radio(
                        ids.MOBILITY_SHOW,
                        "The grid shows",
                        [("count", "Number of moves"), ("percent", "Share of each sector's moves out")],
                        state["show"],
                    ),
                    md=8,
                )
            ),
            html.Div(content(model, query, rest), id=CONTENT_ID, **{"aria-live": "polite"}),
        ]
    )


def _short(values, rules):
    return [format_count_short(v, rules) for v in values]


def download(model, query, rest=""):
    """The grid (or ``table=crossings`` / ``table=returns``), protected, as a tidy table."""
    state, _ = decode_state(fields(model), query or {})
    rules, which = model.rules, (query or {}).get("table")
    if which in ("crossings", "returns"):
        table = crossing_table(model) if which == "crossings" else return_table(model)
        columns = (
            ["moves_out", "crossing", "staying"] if which == "crossings" else ["people", "left", "returned"]
        )
        frame = table[["sector"]].copy()
        for column in columns:
            frame[column] = _short(table[column], rules)
        frame["percent"] = table["share"].round(1)
        return frame.reset_index(drop=True)
    table = matrix_table(model)
    order = {s: i for i, s in enumerate(_order(model))}
    table = table.assign(_a=table["source"].map(order), _b=table["target"].map(order)).sort_values(
        ["_a", "_b"]
    )
    frame = pd.DataFrame(
        {
            "source": table["source"],
            "target": table["target"],
            "moves": _short(table["count"], rules),
            "moves_out_of_source": _short(table["shown_total"], rules),
        }
    )
    if state["show"] == "percent":
        frame["percent_of_source"] = table["share"].round(1).to_numpy()
    return frame.reset_index(drop=True)
