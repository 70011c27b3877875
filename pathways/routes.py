"""The route finder: the most probable ways from one role to another.

A route's probability is the product of the transition probabilities along
it (``data-spec.md``), so it reads as "of the people who held FROM, the share
expected to follow this route". Routes are searched on the edge weights
``-log(probability)`` of :func:`pathways.graph.build_transition_graph`, where
the most probable route is the lightest path.

The search is a best-first (A*) enumeration of simple paths of at most
``max_steps`` moves, guided by each role's lightest remaining distance and
fewest remaining moves to the target; it yields routes exactly in order of
probability, so the k it returns are the k most probable. Unlike
``networkx.shortest_simple_paths``, which has no notion of a step limit and
would enumerate ever longer paths when fewer than k short ones exist, it never
extends a partial route that cannot reach the target within ``max_steps``, and
it extends at most ``max_expansions`` partial routes in all (default
20,000), so the work of one search is bounded by ``max_expansions`` times the
largest out-degree whatever the graph (when there is no route, one more such
search runs per candidate alternative, see :class:`NoRoute`). Hitting that cap
can only shorten the list: the routes returned are still the most probable
ones, in order.

Counting a route's people reads the stays once per call (the rows where the
source role was held) and then only those rows, so its cost grows with the
number of stays, not with k or the route's length.
"""

import heapq
import math
from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from pathways.graph import UnknownRole, check_role
from pathways.schema import SECTORS

__all__ = ["NoRoute", "Route", "UnknownRole", "find_routes", "route_people"]

MAX_EXPANSIONS = 20_000
# Routes whose weights differ by less than this are ties (sums of logs are not exact).
_TIE = 1e-9


class NoRoute(nx.NetworkXNoPath):
    """No route from ``source`` to ``target`` under the constraints asked for.

    Attributes
    ----------
    source, target : str
    alternatives : tuple of Route
        The most probable routes, under the same constraints, to the nearest
        reachable roles: first the roles of the target's sector and stage,
        then the roles from which the target can be reached in the whole
        graph (stepping stones), each group most probable first; at most k.

    Examples
    --------
    >>> error = NoRoute("phd", "founder", ())
    >>> str(error)
    "no route from 'phd' to 'founder'"
    >>> isinstance(error, nx.NetworkXNoPath)
    True
    """

    def __init__(self, source, target, alternatives=(), detail=""):
        self.source = source
        self.target = target
        self.alternatives = tuple(alternatives)
        super().__init__(f"no route from {source!r} to {target!r}{detail}")


@dataclass(frozen=True)
class Route:
    """One route: its roles, probability and the people who followed it.

    Examples
    --------
    >>> Route(("phd", "postdoc"), 0.75, 6, 4.0).as_dict()
    {'roles': ['phd', 'postdoc'], 'probability': 0.75, 'people': 6, 'median_years': 4.0}
    """

    roles: tuple
    probability: float
    people: int | None
    median_years: float | None

    @property
    def steps(self):
        """Number of moves along the route."""
        return len(self.roles) - 1

    def as_dict(self):
        """The route as the JSON object of the ``routes`` command."""
        return {
            "roles": list(self.roles),
            "probability": self.probability,
            "people": self.people,
            "median_years": self.median_years,
        }


def find_routes(
    G,
    source,
    target,
    k=5,
    max_steps=6,
    avoid_sectors=(),
    stays=None,
    transitions=None,
    max_expansions=MAX_EXPANSIONS,
):
    """Find the k most probable routes from ``source`` to ``target``.

    Parameters
    ----------
    G : networkx.DiGraph
        From :func:`pathways.graph.build_transition_graph`.
    source, target : str
        Role ids.
    k : int
        At most this many routes.
    max_steps : int
        At most this many moves per route.
    avoid_sectors : iterable of str
        Sectors whose roles may not be passed through (the source and the
        target are kept even when they are in one).
    stays, transitions : DataFrame, optional
        ``dataset.stays`` or ``dataset.transitions`` (sorted by person and
        step, as the dataset keeps them), to count each route's ``people``
        and ``median_years`` with :func:`route_people`. Without either, both
        are None.
    max_expansions : int
        Bound on the search (see the module's description).

    Returns
    -------
    list of Route
        Most probable first; ties by fewer steps, then by role ids.

    Raises
    ------
    UnknownRole
        ``source`` or ``target`` is not a role, with close matches.
    ValueError
        ``source == target``, an unknown sector, or ``k``/``max_steps`` under 1.
    NoRoute
        No route within ``max_steps`` avoiding ``avoid_sectors``; it carries
        alternatives (see :class:`NoRoute`).

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([("phd", {"sector": "education", "stage": "student"}),
    ...                   ("postdoc", {"sector": "academia", "stage": "early"}),
    ...                   ("ds", {"sector": "industry", "stage": "early"}),
    ...                   ("senior_ds", {"sector": "industry", "stage": "senior"})])
    >>> for a, b, p in [("phd", "postdoc", 0.75), ("phd", "ds", 0.125),
    ...                 ("postdoc", "ds", 0.3), ("ds", "senior_ds", 0.4)]:
    ...     G.add_edge(a, b, probability=p, weight=-math.log(p))
    >>> [(r.roles, round(r.probability, 3)) for r in find_routes(G, "phd", "senior_ds")]
    [(('phd', 'postdoc', 'ds', 'senior_ds'), 0.09), (('phd', 'ds', 'senior_ds'), 0.05)]
    >>> [r.roles for r in find_routes(G, "phd", "senior_ds", max_steps=2)]
    [('phd', 'ds', 'senior_ds')]
    >>> find_routes(G, "phd", "senior_ds", avoid_sectors=["industry"])
    Traceback (most recent call last):
    ...
    pathways.routes.NoRoute: no route from 'phd' to 'senior_ds' within 6 steps avoiding industry
    """
    check_role(G, source)
    check_role(G, target)
    if source == target:
        raise ValueError(f"the route must end in a role other than its start, got {source!r} twice")
    if k < 1 or max_steps < 1:
        raise ValueError("k and max_steps must be at least 1")
    avoid = frozenset(avoid_sectors)
    unknown = sorted(avoid - set(SECTORS))
    if unknown:
        raise ValueError(f"unknown sector {unknown[0]!r}; expected one of {', '.join(SECTORS)}")
    H = _allowed(G, avoid, keep=(source, target))
    found, complete = _best_paths(H, source, target, k, max_steps, max_expansions)
    careers = _careers_from(source, stays, transitions)
    if found:
        return [_route(G, path, careers) for path in found]
    alternatives = _alternatives(G, H, source, target, k, max_steps, max_expansions)
    detail = f" within {max_steps} steps" + (f" avoiding {', '.join(sorted(avoid))}" if avoid else "")
    if not complete:
        detail += f" (search stopped after {max_expansions} partial routes)"
    raise NoRoute(source, target, [_route(G, p, careers) for p in alternatives], detail)


