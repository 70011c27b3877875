"""Pathways: a Sankey diagram of how people move between roles or sectors, move by move."""

from functools import lru_cache

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts import ids
from layouts.chart import SECTOR_COLOURS, chart_figure, csv_href
from layouts.controls import notices, page_header, radio, select
from layouts.format import count_text, percent_text
from layouts.router import parse_query
from layouts.sankey import sankey_figure, sankey_input, step_text
from pathways.disclosure import RAW, protect_counts, protect_shares, protect_table
from pathways.flows import LEVELS, MAX_STEPS, MIN_STEPS, step_flows
from pathways.schema import SECTOR_LABELS, SECTORS
from pathways.viewstate import Field, decode_state, encode_state

PATH = "/pathways"
TITLE = "Pathways"
NAV_LABEL = "Pathways"
NAV_ORDER = 10
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True
SLUG = "pathways"
CONTENT_ID = ids.PATHWAYS_CONTENT

ANY = "all"
MEASURES = ("count", "percent")
BAND_YEARS = 5
CONTROLS = [
    (ids.PATHWAYS_LEVEL, "value"),
    (ids.PATHWAYS_STEPS, "value"),
    (ids.PATHWAYS_SECTOR, "value"),
    (ids.PATHWAYS_ROLE, "value"),
    (ids.PATHWAYS_GROUP, "value"),
    (ids.PATHWAYS_COHORT, "value"),
    (ids.PATHWAYS_SHOW, "value"),
]
STEP_OPTIONS = [(str(n), f"{n} roles ({n - 1} moves)") for n in range(MIN_STEPS, MAX_STEPS + 1)]
SHOW_OPTIONS = [("count", "Number of people"), ("percent", "Percentage of each step")]
SWATCH = {
    "display": "inline-block",
    "width": "0.9em",
    "height": "0.9em",
    "marginRight": "0.3em",
    "verticalAlign": "-0.1em",
    "border": "1px solid #222",
}
INTRO = (
    "Follow careers move by move. Each column is a role people held, in the order they held it: "
    "their first role on the left, then their second, and so on. Each band is a group of people "
    "moving from one role (or sector) to the next; the wider the band, the more people. "
    "Click a box to follow only the people who started there."
)


def cohort_bands(model):
    """``(value, label)`` of the 5-year bands of first-role start years in the data."""
    if model.cohort_range is None:
        return ()
    first, last = model.cohort_range
    starts = range(first - first % BAND_YEARS, last + 1, BAND_YEARS)
    return tuple((f"{s}-{s + BAND_YEARS - 1}", f"{s} to {s + BAND_YEARS - 1}") for s in starts)


def group_choices(model):
    """``(attribute=value, label)`` for every value of every people attribute: one at a time."""
    return tuple(
        (f"{attribute}={value}", f"{label}: {value}")
        for attribute, label in model.dataset.attributes.items()
        for value in model.attribute_values.get(attribute, ())
    )


def fields(model):
    """The view state: what to follow, whom, and how to measure it."""
    return [
        Field("level", "sector", choices=LEVELS, label="level"),
        Field("steps", 3, kind="int", low=MIN_STEPS, high=MAX_STEPS, label="number of roles"),
        Field("sector", ANY, choices=(ANY, *SECTORS), label="starting sector"),
        Field("role", ANY, choices=(ANY, *model.dataset.roles.index), label="starting role"),
        Field("attribute", ANY, choices=(ANY, *model.dataset.attributes), label="attribute"),
        Field("value", ANY, label="attribute value"),
        Field("cohort", ANY, choices=(ANY, *(value for value, _ in cohort_bands(model))), label="cohort"),
        Field("show", "count", choices=MEASURES, label="measure"),
    ]


def read_state(model, query):
    """The state for a query dict and notices for what was ignored (one attribute, with a known value)."""
    state, messages = decode_state(fields(model), query or {})
    attribute, value = state["attribute"], state["value"]
    if attribute == ANY and value == ANY:
        return state, messages
    if attribute == ANY or value not in model.attribute_values.get(attribute, ()):
        if attribute != ANY or not (query or {}).get("attribute"):
            messages.append(
                f"Ignored the people filter {attribute}={value} in the address: "
                "it needs one attribute and one of its values."
            )
        state["attribute"] = state["value"] = ANY
    return state, messages


