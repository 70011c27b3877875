"""The Pathways page on tests/fixtures/tiny: address, hand-counted flows, summary, table, download, focus."""

import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from layouts import ids
from layouts import pathways_page as page
from layouts.router import parse_query
from pathways.flows import step_flows
from pathways.model import CareerModel

DEFAULTS = ("sector", "3", "all", "all", "all", "all", "count")


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


def shown(component):
    """Everything a component holds, figures included, as JSON text."""
    return json.dumps(component, cls=PlotlyJSONEncoder, ensure_ascii=False)


def rows(frame):
    return [tuple(row) for row in frame[["step", "source", "target", "count"]].itertuples(index=False)]


def state_of(model, query):
    state, messages = page.read_state(model, query)
    return state, messages


# The address


def test_the_default_view_has_an_empty_address(model):
    assert page.to_query(model, *DEFAULTS) == ""
    state, messages = state_of(model, {})
    assert messages == []
    assert state == {
        "level": "sector",
        "steps": 3,
        "sector": "all",
        "role": "all",
        "attribute": "all",
        "value": "all",
        "cohort": "all",
        "show": "count",
    }


@pytest.mark.parametrize(
    ("controls", "query"),
    [
        (("role", "4", "all", "all", "all", "all", "count"), "?level=role&steps=4"),
        (("sector", "3", "education", "all", "all", "all", "count"), "?sector=education"),
        (("role", "3", "all", "phd", "all", "all", "percent"), "?level=role&role=phd&show=percent"),
        (
            ("sector", "5", "all", "all", "gender=prefer not to say", "2015-2019", "count"),
            "?steps=5&attribute=gender&value=prefer+not+to+say&cohort=2015-2019",
        ),
        (
            ("sector", "2", "all", "all", "contract=fixed-term", "all", "count"),
            "?steps=2&attribute=contract&value=fixed-term",
        ),
    ],
)
def test_controls_write_the_address_and_the_address_reads_back(model, controls, query):
    assert page.to_query(model, *controls) == query
    state, messages = state_of(model, parse_query(query))
    assert messages == []
    assert page.to_query(model, *page.control_values(state)) == query


def test_cohort_bands_and_groups_come_from_the_data(model):
    # First roles started from 2010 (p01) to 2017 (p09); p12's year is unknown.
    assert page.cohort_bands(model) == (("2010-2014", "2010 to 2014"), ("2015-2019", "2015 to 2019"))
    assert page.group_choices(model) == (
        ("gender=man", "Gender: man"),
        ("gender=prefer not to say", "Gender: prefer not to say"),
        ("gender=woman", "Gender: woman"),
        ("contract=fixed-term", "Contract: fixed-term"),
        ("contract=permanent", "Contract: permanent"),
    )


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"steps": "9"}, "Ignored number of roles '9' in the address: must be between 2 and 5."),
        ({"level": "galaxy"}, "Ignored level 'galaxy' in the address: unknown value 'galaxy'."),
        ({"role": "post-doc"}, "Ignored starting role 'post-doc' in the address: unknown value 'post-doc'."),
        ({"cohort": "1990-1994"}, "Ignored cohort '1990-1994' in the address: unknown value '1990-1994'."),
        (
            {"attribute": "gender", "value": "robot"},
            "Ignored the people filter gender=robot in the address: "
            "it needs one attribute and one of its values.",
        ),
        (
            {"value": "woman"},
            "Ignored the people filter all=woman in the address: "
            "it needs one attribute and one of its values.",
        ),
    ],
)
def test_invalid_address_values_fall_back_with_a_notice(model, query, notice):
    state, messages = state_of(model, query)
    assert messages == [notice]
    assert page.to_query(model, *page.control_values(state)) == ""
    assert notice in shown(page.layout(model, query))


def test_an_invalid_attribute_gives_one_notice_not_two(model):
    _, messages = state_of(model, {"attribute": "shoe_size", "value": "9"})
    assert messages == ["Ignored attribute 'shoe_size' in the address: unknown value 'shoe_size'."]


def test_the_layout_sets_the_controls_from_the_address(model):
    query = {"level": "role", "steps": "9", "role": "phd", "attribute": "gender", "value": "woman"}
    text = shown(page.layout(model, query))
    assert "address-notices" in text
    for control in (ids.PATHWAYS_LEVEL, ids.PATHWAYS_STEPS, ids.PATHWAYS_ROLE, ids.PATHWAYS_GROUP):
        assert f'"id": "{control}"' in text
    layout = page.layout(model, query)
    values = {control: layout[control].value for control, _ in page.CONTROLS}
    assert values == {
        ids.PATHWAYS_LEVEL: "role",
        ids.PATHWAYS_STEPS: "3",
        ids.PATHWAYS_SECTOR: "all",
        ids.PATHWAYS_ROLE: "phd",
        ids.PATHWAYS_GROUP: "gender=woman",
        ids.PATHWAYS_COHORT: "all",
        ids.PATHWAYS_SHOW: "count",
    }
    assert f'"id": "{page.CONTENT_ID}"' in text and '"aria-live": "polite"' in text