def _allowed(G, avoid, keep):
    """The graph without the roles of avoided sectors (a view, nothing copied)."""
    if not avoid:
        return G
    return nx.subgraph_view(G, filter_node=lambda n: n in keep or G.nodes[n].get("sector") not in avoid)


def _best_paths(H, source, target, k, max_steps, max_expansions):
    """The k lightest simple paths of at most ``max_steps`` edges, lightest first (A*).

    Also says whether the search ran to its end (False when ``max_expansions`` stopped it).
    """
    reverse = H.reverse(copy=False)
    # Lightest distance and fewest moves to the target: lower bounds that prune and guide.
    remaining = nx.single_source_dijkstra_path_length(reverse, target, weight="weight")
    hops = nx.single_source_shortest_path_length(reverse, target)
    if source not in remaining:
        return [], True
    heap = [(remaining[source], 0.0, 1, (source,))]
    found = []
    expansions = 0
    complete = True
    while heap:
        estimate, cost, _, path = heapq.heappop(heap)
        if len(found) >= k and estimate > found[k - 1][0] + _TIE:
            break
        node = path[-1]
        if node == target:
            found.append((cost, path))
            continue
        expansions += 1
        if expansions > max_expansions:
            # Paths tied with the unexplored frontier may still be missing: keep only the sure ones.
            found = [item for item in found if item[0] < estimate - _TIE]
            complete = False
            break
        for nxt, attrs in H[node].items():
            if nxt in path or nxt not in remaining or len(path) + hops[nxt] > max_steps:
                continue
            weight = cost + attrs["weight"]
            heapq.heappush(heap, (weight + remaining[nxt], weight, len(path) + 1, path + (nxt,)))
    # Paths popped within _TIE of each other are ties: order them by length and ids.
    found.sort(key=lambda item: (round(item[0] / _TIE), len(item[1]), item[1]))
    return [path for _, path in found[:k]], complete


def _alternatives(G, H, source, target, k, max_steps, max_expansions):
    """Best paths to the nearest roles reachable when the target is not (see NoRoute)."""
    reachable = nx.single_source_shortest_path_length(H, source, cutoff=max_steps)
    sector, stage = G.nodes[target].get("sector"), G.nodes[target].get("stage")
    stepping_stones = nx.ancestors(G, target)
    similar, stones = [], []
    for role in reachable:
        if role in (source, target):
            continue
        attrs = G.nodes[role]
        if attrs.get("sector") == sector and attrs.get("stage") == stage:
            similar.append(role)
        elif role in stepping_stones:
            stones.append(role)
    chosen = []
    for group in (similar, stones):
        paths = [p for role in group for p in _best_paths(H, source, role, 1, max_steps, max_expansions)[0]]
        chosen.extend(sorted(paths, key=lambda p: (-_probability(G, p), len(p), p)))
    return chosen[:k]


def _probability(G, path):
    return math.prod(G.edges[a, b]["probability"] for a, b in zip(path, path[1:]))


def _route(G, path, careers):
    people, years = _people_on(careers, path) if careers is not None else (None, None)
    return Route(tuple(path), _probability(G, path), people, years)


