"""The Barriers page on the tiny fixture: hand counts, suppression in words, the address, downloads.

Counted by hand from tests/fixtures/tiny/barrier_responses.csv (agreement is a
likert5 answer of 4 or 5, or a binary 1):

* recognised: 13 answers; 7 agree (p01 p02 p04 p08 p09 p10 p13).
  Women (p01 p03 p05 p06 p08 p11 p13): 7 answers, 3 agree (p01 p08 p13).
  Men (p02 p04 p07 p09 p10): 5 answers, 4 agree (p02 p04 p09 p10).
  Academia (last roles of p01 p05 p07 p08 p09): 5 answers, 3 agree (p01 p08 p09).
* fixed_term: 11 answers; 5 agree (p05 p07 p08 p09 p13). Academia: 5 answers, 4 agree.
  Industry (p02 p03 p04; p12 skipped it): 3 answers, none agree.
* promotion_clear: 6 answers; 1 agrees (p02). Academia: 5 answers, none agree. No one in the
  NHS (p06) answered it.
"""

import dataclasses
import itertools
import json
import math

import plotly
import plotly.graph_objects as go
import pytest

from layouts import barriers_charts as charts
from layouts import barriers_page as page
from layouts import ids
from pathways.disclosure_rules import RAW
from pathways.model import CareerModel

Z = 1.959963984540054


def wilson(agree, n):
    """The Wilson score 95% interval in percent, written out from Wilson (1927)."""
    p = agree / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z / denominator * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return 100 * max(centre - half, 0.0), 100 * min(centre + half, 1.0)


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


@pytest.fixture(scope="module")
def raw(tiny):
    return CareerModel.build(dataclasses.replace(tiny, info=dataclasses.replace(tiny.info, disclosure=RAW)))


def by_id(table):
    return table.set_index("barrier_id")


def find(component, component_id):
    """The component with ``component_id`` in a tree of Dash components, or None."""
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            found = find(child, component_id)
            if found is not None:
                return found
    return None


def text_of(component):
    """Every string in a component tree, joined."""
    return json.dumps(component.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)


# The numbers


def test_raw_agreement_matches_the_hand_counts_and_the_wilson_formula(raw):
    rows = by_id(page.agreement_rows(raw, ()))
    assert list(rows.index) == ["recognised", "fixed_term", "promotion_clear"]
    assert rows.loc["recognised", ["n", "agree"]].tolist() == [13, 7]
    assert rows.loc["fixed_term", ["n", "agree"]].tolist() == [11, 5]
    assert rows.loc["promotion_clear", ["n", "agree"]].tolist() == [6, 1]
    for barrier, agree, n in (("recognised", 7, 13), ("fixed_term", 5, 11), ("promotion_clear", 1, 6)):
        assert rows.loc[barrier, "percent"] == pytest.approx(100 * agree / n)
        assert (rows.loc[barrier, "ci_low"], rows.loc[barrier, "ci_high"]) == pytest.approx(wilson(agree, n))
    assert rows.loc["recognised", "statement"] == "My contribution is recognised by my institution"
    assert rows["theme"].tolist() == ["recognition", "contracts", "progression"]


def test_default_rules_round_counts_and_withhold_small_percentages(model):
    rows = by_id(page.agreement_rows(model, ()))
    # 13 answers show as 15, 7 agreements as 5; the percentage comes from the exact 7 of 13.
    assert rows.loc["recognised", ["n", "agree"]].tolist() == [15, 5]
    assert rows.loc["recognised", "percent"] == pytest.approx(700 / 13)
    # 6 answers: shown as 5, the single agreement hidden, no percentage or interval (fewer than 10 answers).
    assert rows.loc["promotion_clear", "n"] == 5
    assert rows["agree"].isna().tolist() == [False, False, True]
    assert math.isnan(rows.loc["promotion_clear", "percent"]) and math.isnan(
        rows.loc["promotion_clear", "ci_low"]
    )


