"""Route finder: the most likely routes from the role you hold to the role you want, step by step.

Every number goes through disclosure control: a route's or a step's chance is
withheld when a role along it was held by fewer than ``min_denominator``
people, counts of people read "fewer than 5", typical years are withheld for
fewer than ``min_count`` people, and barriers need ``min_denominator`` answers.
"""

import functools
import math

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from layouts import ids
from layouts.chart import SECTOR_COLOURS, chart_figure, csv_href
from layouts.controls import notices, page_header, select
from layouts.format import chance_in_words, count_text, percent_text, years_text
from pathways.disclosure import format_count_short, round_count
from pathways.graph import UnknownRole, check_role
from pathways.routes import NoRoute, find_routes
from pathways.schema import SECTOR_LABELS, SECTORS, THEME_LABELS, URL_SCHEMES
from pathways.step_barriers import step_advice, step_barriers
from pathways.viewstate import Field, decode_state, encode_state

PATH = "/routes"
TITLE = "Route finder"
NAV_LABEL = "Route finder"
NAV_ORDER = 40
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True
SLUG = "routes"
CONTENT_ID = ids.ROUTES_CONTENT
CONTROLS = [
    (ids.ROUTES_FROM, "value"),
    (ids.ROUTES_TO, "value"),
    (ids.ROUTES_STEPS, "value"),
    (ids.ROUTES_AVOID, "value"),
    (ids.ROUTES_K, "value"),
]
# The command line's defaults, so `python -m pathways routes DIR FROM TO` gives the same routes.
DEFAULT_STEPS, DEFAULT_K = 6, 5
MIN_STEPS, MAX_STEPS, MAX_K = 2, 6, 10
DOWNLOAD_COLUMNS = ["route", "step", "from_role", "to_role", "probability", "people", "median_years"]
TABLE_COLUMNS = ["Route", "Steps", "Chance", "In words", "People who took it", "Typical time"]
HIDDEN = "not shown (too few people)"
INTRO = (
    "Pick the role you hold now and the role you want. We look at the moves people in the data really "
    "made and show the most likely ways from one to the other: how likely each route is, how many people "
    "took it, how long it took, what got in their way at each step and where to find help."
)


def _sectors(model):
    present = set(model.dataset.roles["sector"])
    return tuple(sector for sector in SECTORS if sector in present)


def fields(model):
    """The view state: from, to, maximum steps, a sector to avoid, number of routes."""
    return [
        Field("from", "", label="role you hold"),
        Field("to", "", label="role you want"),
        Field("steps", DEFAULT_STEPS, kind="int", low=MIN_STEPS, high=MAX_STEPS, label="maximum steps"),
        Field("avoid", "none", choices=("none", *_sectors(model)), label="sector to avoid"),
        Field("k", DEFAULT_K, kind="int", low=1, high=MAX_K, label="number of routes"),
    ]


def _state(model, query):
    return decode_state(fields(model), query or {})


def _address(model, state, **changes):
    return PATH + encode_state(fields(model), {**state, **changes})


def to_query(model, source, target, steps, avoid, k):
    """The query string for the controls' values (only what differs from the defaults)."""
    values = {"from": source, "to": target, "steps": steps, "avoid": avoid, "k": k}
    state, _ = _state(model, {name: "" if value is None else str(value) for name, value in values.items()})
    return encode_state(fields(model), state)


# ---- the numbers, after disclosure control -------------------------------------------------


def _title(model, role):
    return model.role_titles.get(role, role)


def _sector_label(model, role):
    return SECTOR_LABELS.get(model.graph.nodes[role].get("sector"), "Other")


def _role_label(model, role):
    """'Postdoctoral research associate (Academia)': the sector in words, never by colour alone."""
    title, sector = _title(model, role), _sector_label(model, role)
    if f"({sector.lower()})" in title.lower():
        return title
    return f"{title} ({sector})"


