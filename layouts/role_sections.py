"""What the role profile and the compare page share: a role's facts, flows and barriers.

Every number is protected before it is drawn or written: counts of people go
through :func:`pathways.disclosure.protect_counts` with ``model.rules`` (the
flows of one table form one group for secondary suppression), a share is
withheld when its denominator (arrivals for where people come from, holders
for where they go) is under ``min_denominator`` and, with typical years, when
its count is hidden (a share of a known total would give the count away).
Typical years also need ``min_count`` people. Withheld values are written out
in words, never drawn as 0. Barrier answers follow :mod:`pathways.barriers`.
"""

import functools
import math
import textwrap
from html import escape
from urllib.parse import quote

import pandas as pd
import plotly.io as pio
from dash import html

from layouts.chart import SECTOR_COLOURS, data_table
from layouts.format import chance_in_words, count_text, years_text
from pathways.disclosure import format_count_short, protect_counts
from pathways.graph import role_profile_flows
from pathways.role_barriers import role_answer_counts, role_barriers
from pathways.schema import SECTOR_LABELS, STAGE_LABELS

HIDDEN = "not shown (too few people)"
INK, MUTED, GRID = "#1b1b1b", "#4d4d4d", "#e5e5e5"
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 15, "color": INK}
FLOW_LIMIT = 10
ROLE_COLOUR, EVERYONE_COLOUR = "#0072B2", "#6B6B6B"
PAY_NOTE = (
    "Pay is the range of the grade or band as published in pay scales and salary guides (for example NHS "
    "Agenda for Change bands and university pay spines): gross basic pay for one full-time post, usually "
    "without London weighting. It comes with the data's list of roles, not from the people in the data, "
    "and it changes every year."
)
DOWNLOAD_COLUMNS = ["role_id", "measure", "item_id", "item", "count", "percent", "median_years"]


# ---- words for one role ----------------------------------------------------------------------


def role_href(role_id):
    """The address of a role's profile."""
    return "/roles/" + quote(str(role_id), safe="")


def title(model, role_id):
    """The role's title, or its id when it has none."""
    return model.role_titles.get(role_id, role_id)


def sector_label(model, role_id):
    """'Academia', 'NHS' ...: the sector in words."""
    return SECTOR_LABELS.get(model.graph.nodes[role_id].get("sector"), "Other")


def role_label(model, role_id):
    """'Postdoctoral research associate (Academia)': the sector in words, never by colour alone."""
    return f"{title(model, role_id)} ({sector_label(model, role_id)})"


