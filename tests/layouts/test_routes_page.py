"""The route finder page on the tiny fixture, with numbers counted by hand.

Stays (tests/fixtures/tiny/careers.csv, repeated postdocs merged): PhD
student was held by 8 people (p01 p02 p03 p05 p07 p08 p09 p11), postdoc by 7
(p01 p02 p05 p07 p08 p09 p10). phd -> postdoc: 6 people, all 4 years after
starting the PhD; postdoc -> ds: p02 (4 years) and p07 (3 years); phd -> ds:
p03 (4 years). So from PhD student to Data scientist:

* route 1, phd -> postdoc -> ds: 6/8 * 2/7 = 0.2143 ("about 1 in 5"), taken
  by p02 (2011 -> 2019, 8 years) and p07 (2014 -> 2021, 7 years): median 7.5;
* route 2, phd -> ds: 1/8 = 0.125 ("about 1 in 8"), taken by p03 in 4 years.
"""

import dataclasses

import pandas as pd
import pytest
from dash import dcc, html

from layouts import ids
from layouts import routes_page as page
from pathways.disclosure_rules import RAW, DisclosureRules
from pathways.model import CareerModel
from tests.component_tree import by_id as find
from tests.component_tree import text_of as text
from tests.component_tree import walk

ROUTE_1 = "PhD student → Postdoctoral research associate → Data scientist"


def with_rules(dataset, rules):
    return CareerModel.build(
        dataclasses.replace(dataset, info=dataclasses.replace(dataset.info, disclosure=rules))
    )


@pytest.fixture(scope="module")
def raw(tiny):
    return with_rules(tiny, RAW)


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


def links(component):
    return [(text(c), c.href) for c in walk(component) if isinstance(c, (dcc.Link, html.A)) and c.href]


# ---- the address -----------------------------------------------------------------------------


def test_page_contract(model):
    assert page.PATH == "/routes" and page.TITLE == "Route finder" and page.SLUG == "routes"
    assert page.NAV_ORDER == 40 and page.CONTENT_ID == ids.ROUTES_CONTENT
    assert [name for name, _ in page.CONTROLS] == [
        ids.ROUTES_FROM,
        ids.ROUTES_TO,
        ids.ROUTES_STEPS,
        ids.ROUTES_AVOID,
        ids.ROUTES_K,
    ]
    assert [field.name for field in page.fields(model)] == ["from", "to", "steps", "avoid", "k"]


def test_the_sectors_to_avoid_are_those_of_the_dataset(model):
    avoid = page.fields(model)[3]
    assert avoid.choices == ("none", "education", "academia", "nhs", "industry", "entrepreneurship")


@pytest.mark.parametrize(
    ("values", "query"),
    [
        (("", "", "6", "none", "5"), ""),
        (("phd", "ds", "6", "none", "5"), "?from=phd&to=ds"),
        (("phd", "ds", "3", "industry", "2"), "?from=phd&to=ds&steps=3&avoid=industry&k=2"),
        (("phd", None, 4, "none", 10), "?from=phd&steps=4&k=10"),
        # Out of range or unknown values fall back to the defaults.
        (("phd", "ds", "9", "space", "0"), "?from=phd&to=ds"),
    ],
)
def test_controls_to_query(model, values, query):
    assert page.to_query(model, *values) == query


def test_query_round_trips(model):
    query = {"from": "msc", "to": "founder", "steps": "2", "avoid": "industry", "k": "3"}
    state, notices = page.decode_state(page.fields(model), query)
    assert notices == []
    assert page.to_query(model, *(state[name] for name in ("from", "to", "steps", "avoid", "k"))) == (
        "?from=msc&to=founder&steps=2&avoid=industry&k=3"
    )


def test_controls_take_their_values_from_the_address(model):
    view = page.layout(model, {"from": "phd", "to": "ds", "steps": "3", "avoid": "academia", "k": "2"})
    assert find(view, ids.ROUTES_FROM).value == "phd"
    assert find(view, ids.ROUTES_TO).value == "ds"
    assert find(view, ids.ROUTES_STEPS).value == "3"
    assert find(view, ids.ROUTES_AVOID).value == "academia"
    assert find(view, ids.ROUTES_K).value == "2"
    assert find(view, ids.ROUTES_CONTENT).__getattribute__("aria-live") == "polite"