def _chance(model, roles):
    """The probability of following ``roles``, or None when a role along it has too few holders."""
    holders = min(model.graph.nodes[role].get("people", 0) for role in roles[:-1])
    if holders < max(model.rules.min_denominator, 1):
        return None
    return math.prod(model.graph.edges[a, b]["probability"] for a, b in zip(roles, roles[1:]))


def _people(model, count):
    """A protected count (an int, or <NA> when hidden) from a raw one: protect_counts for one count."""
    if 0 < count < model.rules.min_count:
        return pd.NA
    return round_count(int(count), model.rules)


def _years(model, count, years):
    """Typical years, withheld for fewer than ``min_count`` people."""
    if years is None or count is None or count < model.rules.min_count:
        return None
    return float(years)


def _percent(probability):
    value = 100 * probability
    return percent_text(value, 0 if value >= 10 else 1 if value >= 1 else 2)


def _withheld(value):
    return value is None or pd.isna(value)


def time_text(years, people):
    """Typical years in words: withheld (too few people) is not the same as unknown."""
    if not _withheld(years):
        return years_text(years)
    return HIDDEN if _withheld(people) else "not known"


def chance_text(probability):
    """'about 1 in 5 (21%)', or the reason it is not shown."""
    if _withheld(probability):
        return HIDDEN
    return f"{chance_in_words(probability)} ({_percent(probability)})"


def role_state(model, role_id):
    """``(role id or None, UnknownRole or None)`` for a role from the address."""
    if not role_id:
        return None, None
    try:
        return check_role(model.graph, role_id[:80]), None
    except UnknownRole as error:
        return None, error


@functools.lru_cache(maxsize=256)
def cached_routes(model, source, target, k, steps, avoid):
    """``(routes, alternatives)`` for one state: routes empty when there is none."""
    sectors = () if avoid == "none" else (avoid,)
    try:
        found = find_routes(
            model.graph,
            source,
            target,
            k=k,
            max_steps=steps,
            avoid_sectors=sectors,
            stays=model.dataset.stays,
        )
    except NoRoute as error:
        return (), tuple(error.alternatives)
    return tuple(found), ()


def cached_index(model):
    """The barrier answers arranged once per model (built with it), so each step reads only its movers' answers."""
    return model.step_index


@functools.lru_cache(maxsize=1024)
def cached_step_barriers(model, source, target):
    """The barrier statements on which the people who moved ``source -> target`` stand out (protected)."""
    return step_barriers(model.dataset, source, target, top=3, rules=model.rules, index=cached_index(model))


@functools.lru_cache(maxsize=1024)
def cached_step_advice(model, target, themes):
    """1-2 advice resources for a move into ``target`` given the themes of its barriers."""
    roles = model.dataset.roles
    sector, stage = roles.at[target, "sector"], roles.at[target, "stage"]
    return step_advice(model.dataset.advice, target, sector, stage, themes=themes, n=2)


def route_table(model, routes):
    """One row per route: its roles, label, steps and protected chance, people and years."""
    rows = []
    for number, route in enumerate(routes, start=1):
        rows.append(
            {
                "route": number,
                "roles": route.roles,
                "label": " → ".join(_title(model, role) for role in route.roles),
                "steps": route.steps,
                "chance": _chance(model, route.roles),
                "people": _people(model, route.people or 0),
                "years": _years(model, route.people, route.median_years),
            }
        )
    # object columns keep None as None (a withheld number), where float columns would make it NaN.
    return pd.DataFrame(
        rows, columns=["route", "roles", "label", "steps", "chance", "people", "years"], dtype=object
    )


def step_table(model, roles):
    """One row per step of a route: its roles and protected chance, people and years."""
    rows = []
    for number, (source, target) in enumerate(zip(roles, roles[1:]), start=1):
        edge = model.graph.edges[source, target]
        rows.append(
            {
                "step": number,
                "source": source,
                "target": target,
                "chance": _chance(model, (source, target)),
                "people": _people(model, edge["people"]),
                "years": _years(model, edge["people"], edge.get("median_years")),
            }
        )
    return pd.DataFrame(rows, columns=["step", "source", "target", "chance", "people", "years"], dtype=object)