def missing(value):
    """True for None, <NA> and NaN."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def pay_text(low, high):
    """A salary range in words.

    Examples
    --------
    >>> pay_text(37174, 45413), pay_text(19237, 19237), pay_text(None, None), pay_text(30000, None)
    ('£37,174 to £45,413 a year', '£19,237 a year', 'not published', 'from £30,000 a year')
    """
    if missing(low) and missing(high):
        return "not published"
    if missing(high):
        return f"from £{int(low):,} a year"
    if missing(low):
        return f"up to £{int(high):,} a year"
    if int(low) == int(high):
        return f"£{int(low):,} a year"
    return f"£{int(low):,} to £{int(high):,} a year"


def share_text(percent):
    """'29%', '4.5%', or the reason a share is not shown."""
    if missing(percent):
        return HIDDEN
    return f"{percent:.{0 if percent >= 10 or percent == 0 else 1}f}%"


def people_text(model, count):
    """'6 people', '1 person', 'fewer than 5 people'."""
    shown = count_text(count, model.rules)
    return f"{shown} {'person' if shown == '1' else 'people'}"


def protected_count(model, count):
    """One raw count as it is displayed (Int64 or <NA>)."""
    return protect_counts(pd.Series([int(count)], dtype="int64"), model.rules).iloc[0]


def holders(model, role_id):
    """People who ever held the role, protected."""
    return protected_count(model, model.graph.nodes[role_id].get("people", 0))


def role_facts(model, role_id):
    """``(label, value)`` pairs: sector, stage, grade, pay, people who held it, years before moving on."""
    node = model.graph.nodes[role_id]
    return [
        ("Sector", sector_label(model, role_id)),
        ("Career stage", STAGE_LABELS.get(node.get("stage"), node.get("stage") or "not given")),
        ("Grade or band", node.get("grade") or "not given"),
        ("Pay", pay_text(node.get("salary_min"), node.get("salary_max"))),
        ("People in the data who held it", count_text(holders(model, role_id), model.rules)),
        ("Typical time before moving to another role", next_role_time(model, role_id)),
    ]


@functools.lru_cache(maxsize=16)
def moves_out(model):
    """Per source role: distinct people who moved on, and the median years from starting it to the next."""
    moves = model.dataset.transitions
    grouped = moves.assign(years=moves["years"].astype("Float64")).groupby("source")
    return pd.DataFrame({"movers": grouped["person_id"].nunique(), "median_years": grouped["years"].median()})


def next_role_time(model, role_id):
    """'about 3 years', or why it is not shown: nobody moved on, too few did, or their years are unknown."""
    table = moves_out(model)
    movers = int(table.at[role_id, "movers"]) if role_id in table.index else 0
    if movers == 0:
        return "nobody moved on in these data"
    if movers < model.rules.min_count:
        return HIDDEN
    return years_text(years_to_next(model, role_id))


def years_to_next(model, role_id):
    """Median years from starting the role to starting the next one; None for fewer than min_count movers."""
    table = moves_out(model)
    if role_id not in table.index or table.at[role_id, "movers"] < model.rules.min_count:
        return None
    years = table.at[role_id, "median_years"]
    return None if missing(years) else float(years)


# ---- where people come from and go to ---------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def role_flows(model, role_id):
    """The role's inflows and outflows, protected.

    ``{"people", "arrivals", "inflows", "outflows"}``: protected holders and
    arrivals (moves in), and frames ``role_id, title, sector, people, share,
    years`` (people protected, share in percent or NaN, years or NaN), most
    people first.
    """
    profile = role_profile_flows(model.graph, role_id)
    rules = model.rules
    arrivals = int(profile["inflows"]["moves"].sum())
    result = {"people": holders(model, role_id), "arrivals": protected_count(model, arrivals)}
    denominators = {"inflows": arrivals, "outflows": profile["people"]}
    for direction, denominator in denominators.items():
        frame = profile[direction]
        enough = denominator >= max(rules.min_denominator, 1)
        people = protect_counts(frame["people"], rules, groups=pd.Series(0, index=frame.index))
        # A share or a median beside a hidden count would give the count away (or its size).
        shown = people.notna().to_numpy() & enough
        timed = people.notna().to_numpy() & (frame["people"] >= rules.min_count).to_numpy()
        result[direction] = pd.DataFrame(
            {
                "role_id": frame["role_id"],
                "title": frame["title"],
                "sector": frame["sector"],
                "people": people,
                "share": (100 * frame["share"]).where(shown),
                "years": frame["median_years"].where(timed),
            }
        )
    return result


def plot_text(text, width=34):
    """Text for a plotly label: escaped (plotly reads a little HTML) and wrapped with <br>."""
    return (
        "<br>".join(escape(line) for line in textwrap.wrap(str(text), width, break_long_words=False)) or " "
    )


@functools.cache
def white_template():
    """plotly's 'plotly_white' template as JSON, expanded once (by name it costs about 20 ms a figure)."""
    return pio.templates["plotly_white"].to_plotly_json()


def hidden_note(y, text, size=15):
    """A withheld value written at the start of its bar's row, since it is not drawn."""
    return {
        "x": 0,
        "y": y,
        "text": text,
        "showarrow": False,
        "xanchor": "left",
        "font": {"size": size, "color": MUTED},
    }