def route_people(path, stays=None, transitions=None):
    """Count the people who followed ``path`` as consecutive stays, and their median years.

    Parameters
    ----------
    path : sequence of str
        Role ids, at least two.
    stays, transitions : DataFrame, optional
        ``dataset.stays`` or ``dataset.transitions``, sorted by person and
        step as the dataset keeps them (only one is needed; stays are read
        first).

    Returns
    -------
    tuple of (int or None, float or None)
        The number of persons whose own sequence of stays contains ``path``
        as consecutive steps, and the median over them of the years from
        starting the first role to starting the last, where known. A person
        counts once however often they followed the route, with the years of
        the first time. ``(None, None)`` without stays or transitions.

    Examples
    --------
    >>> from pathways.careers import collapse_stays, stay_transitions
    >>> careers = pd.DataFrame({"person_id": ["a", "a", "a", "b", "b", "b"], "seq": [1, 2, 3, 1, 2, 3],
    ...                         "role_id": ["phd", "postdoc", "ds", "phd", "postdoc", "ds"],
    ...                         "start_year": [2010, 2014, 2017, 2011, 2015, None], "end_year": None})
    >>> stays = collapse_stays(careers)
    >>> route_people(["phd", "postdoc", "ds"], stays=stays)
    (2, 7.0)
    >>> route_people(["phd", "postdoc", "ds"], transitions=stay_transitions(stays))
    (2, 7.0)
    >>> route_people(["phd", "ds"], stays=stays)
    (0, None)
    """
    careers = _careers_from(path[0], stays, transitions)
    return _people_on(careers, path) if careers is not None else (None, None)


class _Careers(NamedTuple):
    """Stays or transitions read as sequences of stays, with the rows where ``source`` was held."""

    frame: pd.DataFrame
    first: tuple  # (role column, start column) of a route's first role
    following: tuple  # the same for the route's later roles
    shift: int  # a later role j sits j - shift rows after the first
    rows: np.ndarray


def _careers_from(source, stays, transitions):
    # One scan of the whole frame per source, shared by all routes from it.
    if stays is not None:
        frame, first, following, shift = stays, ("role_id", "start_year"), ("role_id", "start_year"), 0
    elif transitions is not None:
        # A transition row holds its source stay and, in target, the next one.
        frame, first, following, shift = (
            transitions,
            ("source", "source_start"),
            ("target", "target_start"),
            1,
        )
    else:
        return None
    return _Careers(frame, first, following, shift, _true_rows(frame[first[0]] == source))


def _people_on(careers, path):
    frame, first, following, shift, rows = careers
    steps = len(path) - 1
    persons = frame["person_id"]
    rows = rows[rows + steps - shift < len(frame)]
    person = persons.iloc[rows].to_numpy()
    for j in range(1, steps + 1):
        at = rows + j - shift
        keep = _true_rows(frame[following[0]].iloc[at] == path[j])
        keep = keep[persons.iloc[at[keep]].to_numpy() == person[keep]]
        rows, person = rows[keep], person[keep]
    if len(rows) == 0:
        return 0, None
    start = frame[first[1]].iloc[rows]
    end = frame[following[1]].iloc[rows + steps - shift]
    years = pd.Series(_floats(end) - _floats(start))
    # Rows are in career order, so a person's first row is their first time on the route.
    first_time = ~pd.Series(person).duplicated()
    median = years[first_time.to_numpy()].median()
    return int(first_time.sum()), None if pd.isna(median) else float(median)


def _true_rows(mask):
    return mask.to_numpy(dtype=bool, na_value=False).nonzero()[0]


def _floats(years):
    return years.astype("Float64").to_numpy(dtype=float, na_value=math.nan)


def protect_route(route, G, rules):
    """A route as :meth:`Route.as_dict` with its numbers passed through disclosure control.

    ``people`` becomes a rounded count, or ``"<5"`` when fewer than
    ``min_count`` took the route (their ``median_years`` is then withheld too,
    since a median of a handful of people describes individuals);
    ``probability`` is withheld (None) when fewer than ``min_denominator``
    people held the route's first role.

    Examples
    --------
    >>> from pathways.disclosure_rules import DisclosureRules
    >>> G = nx.DiGraph()
    >>> G.add_node("phd", people=40)
    >>> protect_route(Route(("phd", "postdoc"), 0.25, 10, 4.0), G, DisclosureRules())
    {'roles': ['phd', 'postdoc'], 'probability': 0.25, 'people': 10, 'median_years': 4.0}
    >>> protect_route(Route(("phd", "postdoc"), 0.05, 2, 4.0), G, DisclosureRules())
    {'roles': ['phd', 'postdoc'], 'probability': 0.05, 'people': '<5', 'median_years': None}
    """
    from pathways.disclosure import format_count_short, protect_counts

    shown = route.as_dict()
    holders = G.nodes[route.roles[0]].get("people", 0)
    if holders < rules.min_denominator:
        shown["probability"] = None
    if route.people is not None:
        protected = protect_counts(pd.Series([route.people]), rules).iloc[0]
        shown["people"] = int(protected) if not pd.isna(protected) else format_count_short(protected, rules)
        if pd.isna(protected):
            shown["median_years"] = None
    return shown