def download(model, query, rest=""):
    """One row for each whole route (step 'all') and one per step, after disclosure control."""
    state, _ = _state(model, query)
    (source, _), (target, _) = role_state(model, state["from"]), role_state(model, state["to"])
    rows = []
    if source and target and source != target:
        routes, _ = cached_routes(model, source, target, state["k"], state["steps"], state["avoid"])
        for route in route_table(model, routes).itertuples():
            rows.append(_download_row(model, route.route, "all", source, target, route))
            for step in step_table(model, route.roles).itertuples():
                rows.append(_download_row(model, route.route, step.step, step.source, step.target, step))
    return pd.DataFrame(rows, columns=DOWNLOAD_COLUMNS)


def _download_row(model, route, step, source, target, numbers):
    return {
        "route": route,
        "step": step,
        "from_role": source,
        "to_role": target,
        "probability": None if _withheld(numbers.chance) else round(numbers.chance, 6),
        "people": format_count_short(numbers.people, model.rules),
        "median_years": None if _withheld(numbers.years) else round(numbers.years, 1),
    }


@functools.lru_cache(maxsize=16)
def example_pairs(model, n=3):
    """Common long moves in the data, (from, to) two or three stays apart, as varied as can be."""
    stays = model.dataset.stays[["person_id", "role_id"]]
    by_person = stays.groupby("person_id", sort=False)["role_id"]
    later = [
        pd.DataFrame(
            {"person_id": stays["person_id"], "source": stays["role_id"], "target": by_person.shift(-gap)}
        )
        for gap in (2, 3)
    ]
    pairs = pd.concat(later, ignore_index=True).dropna()
    pairs = pairs[pairs["source"] != pairs["target"]].drop_duplicates()
    counts = pairs.groupby(["source", "target"]).size().rename("people").reset_index()
    counts = counts.sort_values(["people", "source", "target"], ascending=[False, True, True], kind="stable")
    candidates = list(zip(counts["source"].head(50 * n), counts["target"].head(50 * n)))
    sector = model.dataset.roles["sector"]
    # Variety first: each example from a different role into a different sector, not 'other'.
    chosen, sources, sectors = [], set(), {"other"}
    for source, target in candidates:
        if len(chosen) < n and source not in sources and sector[target] not in sectors:
            chosen.append((source, target))
            sources.add(source)
            sectors.add(sector[target])
    chosen += [pair for pair in candidates if pair not in chosen][: n - len(chosen)]
    return tuple(chosen)


# ---- the figure and its words ----------------------------------------------------------------


def _wrap(pieces, width=40):
    """Pieces joined by spaces, broken into lines (``<br>``) between pieces, for the axis labels."""
    lines = [""]
    for piece in pieces:
        if lines[-1] and len(lines[-1]) + 1 + len(piece) > width:
            lines.append(piece)
        else:
            lines[-1] = f"{lines[-1]} {piece}".strip()
    return "<br>".join(lines)


def _axis_label(model, row):
    titles = [_title(model, role) for role in row.roles]
    return _wrap([f"Route {row.route}:", *(f"{title} →" for title in titles[:-1]), titles[-1]])


def figure_height(model, table):
    """Pixels for the bar chart: room for each route's label, one role a line."""
    lines = [_axis_label(model, row).count("<br>") + 1 for row in table.itertuples()]
    return 110 + sum(max(70, 24 * count + 16) for count in lines)


