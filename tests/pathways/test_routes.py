"""The route finder, counted by hand from tests/fixtures/tiny (stays in test_graph.py).

Holders: phd 8, postdoc 7, ds 5, msc 4. Movers: phd->postdoc 6, phd->ds 1,
postdoc->ds 2, ds->senior_ds 2, ds->postdoc 1, msc->ds 2, msc->phd 1.
"""

import itertools
import json
import math
import random
from dataclasses import FrozenInstanceError, replace

import networkx as nx
import pandas as pd
import pytest

from pathways.graph import build_transition_graph
from pathways.routes import NoRoute, Route, UnknownRole, find_routes, route_people


@pytest.fixture(scope="module")
def G(tiny):
    return build_transition_graph(tiny)


def summary(routes):
    return [(r.roles, round(r.probability, 6), r.people, r.median_years) for r in routes]


def test_phd_to_data_scientist(G, tiny):
    routes = find_routes(G, "phd", "ds", stays=tiny.stays)
    assert summary(routes) == [
        # p02 2011->2019 (8 years), p07 2014->2021 (7 years)
        (("phd", "postdoc", "ds"), round(6 / 8 * 2 / 7, 6), 2, 7.5),
        (("phd", "ds"), round(1 / 8, 6), 1, 4.0),  # p03 2012->2016
    ]


def test_the_more_probable_route_can_be_the_longer_one(G, tiny):
    routes = find_routes(G, "phd", "senior_ds", stays=tiny.stays)
    assert summary(routes) == [
        (("phd", "postdoc", "ds", "senior_ds"), round(6 / 8 * 2 / 7 * 2 / 5, 6), 1, 10.0),  # p02
        (("phd", "ds", "senior_ds"), round(1 / 8 * 2 / 5, 6), 0, None),  # p03 stopped at ds
    ]


def test_k_limits_the_number_of_routes(G, tiny):
    routes = find_routes(G, "phd", "senior_ds", k=1, stays=tiny.stays)
    assert [r.roles for r in routes] == [("phd", "postdoc", "ds", "senior_ds")]


def test_max_steps_limits_the_moves(G):
    assert [r.roles for r in find_routes(G, "phd", "senior_ds", max_steps=2)] == [("phd", "ds", "senior_ds")]
    assert [r.roles for r in find_routes(G, "phd", "senior_ds", max_steps=3)] == [
        ("phd", "postdoc", "ds", "senior_ds"),
        ("phd", "ds", "senior_ds"),
    ]


def test_avoid_sectors_skips_intermediate_roles(G):
    routes = find_routes(G, "phd", "senior_ds", avoid_sectors=["academia"])
    assert [r.roles for r in routes] == [("phd", "ds", "senior_ds")]


def test_source_and_target_are_kept_in_an_avoided_sector(G):
    routes = find_routes(G, "msc", "postdoc", avoid_sectors=["education", "academia"])
    assert [r.roles for r in routes] == [("msc", "ds", "postdoc")]


def test_return_to_academia(G, tiny):
    (route,) = find_routes(G, "ds", "postdoc", stays=tiny.stays)
    assert summary([route]) == [(("ds", "postdoc"), 0.2, 1, 2.0)]  # p07 ds 2021 -> postdoc 2023
    # p07's career contains postdoc -> ds -> postdoc although it is not a simple path.
    assert route_people(["postdoc", "ds", "postdoc"], stays=tiny.stays) == (1, 5.0)


def test_without_stays_people_and_years_are_unknown(G):
    route = find_routes(G, "phd", "ds")[0]
    assert (route.people, route.median_years) == (None, None)
    assert route_people(["phd", "ds"]) == (None, None)


def test_transitions_give_the_same_people_as_stays(G, tiny):
    for source, target in [("phd", "senior_ds"), ("msc", "postdoc"), ("ds", "postdoc"), ("msc", "ds")]:
        from_stays = find_routes(G, source, target, k=10, stays=tiny.stays)
        from_transitions = find_routes(G, source, target, k=10, transitions=tiny.transitions)
        assert from_stays == from_transitions