def test_the_table_says_what_is_withheld_in_words(model):
    table = charts.agreement_display(page.agreement_rows(model, ()), model.rules)
    assert table.columns.tolist() == ["Theme", "Statement", "Answers", "Agreed", "Agreement", "95% interval"]
    assert table.iloc[0].tolist() == [
        "Recognition",
        "My contribution is recognised by my institution",
        "15",
        "5",
        "54%",
        "29% to 77%",
    ]
    assert table.iloc[2].tolist() == [
        "Progression",
        "The promotion process is clear to me",
        "5",
        "fewer than 5",
        "not shown: fewer than 10 answers",
        "",
    ]


def test_a_sector_filter_keeps_only_that_sectors_answers(raw, model):
    rows = by_id(page.agreement_rows(raw, (("sector", "academia"),)))
    assert rows.loc["recognised", ["n", "agree"]].tolist() == [5, 3]
    assert rows.loc["fixed_term", ["n", "agree"]].tolist() == [5, 4]
    protected = page.agreement_rows(model, (("sector", "academia"),))
    assert protected["percent"].isna().all()


# The figures


def test_the_agreement_figure_draws_dots_whiskers_labels_and_headings(model):
    rows = page.agreement_rows(model, ())
    figure = go.Figure(charts.agreement_figure(rows, model.rules))
    dots, labels, hidden = figure.data
    # A heading row above each theme: recognition at 0, its statement at 1, and so on.
    assert list(dots.y) == [1, 3]
    assert list(dots.x) == pytest.approx([700 / 13, 500 / 11])
    low, high = wilson(7, 13)
    assert dots.error_x.array[0] == pytest.approx(high - 700 / 13)
    assert dots.error_x.arrayminus[0] == pytest.approx(700 / 13 - low)
    assert list(labels.text) == ["54%", "45%"]
    assert list(hidden.y) == [5] and list(hidden.text) == ["not shown: fewer than 10 answers"]
    axis = figure.layout.yaxis
    assert list(axis.tickvals) == [0, 1, 2, 3, 4, 5]
    assert axis.ticktext[0] == "<b>RECOGNITION</b>"
    assert axis.ticktext[1] == "My contribution is recognised by my institution"
    assert charts.wrap("I can apply for research funding in my own name, or lead a grant") == (
        "I can apply for research funding in my own name,<br>or lead a grant"
    )
    assert (
        figure.layout.template.layout.to_plotly_json()
        == plotly.io.templates["plotly_white"].layout.to_plotly_json()
    )
    assert figure.layout.title.text is None
    assert figure.layout.font.size == 15


def test_the_same_state_draws_the_same_figure(model):
    first = page.layout(model, {"compare": "gender"})
    second = page.layout(model, {"compare": "gender"})
    assert text_of(first) == text_of(second)


def test_statements_are_escaped_before_plotly_reads_them_as_html():
    assert charts.wrap("a <b>bold</b> & claim") == "a &lt;b&gt;bold&lt;/b&gt; &amp; claim"
    assert charts.row_positions(["recognition", "recognition", "contracts"]) == (
        [1, 2, 4],
        {0: "recognition", 3: "contracts"},
    )


def test_overview_cells_write_their_numbers_or_why_they_have_none(raw, model):
    themes, sectors, z, text, _ = charts.theme_grid(page.theme_rows(raw, ()), raw.rules)
    assert themes == ["recognition", "contracts", "progression"]
    assert sectors == ["education", "academia", "nhs", "industry", "entrepreneurship"]
    cell = {(t, s): (z[i][j], text[i][j]) for i, t in enumerate(themes) for j, s in enumerate(sectors)}
    assert cell["recognition", "academia"] == (60.0, "60%")
    assert cell["contracts", "academia"] == (80.0, "80%")
    # Three industry answers, none agreeing: a real 0%, written as such.
    assert cell["contracts", "industry"] == (0.0, "0%")
    assert cell["progression", "nhs"] == (None, "no answers")
    figure = go.Figure(charts.theme_figure(page.theme_rows(raw, ()), raw.rules))
    labels = {(a.y, a.x): (a.text, a.font.color) for a in figure.layout.annotations}
    assert labels[0, 1] == ("<b>60%</b>", "#1b1b1b")
    # 80% is a dark blue: the number is written in white.
    assert labels[1, 1] == ("<b>80%</b>", "#ffffff")
    scale = figure.data[0].colorscale
    assert scale[0] == (0.0, "rgb(247,251,255)") and scale[-1] == (1.0, "rgb(8,48,107)")

    themes, sectors, z, text, _ = charts.theme_grid(page.theme_rows(model, ()), model.rules)
    assert all(value is None for row in z for value in row)
    assert text[0][1] == "fewer than 10 answers"
    figure = go.Figure(charts.theme_figure(page.theme_rows(model, ()), model.rules))
    cells = [annotation.text for annotation in figure.layout.annotations]
    assert len(cells) == len(themes) * len(sectors)
    assert cells.count("fewer than<br>10 answers") == 11 and cells.count("no answers") == 4
    assert list(figure.layout.xaxis.ticktext) == [
        "Education",
        "Academia",
        "NHS",
        "Industry",
        "Entrepreneurship",
    ]