def routes_figure(model, table):
    """A horizontal bar of each route's chance (withheld chances labelled, never drawn as zero)."""
    labels = [_axis_label(model, row) for row in table.itertuples()]
    shown = [None if _withheld(row.chance) else 100 * row.chance for row in table.itertuples()]
    texts = ["" if _withheld(row.chance) else chance_text(row.chance) for row in table.itertuples()]
    hover = [
        [
            row.label,
            chance_text(row.chance),
            count_text(row.people, model.rules),
            time_text(row.years, row.people),
        ]
        for row in table.itertuples()
    ]
    figure = go.Figure(
        go.Bar(
            x=shown,
            y=labels,
            orientation="h",
            marker={"color": "#0072B2", "line": {"color": "#1b1b1b", "width": 1}},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=hover,
            hovertemplate="%{customdata[0]}<br>Chance: %{customdata[1]}<br>People who took it: "
            "%{customdata[2]}<br>Typical time: %{customdata[3]}<extra></extra>",
        )
    )
    for label, value in zip(labels, shown):
        if value is None:
            figure.add_annotation(
                x=0, y=label, text=HIDDEN, showarrow=False, xanchor="left", font={"size": 15}
            )
    largest = max((value for value in shown if value is not None), default=0)
    figure.update_layout(
        template="plotly_white",
        font={"size": 15, "color": "#1b1b1b"},
        margin={"l": 10, "r": 30, "t": 10, "b": 60},
        height=figure_height(model, table),
        showlegend=False,
        xaxis={"title": {"text": "Chance of following the route (%)"}, "range": [0, largest * 1.6 or 100]},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure


def display_table(model, table):
    """The chart's numbers as display strings."""
    return pd.DataFrame(
        [
            [
                f"{row.route}. {row.label}",
                str(row.steps),
                HIDDEN if _withheld(row.chance) else _percent(row.chance),
                HIDDEN if _withheld(row.chance) else chance_in_words(row.chance),
                count_text(row.people, model.rules),
                time_text(row.years, row.people),
            ]
            for row in table.itertuples()
        ],
        columns=TABLE_COLUMNS,
    )


def _chance_sentence(model, source, probability, verb="followed it", step=False):
    if _withheld(probability):
        if step:
            return f"too few people held the role {_title(model, source)} to give the chance of this move"
        return "too few people held the roles along it to put a number on its chance"
    return f"of everyone who held the role {_title(model, source)}, {chance_text(probability)} {verb}"


def _count(model, count, noun, plural=None):
    """'1 answer', '6 answers', 'fewer than 5 answers'."""
    shown = count_text(count, model.rules)
    return f"{shown} {noun if shown == '1' else plural or noun + 's'}"


def _count_people(model, people):
    return _count(model, people, "person", "people")


def _people_sentence(model, people):
    if not pd.isna(people) and people == 0:
        return "nobody took exactly this route: it joins moves made by different people"
    return f"{_count_people(model, people)} took exactly this route"


def routes_summary(model, source, target, table, state):
    """One paragraph in plain English from the routes' protected numbers."""
    avoiding = (
        "" if state["avoid"] == "none" else f" avoiding {SECTOR_LABELS.get(state['avoid'], state['avoid'])}"
    )
    count = len(table)
    first = table.iloc[0]
    if count < state["k"]:
        lead = "the data show " + ("one route" if count == 1 else f"{count} routes")
    else:
        # There may be more routes than the k asked for.
        lead = "here is the most likely route" if count == 1 else f"here are the {count} most likely routes"
    text = (
        f"From {_title(model, source)} to {_title(model, target)}, {lead} "
        f"of at most {state['steps']} steps{avoiding}. "
        f"The most likely is {first['label']}: {_chance_sentence(model, source, first['chance'])}; "
        f"{_people_sentence(model, first['people'])}"
    )
    if first["years"] is not None and not pd.isna(first["years"]):
        text += f", taking {years_text(first['years'])}"
    text += "."
    if count > 1:
        second = table.iloc[1]
        text += f" Next is {second['label']}"
        text += "." if _withheld(second["chance"]) else f", with a chance of {chance_text(second['chance'])}."
    return text


# ---- the components --------------------------------------------------------------------------


def _link(model, state, text, class_name=None, **changes):
    return dcc.Link(text, href=_address(model, state, **changes), className=class_name)


def _safe_url(url):
    return isinstance(url, str) and url.startswith(URL_SCHEMES)


def barrier_list(model, source, target):
    """The barrier statements on which people who made one move differ most from everyone."""
    barriers = cached_step_barriers(model, source, target)
    heading = html.P(
        html.Strong("Barriers: where people who made this move differ from everyone"), className="mb-1"
    )
    if barriers.empty:
        least = model.rules.min_denominator
        reason = (
            f"Not shown: fewer than {least} of their answers to each statement."
            if least > 1
            else "None of them answered the barrier statements."
        )
        return html.Div([heading, html.P(reason, className="mb-2")])
    items = [
        html.Li(
            [
                f"{percent_text(row.percent)} of their {_count(model, row.n, 'answer')} agreed that ",
                html.Q(row.statement),
                "" if pd.isna(row.percent_all) else f" (everyone: {percent_text(row.percent_all)})",
            ]
        )
        for row in barriers.itertuples()
    ]
    return html.Div([heading, html.Ul(items, className="mb-2")])


def advice_list(model, source, target):
    """1-2 resources for the move, and links into the advice library with filters set."""
    shown = cached_step_barriers(model, source, target)
    themes = tuple(dict.fromkeys(shown["theme"].dropna()))
    chosen = cached_step_advice(model, target, themes)
    items = [
        html.Li(
            [
                html.A(row.title, href=row.url, rel="noopener noreferrer")
                if _safe_url(row.url)
                else row.title,
                f" ({row.provider})" if isinstance(row.provider, str) and row.provider else "",
            ]
        )
        for row in chosen.itertuples()
    ]
    more = [dcc.Link(f"More advice for {_title(model, target)}", href=f"/advice?role={target}")]
    # 'Advice on other' says nothing; the role's link covers it.
    for theme in (theme for theme in themes if theme != "other"):
        more += [
            " · ",
            dcc.Link(f"Advice on {THEME_LABELS.get(theme, theme).lower()}", href=f"/advice?theme={theme}"),
        ]
    return html.Div(
        [
            html.P(html.Strong("Advice that helps"), className="mb-1"),
            html.Ul(items, className="mb-1")
            if items
            else html.P("No resource in the library is tagged for it yet."),
            html.P(more, className="mb-0"),
        ]
    )


def step_item(model, step):
    """One step of a route: its roles, chance, people, years, barriers and advice."""
    source, target = step.source, step.target
    facts = (
        f"{_count_people(model, step.people)} made this move; "
        f"{_chance_sentence(model, source, step.chance, 'moved on to it', step=True)}. "
        f"Typical time from starting as {_title(model, source)}: {time_text(step.years, step.people)}."
    )
    colour = SECTOR_COLOURS.get(model.graph.nodes[target].get("sector"), SECTOR_COLOURS["other"])
    return html.Li(
        [
            html.H4(
                f"Step {step.step}: {_role_label(model, source)} → {_role_label(model, target)}",
                className="h6 fw-bold",
            ),
            html.P(facts[0].upper() + facts[1:], className="mb-2"),
            barrier_list(model, source, target),
            advice_list(model, source, target),
        ],
        className="route-step mb-3 ps-3",
        style={"borderLeft": f"6px solid {colour}"},
    )


def route_card(model, row):
    """A card for one route: its chance, people and years, then each step."""
    years = (
        f"Typical time from starting as {_title(model, row.roles[0])} to starting as "
        f"{_title(model, row.roles[-1])}: {time_text(row.years, row.people)}."
    )
    chance = _chance_sentence(model, row.roles[0], row.chance, verb="followed this route")
    people = _people_sentence(model, row.people)
    steps = step_table(model, row.roles)
    return html.Li(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H3(f"Route {row.route}: {row.label}", className="h5"),
                    html.Ul(
                        [
                            html.Li(chance[0].upper() + chance[1:] + "."),
                            html.Li(people[0].upper() + people[1:] + "."),
                            html.Li(years),
                        ],
                        className="mb-3",
                    ),
                    html.Ol(
                        [step_item(model, step) for step in steps.itertuples()], className="list-unstyled"
                    ),
                ]
            )
        ),
        className="mb-3",
    )