def bar_figure(traces, notes, height, x_title, ticks, legend=False):
    """Horizontal bars on a 0-100% axis as a plain plotly figure, in the house style.

    ``traces`` are bar attributes (``x``, ``y`` as row positions, ``text`` ...),
    ``notes`` annotations from :func:`hidden_note`, ``ticks`` the row labels.
    A plain dict, not a ``go.Figure``: validating one costs more than the rest
    of the page, and the browser reads the same JSON.
    """
    return {
        "data": [
            {"type": "bar", "orientation": "h", "textposition": "outside", "cliponaxis": False, **trace}
            for trace in traces
        ],
        "layout": {
            "template": white_template(),
            "font": FONT,
            "height": height,
            # The legend sits at the top left, clear of the toolbar at the top right.
            "margin": {"l": 10, "r": 30, "t": 70 if legend else 30, "b": 60},
            "showlegend": legend,
            "legend": {
                "orientation": "h",
                "x": 0,
                "y": 1,
                "yanchor": "top",
                "yref": "container",
                "font": {"size": 15},
            },
            "hoverlabel": {"font": {"size": 15}},
            "bargap": 0.25,
            "xaxis": {
                "range": [0, 118],
                "tickvals": list(range(0, 101, 20)),
                "ticksuffix": "%",
                "title": {"text": x_title},
                "gridcolor": GRID,
            },
            "yaxis": {
                "tickvals": list(range(len(ticks))),
                "ticktext": list(ticks),
                "range": [len(ticks) - 0.5, -0.5],
                "automargin": True,
                "showgrid": False,
            },
            "annotations": notes,
        },
    }


def numbers_only(chart_id, caption, summary, table, download_href, source, table_caption):
    """A chart's chrome without the picture, for numbers too small to draw: caption, words, table, CSV."""
    return html.Figure(
        [
            html.Figcaption(caption, className="h5"),
            html.P(summary, className="chart-summary", id=f"{chart_id}-summary"),
            data_table(table, table_caption),
            html.A(
                "Download the numbers (CSV)",
                href=download_href,
                download="",
                className="btn btn-outline-primary btn-sm",
                id=f"{chart_id}-csv",
            ),
            html.P(["Source: ", source], className="small text-body-secondary chart-source mt-2"),
        ],
        className="chart-figure",
        id=chart_id,
    )


def flow_height(frame):
    """Pixels for a flow chart of ``frame``'s first rows."""
    return 110 + 56 * max(len(frame.head(FLOW_LIMIT)), 1)


def flow_figure(model, frame, x_title):
    """Horizontal bars of each role's share, coloured and labelled by sector; withheld shares in words."""
    rows = frame.head(FLOW_LIMIT).reset_index(drop=True)
    labels = [
        plot_text(f"{t} ({SECTOR_LABELS.get(s, 'Other')})") for t, s in zip(rows["title"], rows["sector"])
    ]
    shares = [None if missing(v) else float(v) for v in rows["share"]]
    hover = [
        [escape(str(t)), share_text(v), people_text(model, p), years_text(y)]
        for t, v, p, y in zip(rows["title"], rows["share"], rows["people"], rows["years"])
    ]
    bar = {
        "x": shares,
        "y": list(range(len(rows))),
        "marker": {
            "color": [SECTOR_COLOURS.get(s, SECTOR_COLOURS["other"]) for s in rows["sector"]],
            "line": {"color": INK, "width": 1},
        },
        "text": ["" if v is None else share_text(v) for v in shares],
        "customdata": hover,
        "hovertemplate": "<b>%{customdata[0]}</b><br>Share: %{customdata[1]}<br>"
        "People: %{customdata[2]}<br>Typical time: %{customdata[3]}<extra></extra>",
    }
    notes = [hidden_note(y, HIDDEN) for y, value in enumerate(shares) if value is None]
    return bar_figure([bar], notes, flow_height(frame), x_title, labels)


def flow_table(model, frame, role_heading, share_heading):
    """A flow frame as display strings, every row."""
    return pd.DataFrame(
        {
            role_heading: frame["title"].astype(str),
            "Sector": [SECTOR_LABELS.get(s, "Other") for s in frame["sector"]],
            "People": [count_text(p, model.rules) for p in frame["people"]],
            share_heading: [share_text(v) for v in frame["share"]],
            "Typical time": [
                HIDDEN if pd.isna(p) else years_text(y) for p, y in zip(frame["people"], frame["years"])
            ],
        }
    )