def to_query(model, level, steps, sector, role, group, cohort, show):
    """The query string for the controls' values (only what differs from the default)."""
    attribute, _, value = (group or ANY).partition("=")
    query = {
        "level": level,
        "steps": str(steps or ""),
        "sector": sector,
        "role": role,
        "attribute": attribute,
        "value": value or ANY,
        "cohort": cohort,
        "show": show,
    }
    state, _ = read_state(model, {k: v for k, v in query.items() if v is not None})
    return encode_state(fields(model), state)


def _filters(state):
    cohort = None
    if state["cohort"] != ANY:
        low, high = state["cohort"].split("-")
        cohort = (int(low), int(high))

    def given(value):
        return None if value == ANY else value

    return (
        given(state["sector"]),
        given(state["role"]),
        given(state["attribute"]),
        given(state["value"]),
        cohort,
    )


@lru_cache(maxsize=256)
def _flows(model, level, steps, sector, role, attribute, value, cohort):
    raw = step_flows(model.dataset, steps, level, sector, role, attribute, value, cohort, rules=RAW)
    # Protected here rather than by a second step_flows call, which would count every move
    # again: the same cells, the same groups (the flows out of one source at one step).
    shown = protect_table(raw, "count", model.rules, group_by=["step", "source"])
    frame = shown.assign(raw=raw["count"]).sort_values(
        ["step", "count", "source", "target"],
        ascending=[True, False, True, True],
        na_position="last",
        kind="stable",
        ignore_index=True,
    )
    movers = frame.groupby("step")["raw"].transform("sum")
    share = protect_shares(frame["raw"], movers, model.rules)
    frame["share"] = share.where(frame["count"].notna().to_numpy())
    frame["movers"] = movers
    return frame


def flows_for_state(model, state):
    """``step, source, target, count, raw, share, movers`` for a state (cached; do not modify).

    ``count`` is protected; ``raw`` (for shares and totals, never shown) is not;
    ``share`` is the percentage of the step's movers, NaN where withheld.
    """
    return _flows(model, state["level"], state["steps"], *_filters(state))


def _naming(model, level):
    """``(titles, sectors, stages)`` of the keys at this level."""
    if level == "sector":
        return dict(SECTOR_LABELS), {s: s for s in SECTORS}, None
    roles = model.dataset.roles
    return model.role_titles, roles["sector"].to_dict(), roles["stage"].to_dict()


def _people(value, rules):
    text = count_text(value, rules)
    return f"{text} {'person' if text == '1' else 'people'}"


def describe_focus(model, state):
    """Who is followed, in words: 'Following everyone in the data.' or the filters."""
    parts = []
    if state["role"] != ANY:
        parts.append(f"whose first role was {model.role_titles[state['role']]}")
    if state["sector"] != ANY:
        parts.append(f"who started in {SECTOR_LABELS[state['sector']]}")
    if state["attribute"] != ANY:
        label = model.dataset.attributes.get(state["attribute"], state["attribute"])
        parts.append(f"whose {label.lower()} is {state['value']}")
    if state["cohort"] != ANY:
        low, high = state["cohort"].split("-")
        parts.append(f"whose first role started from {low} to {high}")
    if not parts:
        return "Following everyone in the data."
    return "Following people " + (", ".join(parts[:-1]) + " and " if len(parts) > 1 else "") + parts[-1] + "."