def test_role_options_are_labelled_with_their_sector_in_sector_order(model):
    select = find(page.layout(model, {}), ids.ROUTES_FROM)
    assert select.placeholder == "Choose a role" and select.value == ""
    labels = [option["label"] for option in select.options]
    assert labels[:3] == [
        "MSc student (Education)",
        "PhD student (Education)",
        "Postdoctoral research associate (Academia)",
    ]
    assert labels[-1] == "Start-up founder (Entrepreneurship)"
    assert len(labels) == 9


def test_invalid_values_fall_back_with_a_notice(model):
    view = page.layout(model, {"from": "phd", "to": "ds", "steps": "9", "k": "many"})
    shown = text(view)
    assert "Ignored maximum steps '9' in the address: must be between 2 and 6." in shown
    assert "Ignored number of routes 'many' in the address: must be a whole number." in shown
    assert find(view, ids.ROUTES_STEPS).value == "6"
    assert ROUTE_1 in shown


# ---- the numbers -----------------------------------------------------------------------------


def routes_for(model, source, target, k=5, steps=6, avoid="none"):
    found, alternatives = page.cached_routes(model, source, target, k, steps, avoid)
    return found, alternatives


def test_route_table_raw_hand_counted(raw):
    routes, _ = routes_for(raw, "phd", "ds")
    table = page.route_table(raw, routes)
    assert table["label"].tolist() == [ROUTE_1, "PhD student → Data scientist"]
    assert table["steps"].tolist() == [2, 1]
    assert table["chance"].tolist() == pytest.approx([6 / 8 * 2 / 7, 1 / 8])
    assert table["people"].tolist() == [2, 1]
    assert table["years"].tolist() == [7.5, 4.0]


def test_route_table_default_rules_hide_small_numbers(model):
    routes, _ = routes_for(model, "phd", "ds")
    table = page.route_table(model, routes)
    # PhD student was held by 8 people, under the denominator of 10.
    assert table["chance"].tolist() == [None, None]
    assert table["people"].isna().all()
    assert table["years"].tolist() == [None, None]


def test_a_chance_needs_every_role_along_the_route_to_have_enough_holders(tiny):
    # 8 holders of PhD student are enough, 7 of postdoc are not.
    model = with_rules(tiny, DisclosureRules(min_denominator=8))
    routes, _ = routes_for(model, "phd", "ds")
    assert page.route_table(model, routes)["chance"].tolist() == [None, 0.125]


def test_step_table_raw_and_default(raw, model):
    steps = page.step_table(raw, ("phd", "postdoc", "ds"))
    assert steps[["source", "target"]].values.tolist() == [["phd", "postdoc"], ["postdoc", "ds"]]
    assert steps["chance"].tolist() == pytest.approx([0.75, 2 / 7])
    assert steps["people"].tolist() == [6, 2]
    assert steps["years"].tolist() == [4.0, 3.5]
    protected = page.step_table(model, ("phd", "postdoc", "ds"))
    # 6 movers round to 5; 2 are fewer than 5, so their years are withheld too.
    assert protected["people"].tolist()[0] == 5 and pd.isna(protected["people"].tolist()[1])
    assert protected["years"].tolist() == [4.0, None]
    assert protected["chance"].tolist() == [None, None]


def test_routes_are_cached_per_model_and_state(raw):
    assert page.cached_routes(raw, "phd", "ds", 5, 6, "none") is page.cached_routes(
        raw, "phd", "ds", 5, 6, "none"
    )


def test_avoiding_a_sector(raw):
    routes, _ = routes_for(raw, "phd", "ds", avoid="academia")
    assert [route.roles for route in routes] == [("phd", "ds")]


def test_example_pairs_are_common_long_moves_with_variety(raw):
    # phd two stays before ds: p02 and p07; every other pair has one person, then ids decide.
    # msc -> postdoc is from another role into another sector; no third pair is, so the next
    # most common fills the place.
    assert page.example_pairs(raw) == (("phd", "ds"), ("msc", "postdoc"), ("msc", "senior_ds"))
    assert page.example_pairs(raw, n=1) == (("phd", "ds"),)


@pytest.mark.parametrize(
    ("years", "people", "expected"),
    [
        (7.5, 2, "about 7.5 years"),
        (None, pd.NA, "not shown (too few people)"),
        (None, 0, "not known"),
        (None, 10, "not known"),
    ],
)
def test_time_text_tells_withheld_from_unknown(years, people, expected):
    assert page.time_text(years, people) == expected


