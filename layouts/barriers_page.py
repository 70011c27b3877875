"""Barriers: agreement with each barrier statement by theme, for a group or two groups side by side.

The numbers come from :mod:`pathways.barriers` with the dataset's disclosure
rules, so counts are rounded or hidden and percentages withheld before
anything is drawn (figures and words: :mod:`layouts.barriers_charts`). The
address holds the view: ``sector``, ``stage``, one people ``attribute`` and
its ``value``, and ``compare`` with groups ``a`` and ``b``.
"""

from functools import lru_cache
from urllib.parse import urlencode

import pandas as pd
from dash import dcc, html

from layouts import ids
from layouts.barriers_charts import (
    agreement_display,
    agreement_figure,
    agreement_summary,
    comparison_display,
    comparison_figure,
    comparison_summary,
    theme_display,
    theme_figure,
    theme_summary_text,
)
from layouts.chart import chart_figure, csv_href
from layouts.controls import notices, page_header, select
from pathways.barriers import COMPARE_COLUMNS, barrier_table, compare_groups, theme_summary
from pathways.disclosure import format_count_short
from pathways.schema import SECTOR_LABELS, SECTORS, STAGE_LABELS, STAGES, THEME_LABELS, THEMES
from pathways.viewstate import Field, decode_state, encode_state

PATH = "/barriers"
TITLE = "Barriers"
NAV_LABEL = "Barriers"
NAV_ORDER = 50
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True
SLUG = "barriers"
CONTENT_ID = ids.BARRIERS_CONTENT
STATE_NAMES = ("sector", "stage", "attribute", "value", "compare", "a", "b")
# The controls' value for "no filter" (the address leaves the field out): dbc.Select shows an empty
# placeholder, not the option, when the value is "".
ANY = "__any__"
CONTROLS = [
    (ids.BARRIERS_SECTOR, "value"),
    (ids.BARRIERS_STAGE, "value"),
    (ids.BARRIERS_ATTRIBUTE, "value"),
    (ids.BARRIERS_VALUE, "value"),
    (ids.BARRIERS_COMPARE, "value"),
    (ids.BARRIERS_GROUP_A, "value"),
    (ids.BARRIERS_GROUP_B, "value"),
]
AGREEMENT_COLUMNS = [
    "barrier_id",
    "statement",
    "theme",
    "group",
    "n",
    "agree",
    "percent",
    "ci_low",
    "ci_high",
]
COMPARISON_COLUMNS = [
    "barrier_id", "statement", "theme", "group_a", "n_a", "agree_a", "percent_a",
    "group_b", "n_b", "agree_b", "percent_b", "difference", "ci_low", "ci_high",
]  # fmt: skip
THEME_COLUMNS = ["theme", "sector", "n", "agree", "percent", "ci_low", "ci_high"]
INTRO = (
    "People who work with biomedical data said whether they agree with statements about their careers: "
    "recognition, contracts, progression and more. See how many agreed with each one, for everyone or for "
    "one group, compare two groups side by side, and find advice on each theme."
)


# The view state and its address


@lru_cache(maxsize=16)
def choices(model):
    """What the controls offer for this dataset.

    ``{"sector", "stage", "attribute", "compare": ((value, label), ...),
    "groups": {column: ((value, label), ...)}, "labels": {column: label},
    "pairs": {column: (a, b)}}``: only columns with at least two groups can be
    compared, and a comparison starts with the column's two largest groups.
    """
    people = model.dataset.people

    def present(column, order, labels):
        found = set(people[column].dropna().astype(str)) if column in people.columns else set()
        return tuple((code, labels[code]) for code in order if code in found)

    groups = {
        "sector": present("sector", SECTORS, SECTOR_LABELS),
        "stage": present("stage", STAGES, STAGE_LABELS),
    }
    labels = {"sector": "Sector", "stage": "Career stage"}
    for column, label in model.dataset.attributes.items():
        groups[column] = tuple((value, value) for value in model.attribute_values.get(column, ()))
        labels[column] = label
    sizes = {column: people[column].astype("str").value_counts() for column in groups if column in people}
    pairs = {
        column: tuple(sorted(_codes(values), key=lambda code: -sizes[column].get(code, 0))[:2])
        for column, values in groups.items()
        if len(values) >= 2
    }
    return {
        "pairs": pairs,
        "sector": groups["sector"],
        "stage": groups["stage"],
        "attribute": tuple(model.dataset.attributes.items()),
        "compare": tuple((column, labels[column]) for column in labels if len(groups[column]) >= 2),
        "groups": groups,
        "labels": labels,
    }