def summary_text(model, state, frame, data):
    """One paragraph, generated from the protected numbers, of what the diagram shows."""
    rules, level = model.rules, state["level"]
    titles, sectors, _ = _naming(model, level)
    if frame.empty:
        return (
            "No one in the data matches these settings and moved at least once, so there is nothing "
            "to show. Try another starting point, group or cohort."
        )
    first = frame[frame["step"] == 1]
    movers = protect_counts(pd.Series([int(first["raw"].sum())]), rules).iloc[0]
    starts = first.groupby("source")["raw"].sum().sort_values(ascending=False, kind="stable")
    where = "in" if level == "sector" else "as"
    top = titles.get(starts.index[0], starts.index[0])
    start = f"all started {where} {top}" if len(starts) == 1 else f"the most common start was {where} {top}"
    sentences = [f"Of the {_people(movers, rules)} followed who moved at least once, {start}."]
    shown = frame[frame["count"].notna() & frame["count"].gt(0)]
    if not shown.empty:
        big = shown.sort_values("raw", ascending=False, kind="stable").iloc[0]
        sentence = (
            f"The largest flow is from {titles.get(big['source'], big['source'])} to "
            f"{titles.get(big['target'], big['target'])} at {step_text(int(big['step']))}: "
            f"{_people(big['count'], rules)}"
        )
        if state["show"] == "percent" and pd.notna(big["share"]):
            sentence += f", {percent_text(big['share'])} of the people moving at that step"
        sentences.append(sentence + ".")
    crossing = frame["source"].map(sectors) != frame["target"].map(sectors)
    crossed = protect_counts(pd.Series([int(frame.loc[crossing, "raw"].sum())]), rules).iloc[0]
    if pd.notna(crossed) and crossed == 0:
        sentences.append("No move crossed from one sector to another.")
    else:
        text = count_text(crossed, rules)
        sentences.append(f"{text} move{'' if text == '1' else 's'} crossed from one sector to another.")
    if data["hidden"]:
        were = "is" if data["hidden"] == 1 else "are"
        sentences.append(
            f"{data['hidden']} of the {len(frame)} flows {were} of fewer than {rules.min_count} people "
            "and not drawn, to protect privacy; the table lists them."
        )
    if state["show"] == "percent":
        few = [
            str(int(s)) for s in sorted(frame.loc[frame["movers"] < rules.min_denominator, "step"].unique())
        ]
        if few:
            steps = f"step {few[0]}" if len(few) == 1 else f"steps {', '.join(few[:-1])} and {few[-1]}"
            sentences.append(
                f"Percentages are not shown for {steps}: fewer than {rules.min_denominator} "
                "people moved there, so those flows are not drawn."
            )
    return " ".join(sentences)


def table_frame(model, state, frame):
    """The numbers of the diagram as display strings, hidden flows listed as 'fewer than 5'."""
    titles, sectors, _ = _naming(model, state["level"])
    steps = {step: step_text(step).capitalize() for step in range(1, state["steps"])}
    table = pd.DataFrame(
        {
            "Step": frame["step"].map(steps).tolist(),
            "From": [titles.get(k, k) for k in frame["source"]],
            "To": [titles.get(k, k) for k in frame["target"]],
            "People": [count_text(v, model.rules) for v in frame["count"].tolist()],
        }
    )
    if state["level"] == "role":
        table.insert(2, "From sector", [SECTOR_LABELS[sectors[k]] for k in frame["source"]])
        table.insert(4, "To sector", [SECTOR_LABELS[sectors[k]] for k in frame["target"]])
    if state["show"] == "percent":
        table["Share of the step"] = [
            percent_text(None if pd.isna(v) else v) for v in frame["share"].tolist()
        ]
    return table


def colour_key(data, level):
    """What the colours mean, in words, for the sectors drawn."""
    from_sectors = [SECTORS[i] for i in sorted({SECTORS.index(s) for s in data["node_sector"]})]
    if not from_sectors:
        return None
    items = [
        html.Li(
            [
                html.Span(
                    className="pathways-swatch",
                    style={**SWATCH, "backgroundColor": SECTOR_COLOURS[s]},
                    **{"aria-hidden": "true"},
                ),
                SECTOR_LABELS[s],
            ],
            className="list-inline-item me-3",
        )
        for s in from_sectors
    ]
    what = "each box's sector" if level == "role" else "each sector"
    return html.Div(
        [
            html.Span(f"Colours show {what}; a band takes the colour of the sector people moved from: "),
            html.Ul(items, className="list-inline d-inline mb-0"),
        ],
        className="pathways-key small mb-2",
    )


def content(model, query, rest=""):
    """The diagram, its summary and its table for the state in ``query``."""
    state, _ = read_state(model, query)
    return _content(model, encode_state(fields(model), state))