def explainer(model, state):
    """What the page does, and three example routes from the data."""
    examples = [
        html.Li(
            _link(model, state, f"{_title(model, a)} to {_title(model, b)}", **{"from": a, "to": b}),
        )
        for a, b in example_pairs(model)
    ]
    return html.Div(
        [
            html.H2("How it works", className="h4"),
            html.P(
                "A route is a chain of moves that people in the data made, one after another. Its chance is "
                "the share of people in each role who moved on to the next, multiplied along the route: "
                "so a chance of about 1 in 5 means that, of everyone who held the first role, about 1 in 5 "
                "would be expected to follow the whole route."
            ),
            html.H2("Try an example", className="h4"),
            html.Ul(examples, id=ids.ROUTES_EXAMPLES)
            if examples
            else html.P("These data have no long moves yet."),
        ]
    )


def unknown_notice(model, state, name, error):
    """A friendly notice for a role in the address that this dataset does not have."""
    suggestions = [
        # alert-link: the alert's own dark colour, as a plain link is too pale on the alert.
        html.Li(_link(model, state, _role_label(model, role), "alert-link", **{name: role}))
        for role in error.suggestions
    ]
    which = "the role you hold" if name == "from" else "the role you want"
    return dbc.Alert(
        [
            html.P(f"We could not find {which}, “{error.role_id}”, in these data.", className="mb-1"),
            html.Div([html.P("Did you mean:", className="mb-1"), html.Ul(suggestions, className="mb-1")])
            if suggestions
            else html.P("Please choose it from the list above.", className="mb-0"),
        ],
        color="info",
        id=f"{ids.ROUTES_NOTICE}-{name}",
    )