def test_the_overview_summary_and_table(raw, model):
    table = page.theme_rows(raw, ())
    assert charts.theme_summary_text(table, raw.rules) == (
        "Agreement was highest with recognition statements in Entrepreneurship (100%) and lowest with "
        "recognition statements in Education (0%). 4 of 15 cells have too few answers and say so instead."
    )
    assert charts.theme_summary_text(page.theme_rows(model, ()), model.rules) == (
        "Every theme and sector has fewer than 10 answers here, so each cell says so instead of a number."
    )
    display = charts.theme_display(page.theme_rows(model, ()), model.rules)
    assert display.columns.tolist() == [
        "Theme",
        "Education",
        "Academia",
        "NHS",
        "Industry",
        "Entrepreneurship",
    ]
    assert display.iloc[2].tolist() == [
        "Progression",
        "no answers",
        "fewer than 10 answers",
        "no answers",
        "fewer than 10 answers",
        "no answers",
    ]


# Comparing two groups


def newcombe(agree_a, n_a, agree_b, n_b):
    """Newcombe's hybrid score interval for A minus B, in percentage points."""
    p1, p2 = 100 * agree_a / n_a, 100 * agree_b / n_b
    (l1, u1), (l2, u2) = wilson(agree_a, n_a), wilson(agree_b, n_b)
    d = p1 - p2
    return d, d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2)


def test_the_comparison_gives_both_groups_and_their_difference(raw):
    rows = by_id(page.comparison_rows(raw, (), "gender", "woman", "man"))
    recognised = rows.loc["recognised"]
    assert recognised[["n_a", "agree_a", "n_b", "agree_b"]].tolist() == [7, 3, 5, 4]
    assert recognised["percent_a"] == pytest.approx(300 / 7) and recognised["percent_b"] == pytest.approx(80)
    assert recognised[["difference", "ci_low", "ci_high"]].tolist() == pytest.approx(newcombe(3, 7, 4, 5))
    assert (recognised["ci_low_a"], recognised["ci_high_a"]) == pytest.approx(wilson(3, 7))
    assert (recognised["ci_low_b"], recognised["ci_high_b"]) == pytest.approx(wilson(4, 5))
    summary = charts.comparison_summary(rows.reset_index(), "woman", "man", raw.rules)
    assert summary == (
        "Comparing group A (woman) with group B (man), the widest gap was on "
        "\u201cMy contribution is recognised by my institution\u201d: 43% of group A agreed against 80% "
        "of group B, a difference of -37 points (95% interval -69 to +16 points). "
        "That interval includes zero, so the gap could be down to chance."
    )


def test_the_comparison_figure_has_both_groups_and_the_difference(raw):
    rows = page.comparison_rows(raw, (), "gender", "woman", "man")
    figure = go.Figure(charts.comparison_figure(rows, "woman", "man", raw.rules))
    names = [trace.name for trace in figure.data if trace.showlegend]
    assert names == ["woman (A)", "man (B)"]
    group_a = figure.data[0]
    assert list(group_a.y) == pytest.approx([0.82, 2.82, 4.82])
    assert group_a.marker.symbol == "circle" and figure.data[3].marker.symbol == "diamond"
    difference = next(trace for trace in figure.data if trace.xaxis == "x2" and trace.mode == "markers")
    assert difference.x[0] == pytest.approx(300 / 7 - 80)
    labels = next(
        trace for trace in figure.data if trace.xaxis == "x2" and trace.mode == "text" and trace.text
    )
    assert list(labels.text) == ["-37 points", "+10 points", "-33 points"]