@lru_cache(maxsize=64)
def _content(model, canonical):
    # Cached per model and canonical address: the same view is asked for again and again
    # (back and forward, a workshop deck), and the table alone takes tens of milliseconds.
    state, _ = read_state(model, parse_query(canonical))
    frame = flows_for_state(model, state)
    titles, sectors, stages = _naming(model, state["level"])
    data = sankey_input(
        frame, state["level"], titles, sectors, model.rules, stages=stages, measure=state["show"]
    )
    empty = (
        f"Every flow here involves fewer than {model.rules.min_count} people, so none can be drawn.<br>"
        "The table below lists them."
        if not frame.empty
        else "No one matches these settings."
    )
    figure = sankey_figure(data, empty_message=empty)
    noun = "roles" if state["level"] == "role" else "sectors"
    measure = (
        "number of people" if state["show"] == "count" else "percentage of the people moving at each step"
    )
    caption = f"Moves between {noun} over the first {state['steps']} roles of people's careers ({measure})"
    return html.Div(
        [
            html.P(describe_focus(model, state), className="pathways-focus fw-semibold"),
            colour_key(data, state["level"]),
            chart_figure(
                ids.PATHWAYS_CHART,
                figure,
                caption,
                summary_text(model, state, frame, data),
                table_frame(model, state, frame),
                download_href=csv_href(model, SLUG, canonical),
                source=model.info.source or model.info.name,
                table_caption=f"{caption}: every flow, including those too small to draw",
                graph_style={"height": f"{data['height']}px"},
            ),
        ]
    )


def control_values(state):
    """The controls' values for ``state``, in the order of ``CONTROLS``."""
    group = ANY if state["attribute"] == ANY else f"{state['attribute']}={state['value']}"
    return (
        state["level"],
        str(state["steps"]),
        state["sector"],
        state["role"],
        group,
        state["cohort"],
        state["show"],
    )


def controls(model, state):
    """The labelled controls, set to ``state``."""
    level, steps, sector, role, group, cohort, show = control_values(state)
    first_row = [
        radio(ids.PATHWAYS_LEVEL, "Show moves between", [("sector", "Sectors"), ("role", "Roles")], level),
        select(ids.PATHWAYS_STEPS, "How many roles to follow", STEP_OPTIONS, steps),
        radio(ids.PATHWAYS_SHOW, "Band widths show", SHOW_OPTIONS, show),
    ]
    second_row = [
        select(
            ids.PATHWAYS_SECTOR, "Started in sector", [(ANY, "Any sector"), *SECTOR_LABELS.items()], sector
        ),
        select(ids.PATHWAYS_ROLE, "Started as", [(ANY, "Any role"), *model.role_choices], role),
        select(
            ids.PATHWAYS_GROUP,
            "People",
            [(ANY, "Everyone"), *group_choices(model)],
            group,
            help_text="One characteristic at a time, to protect privacy.",
        ),
        select(
            ids.PATHWAYS_COHORT,
            "First role started",
            [(ANY, "Any year"), *cohort_bands(model)],
            cohort,
            help_text="People whose start year is unknown are left out.",
        ),
    ]
    return html.Div(
        [dbc.Row([dbc.Col(c, md=4) for c in first_row]), dbc.Row([dbc.Col(c, md=3) for c in second_row])],
        className="pathways-controls",
    )


def layout(model, query=None, rest=""):
    """The Pathways page: heading, address notices, controls and the diagram."""
    state, messages = read_state(model, query)
    return html.Div(
        [
            page_header("Career pathways", INTRO),
            notices(messages),
            controls(model, state),
            html.Div(content(model, query, rest), id=CONTENT_ID, **{"aria-live": "polite"}),
        ]
    )


def focus(click_data, figure):
    """``(starting sector, starting role)`` for a click on a node of the diagram; None otherwise."""
    points = (click_data or {}).get("points") or []
    traces = (figure or {}).get("data") or []
    if not points or not traces:
        return None
    meta = traces[0].get("meta") or {}
    keys, labels = meta.get("keys") or [], (traces[0].get("node") or {}).get("label") or []
    number = points[0].get("pointNumber")
    # A click on a band also has a pointNumber; only a node's label matches the node's.
    if not isinstance(number, int) or not 0 <= number < len(keys) or points[0].get("label") != labels[number]:
        return None
    return (keys[number], ANY) if meta.get("level") == "sector" else (ANY, keys[number])


def download(model, query, rest=""):
    """The flows shown, protected: ``step,source,source_title,target,target_title,count`` (+ ``percent``)."""
    state, _ = read_state(model, query)
    frame = flows_for_state(model, state)
    titles, _, _ = _naming(model, state["level"])
    hidden = f"<{model.rules.min_count}"
    table = pd.DataFrame(
        {
            "step": frame["step"].astype(int),
            "source": frame["source"],
            "source_title": frame["source"].map(titles),
            "target": frame["target"],
            "target_title": frame["target"].map(titles),
            "count": pd.Series([hidden if pd.isna(v) else int(v) for v in frame["count"]], dtype="object"),
        }
    )
    if state["show"] == "percent":
        table["percent"] = frame["share"].round(1)
    return table
