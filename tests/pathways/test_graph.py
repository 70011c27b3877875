"""The transition graph, counted by hand from tests/fixtures/tiny/careers.csv.

Stays of the tiny fixture (consecutive episodes in one role merged):
p01 phd 2010, postdoc 2014, lecturer 2018      p07 phd 2014, postdoc 2018, ds 2021, postdoc 2023
p02 phd 2011, postdoc 2015, ds 2019, sds 2021  p08 phd 2015, postdoc 2019
p03 phd 2012, ds 2016                          p09 msc 2017, phd 2018, postdoc 2022
p04 msc 2015, ds 2016, senior_ds 2019          p10 postdoc 2012, founder 2015
p05 phd 2013, postdoc 2017, rse 2020           p11 phd 2016
p06 msc 2016, nhs_analyst 2017                 p12 msc ?, ds ?          (p13: no career)
"""

import json
import math
from dataclasses import replace

import networkx as nx
import pandas as pd
import pytest

from pathways.graph import (
    UnknownRole,
    build_sector_graph,
    build_transition_graph,
    check_role,
    role_profile_flows,
    suggest_roles,
)


@pytest.fixture(scope="module")
def G(tiny):
    return build_transition_graph(tiny)


def test_every_role_is_a_node_with_the_people_who_held_it(G):
    people = dict(G.nodes(data="people"))
    assert people == {
        "msc": 4,  # p04 p06 p09 p12
        "phd": 8,  # p01 p02 p03 p05 p07 p08 p09 p11
        "postdoc": 7,  # p01 p02 p05 p07 p08 p09 p10 (p07 twice, counted once)
        "lecturer": 1,
        "rse": 1,
        "ds": 5,  # p02 p03 p04 p07 p12
        "senior_ds": 2,
        "nhs_analyst": 1,
        "founder": 1,
    }


def test_node_attributes_come_from_the_roles(G):
    assert G.nodes["postdoc"] == {
        "title": "Postdoctoral research associate",
        "sector": "academia",
        "stage": "early",
        "stage_rank": 1,
        "grade": "Grade 7",
        "salary_min": 37174,
        "salary_max": 45413,
        "aliases": ("Post-doc", "Research associate"),
        "people": 7,
    }
    assert G.nodes["msc"]["grade"] is None
    assert G.nodes["msc"]["salary_min"] is None
    ranks = {
        role: G.nodes[role]["stage_rank"] for role in ("msc", "postdoc", "lecturer", "senior_ds", "founder")
    }
    assert ranks == {"msc": 0, "postdoc": 1, "lecturer": 2, "senior_ds": 3, "founder": 4}


def test_a_role_nobody_held_is_still_a_node(tiny):
    extra = pd.DataFrame(
        {"title": ["Professor"], "sector": ["academia"], "stage": ["leader"]},
        index=pd.Index(["professor"], name="role_id"),
    )
    G = build_transition_graph(replace(tiny, roles=pd.concat([tiny.roles, extra])))
    assert G.nodes["professor"]["people"] == 0
    assert G.degree("professor") == 0


def test_graph_metadata(G):
    assert G.graph["dataset"] == "Tiny hand-counted fixture"
    assert G.graph["people"] == 12


def test_one_edge_per_observed_transition(G):
    assert sorted(G.edges) == [
        ("ds", "postdoc"),
        ("ds", "senior_ds"),
        ("msc", "ds"),
        ("msc", "nhs_analyst"),
        ("msc", "phd"),
        ("phd", "ds"),
        ("phd", "postdoc"),
        ("postdoc", "ds"),
        ("postdoc", "founder"),
        ("postdoc", "lecturer"),
        ("postdoc", "rse"),
    ]


def test_transition_probability_is_movers_over_everyone_who_held_the_role(G):
    edge = G.edges["postdoc", "ds"]
    assert edge["people"] == 2  # p02, p07
    assert edge["moves"] == 2
    assert edge["probability"] == pytest.approx(2 / 7)
    assert edge["weight"] == pytest.approx(-math.log(2 / 7))
    assert edge["median_years"] == 3.5  # p02 2015->2019, p07 2018->2021
    assert G.edges["phd", "postdoc"]["probability"] == pytest.approx(6 / 8)
    assert G.edges["phd", "postdoc"]["median_years"] == 4.0


def test_return_to_academia_is_an_ordinary_edge(G):
    edge = G.edges["ds", "postdoc"]  # p07 ds 2021 -> postdoc 2023
    assert (edge["people"], edge["moves"], edge["median_years"]) == (1, 1, 2.0)
    assert edge["probability"] == pytest.approx(1 / 5)


def test_median_years_leaves_out_unknown_years(G, tiny):
    assert G.edges["msc", "ds"]["people"] == 2  # p04 (1 year) and p12 (no years)
    assert G.edges["msc", "ds"]["median_years"] == 1.0
    only_p12 = build_transition_graph(replace(tiny, careers=tiny.careers[tiny.careers["person_id"] == "p12"]))
    assert only_p12.edges["msc", "ds"]["median_years"] is None
    assert only_p12.edges["msc", "ds"]["probability"] == 1.0
    assert only_p12.edges["msc", "ds"]["weight"] == 0.0