def test_comparison_rows_too_small_to_compare_say_so(model):
    rows = page.comparison_rows(model, (), "gender", "woman", "man")
    figure = go.Figure(charts.comparison_figure(rows, "woman", "man", model.rules))
    notes = [a for a in figure.layout.annotations if a.text == "too few answers to compare"]
    assert [note.y for note in notes] == [1, 3, 5] and all(note.xref == "x2" for note in notes)
    hidden = [trace for trace in figure.data if trace.mode == "text" and trace.xaxis == "x" and trace.text]
    assert [list(trace.text) for trace in hidden] == [
        ["woman: fewer than 10 answers"] * 3,
        ["man: fewer than 10 answers"] * 3,
    ]


def test_a_comparison_of_small_groups_says_so(model):
    rows = page.comparison_rows(model, (), "gender", "woman", "man")
    assert rows["difference"].isna().all()
    assert charts.comparison_summary(rows, "woman", "man", model.rules) == (
        "No statement has 10 or more answers from both woman and man, so no differences are shown. "
        "3 statements had fewer than 10 answers in a group, so their gap is not shown."
    )
    table = charts.comparison_display(rows, "woman", "man", model.rules)
    assert table.iloc[0, 2:].tolist() == [
        "5",
        "not shown: fewer than 10 answers",
        "5",
        "not shown: fewer than 10 answers",
        "not shown",
        "",
    ]


# Summaries


def test_the_summary_names_the_extremes_and_counts_the_withheld(model):
    rows = page.agreement_rows(model, ())
    assert charts.agreement_summary(rows, "everyone who answered", model.rules) == (
        "Of everyone who answered, the statement most often agreed with was "
        "\u201cMy contribution is recognised by my institution\u201d (54% agreed); the one most often "
        "disagreed with was \u201cI am on a fixed-term contract\u201d (45% agreed). Agreement ranged "
        "from 45% to 54% across the 2 statements with enough answers. One statement had fewer than 10 "
        "answers, so its percentage is not shown."
    )
    academia = page.agreement_rows(model, (("sector", "academia"),))
    assert charts.agreement_summary(academia, "people in Academia", model.rules).startswith(
        "None of the 3 statements has 10 or more answers from people in Academia"
    )


def test_filters_are_described_in_words(model):
    assert page.describe_where(model, {}) == "everyone who answered"
    where = {"sector": "academia", "stage": "early", "gender": "woman"}
    assert (
        page.describe_where(model, where) == "people in Academia at the Early career stage with gender: woman"
    )


# The address


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?sector=academia",
        "?stage=early&attribute=contract&value=fixed-term",
        "?attribute=gender",
        "?compare=gender&a=woman&b=man",
        "?sector=industry&compare=contract&a=permanent&b=fixed-term",
        "?compare=sector&a=nhs&b=academia",
    ],
)
def test_the_address_round_trips(model, query):
    from layouts.router import parse_query

    state, messages = page.read_state(model, parse_query(query))
    assert messages == []
    assert page.to_query(model, *(state[name] for name in page.STATE_NAMES)) == query


@pytest.mark.parametrize(
    ("query", "expected", "notice"),
    [
        ({"sector": "moon"}, {"sector": ""}, "Ignored sector 'moon' in the address: unknown value 'moon'."),
        (
            {"value": "woman"},
            {"value": ""},
            "Ignored group 'woman' in the address: choose a people attribute first.",
        ),
        (
            {"attribute": "gender", "value": "dragon"},
            {"attribute": "gender", "value": ""},
            "Ignored group 'dragon' in the address: no one has that gender.",
        ),
        (
            {"compare": "shoe"},
            {"compare": "", "a": ""},
            "Ignored comparison 'shoe' in the address: unknown value 'shoe'.",
        ),
        (
            {"compare": "gender", "a": "dragon"},
            {"a": "woman", "b": "man"},
            "Ignored group A 'dragon' in the address: no one has that gender.",
        ),
        (
            {"a": "woman"},
            {"a": ""},
            "Ignored group A 'woman' in the address: choose what to compare by first.",
        ),
    ],
)
def test_invalid_address_values_fall_back_with_a_notice(model, query, expected, notice):
    state, messages = page.read_state(model, query)
    assert messages == [notice]
    assert {name: state[name] for name in expected} == expected