def test_the_layout_works_with_no_query(model):
    assert page.layout(model) is not None and page.content(model, None) is not None


# The numbers, counted by hand from tests/fixtures/tiny/careers.csv (stays merged)


def test_sector_flows_are_hand_counted(raw_model):
    state, _ = state_of(raw_model, {})
    # Step 1: education->academia p01 p02 p05 p07 p08; education->industry p03 p04 p12;
    # education->nhs p06; education->education p09 (msc->phd); academia->entrepreneurship p10.
    # Step 2: academia->academia p01 p05; academia->industry p02 p07; education->academia p09; industry p04.
    assert rows(page.flows_for_state(raw_model, state)) == [
        (1, "education", "academia", 5),
        (1, "education", "industry", 3),
        (1, "academia", "entrepreneurship", 1),
        (1, "education", "education", 1),
        (1, "education", "nhs", 1),
        (2, "academia", "academia", 2),
        (2, "academia", "industry", 2),
        (2, "education", "academia", 1),
        (2, "industry", "industry", 1),
    ]


def test_filters_follow_only_the_people_chosen(raw_model):
    # Women who started in education: p01 p03 p05 p08 (PhD), p06 (MSc); p11 never moved.
    state, _ = state_of(
        raw_model, {"level": "role", "sector": "education", "attribute": "gender", "value": "woman"}
    )
    assert rows(page.flows_for_state(raw_model, state)) == [
        (1, "phd", "postdoc", 3),
        (1, "msc", "nhs_analyst", 1),
        (1, "phd", "ds", 1),
        (2, "postdoc", "lecturer", 1),
        (2, "postdoc", "rse", 1),
    ]
    # First role started 2015 to 2019: p04 p06 p09 (MSc), p08 p11 (PhD).
    state, _ = state_of(raw_model, {"level": "role", "cohort": "2015-2019"})
    assert rows(page.flows_for_state(raw_model, state)) == [
        (1, "msc", "ds", 1),
        (1, "msc", "nhs_analyst", 1),
        (1, "msc", "phd", 1),
        (1, "phd", "postdoc", 1),
        (2, "ds", "senior_ds", 1),
        (2, "phd", "postdoc", 1),
    ]


def test_shares_are_of_the_people_moving_at_each_step(raw_model):
    state, _ = state_of(raw_model, {"show": "percent"})
    frame = page.flows_for_state(raw_model, state)
    # 11 people moved at step 1, 6 at step 2.
    assert frame["share"].round(2).tolist() == [45.45, 27.27, 9.09, 9.09, 9.09, 33.33, 33.33, 16.67, 16.67]


def test_summary_with_exact_counts(raw_model):
    state, _ = state_of(raw_model, {})
    text = shown(page.content(raw_model, {}))
    assert (
        "Of the 11 people followed who moved at least once, the most common start was in Education. "
        "The largest flow is from Education to Academia at step 1 (1st to 2nd role): 5 people. "
        # Step 1: 5 + 3 + 1 + 1 to other sectors; step 2: 2 academia->industry, 1 education->academia.
        "13 moves crossed from one sector to another."
    ) in text
    assert state["level"] == "sector"


def test_summary_of_a_focused_role_view(raw_model):
    query = {"level": "role", "role": "phd", "steps": "4", "show": "percent"}
    state, _ = state_of(raw_model, query)
    frame = page.flows_for_state(raw_model, state)
    _, data = figure_of(raw_model, query)
    text = page.summary_text(raw_model, state, frame, data)
    # PhD starters: p01 p02 p05 p07 p08 to postdoc, p03 to ds; p11 never moved.
    assert text.startswith(
        "Of the 6 people followed who moved at least once, all started as PhD student. "
        "The largest flow is from PhD student to Postdoctoral research associate "
        "at step 1 (1st to 2nd role): 5 people, 83% of the people moving at that step."
    )
    assert page.describe_focus(raw_model, state) == "Following people whose first role was PhD student."


def test_default_rules_hide_small_flows_in_words(model):
    text = shown(page.content(model, {}))
    # 11 movers round to 10; 10 + 3 crossing moves round to 15; only education->academia (5) is drawn.
    assert "Of the 10 people followed who moved at least once" in text
    assert "15 moves crossed from one sector to another." in text
    assert (
        "8 of the 9 flows are of fewer than 5 people and not drawn, to protect privacy; the table lists them."
        in text
    )
    table = page.table_frame(
        model, state_of(model, {})[0], page.flows_for_state(model, state_of(model, {})[0])
    )
    assert table["People"].tolist() == ["5"] + ["fewer than 5"] * 8


def test_nothing_drawable_says_so_in_the_figure(model):
    content = page.content(model, {"level": "role"})
    text = shown(content)
    assert "Every flow here involves fewer than 5 people, so none can be drawn." in text
    assert "11 of the 11 flows are of fewer than 5 people and not drawn" in text