def _codes(pairs):
    return tuple(code for code, _ in pairs)


def fields(model):
    """The page's address fields; ``value``, ``a`` and ``b`` are checked by :func:`read_state`."""
    offered = choices(model)
    return [
        Field("sector", "", _codes(offered["sector"]), label="sector"),
        Field("stage", "", _codes(offered["stage"]), label="career stage"),
        Field("attribute", "", _codes(offered["attribute"]), label="people attribute"),
        Field("value", "", label="group"),
        Field("compare", "", _codes(offered["compare"]), label="comparison"),
        Field("a", "", label="group A"),
        Field("b", "", label="group B"),
    ]


def read_state(model, query):
    """``(state, notices)``: the complete state of a query dict, a notice per value set aside.

    A group that the chosen column does not have falls back (``value`` to
    everyone, ``a`` and ``b`` to the column's two largest groups). Two equal
    groups are kept: the page then asks for two different ones.
    """
    state, messages = decode_state(fields(model), query or {})
    groups, pairs = choices(model)["groups"], choices(model)["pairs"]
    attribute, compare = state["attribute"], state["compare"]
    if state["value"] and state["value"] not in _codes(groups.get(attribute, ())):
        reason = f"no one has that {attribute}" if attribute else "choose a people attribute first"
        messages.append(f"Ignored group {state['value']!r} in the address: {reason}.")
        state["value"] = ""
    for position, side in enumerate(("a", "b")):
        value = state[side]
        if compare and value in _codes(groups[compare]):
            continue
        if value:
            reason = f"no one has that {compare}" if compare else "choose what to compare by first"
            messages.append(f"Ignored group {side.upper()} {value!r} in the address: {reason}.")
        state[side] = pairs[compare][position] if compare else ""
    return state, messages


def to_query(model, *values):
    """The query string for the controls' values, in ``CONTROLS`` order."""
    raw = {name: "" if value in (None, ANY) else str(value) for name, value in zip(STATE_NAMES, values)}
    return encode_state(fields(model), read_state(model, raw)[0])


def filters(model, state):
    """``(where, notes)``: the people the view keeps, and a note for each filter set aside.

    Comparing by a column sets aside the filter on that column; comparing by a
    people attribute sets aside the attribute filter, so that at most one
    people attribute splits a view at a time (``quality.md``).
    """
    labels = choices(model)["labels"]
    where, notes = {}, []
    compare = state["compare"]
    for column in ("sector", "stage"):
        if state[column] and compare == column:
            notes.append(f"While comparing by {labels[column].lower()}, its filter is set aside.")
        elif state[column]:
            where[column] = state[column]
    attribute, value = state["attribute"], state["value"]
    if attribute and value and compare and compare not in ("sector", "stage"):
        notes.append(
            f"While comparing by {labels[compare].lower()}, the filter {labels[attribute].lower()} = {value} "
            "is set aside: to protect the people who answered, one people attribute splits a view at most."
        )
    elif attribute and value:
        where[attribute] = value
    return where, notes


def group_label(model, column, value):
    """How a group reads: 'Academia' for the sector code 'academia', attribute values as given."""
    return dict(choices(model)["groups"].get(column, ())).get(value, value)


def describe_where(model, where):
    """The people a filter keeps, in words.

    'everyone who answered', or e.g. 'people in Academia at the Early career
    stage with gender: woman'.
    """
    if not where:
        return "everyone who answered"
    words = {"sector": "in {}", "stage": "at the {} stage"}
    labels = choices(model)["labels"]
    parts = [
        words[column].format("the NHS" if value == "nhs" else group_label(model, column, value))
        if column in words
        else f"with {labels[column].lower()}: {value}"
        for column, value in where.items()
    ]
    return "people " + " ".join(parts)