def no_route(model, state, source, target, alternatives):
    """A plain 'no route' answer with ways to relax the search and the nearest roles."""
    avoiding = "" if state["avoid"] == "none" else f", avoiding {SECTOR_LABELS.get(state['avoid'])}"
    relax = []
    if state["steps"] < MAX_STEPS and cached_routes(model, source, target, 1, MAX_STEPS, state["avoid"])[0]:
        relax.append(html.Li(_link(model, state, f"Allow up to {MAX_STEPS} steps", steps=MAX_STEPS)))
    if state["avoid"] != "none" and cached_routes(model, source, target, 1, state["steps"], "none")[0]:
        relax.append(
            html.Li(_link(model, state, f"Stop avoiding {SECTOR_LABELS.get(state['avoid'])}", avoid="none"))
        )
    nearest = [
        html.Li(
            [
                _link(model, state, _role_label(model, route.roles[-1]), to=route.roles[-1]),
                f", by {' → '.join(_title(model, r) for r in route.roles)}: "
                f"{chance_text(_chance(model, route.roles))}",
            ]
        )
        for route in alternatives
    ]
    return html.Div(
        [
            dbc.Alert(
                [
                    html.H2("No route found", className="h4"),
                    html.P(
                        f"In these data nobody's moves lead from {_title(model, source)} "
                        f"to {_title(model, target)} in {state['steps']} steps or fewer{avoiding}.",
                        className="mb-0",
                    ),
                ],
                color="warning",
                id=ids.ROUTES_NOTICE,
            ),
            html.Div([html.H3("Try a wider search", className="h5"), html.Ul(relax)]) if relax else None,
            html.H3("The nearest roles you can reach", className="h5"),
            html.Ul(nearest)
            if nearest
            else html.P(f"No other role can be reached from {_title(model, source)} in these data either."),
        ]
    )


def content(model, query, rest=""):
    """The routes for the state, or the explanation, a notice, or the 'no route' answer."""
    state, _ = _state(model, query)
    return cached_content(model, *(state[name] for name in ("from", "to", "steps", "avoid", "k")))