def test_percentages_need_ten_people(model):
    text = shown(page.content(model, {"show": "percent"}))
    assert "Percentages are not shown for step 2: fewer than 10 people moved there" in text
    state, _ = state_of(model, {"show": "percent"})
    table = page.table_frame(model, state, page.flows_for_state(model, state))
    # 5 of the 11 step-1 movers is shown as 45%; hidden counts never get a share.
    assert table["Share of the step"].tolist()[:2] == ["45%", "not shown (too few people)"]


def test_nobody_matching_is_an_answer(raw_model):
    text = shown(page.content(raw_model, {"role": "founder"}))
    assert "No one in the data matches these settings and moved at least once" in text
    assert "No one matches these settings." in text


def test_the_table_lists_sectors_at_role_level(raw_model):
    state, _ = state_of(raw_model, {"level": "role", "steps": "2"})
    table = page.table_frame(raw_model, state, page.flows_for_state(raw_model, state))
    assert list(table.columns) == ["Step", "From", "From sector", "To", "To sector", "People"]
    assert table.iloc[0].tolist() == [
        "Step 1 (1st to 2nd role)",
        "PhD student",
        "Education",
        "Postdoctoral research associate",
        "Academia",
        "5",
    ]


def test_content_wears_the_chart_chrome(model):
    text = shown(page.content(model, {"level": "role", "steps": "4"}))
    for part in (ids.PATHWAYS_GRAPH, f"{ids.PATHWAYS_CHART}-summary", f"{ids.PATHWAYS_CHART}-table"):
        assert part in text
    assert "/download/pathways.csv?level=role&steps=4" in text
    assert "Written by hand for the test suite" in text


# Download


def test_download_has_the_protected_numbers(model, raw_model):
    frame = page.download(raw_model, {})
    assert list(frame.columns) == ["step", "source", "source_title", "target", "target_title", "count"]
    assert frame.iloc[0].tolist() == [1, "education", "Education", "academia", "Academia", 5]
    protected = page.download(model, {"level": "role"})
    assert protected["count"].tolist() == ["<5"] * 11
    assert protected.iloc[4][["source", "source_title", "target_title"]].tolist() == [
        "phd",
        "PhD student",
        "Postdoctoral research associate",
    ]
    sectors = page.download(model, {})
    assert sectors["count"].tolist() == [5] + ["<5"] * 8


def test_download_in_percentages_adds_the_share(raw_model):
    frame = page.download(raw_model, {"show": "percent"})
    assert list(frame.columns)[-1] == "percent"
    assert frame["percent"].tolist()[:2] == [45.5, 27.3]


# Clicking a node


def figure_of(model, query):
    state, _ = state_of(model, query)
    frame = page.flows_for_state(model, state)
    titles, sectors, stages = page._naming(model, state["level"])
    data = page.sankey_input(
        frame, state["level"], titles, sectors, model.rules, stages=stages, measure=state["show"]
    )
    return page.sankey_figure(data), data


def test_clicking_a_node_focuses_on_its_sector_or_role(raw_model):
    figure, data = figure_of(raw_model, {})
    number = data["nodes"].index((2, "industry"))
    click = {"points": [{"pointNumber": number, "label": "Industry", "curveNumber": 0}]}
    assert page.focus(click, figure) == ("industry", "all")
    figure, data = figure_of(raw_model, {"level": "role"})
    number = data["nodes"].index((1, "phd"))
    click = {"points": [{"pointNumber": number, "label": "PhD student", "curveNumber": 0}]}
    assert page.focus(click, figure) == ("all", "phd")


def test_clicking_a_band_or_nothing_changes_nothing(raw_model):
    figure, _ = figure_of(raw_model, {})
    assert page.focus({"points": [{"pointNumber": 0, "label": "", "value": 5}]}, figure) is None
    assert page.focus(None, figure) is None
    assert page.focus({"points": [{"pointNumber": 99, "label": "Industry"}]}, figure) is None


@pytest.fixture(scope="module")
def generated():
    from pathways.synthetic import generate_dataset

    return CareerModel.build(generate_dataset(people=3000, seed=7))


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"level": "role"},
        {"level": "role", "steps": "5", "sector": "academia"},
        {"level": "role", "attribute": "gender", "value": "man", "cohort": "2010-2014"},
    ],
)
def test_counts_are_those_step_flows_protects(generated, query):
    # The page protects step_flows' raw counts itself (counting once, not twice): same cells, same
    # sibling groups, so the same counts hidden (secondary suppression included) and rounded.
    state, messages = state_of(generated, query)
    assert messages == []
    sector, role, attribute, value, cohort = page._filters(state)
    expected = step_flows(
        generated.dataset,
        state["steps"],
        state["level"],
        sector,
        role,
        attribute,
        value,
        cohort,
        rules=generated.rules,
    )
    frame = page.flows_for_state(generated, state)
    assert frame[["step", "source", "target", "count"]].equals(expected)
    assert frame["count"].isna().any()