def test_route_people_counts_consecutive_steps_only(tiny):
    # p09 msc -> phd -> postdoc (2017 -> 2022); nobody goes msc -> postdoc directly.
    assert route_people(["msc", "phd", "postdoc"], stays=tiny.stays) == (1, 5.0)
    assert route_people(["msc", "postdoc"], stays=tiny.stays) == (0, None)
    assert route_people(["phd", "postdoc"], stays=tiny.stays) == (6, 4.0)
    # p12 has no years: counted among the people, left out of the median.
    assert route_people(["msc", "ds"], stays=tiny.stays) == (2, 1.0)
    assert route_people(["lecturer", "postdoc"], stays=tiny.stays) == (0, None)


def test_route_people_counts_a_person_once_with_their_first_time(tiny):
    careers = pd.DataFrame(
        {
            "person_id": ["x", "x", "x", "x", "y", "y"],
            "seq": [1, 2, 3, 4, 1, 2],
            "role_id": ["postdoc", "ds", "postdoc", "ds", "ds", "postdoc"],
            "start_year": pd.array([2010, 2012, 2014, 2020, 2010, 2011], dtype="Int64"),
            "end_year": pd.array([None] * 6, dtype="Int64"),
        }
    )
    data = replace(tiny, careers=careers)
    assert route_people(["postdoc", "ds"], stays=data.stays) == (1, 2.0)
    assert route_people(["postdoc", "ds"], transitions=data.transitions) == (1, 2.0)
    # x's last stay (ds 2020) is followed by y's stays: a route never runs across people.
    assert route_people(["ds", "postdoc", "ds"], stays=data.stays) == (1, 8.0)
    assert route_people(["ds", "postdoc"], stays=data.stays) == (2, 1.5)


def test_no_route_carries_stepping_stones(G, tiny):
    with pytest.raises(NoRoute) as caught:
        find_routes(G, "phd", "senior_ds", avoid_sectors=["industry"], stays=tiny.stays)
    error = caught.value
    assert (error.source, error.target) == ("phd", "senior_ds")
    assert isinstance(error, nx.NetworkXNoPath)
    assert str(error) == "no route from 'phd' to 'senior_ds' within 6 steps avoiding industry"
    # No other industry senior role; of the roles reachable without industry
    # only postdoc leads on to senior_ds.
    assert summary(error.alternatives) == [(("phd", "postdoc"), 0.75, 6, 4.0)]


def test_no_route_puts_similar_roles_before_stepping_stones(G, tiny):
    with pytest.raises(NoRoute) as caught:
        find_routes(G, "msc", "rse", max_steps=2, stays=tiny.stays)
    assert summary(caught.value.alternatives) == [
        # postdoc is academic and early like rse: msc->phd->postdoc 1/4 * 6/8 beats msc->ds->postdoc 2/4 * 1/5
        (("msc", "phd", "postdoc"), 0.1875, 1, 5.0),
        # then roles from which rse can be reached, most probable first
        (("msc", "ds"), 0.5, 2, 1.0),
        (("msc", "phd"), 0.25, 1, 1.0),
    ]
    with pytest.raises(NoRoute) as caught:
        find_routes(G, "msc", "rse", k=2, max_steps=2)
    assert [r.roles for r in caught.value.alternatives] == [("msc", "phd", "postdoc"), ("msc", "ds")]


def test_no_route_from_a_dead_end(G):
    with pytest.raises(NoRoute) as caught:
        find_routes(G, "lecturer", "ds")
    assert caught.value.alternatives == ()
    assert str(caught.value) == "no route from 'lecturer' to 'ds' within 6 steps"


def test_unknown_roles_suggest_close_matches(G):
    with pytest.raises(UnknownRole) as caught:
        find_routes(G, "post-doc", "ds")
    assert caught.value.role_id == "post-doc"
    assert caught.value.suggestions[0] == "postdoc"
    assert isinstance(caught.value, KeyError)
    with pytest.raises(UnknownRole) as caught:
        find_routes(G, "phd", "Data scientst")
    assert caught.value.suggestions[0] == "ds"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": "phd"}, "other than its start"),
        ({"k": 0}, "at least 1"),
        ({"max_steps": 0}, "at least 1"),
        ({"avoid_sectors": ["acadamia"]}, "unknown sector 'acadamia'"),
    ],
)
def test_invalid_requests(G, kwargs, message):
    arguments = {"source": "phd", "target": "ds", **kwargs}
    with pytest.raises(ValueError, match=message):
        find_routes(G, **arguments)