def test_a_sector_already_in_the_title_is_not_repeated(tiny):
    roles = tiny.roles.copy()
    roles.loc["ds", "title"] = "Data scientist (industry)"
    model = CareerModel.build(dataclasses.replace(tiny, roles=roles))
    labels = [option["label"] for option in find(page.layout(model, {}), ids.ROUTES_TO).options]
    assert "Data scientist (industry)" in labels and "PhD student (Education)" in labels


def test_figure_height_grows_with_the_labels(raw):
    routes, _ = routes_for(raw, "phd", "ds")
    # Route 1's label takes 3 lines (3 * 24 + 16 = 88 px), route 2's one line (70 px at least).
    assert page.figure_height(raw, page.route_table(raw, routes)) == 110 + 88 + 70


@pytest.mark.parametrize(
    ("probability", "expected"),
    [
        (0.75, "about 8 in 10 (75%)"),
        (6 / 8 * 2 / 7, "about 1 in 5 (21%)"),
        (0.05, "about 1 in 20 (5.0%)"),
        (0.004, "about 1 in 250 (0.40%)"),
        (None, "not shown (too few people)"),
    ],
)
def test_chance_text(probability, expected):
    assert page.chance_text(probability) == expected


# ---- download --------------------------------------------------------------------------------


def test_download_raw(raw):
    frame = page.download(raw, {"from": "phd", "to": "ds"})
    assert list(frame.columns) == [
        "route",
        "step",
        "from_role",
        "to_role",
        "probability",
        "people",
        "median_years",
    ]
    assert frame[["route", "step", "from_role", "to_role"]].values.tolist() == [
        [1, "all", "phd", "ds"],
        [1, 1, "phd", "postdoc"],
        [1, 2, "postdoc", "ds"],
        [2, "all", "phd", "ds"],
        [2, 1, "phd", "ds"],
    ]
    assert frame["probability"].tolist() == pytest.approx([0.214286, 0.75, 0.285714, 0.125, 0.125])
    assert frame["people"].tolist() == ["2", "6", "2", "1", "1"]
    assert frame["median_years"].tolist() == [7.5, 4.0, 3.5, 4.0, 4.0]


def test_download_default_rules(model):
    frame = page.download(model, {"from": "phd", "to": "ds"})
    assert frame["people"].tolist() == ["<5", "5", "<5", "<5", "<5"]
    assert frame["probability"].isna().all()
    assert frame["median_years"].isna().tolist() == [True, False, True, True, True]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"from": "phd"},
        {"from": "post-doc", "to": "ds"},
        {"from": "phd", "to": "phd"},
        {"from": "nhs_analyst", "to": "founder"},
    ],
)
def test_download_without_routes_is_empty(model, query):
    frame = page.download(model, query)
    assert frame.empty and list(frame.columns) == page.DOWNLOAD_COLUMNS


# ---- figure and words ------------------------------------------------------------------------


def test_figure_raw(raw):
    routes, _ = routes_for(raw, "phd", "ds")
    figure = page.routes_figure(raw, page.route_table(raw, routes))
    bar = figure.data[0]
    assert bar.orientation == "h"
    assert list(bar.x) == pytest.approx([100 * 6 / 8 * 2 / 7, 12.5])
    assert list(bar.y) == [
        "Route 1: PhD student →<br>Postdoctoral research associate →<br>Data scientist",
        "Route 2: PhD student → Data scientist",
    ]
    assert list(bar.text) == ["about 1 in 5 (21%)", "about 1 in 8 (12%)"]
    assert list(bar.customdata[0]) == [ROUTE_1, "about 1 in 5 (21%)", "2", "about 7.5 years"]
    assert "%{customdata[2]}" in bar.hovertemplate
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.font.size == 15
    assert not figure.layout.title.text
    assert figure.layout.annotations == ()


def test_figure_labels_withheld_chances_instead_of_drawing_zero(model):
    routes, _ = routes_for(model, "phd", "ds")
    figure = page.routes_figure(model, page.route_table(model, routes))
    assert list(figure.data[0].x) == [None, None]
    assert [a.text for a in figure.layout.annotations] == ["not shown (too few people)"] * 2
    assert list(figure.data[0].customdata[0])[2] == "fewer than 5"


def test_summary_raw(raw):
    routes, _ = routes_for(raw, "phd", "ds")
    state = {"steps": 6, "avoid": "none", "k": 5}
    assert page.routes_summary(raw, "phd", "ds", page.route_table(raw, routes), state) == (
        "From PhD student to Data scientist, the data show 2 routes of at most 6 steps. "
        f"The most likely is {ROUTE_1}: of everyone who held the role PhD student, about 1 in 5 (21%) "
        "followed it; 2 people took exactly this route, taking about 7.5 years. "
        "Next is PhD student → Data scientist, with a chance of about 1 in 8 (12%)."
    )