def test_a_comparison_starts_with_the_two_largest_groups(model):
    state, _ = page.read_state(model, {"compare": "contract"})
    # 7 people are permanent, 5 fixed-term (p11 did not say).
    assert (state["a"], state["b"]) == ("permanent", "fixed-term")
    options, a, options_b, b = page.group_choices(model, "gender")
    assert (a, b) == ("woman", "man") and options == options_b
    assert [option["value"] for option in options] == ["man", "prefer not to say", "woman"]
    assert page.group_choices(model, page.ANY)[1] == page.ANY


def test_the_controls_no_filter_value_stays_out_of_the_address(model):
    any_ = page.ANY
    assert page.to_query(model, any_, any_, any_, any_, any_, any_, any_) == ""
    assert (
        page.to_query(model, "academia", None, "gender", any_, any_, any_, any_)
        == "?sector=academia&attribute=gender"
    )
    # A group left over from the previous attribute is dropped, not written.
    assert page.to_query(model, any_, any_, "contract", "woman", any_, any_, any_) == "?attribute=contract"
    options, value = page.value_choices(model, "contract")
    assert value == any_ and [o["label"] for o in options] == ["Everyone", "fixed-term", "permanent"]


def test_comparing_sets_aside_a_second_people_attribute(model):
    state, _ = page.read_state(
        model, {"sector": "academia", "attribute": "contract", "value": "permanent", "compare": "gender"}
    )
    where, notes = page.filters(model, state)
    assert where == {"sector": "academia"}
    assert notes == [
        "While comparing by gender, the filter contract = permanent is set aside: to protect the people who "
        "answered, one people attribute splits a view at most."
    ]
    state, _ = page.read_state(model, {"sector": "academia", "compare": "sector"})
    assert page.filters(model, state) == ({}, ["While comparing by sector, its filter is set aside."])


# The page


def test_the_layout_has_a_heading_notices_controls_and_live_content(model):
    component = page.layout(model, {"sector": "academia", "stage": "nowhen", "compare": "gender"})
    text = text_of(component)
    assert '"Barriers"' in text and "Ignored career stage 'nowhen'" in text
    assert find(component, ids.BARRIERS_SECTOR).value == "academia"
    assert find(component, ids.BARRIERS_STAGE).value == page.ANY
    assert find(component, ids.BARRIERS_GROUP_A).value == "woman"
    assert find(component, ids.BARRIERS_GROUP_B).value == "man"
    content = find(component, page.CONTENT_ID)
    assert content.to_plotly_json()["props"]["aria-live"] == "polite"
    assert find(component, ids.BARRIERS_COMPARISON) is not None
    assert find(component, ids.BARRIERS_AGREEMENT) is None
    csv = find(component, f"{ids.BARRIERS_COMPARISON}-csv")
    assert csv.href == "/download/barriers.csv?sector=academia&compare=gender&a=woman&b=man"
    themes_csv = find(component, f"{ids.BARRIERS_THEMES}-csv")
    assert (
        themes_csv.href == "/download/barriers.csv?sector=academia&compare=gender&a=woman&b=man&table=themes"
    )


def test_csv_links_keep_a_chosen_dataset(model):
    content = page.content(model, {"sector": "nhs", "dataset": "upload-7"})
    assert (
        find(content, f"{ids.BARRIERS_AGREEMENT}-csv").href
        == "/download/barriers.csv?sector=nhs&dataset=upload-7"
    )
    themes = find(content, f"{ids.BARRIERS_THEMES}-csv").href
    assert themes == "/download/barriers.csv?sector=nhs&table=themes&dataset=upload-7"