@functools.lru_cache(maxsize=128)
def cached_content(model, source_id, target_id, steps, avoid, k):
    """The content for one state, built once: its parts are never changed after they are made."""
    state = {"from": source_id, "to": target_id, "steps": steps, "avoid": avoid, "k": k}
    (source, _), (target, _) = role_state(model, state["from"]), role_state(model, state["to"])
    if not (source and target):
        return html.Div(explainer(model, state))
    if source == target:
        return html.Div(
            [html.P("Choose two different roles to see the routes between them."), explainer(model, state)]
        )
    routes, alternatives = cached_routes(model, source, target, state["k"], state["steps"], state["avoid"])
    if not routes:
        return no_route(model, state, source, target, alternatives)
    table = route_table(model, routes)
    summary = routes_summary(model, source, target, table, state)
    chart = chart_figure(
        ids.ROUTES_CHART,
        routes_figure(model, table),
        f"The chance of each route from {_title(model, source)} to {_title(model, target)}",
        summary,
        display_table(model, table),
        csv_href(model, SLUG, encode_state(fields(model), state)),
        model.info.source or model.info.name,
        graph_style={"height": f"{figure_height(model, table)}px"},
    )
    return html.Div(
        [
            html.H2(
                f"Routes from {_role_label(model, source)} to {_role_label(model, target)}", className="h3"
            ),
            chart,
            html.H2("Each route, step by step", className="h3 mt-4"),
            html.Ol(
                [route_card(model, row) for row in table.itertuples()],
                className="list-unstyled",
                id=ids.ROUTES_LIST,
            ),
        ]
    )


def role_select(model, control_id, label, value):
    """A labelled select of every role, by sector; 'Choose a role' until one is chosen.

    Not :func:`layouts.controls.select`: dbc.Select puts its own empty placeholder option
    first, which hides an option of value "" behind a blank box.
    """
    valid = {role for role, _ in model.role_choices}
    return html.Div(
        [
            dbc.Label(label, html_for=control_id, className="fw-semibold"),
            dbc.Select(
                id=control_id,
                options=[
                    {"label": _role_label(model, role), "value": role} for role, _ in model.role_choices
                ],
                value=value if value in valid else "",
                placeholder="Choose a role",
            ),
        ],
        className="mb-3",
    )


def controls(model, state):
    """The two role selects and the search options, set from the state."""
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(role_select(model, ids.ROUTES_FROM, "The role you hold", state["from"]), md=6),
                    dbc.Col(role_select(model, ids.ROUTES_TO, "The role you want", state["to"]), md=6),
                ]
            ),
            dbc.Row(
                [
                    dbc.Col(
                        select(
                            ids.ROUTES_STEPS,
                            "Most steps in a route",
                            [(str(n), str(n)) for n in range(MIN_STEPS, MAX_STEPS + 1)],
                            str(state["steps"]),
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        select(
                            ids.ROUTES_AVOID,
                            "A sector to avoid",
                            [("none", "None")] + [(s, SECTOR_LABELS.get(s, s)) for s in _sectors(model)],
                            state["avoid"],
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        select(
                            ids.ROUTES_K,
                            "How many routes to show",
                            [(str(n), str(n)) for n in range(1, MAX_K + 1)],
                            str(state["k"]),
                        ),
                        md=4,
                    ),
                ]
            ),
        ],
        className="routes-controls",
    )


def layout(model, query=None, rest=""):
    """The route finder page."""
    state, messages = _state(model, query)
    # Outside the content: the controls' callback redraws the content, with the unknown role
    # dropped from the address, as soon as the page is on screen.
    unknown = [
        unknown_notice(model, state, name, error)
        for name in ("from", "to")
        if (error := role_state(model, state[name])[1]) is not None
    ]
    return html.Div(
        [
            page_header(TITLE, INTRO),
            notices(messages),
            *unknown,
            controls(model, state),
            html.Div(content(model, query, rest), id=CONTENT_ID, **{"aria-live": "polite"}),
        ]
    )
