"""The role profile's pieces on the tiny fixture, with hand-counted numbers.

Postdoc (tests/fixtures/tiny): 7 people held it (p01 p02 p05 p07 p08 p09
p10). Arrivals: from phd 6 (p01 p02 p05 p07 p08 p09), from ds 1 (p07).
Departures: to ds 2 (p02 p07), lecturer 1 (p01), rse 1 (p05), founder 1 (p10).
"""

import dataclasses
import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import dcc, html

from layouts import ids, role_page
from layouts import role_sections as sections
from pathways.disclosure_rules import RAW
from pathways.model import CareerModel


@pytest.fixture(scope="module")
def raw(tiny):
    return CareerModel.build(dataclasses.replace(tiny, info=dataclasses.replace(tiny.info, disclosure=RAW)))


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


def as_text(component):
    return json.dumps(component.to_plotly_json(), default=str, ensure_ascii=False)


def find(component, wanted):
    """Every component of type ``wanted`` inside ``component``."""
    found = [component] if isinstance(component, wanted) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            found += find(child, wanted)
    return found


def texts(component):
    """Every string inside ``component``, in order."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for child in component for t in texts(child)]
    children = getattr(component, "children", None)
    return texts(children) if children is not None else []


# ---- the numbers ------------------------------------------------------------------------------


def test_flows_without_disclosure_control_are_the_hand_counts(raw):
    flows = sections.role_flows(raw, "postdoc")
    assert flows["people"] == 7 and flows["arrivals"] == 7
    inflows = flows["inflows"]
    assert inflows["role_id"].tolist() == ["phd", "ds"]
    assert inflows["people"].tolist() == [6, 1]
    assert inflows["share"].round(2).tolist() == [85.71, 14.29]
    # phd -> postdoc: 4 years for everyone; ds -> postdoc: p07 2021 -> 2023.
    assert inflows["years"].tolist() == [4.0, 2.0]
    outflows = flows["outflows"]
    assert outflows["role_id"].tolist() == ["ds", "founder", "lecturer", "rse"]
    assert outflows["people"].tolist() == [2, 1, 1, 1]
    assert outflows["share"].round(2).tolist() == [28.57, 14.29, 14.29, 14.29]
    # p02 2015 -> 2019 and p07 2018 -> 2021: median 3.5.
    assert outflows["years"].tolist() == [3.5, 3.0, 4.0, 3.0]


def test_default_rules_hide_small_flows_their_shares_and_years(model):
    flows = sections.role_flows(model, "postdoc")
    # 7 holders and 7 arrivals are shown rounded to 5.
    assert flows["people"] == 5 and flows["arrivals"] == 5
    for direction in ("inflows", "outflows"):
        frame = flows[direction]
        assert frame["people"].isna().all(), direction
        assert frame["share"].isna().all() and frame["years"].isna().all()
    # The 6 from phd is hidden too: with the 1 from ds hidden, it could be worked out from the total.
    assert sections.flow_table(model, flows["inflows"], "Previous role", "Share")["People"].tolist() == [
        "fewer than 5",
        "fewer than 5",
    ]


def test_facts_in_words(raw, model):
    assert dict(sections.role_facts(raw, "postdoc")) == {
        "Sector": "Academia",
        "Career stage": "Early career",
        "Grade or band": "Grade 7",
        "Pay": "£37,174 to £45,413 a year",
        "People in the data who held it": "7",
        # p01 4, p02 4, p05 3, p07 3, p10 3 years: median 3.
        "Typical time before moving to another role": "about 3 years",
    }
    assert dict(sections.role_facts(model, "postdoc"))["People in the data who held it"] == "5"
    facts = dict(sections.role_facts(model, "msc"))
    assert facts["Pay"] == "not published" and facts["Grade or band"] == "not given"
    assert dict(sections.role_facts(model, "phd"))["Pay"] == "£19,237 a year"
    assert dict(sections.role_facts(model, "founder"))["Typical time before moving to another role"] == (
        "nobody moved on in these data"
    )
    # Three data scientists moved on (p02 p04 p07): too few for a median under the default rules.
    assert dict(sections.role_facts(model, "ds"))["Typical time before moving to another role"] == (
        "not shown (too few people)"
    )


@pytest.mark.parametrize(
    "low, high, words",
    [
        (37174, 45413, "£37,174 to £45,413 a year"),
        (19237, 19237, "£19,237 a year"),
        (None, None, "not published"),
        (pd.NA, pd.NA, "not published"),
        (30000, None, "from £30,000 a year"),
        (None, 80000, "up to £80,000 a year"),
    ],
)
def test_pay_in_words(low, high, words):
    assert sections.pay_text(low, high) == words


# ---- words and figures ---------------------------------------------------------------------------


def test_summaries_without_disclosure_control(raw):
    flows = sections.role_flows(raw, "postdoc")
    assert sections.inflow_summary(raw, "postdoc", flows) == (
        "These data record 7 moves into Postdoctoral research associate from another role. The most common "
        "previous role was PhD student: 86% of arrivals, typically after about 4 years in it. Next came "
        "Data scientist (14%)."
    )
    assert sections.outflow_summary(raw, "postdoc", flows) == (
        "Of the 7 people who held Postdoctoral research associate, about 1 in 4 moved on to Data scientist "
        "(29%), the most common next role, typically after about 3.5 years. Others moved to Start-up "
        "founder (14%), Lecturer (14%) and Research software engineer (14%). The rest stayed, are still "
        "there or left the data."
    )


def test_summaries_under_the_default_rules_give_no_small_numbers(model):
    flows = sections.role_flows(model, "postdoc")
    assert sections.inflow_summary(model, "postdoc", flows) == (
        "These data record 5 moves into Postdoctoral research associate from another role. The numbers are "
        "too small to show shares safely; people came from PhD student and Data scientist."
    )
    assert sections.outflow_summary(model, "postdoc", flows).startswith(
        "5 people held Postdoctoral research associate; the numbers are too small to show shares safely."
    )
    msc = sections.role_flows(model, "msc")
    assert sections.inflow_summary(model, "msc", msc) == (
        "Nobody in these data moved into MSc student from another role: everyone who held it started here."
    )
    founder = sections.role_flows(model, "founder")
    assert sections.outflow_summary(model, "founder", founder).startswith(
        "Nobody in these data moved on from"
    )


def test_the_flow_figure_draws_shares_in_order_coloured_and_labelled_by_sector(raw):
    figure = sections.flow_figure(raw, sections.role_flows(raw, "postdoc")["outflows"], "Share (%)")
    bar = figure["data"][0]
    assert [round(x, 2) for x in bar["x"]] == [28.57, 14.29, 14.29, 14.29]
    assert bar["y"] == [0, 1, 2, 3] and bar["orientation"] == "h"
    assert figure["layout"]["yaxis"]["ticktext"] == [
        "Data scientist (Industry)",
        "Start-up founder<br>(Entrepreneurship)",
        "Lecturer (Academia)",
        "Research software engineer<br>(Academia)",
    ]
    assert bar["marker"]["color"] == ["#E69F00", "#D55E00", "#0072B2", "#0072B2"]
    assert bar["text"] == ["29%", "14%", "14%", "14%"]
    assert bar["customdata"][0] == ["Data scientist", "29%", "2 people", "about 3.5 years"]
    layout = figure["layout"]
    assert layout["template"]["layout"]["plot_bgcolor"] == "white" and layout["font"]["size"] == 15
    assert "title" not in layout and layout["annotations"] == []
    # The same figure plotly itself would validate.
    assert go.Figure(figure).data[0].x == tuple(bar["x"])


def test_withheld_shares_are_written_not_drawn(model):
    figure = sections.flow_figure(model, sections.role_flows(model, "postdoc")["outflows"], "Share (%)")
    assert figure["data"][0]["x"] == [None] * 4
    assert [note["text"] for note in figure["layout"]["annotations"]] == ["not shown (too few people)"] * 4
    assert [note["y"] for note in figure["layout"]["annotations"]] == [0, 1, 2, 3]


def test_the_barrier_figure_pairs_the_role_with_everyone(raw):
    table = sections.barriers_of(raw, "postdoc")
    # Sorted by the postdocs' agreement: 3 of 3, 2 of 3, 0 of 3.
    assert table["barrier_id"].tolist() == ["fixed_term", "recognised", "promotion_clear"]
    figure = sections.barrier_figure(raw, "postdoc", table)
    role, everyone = figure["data"]
    assert [round(x, 2) for x in role["x"]] == [100.0, 66.67, 0.0]
    assert [round(x, 2) for x in everyone["x"]] == [45.45, 53.85, 16.67]
    assert role["y"] == [-0.2, 0.8, 1.8] and everyone["y"] == [0.2, 1.2, 2.2]
    assert role["marker"]["pattern"]["shape"] != everyone["marker"]["pattern"]["shape"]
    assert "Postdoctoral research associate" in role["name"] and everyone["name"] == "Everyone who answered"
    assert sections.barrier_summary(raw, "postdoc", table) == (
        "Of the statements, people whose latest role is Postdoctoral research associate agreed most with "
        "“I am on a fixed-term contract”: 100% of their answers, against 45% of everyone's."
    )


def test_barriers_under_the_default_rules(model):
    table = sections.barriers_of(model, "postdoc")
    figure = sections.barrier_figure(model, "postdoc", table)
    assert figure["data"][0]["x"] == [None, None, None]
    assert [round(x, 2) if x is not None else None for x in figure["data"][1]["x"]] == [53.85, 45.45, None]
    assert len(figure["layout"]["annotations"]) == 4
    assert sections.barrier_summary(model, "postdoc", table).startswith(
        "Each statement had fewer than 10 answers"
    )
    shown = sections.barrier_table(model, table)
    assert shown["Answers from people in the role"].tolist() == ["fewer than 5"] * 3
    assert shown["Agreed (everyone)"].tolist() == ["54%", "45%", "not shown (fewer than 10 answers)"]


# ---- advice -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role_id, expected",
    [("postdoc", ["vitae-rdf"]), ("rse", ["society-rse"]), ("nhs_analyst", ["nhs-stp"]), ("ds", [])],
)
def test_advice_tagged_with_the_role_then_its_sector_and_stage(model, role_id, expected):
    node = model.graph.nodes[role_id]
    chosen = role_page.role_advice(model.dataset.advice, role_id, node["sector"], node["stage"])
    assert chosen.index.tolist() == expected


def test_advice_cards_link_out_safely_and_to_the_library(model):
    section = role_page.advice_section(model, "postdoc")
    links = find(section, html.A)
    assert links[0].href.startswith("https://www.vitae.ac.uk/")
    assert links[0].rel == "noopener noreferrer"
    assert "/advice?role=postdoc" in as_text(section)
    assert "More advice for this role" in texts(section)
    unsafe = pd.DataFrame(
        {
            "title": ["Click"],
            "url": ["javascript:alert(1)"],
            "provider": ["x"],
            "kind": ["guide"],
            "summary": [""],
        }
    )
    card = role_page.advice_card(next(unsafe.itertuples()))
    assert find(card, html.A) == [] and "javascript" not in as_text(card)


# ---- the page -----------------------------------------------------------------------------------


def test_the_profile_layout(model):
    page = role_page.layout(model, {}, "postdoc")
    assert [h.children for h in find(page, html.H1)] == ["Postdoctoral research associate"]
    shown = as_text(page)
    for part in (ids.ROLE_CONTENT, ids.ROLE_FACTS, ids.ROLE_OUTFLOWS, ids.ROLE_BARRIERS, ids.ROLE_ADVICE):
        assert part in shown
    assert "/routes?from=postdoc" in shown and "/compare?roles=postdoc" in shown
    assert "/download/role.csv?role=postdoc" in shown
    assert "A fixed-term researcher." in shown
    # The role from ?role= gives the same profile.
    assert as_text(role_page.layout(model, {"role": "postdoc"}, "")) == shown


def test_the_index_groups_every_role_by_sector(model):
    page = role_page.layout(model, {}, "")
    assert [h.children for h in find(page, html.H1)] == ["Roles"]
    assert [h.children for h in find(page, html.H2)] == [
        "Education",
        "Academia",
        "NHS",
        "Industry",
        "Entrepreneurship",
    ]
    hrefs = [link.href for link in find(page, dcc.Link)]
    assert len(hrefs) == 9 and "/roles/postdoc" in hrefs
    assert "Postdoctoral research associate" in texts(page)
    assert " · Early career · held by 5 people" in texts(page)


def test_an_unknown_role_gets_a_friendly_page_with_suggestions(model):
    page = role_page.layout(model, {}, "post-doc")
    assert [h.children for h in find(page, html.H1)] == ["We don't know a role called 'post-doc'"]
    links = find(page, dcc.Link)
    assert links[0].href == "/roles/postdoc"
    assert links[0].children == "Postdoctoral research associate (Academia)"
    assert ids.ROLE_UNKNOWN in as_text(page)


def test_a_hostile_role_id_is_only_text(model):
    page = role_page.layout(model, {}, "%3Cscript%3Ealert(1)%3C/script%3E")
    heading = find(page, html.H1)[0].children
    assert heading == "We don't know a role called '<script>alert(1)</script>'"
    assert find(page, html.Script) == []
    long = role_page.layout(model, {}, "x" * 500)
    assert len(find(long, html.H1)[0].children) < 100


def test_the_address(model):
    assert [field.name for field in role_page.fields(model)] == ["role"]
    assert role_page.to_query(model, "postdoc") == "?role=postdoc"
    assert role_page.to_query(model, "") == ""
    assert role_page.to_query(model, "no-such-role") == ""
    assert role_page.requested_role({}, "postdoc/") == "postdoc"
    assert role_page.requested_role({"role": "ds"}, "") == "ds"
    assert role_page.requested_role({"role": "ds"}, "postdoc") == "postdoc"


# ---- the download ------------------------------------------------------------------------------


def test_download_without_disclosure_control(raw):
    table = role_page.download(raw, {"role": "postdoc"})
    assert list(table.columns) == sections.DOWNLOAD_COLUMNS
    assert table.equals(role_page.download(raw, {}, "postdoc"))
    came = table[table["measure"] == "came from"]
    assert came[["item_id", "count", "percent", "median_years"]].values.tolist() == [
        ["phd", "6", 85.7, 4.0],
        ["ds", "1", 14.3, 2.0],
    ]
    went = table[table["measure"] == "moved on to"]
    assert went["item_id"].tolist() == ["ds", "founder", "lecturer", "rse"]
    assert went["count"].tolist() == ["2", "1", "1", "1"]
    held = table[table["measure"] == "people who held the role"]
    assert held["count"].tolist() == ["7"]
    agreed = table[table["measure"] == "agreed (people in the role)"].set_index("item_id")
    assert agreed.loc["fixed_term", "percent"] == 100.0 and agreed.loc["fixed_term", "count"] == "3"


def test_download_under_the_default_rules(model):
    table = role_page.download(model, {"role": "postdoc"})
    flows = table[table["measure"].isin(["came from", "moved on to"])]
    assert set(flows["count"]) == {"<5"}
    assert flows["percent"].isna().all() and flows["median_years"].isna().all()
    assert table.loc[table["measure"] == "people who held the role", "count"].tolist() == ["5"]
    everyone = table[table["measure"] == "agreed (everyone)"]
    assert everyone["count"].tolist() == ["15", "10", "5"]


def test_download_for_no_role_or_an_unknown_one_is_empty(model):
    for query, rest in (({}, ""), ({"role": "post-doc"}, ""), ({}, "post-doc")):
        table = role_page.download(model, query, rest)
        assert table.empty and list(table.columns) == sections.DOWNLOAD_COLUMNS


def test_the_tab_is_named_after_the_role(tiny):
    from layouts.role_page import page_title
    from pathways.model import CareerModel

    model = CareerModel.build(tiny)
    assert page_title(model, {}, "postdoc") == "Postdoctoral research associate: role profile"
    assert page_title(model, {}, "post-doc") == "Role not found"
    assert page_title(model, {}, "") == "Roles"