def test_each_theme_links_to_its_advice(model):
    advice = find(page.content(model, {}), ids.BARRIERS_ADVICE)
    links = [item.children for item in advice.children[1].children]
    assert [(link.children, link.href) for link in links] == [
        ("Advice on recognition", "/advice?theme=recognition"),
        ("Advice on contracts", "/advice?theme=contracts"),
        ("Advice on progression", "/advice?theme=progression"),
    ]


def test_the_same_two_groups_ask_for_two_different_ones(model):
    content = page.content(model, {"compare": "gender", "a": "man", "b": "man"})
    assert "choose two different groups" in find(content, ids.BARRIERS_MESSAGES).children[0].children
    assert find(content, ids.BARRIERS_AGREEMENT) is not None


# Downloads


def test_download_of_the_agreement_is_protected(model, raw):
    frame = page.download(model, {})
    assert frame.columns.tolist() == page.AGREEMENT_COLUMNS
    assert frame.iloc[0][["barrier_id", "group", "n", "agree", "percent", "ci_low", "ci_high"]].tolist() == [
        "recognised",
        "all",
        "15",
        "5",
        53.8,
        29.1,
        76.8,
    ]
    assert frame.iloc[2][["n", "agree"]].tolist() == ["5", "<5"] and math.isnan(frame.iloc[2]["percent"])
    exact = page.download(raw, {"sector": "academia"})
    assert exact[["barrier_id", "n", "agree", "percent"]].values.tolist() == [
        ["recognised", "5", "3", 60.0],
        ["fixed_term", "5", "4", 80.0],
        ["promotion_clear", "5", "0", 0.0],
    ]


def test_download_follows_the_mode(model, raw):
    compared = page.download(raw, {"compare": "gender", "a": "woman", "b": "man"})
    assert compared.columns.tolist() == page.COMPARISON_COLUMNS
    assert compared.iloc[0][
        ["group_a", "n_a", "agree_a", "group_b", "n_b", "agree_b", "difference"]
    ].tolist() == [
        "woman",
        "7",
        "3",
        "man",
        "5",
        "4",
        -37.1,
    ]
    protected = page.download(model, {"compare": "gender", "a": "woman", "b": "man"})
    assert protected["agree_a"].tolist() == ["<5", "<5", "<5"] and protected["difference"].isna().all()
    themes = page.download(model, {"sector": "academia", "table": "themes"})
    assert themes.columns.tolist() == page.THEME_COLUMNS
    # The overview spans sectors, so the sector filter does not narrow it.
    assert themes["sector"].unique().tolist() == [
        "academia",
        "education",
        "entrepreneurship",
        "industry",
        "nhs",
    ]
    assert themes.iloc[0][["theme", "sector", "n", "agree"]].tolist() == [
        "recognition",
        "academia",
        "5",
        "<5",
    ]


def test_two_groups_without_answers_say_so(model):
    # No man's last role is in education or the NHS.
    query = {"attribute": "gender", "value": "man", "compare": "sector", "a": "education", "b": "nhs"}
    state, _ = page.read_state(model, query)
    assert page.filters(model, state)[0] == {"gender": "man"}
    content = page.content(model, query)
    assert "Neither Education nor NHS has answers among people with gender: man." in text_of(content)
    assert page.download(model, query).empty


def test_every_combination_of_controls_renders_and_downloads(model):
    offered = page.choices(model)
    sectors = ["", *(code for code, _ in offered["sector"])]
    stages = ["", *(code for code, _ in offered["stage"])]
    comparisons = [{}, {"compare": "sector", "a": "education", "b": "nhs"}, {"compare": "gender"}]
    for sector, stage, comparison in itertools.product(sectors, stages, comparisons):
        query = {"sector": sector, "stage": stage, "attribute": "gender", "value": "woman", **comparison}
        assert page.content(model, query) is not None
        assert list(page.download(model, query).columns) in (page.AGREEMENT_COLUMNS, page.COMPARISON_COLUMNS)
        assert list(page.download(model, {**query, "table": "themes"}).columns) == page.THEME_COLUMNS