def comparing(state):
    """True when the state compares two different groups."""
    return bool(state["compare"] and state["a"] and state["b"] and state["a"] != state["b"])


# The numbers, cached per model and state


def _counts(model):
    # The per-dataset table every barrier number sums, kept on the model (pathways.model).
    return model.answer_counts


def _key(where):
    return tuple(sorted(where.items()))


def _with_items(model, table):
    items = model.dataset.barrier_items
    table = table.copy()
    table.insert(1, "statement", table["barrier_id"].map(items["statement"]).to_numpy())
    table.insert(2, "theme", table["barrier_id"].map(items["theme"]).to_numpy())
    rank = table["theme"].map({theme: i for i, theme in enumerate(THEMES)})
    return (
        table.assign(_rank=rank)
        .sort_values("_rank", kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


@lru_cache(maxsize=256)
def agreement_rows(model, where_key):
    """Protected agreement per statement, grouped by theme, for the people ``where_key`` keeps."""
    table = barrier_table(
        model.dataset, where=dict(where_key) or None, rules=model.rules, counts=_counts(model)
    )
    return _with_items(model, table)


@lru_cache(maxsize=256)
def comparison_rows(model, where_key, column, group_a, group_b):
    """Protected comparison of two groups per statement, with each group's Wilson interval."""
    where = dict(where_key) or None
    counts = _counts(model)
    by_group = barrier_table(model.dataset, by=column, where=where, rules=model.rules, counts=counts)
    if not by_group["group"].isin([str(group_a), str(group_b)]).any():
        # compare_groups fails on two groups with no answers at all; there is nothing to compare.
        empty = {column: pd.Series(dtype="float64") for column in COMPARE_COLUMNS[1:]}
        return _with_items(model, pd.DataFrame({"barrier_id": pd.Series(dtype="object"), **empty}))
    compared = compare_groups(model.dataset, column, group_a, group_b, where, model.rules, counts=counts)
    table = _with_items(model, compared)
    for side, group in (("a", group_a), ("b", group_b)):
        bounds = by_group[by_group["group"] == str(group)].set_index("barrier_id")
        for bound in ("ci_low", "ci_high"):
            table[f"{bound}_{side}"] = table["barrier_id"].map(bounds[bound]).astype("float64").to_numpy()
    return table


@lru_cache(maxsize=256)
def theme_rows(model, where_key):
    """Protected agreement per theme and sector (the overview) for the people ``where_key`` keeps."""
    where = dict(where_key) or None
    return theme_summary(model.dataset, by="sector", where=where, rules=model.rules, counts=_counts(model))


def _without_sector(where):
    return {column: value for column, value in where.items() if column != "sector"}


# Controls


def _option_dicts(pairs):
    return [{"label": label, "value": value} for value, label in pairs]


def value_options(model, attribute):
    """The group select's ``(value, label)`` pairs for a people attribute, 'Everyone' first."""
    if attribute in (None, "", ANY):
        return ((ANY, "Choose a people attribute first"),)
    return ((ANY, "Everyone"), *choices(model)["groups"].get(attribute, ()))


def group_options(model, compare):
    """Group A's and B's ``(value, label)`` pairs for the column compared by."""
    if compare in (None, "", ANY):
        return ((ANY, "Choose what to compare by first"),)
    return choices(model)["groups"].get(compare, ())


def value_choices(model, attribute):
    """For the callback: the group select's options and value after the attribute changes."""
    return _option_dicts(value_options(model, attribute)), ANY


def group_choices(model, compare):
    """For the callback: A's and B's options and values (the two largest groups) after ``compare`` changes."""
    options = _option_dicts(group_options(model, compare))
    first, second = choices(model)["pairs"].get(compare, (ANY, ANY))
    return options, first, options, second


CONTROL_LABELS = {
    "sector": "Sector",
    "stage": "Career stage",
    "attribute": "People attribute",
    "value": "Group",
    "compare": "Compare by",
    "a": "Group A",
    "b": "Group B",
}
FIRST_OPTIONS = {
    "sector": "All sectors",
    "stage": "All stages",
    "attribute": "None",
    "compare": "Don't compare",
}


def controls(model, state):
    """The filters and the comparison, labelled, with the state's values."""
    offered = choices(model)
    options = {name: [(ANY, first), *offered[name]] for name, first in FIRST_OPTIONS.items()}
    options["value"] = value_options(model, state["attribute"])
    options["a"] = options["b"] = group_options(model, state["compare"])
    control_ids = dict(zip(STATE_NAMES, (control for control, _ in CONTROLS)))

    def row(names):
        width = f"col-sm-6 col-lg-{12 // len(names)}"
        help_text = {"attribute": "One at a time, to protect the people who answered."}
        return html.Div(
            [
                html.Div(
                    select(control_ids[n], CONTROL_LABELS[n], options[n], state[n] or ANY, help_text.get(n)),
                    className=width,
                )
                for n in names
            ],
            className="row",
        )

    return html.Section(
        [
            html.H2("Whose answers", className="h4"),
            row(("sector", "stage", "attribute", "value")),
            html.H2("Compare two groups side by side", className="h4"),
            row(("compare", "a", "b")),
        ],
        className="barriers-controls mb-3",
        **{"aria-label": "Choose whose answers to show"},
    )


# The page


def _source(model):
    info = model.info
    text = info.name + (f" ({info.source})" if info.source else "")
    return text + (". Illustrative synthetic data, not real people." if info.is_synthetic else ".")


def _download_href(model, state, extra=""):
    # The download route picks the dataset from the address too, so a non-default one is kept.
    extras = [
        part for part in (extra, urlencode({"dataset": state.get("dataset") or ""})) if part != "dataset="
    ]
    query = encode_state(fields(model), state)
    for part in filter(None, extras):
        query += ("&" if query else "?") + part
    return csv_href(model, SLUG, query)


def protection_note(rules):
    """How the numbers are protected, in plain words."""
    intervals = (
        "The whiskers show 95% intervals: the range the true share probably lies in, given how many answered."
    )
    if rules.min_count <= 1 and rules.round_to <= 1 and rules.min_denominator <= 1:
        return f"These numbers are exact: disclosure control is off for this dataset. {intervals}"
    return (
        f"To protect the people who answered, counts are rounded to the nearest {rules.round_to} and counts "
        f"under {rules.min_count} are not shown. Percentages come from the exact counts and are shown only "
        f"with at least {rules.min_denominator} answers. {intervals}"
    )


ADVICE_TOPICS = {"other": "other barriers"}


def advice_links(themes):
    """'Advice on recognition' links into the advice library, one per theme shown."""
    links = [
        html.Li(
            dcc.Link(
                f"Advice on {ADVICE_TOPICS.get(t, THEME_LABELS.get(t, t).lower())}", href=f"/advice?theme={t}"
            ),
            className="me-3",
        )
        for t in themes
    ]
    return html.Section(
        [
            html.H2("Where to get help", className="h4"),
            html.Ul(links, className="list-inline d-flex flex-wrap"),
        ],
        id=ids.BARRIERS_ADVICE,
    )


def _comparison_chart(model, state, where):
    compare = state["compare"]
    name_a, name_b = group_label(model, compare, state["a"]), group_label(model, compare, state["b"])
    rows = comparison_rows(model, _key(where), compare, state["a"], state["b"])
    if rows.empty:
        who = describe_where(model, where)
        return html.P(
            f"Neither {name_a} nor {name_b} has answers among {who}.", className="alert alert-info"
        ), rows
    figure = comparison_figure(rows, name_a, name_b, model.rules)
    chart = chart_figure(
        ids.BARRIERS_COMPARISON,
        figure,
        f"Agreement with each barrier statement: {name_a} (A) and {name_b} (B) by "
        f"{choices(model)['labels'][compare].lower()}, {describe_where(model, where)}",
        comparison_summary(rows, name_a, name_b, model.rules),
        comparison_display(rows, name_a, name_b, model.rules),
        _download_href(model, state),
        _source(model),
        graph_style={"height": f"{figure['layout']['height']}px"},
    )
    return chart, rows


def _agreement_chart(model, state, where):
    rows = agreement_rows(model, _key(where))
    if rows.empty:
        return html.P(
            f"No one among {describe_where(model, where)} answered.", className="alert alert-info"
        ), rows
    figure = agreement_figure(rows, model.rules)
    chart = chart_figure(
        ids.BARRIERS_AGREEMENT,
        figure,
        f"Agreement with each barrier statement, {describe_where(model, where)}",
        agreement_summary(rows, describe_where(model, where), model.rules),
        agreement_display(rows, model.rules),
        _download_href(model, state),
        _source(model),
        graph_style={"height": f"{figure['layout']['height']}px"},
    )
    return chart, rows


def _theme_chart(model, state, where):
    overview = _without_sector(where)
    table = theme_rows(model, _key(overview))
    if table.empty:
        return None
    figure = theme_figure(table, model.rules)
    return html.Section(
        [
            html.H2("Overview: themes by sector", className="h4 mt-4"),
            chart_figure(
                ids.BARRIERS_THEMES,
                figure,
                f"Agreement with the statements of each theme, by sector, {describe_where(model, overview)}",
                theme_summary_text(table, model.rules),
                theme_display(table, model.rules),
                _download_href(model, state, "table=themes"),
                _source(model),
                graph_style={"height": f"{figure['layout']['height']}px"},
            ),
        ]
    )


def content(model, query, rest=""):
    """The charts for the state in ``query``: agreement (or the comparison), advice, the overview."""
    if model.dataset.barrier_responses.empty:
        return html.P("This dataset has no answers about barriers.", className="alert alert-info")
    state, _ = read_state(model, query)
    state["dataset"] = (query or {}).get("dataset", "")
    where, notes = filters(model, state)
    if state["compare"] and state["a"] == state["b"]:
        notes.append("Group A and group B are the same: choose two different groups to compare.")
    chart, rows = (_comparison_chart if comparing(state) else _agreement_chart)(model, state, where)
    themes = list(dict.fromkeys(rows["theme"]))
    return html.Div(
        [
            html.Div(
                [html.P(note, className="mb-1") for note in notes],
                id=ids.BARRIERS_MESSAGES,
                className="alert alert-info",
            )
            if notes
            else None,
            chart,
            html.P(protection_note(model.rules), className="small"),
            advice_links(themes) if themes else None,
            _theme_chart(model, state, where),
        ]
    )


def layout(model, query=None, rest=""):
    """The Barriers page: heading, notices about the address, controls, and the charts."""
    state, messages = read_state(model, query or {})
    return html.Div(
        [
            page_header("Barriers", INTRO),
            notices(messages),
            controls(model, state),
            html.Div(content(model, query or {}, rest), id=CONTENT_ID, **{"aria-live": "polite"}),
        ]
    )


# Downloads


def _protect_for_csv(frame, columns, rules):
    for column in columns:
        frame[column] = [format_count_short(value, rules) for value in frame[column]]
    for column in frame.columns:
        if column.startswith(("percent", "ci_", "difference")):
            frame[column] = pd.to_numeric(frame[column]).astype("float64").round(1)
    return frame


def download(model, query, rest=""):
    """The numbers of the current view, protected, as a tidy table.

    ``table=themes`` in the query gives the overview's numbers; otherwise the
    agreement per statement, or the comparison when two groups are compared.
    Hidden counts read ``<5``; withheld percentages are empty.
    """
    state, _ = read_state(model, query or {})
    where, _ = filters(model, state)
    rules = model.rules
    if (query or {}).get("table") == "themes":
        table = theme_rows(model, _key(_without_sector(where))).rename(columns={"group": "sector"})
        return _protect_for_csv(table[THEME_COLUMNS].copy(), ["n", "agree"], rules)
    if comparing(state):
        rows = comparison_rows(model, _key(where), state["compare"], state["a"], state["b"])
        frame = rows.assign(group_a=state["a"], group_b=state["b"])[COMPARISON_COLUMNS].copy()
        return _protect_for_csv(frame, ["n_a", "agree_a", "n_b", "agree_b"], rules)
    frame = agreement_rows(model, _key(where))[AGREEMENT_COLUMNS].copy()
    return _protect_for_csv(frame, ["n", "agree"], rules)