def test_route_as_dict_is_the_json_of_the_routes_command(G, tiny):
    routes = find_routes(G, "phd", "senior_ds", stays=tiny.stays)
    data = json.loads(json.dumps([r.as_dict() for r in routes]))
    assert data[0] == {
        "roles": ["phd", "postdoc", "ds", "senior_ds"],
        "probability": pytest.approx(3 / 35),
        "people": 1,
        "median_years": 10.0,
    }
    assert data[1]["median_years"] is None
    assert routes[0].steps == 3
    with pytest.raises(FrozenInstanceError):
        routes[0].people = 2


def _random_graph(seed, n=9, density=0.5):
    rng = random.Random(seed)
    G = nx.DiGraph()
    for i in range(n):
        G.add_node(f"r{i}", sector=rng.choice(["academia", "industry", "nhs"]), stage="early")
    for a, b in itertools.permutations(G, 2):
        if rng.random() < density:
            p = rng.choice([0.05, 0.1, 0.2, 0.25, 0.3, 0.5])
            G.add_edge(a, b, probability=p, weight=-math.log(p))
    return G


def _brute_force(G, source, target, max_steps, avoid=()):
    paths = [
        p
        for p in nx.all_simple_paths(G, source, target, cutoff=max_steps)
        if not any(G.nodes[n]["sector"] in avoid for n in p[1:-1])
    ]
    return sorted(math.prod(G.edges[a, b]["probability"] for a, b in zip(p, p[1:])) for p in paths)[::-1]


@pytest.mark.parametrize("seed", range(8))
def test_routes_are_the_k_most_probable_simple_paths(seed):
    G = _random_graph(seed)
    for max_steps, avoid in [(2, ()), (4, ()), (3, ("nhs",))]:
        expected = _brute_force(G, "r0", "r1", max_steps, avoid)
        try:
            routes = find_routes(G, "r0", "r1", k=7, max_steps=max_steps, avoid_sectors=avoid)
        except NoRoute:
            routes = []
        assert [r.probability for r in routes] == pytest.approx(expected[:7])
        assert all(len(set(r.roles)) == len(r.roles) <= max_steps + 1 for r in routes)


@pytest.mark.parametrize("seed", range(5))
def test_the_expansion_cap_only_shortens_the_list(seed):
    dense = _random_graph(seed, n=12, density=0.9)
    full = find_routes(dense, "r0", "r1", k=20, max_steps=5)
    assert len(full) == 20
    lengths = []
    for cap in (1, 3, 10, 30, 100):
        try:
            capped = find_routes(dense, "r0", "r1", k=20, max_steps=5, max_expansions=cap)
        except NoRoute:
            capped = []
        assert capped == full[: len(capped)]
        lengths.append(len(capped))
    assert lengths[0] < 20


def test_a_search_stopped_by_the_cap_says_so(G):
    with pytest.raises(NoRoute, match="search stopped after 1 partial routes"):
        find_routes(G, "phd", "senior_ds", max_expansions=1)


def test_ties_are_ordered_by_fewer_steps_then_ids():
    G = nx.DiGraph()
    G.add_nodes_from("abcdt", sector="academia")
    for u, v, p in [("a", "t", 0.25), ("a", "c", 0.5), ("c", "t", 0.5), ("a", "b", 0.5), ("b", "t", 0.5)]:
        G.add_edge(u, v, probability=p, weight=-math.log(p))
    assert [r.roles for r in find_routes(G, "a", "t")] == [("a", "t"), ("a", "b", "t"), ("a", "c", "t")]
    assert [r.roles for r in find_routes(G, "a", "t", k=2)] == [("a", "t"), ("a", "b", "t")]


def test_route_is_a_plain_value():
    route = Route(("a", "b"), 0.5, 3, None)
    assert route == Route(("a", "b"), 0.5, 3, None)
    assert route.as_dict() == {"roles": ["a", "b"], "probability": 0.5, "people": 3, "median_years": None}