def test_summary_when_there_may_be_more_routes(raw):
    routes, _ = routes_for(raw, "phd", "ds", k=1)
    summary = page.routes_summary(
        raw, "phd", "ds", page.route_table(raw, routes), {"steps": 6, "avoid": "none", "k": 1}
    )
    assert summary.startswith(
        "From PhD student to Data scientist, here is the most likely route of at most 6 steps."
    )
    assert "Next is" not in summary


def test_summary_default_rules(model):
    routes, _ = routes_for(model, "phd", "ds", avoid="academia")
    state = {"steps": 6, "avoid": "academia", "k": 5}
    assert page.routes_summary(model, "phd", "ds", page.route_table(model, routes), state) == (
        "From PhD student to Data scientist, the data show one route of at most 6 steps avoiding Academia. "
        "The most likely is PhD student → Data scientist: too few people held the roles along it to put a "
        "number on its chance; fewer than 5 people took exactly this route."
    )


def test_display_table(raw, model):
    routes, _ = routes_for(raw, "phd", "ds")
    table = page.display_table(raw, page.route_table(raw, routes))
    assert list(table.columns) == page.TABLE_COLUMNS
    assert table.values.tolist()[1] == [
        "2. PhD student → Data scientist",
        "1",
        "12%",
        "about 1 in 8",
        "1",
        "about 4 years",
    ]
    hidden = page.display_table(model, page.route_table(model, routes_for(model, "phd", "ds")[0]))
    assert hidden.values.tolist()[1][2:] == [
        "not shown (too few people)",
        "not shown (too few people)",
        "fewer than 5",
        "not shown (too few people)",
    ]


# ---- content ---------------------------------------------------------------------------------


def test_content_shows_the_chart_and_each_route_step_by_step(raw):
    view = page.content(raw, {"from": "phd", "to": "ds"})
    chart = find(view, ids.ROUTES_CHART)
    assert find(chart, f"{ids.ROUTES_CHART}-csv").href == "/download/routes.csv?from=phd&to=ds"
    routes = find(view, ids.ROUTES_LIST)
    assert len(routes.children) == 2
    first = text(routes.children[0])
    assert f"Route 1: {ROUTE_1}" in first
    assert "Of everyone who held the role PhD student, about 1 in 5 (21%) followed this route." in first
    assert "2 people took exactly this route." in first
    assert (
        "Typical time from starting as PhD student to starting as Data scientist: about 7.5 years." in first
    )
    assert "Step 1: PhD student (Education) → Postdoctoral research associate (Academia)" in first
    assert (
        "6 people made this move; of everyone who held the role PhD student, "
        "about 8 in 10 (75%) moved on to it." in first
    )
    assert "67% of their 6 answers agreed that I am on a fixed-term contract (everyone: 45%)" in first
    assert "50% of their 2 answers agreed that The promotion process is clear to me (everyone: 17%)" in first
    second = text(routes.children[1])
    assert "1 person took exactly this route." in second
    assert (
        "0% of their 1 answer agreed that My contribution is recognised by my institution (everyone: 54%)"
        in second
    )


def test_content_default_rules_reads_fewer_than_5(model):
    shown = text(page.content(model, {"from": "phd", "to": "ds"}))
    assert "Fewer than 5 people took exactly this route." in shown
    assert "to starting as Data scientist: not shown (too few people)." in shown
    assert "5 people made this move" in shown
    assert "Fewer than 5 people made this move" in shown
    assert "too few people held the role PhD student to give the chance of this move" in shown
    assert "Not shown: fewer than 10 of their answers to each statement." in shown
    assert "%" not in shown


def test_advice_at_each_step_links_out_and_into_the_library(raw):
    view = page.content(raw, {"from": "phd", "to": "ds"})
    first_step = [
        c for c in walk(find(view, ids.ROUTES_LIST)) if "route-step" in (getattr(c, "className", "") or "")
    ][0]
    found = links(first_step)
    assert (
        "Researcher Development Framework",
        "https://www.vitae.ac.uk/researchers-professional-development/"
        "about-the-vitae-researcher-development-framework",
    ) in found
    assert ("More advice for Postdoctoral research associate", "/advice?role=postdoc") in found
    assert ("Advice on contracts", "/advice?theme=contracts") in found
    outside = [c for c in walk(first_step) if isinstance(c, html.A)]
    assert outside and all(c.rel == "noopener noreferrer" for c in outside)