def _names(titles):
    titles = [str(t) for t in titles]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def inflow_summary(model, role_id, flows):
    """A paragraph on where the role's holders came from."""
    frame, name = flows["inflows"], title(model, role_id)
    if frame.empty:
        return f"Nobody in these data moved into {name} from another role: everyone who held it started here."
    moves = count_text(flows["arrivals"], model.rules)
    text = f"These data record {moves} {'move' if moves == '1' else 'moves'} into {name} from another role. "
    top = frame.iloc[0]
    if missing(top["share"]):
        origins = _names(frame["title"].head(3))
        return text + f"The numbers are too small to show shares safely; people came from {origins}."
    text += f"The most common previous role was {top['title']}: {share_text(top['share'])} of arrivals"
    text += "" if missing(top["years"]) else f", typically after {years_text(top['years'])} in it"
    text += "."
    if len(frame) > 1:
        second = frame.iloc[1]
        text += f" Next came {second['title']} ({share_text(second['share'])})."
    return text


def outflow_summary(model, role_id, flows):
    """A paragraph on where the role's holders went next."""
    frame, name = flows["outflows"], title(model, role_id)
    if frame.empty:
        return f"Nobody in these data moved on from {name} to another role: all stayed or left the data."
    held = people_text(model, flows["people"])
    top = frame.iloc[0]
    if missing(top["share"]):
        return (
            f"{held[0].upper() + held[1:]} held {name}; the numbers are too small to show shares safely. "
            f"The next roles they moved to include {_names(frame['title'].head(3))}."
        )
    text = (
        f"Of the {held} who held {name}, {chance_in_words(top['share'] / 100)} moved on to {top['title']} "
        f"({share_text(top['share'])}), the most common next role"
    )
    text += "" if missing(top["years"]) else f", typically after {years_text(top['years'])}"
    text += "."
    if len(frame) > 1:
        others = frame.iloc[1:4]
        text += " Others moved to " + _names(
            f"{t} ({share_text(s)})" for t, s in zip(others["title"], others["share"])
        )
        text += "."
    return text + " The rest stayed, are still there or left the data."


# ---- barriers ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def answer_counts_by_role(model):
    """:func:`pathways.role_barriers.role_answer_counts` once per model."""
    return role_answer_counts(model.dataset, answers=model.agreement)


@functools.lru_cache(maxsize=1024)
def barriers_of(model, role_id):
    """The role's barrier table, protected, statements in the order people in the role agreed most."""
    table = role_barriers(model.dataset, role_id, rules=model.rules, counts=answer_counts_by_role(model))
    return table.sort_values("percent", ascending=False, na_position="last", kind="stable").reset_index(
        drop=True
    )


def top_barriers(model, role_id, n=3):
    """The ``n`` statements people in the role agreed with most (only those with a shown percentage)."""
    table = barriers_of(model, role_id)
    return table[table["percent"].notna()].head(n)


def barrier_height(table):
    """Pixels for a barrier chart of ``table``."""
    return 150 + 64 * max(len(table), 1)