def test_outgoing_probabilities_never_add_up_to_more_than_one(G):
    for role in G:
        assert sum(p for _, _, p in G.out_edges(role, data="probability")) <= 1 + 1e-12
    assert sum(p for _, _, p in G.out_edges("postdoc", data="probability")) == pytest.approx(5 / 7)


def test_graph_is_plain_data_that_serialises_to_json(G):
    json.dumps(nx.node_link_data(G, edges="edges"))


def test_empty_careers_give_nodes_without_edges(tiny):
    G = build_transition_graph(replace(tiny, careers=tiny.careers.iloc[0:0]))
    assert G.number_of_nodes() == 9
    assert G.number_of_edges() == 0
    assert G.graph["people"] == 0


def test_sector_graph_nodes(tiny):
    S = build_sector_graph(tiny)
    assert list(S.nodes(data="people")) == [
        ("education", 11),  # everyone with a career but p10
        ("academia", 7),
        ("nhs", 1),
        ("industry", 5),
        ("entrepreneurship", 1),
    ]
    assert S.nodes["academia"]["roles"] == 3
    assert S.nodes["nhs"]["label"] == "NHS"
    assert S.graph["dataset"] == "Tiny hand-counted fixture"


def test_sector_graph_edges_include_moves_within_a_sector(tiny):
    S = build_sector_graph(tiny)
    edges = {(a, b): (d["moves"], d["people"]) for a, b, d in S.edges(data=True)}
    assert edges == {
        ("education", "academia"): (6, 6),
        ("education", "industry"): (3, 3),  # phd->ds p03, msc->ds p04 p12
        ("education", "education"): (1, 1),  # msc->phd p09
        ("education", "nhs"): (1, 1),
        ("academia", "academia"): (2, 2),  # postdoc->lecturer p01, postdoc->rse p05
        ("academia", "industry"): (2, 2),
        ("academia", "entrepreneurship"): (1, 1),
        ("industry", "industry"): (2, 2),
        ("industry", "academia"): (1, 1),  # p07's return
    }
    assert sum(moves for moves, _ in edges.values()) == len(tiny.transitions) == 19
    assert S.edges["education", "academia"]["probability"] == pytest.approx(6 / 11)


def test_sector_graph_counts_a_person_once_per_sector_pair(tiny):
    careers = pd.DataFrame(
        {
            "person_id": ["x"] * 4,
            "seq": [1, 2, 3, 4],
            "role_id": ["postdoc", "ds", "postdoc", "senior_ds"],
            "start_year": pd.array([2010, 2012, 2014, 2016], dtype="Int64"),
            "end_year": pd.array([None] * 4, dtype="Int64"),
        }
    )
    S = build_sector_graph(replace(tiny, careers=careers))
    assert S.edges["academia", "industry"]["moves"] == 2
    assert S.edges["academia", "industry"]["people"] == 1
    assert S.edges["academia", "industry"]["probability"] == 1.0


def test_role_profile_flows_of_postdoc(G):
    profile = role_profile_flows(G, "postdoc")
    assert profile["role"] == "postdoc"
    assert profile["people"] == 7
    inflows = profile["inflows"]
    assert inflows[["role_id", "people", "moves"]].values.tolist() == [["phd", 6, 6], ["ds", 1, 1]]
    assert inflows["share"].tolist() == pytest.approx([6 / 7, 1 / 7])
    assert inflows["median_years"].tolist() == [4.0, 2.0]
    assert inflows["title"].tolist() == ["PhD student", "Data scientist"]
    outflows = profile["outflows"]
    assert outflows["role_id"].tolist() == ["ds", "founder", "lecturer", "rse"]
    assert outflows["share"].tolist() == pytest.approx([2 / 7, 1 / 7, 1 / 7, 1 / 7])
    assert outflows["sector"].tolist() == ["industry", "entrepreneurship", "academia", "academia"]


def test_role_profile_flows_of_a_role_nobody_left(G):
    profile = role_profile_flows(G, "lecturer")
    assert profile["outflows"].empty
    assert list(profile["outflows"].columns) == list(profile["inflows"].columns)
    assert profile["inflows"][["role_id", "share"]].values.tolist() == [["postdoc", 1.0]]


def test_role_profile_flows_of_an_unknown_role(G):
    with pytest.raises(UnknownRole) as caught:
        role_profile_flows(G, "postdok")
    assert caught.value.suggestions[0] == "postdoc"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("post-doc", "postdoc"),
        ("Post-doc", "postdoc"),  # an alias
        ("RSE", "rse"),  # an alias, another case
        ("Data scientst", "ds"),  # a title
        ("senior-ds", "senior_ds"),
        ("nhs analyst", "nhs_analyst"),
    ],
)
def test_unknown_role_suggests_close_ids_titles_and_aliases(G, text, first):
    with pytest.raises(UnknownRole) as caught:
        check_role(G, text)
    assert caught.value.role_id == text
    assert caught.value.suggestions[0] == first
    assert f"did you mean {first!r}" in str(caught.value)


def test_unknown_role_without_suggestions(G):
    with pytest.raises(KeyError) as caught:
        check_role(G, "astronaut")
    assert caught.value.suggestions == ()
    assert str(caught.value) == "unknown role 'astronaut'"


def test_suggestions_from_the_roles_table_match_those_from_the_graph(G, tiny):
    for text in ("post-doc", "Data scientst", "lectrer", "founder!"):
        assert suggest_roles(tiny.roles, text) == suggest_roles(G, text)