def test_advice_with_an_unsafe_address_is_shown_as_text(tiny):
    advice = tiny.advice.copy()
    advice.loc["vitae-rdf", "url"] = "javascript:alert(1)"
    model = CareerModel.build(dataclasses.replace(tiny, advice=advice))
    view = page.content(model, {"from": "phd", "to": "postdoc"})
    assert "Researcher Development Framework" in text(view)
    assert all("javascript" not in (href or "") for _, href in links(view))


def test_default_state_explains_and_offers_examples(raw):
    view = page.content(raw, {})
    assert "How it works" in text(view)
    assert links(find(view, ids.ROUTES_EXAMPLES)) == [
        ("PhD student to Data scientist", "/routes?from=phd&to=ds"),
        ("MSc student to Postdoctoral research associate", "/routes?from=msc&to=postdoc"),
        ("MSc student to Senior data scientist", "/routes?from=msc&to=senior_ds"),
    ]


def test_examples_keep_the_other_options(raw):
    view = page.content(raw, {"steps": "3"})
    assert links(find(view, ids.ROUTES_EXAMPLES))[0][1] == "/routes?from=phd&to=ds&steps=3"


def test_one_role_only_shows_the_explanation(raw):
    assert "How it works" in text(page.content(raw, {"from": "phd"}))


def test_the_same_role_twice(raw):
    assert "Choose two different roles" in text(page.content(raw, {"from": "phd", "to": "phd"}))


def test_no_route_says_so_and_offers_the_nearest_roles(raw):
    # msc reaches founder only through phd and postdoc: three steps.
    view = page.content(raw, {"from": "msc", "to": "founder", "steps": "2"})
    shown = text(view)
    assert "No route found" in shown
    assert "nobody's moves lead from MSc student to Start-up founder in 2 steps or fewer." in shown
    found = links(view)
    assert ("Allow up to 6 steps", "/routes?from=msc&to=founder") in found
    assert found[1:] == [
        ("Data scientist (Industry)", "/routes?from=msc&to=ds&steps=2"),
        ("PhD student (Education)", "/routes?from=msc&to=phd&steps=2"),
        ("Postdoctoral research associate (Academia)", "/routes?from=msc&to=postdoc&steps=2"),
    ]
    assert "Data scientist (Industry), by MSc student → Data scientist: about 1 in 2 (50%)" in shown
    # 1/4 * 6/8
    assert "by MSc student → PhD student → Postdoctoral research associate: about 1 in 5 (19%)" in shown


def test_no_route_when_avoiding_a_sector_offers_to_stop_avoiding(raw):
    view = page.content(raw, {"from": "phd", "to": "senior_ds", "avoid": "industry"})
    assert ("Stop avoiding Industry", "/routes?from=phd&to=senior_ds") in links(view)


def test_no_route_and_nowhere_to_go(model):
    view = page.content(model, {"from": "nhs_analyst", "to": "founder"})
    shown = text(view)
    assert "No route found" in shown
    assert "No other role can be reached from NHS data analyst in these data either." in shown
    assert "Allow up to" not in shown


def test_an_unknown_role_gets_a_friendly_notice_with_suggestions(model):
    view = page.layout(model, {"from": "post-doc", "to": "ds"})
    notice = find(view, f"{ids.ROUTES_NOTICE}-from")
    assert "We could not find the role you hold, “post-doc”, in these data." in text(notice)
    assert links(notice) == [("Postdoctoral research associate (Academia)", "/routes?from=postdoc&to=ds")]
    assert find(view, ids.ROUTES_FROM).value == ""


def test_an_unknown_role_with_no_close_match(model):
    notice = find(page.layout(model, {"to": "zzzzzz"}), f"{ids.ROUTES_NOTICE}-to")
    assert "Please choose it from the list above." in text(notice)


def test_layout_has_a_header_and_the_content_region(model):
    view = page.layout(model)
    assert text([c for c in walk(view) if isinstance(c, html.H1)][0]) == "Route finder"
    assert find(view, ids.ROUTES_CONTENT)


def test_content_is_built_once_per_state(raw):
    # The same state from differently written addresses: explicit defaults make no difference.
    first = page.content(raw, {"from": "phd", "to": "ds"})
    assert page.content(raw, {"from": "phd", "to": "ds", "steps": "6", "k": "5"}) is first