def barrier_figure(model, role_id, table):
    """Paired bars per statement: agreement among people in the role and among everyone."""
    rows = table.reset_index(drop=True)
    hidden = f"fewer than {model.rules.min_denominator} answers"
    sides = (
        (f"People whose latest role is {title(model, role_id)}", "", ROLE_COLOUR, "", -0.2),
        ("Everyone who answered", "_all", EVERYONE_COLOUR, "/", 0.2),
    )
    traces, notes = [], []
    for name, suffix, colour, pattern, offset in sides:
        values = [None if missing(v) else float(v) for v in rows[f"percent{suffix}"]]
        positions = [y + offset for y in range(len(rows))]
        traces.append(
            {
                "x": values,
                "y": positions,
                "width": 0.38,
                "name": plot_text(name, 60),
                "marker": {
                    "color": colour,
                    "line": {"color": INK, "width": 1},
                    "pattern": {"shape": pattern},
                },
                "text": ["" if v is None else share_text(v) for v in values],
                "customdata": [
                    [plot_text(s, 60), share_text(v) if v is not None else hidden, count_text(n, model.rules)]
                    for s, v, n in zip(rows["statement"], values, rows[f"n{suffix}"])
                ],
                "hovertemplate": f"<b>{escape(name)}</b><br>%{{customdata[0]}}<br>Agreed: %{{customdata[1]}}"
                "<br>Answers: %{customdata[2]}<extra></extra>",
            }
        )
        notes += [hidden_note(y, hidden, 14) for y, value in zip(positions, values) if value is None]
    ticks = [plot_text(s, 40) for s in rows["statement"]]
    return bar_figure(traces, notes, barrier_height(rows), "Agreed (% of answers)", ticks, legend=True)


def barrier_table(model, table):
    """A barrier table as display strings."""
    return pd.DataFrame(
        {
            "Statement": table["statement"].astype(str),
            "Answers from people in the role": [count_text(n, model.rules) for n in table["n"]],
            "Agreed (people in the role)": [_agreed(model, v) for v in table["percent"]],
            "Answers from everyone": [count_text(n, model.rules) for n in table["n_all"]],
            "Agreed (everyone)": [_agreed(model, v) for v in table["percent_all"]],
        }
    )


def _agreed(model, percent):
    return (
        f"not shown (fewer than {model.rules.min_denominator} answers)"
        if missing(percent)
        else share_text(percent)
    )


def barrier_summary(model, role_id, table):
    """A paragraph on the statements people in the role agreed with, against everyone."""
    name = title(model, role_id)
    if table.empty:
        return f"Nobody whose latest role is {name} answered the barrier statements."
    shown = table[table["percent"].notna()]
    if shown.empty:
        return (
            f"Each statement had fewer than {model.rules.min_denominator} answers from people whose latest "
            f"role is {name}, so their agreement is not shown; everyone's is in the table."
        )
    top = shown.iloc[0]
    text = f"Of the statements, people whose latest role is {name} agreed most with “{top['statement']}”: "
    text += f"{share_text(top['percent'])} of their answers"
    text += (
        "." if missing(top["percent_all"]) else f", against {share_text(top['percent_all'])} of everyone's."
    )
    gaps = (shown["percent"] - shown["percent_all"]).dropna()
    if not gaps.empty and gaps.max() >= 5 and shown.index[0] != gaps.idxmax():
        other = shown.loc[gaps.idxmax()]
        text += (
            f" The biggest difference from everyone was “{other['statement']}”: "
            f"{share_text(other['percent'])} against {share_text(other['percent_all'])}."
        )
    return text


# ---- the numbers as a tidy table ------------------------------------------------------------


def download_rows(model, role_id):
    """The numbers shown for a role as tidy rows (counts '<5' when hidden)."""
    rules, rows = model.rules, []

    def add(measure, item_id, item, count=None, percent=None, years=None):
        rows.append(
            {
                "role_id": role_id,
                "measure": measure,
                "item_id": item_id,
                "item": item,
                "count": None if count is None else format_count_short(count, rules),
                "percent": None if missing(percent) else round(float(percent), 1),
                "median_years": None if missing(years) else round(float(years), 1),
            }
        )

    flows = role_flows(model, role_id)
    add("people who held the role", role_id, title(model, role_id), count=flows["people"])
    add("years to the next role", role_id, title(model, role_id), years=years_to_next(model, role_id))
    for direction, measure in (("inflows", "came from"), ("outflows", "moved on to")):
        for row in flows[direction].itertuples():
            add(measure, row.role_id, row.title, row.people, row.share, row.years)
    for row in barriers_of(model, role_id).itertuples():
        add("agreed (people in the role)", row.barrier_id, row.statement, row.n, row.percent)
        add("agreed (everyone)", row.barrier_id, row.statement, row.n_all, row.percent_all)
    return rows
