"""The transition graph: roles as nodes, observed moves between them as edges.

Every number on the graph follows ``data-spec.md``: the probability of an edge
``a -> b`` is the number of people who moved from ``a`` to ``b`` divided by the
number of people who ever held ``a`` (including those who stayed, left the
data or are still there). Everything is counted from ``dataset.stays`` and
``dataset.transitions`` with pandas group-bys, so building the graph costs one
pass over the people and the graph itself grows only with roles and edges.
"""

import difflib
import math

import networkx as nx
import pandas as pd

from pathways.schema import SECTOR_LABELS, SECTORS, STAGES

NODE_COLUMNS = ("title", "sector", "stage", "grade", "salary_min", "salary_max")
FLOW_COLUMNS = ["role_id", "title", "sector", "people", "moves", "share", "median_years"]


class UnknownRole(KeyError):
    """A role id that is not in the taxonomy, with the closest known ones.

    Attributes
    ----------
    role_id : str
        The id that was asked for.
    suggestions : tuple of str
        Known role ids whose id, title or alias is close to ``role_id``.

    Examples
    --------
    >>> error = UnknownRole("post-doc", ("postdoc",))
    >>> str(error)
    "unknown role 'post-doc'; did you mean 'postdoc'?"
    >>> isinstance(error, KeyError)
    True
    """

    def __init__(self, role_id, suggestions=()):
        self.role_id = role_id
        self.suggestions = tuple(suggestions)
        super().__init__(role_id)

    def __str__(self):
        message = f"unknown role {self.role_id!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        return message


def _plain(value):
    """A missing value as None and a numpy scalar as a Python one, so graphs serialise to JSON."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _split_aliases(value):
    if not isinstance(value, str):
        return ()
    return tuple(alias.strip() for alias in value.split(";") if alias.strip())


def build_transition_graph(dataset):
    """Build the directed graph of roles and the moves observed between them.

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    networkx.DiGraph
        One node per role of ``dataset.roles`` (also roles nobody held) with
        ``title, sector, stage, stage_rank, grade, salary_min, salary_max,
        aliases, people`` where ``people`` counts the distinct persons who ever
        held the role and ``stage_rank`` is 0 (student) to 4 (leader). One
        edge per observed transition ``a -> b`` with ``people`` (distinct
        persons who moved), ``moves`` (transitions, a person moving twice
        counts twice), ``probability`` = people(a -> b) / people(a),
        ``median_years`` (median over the moves of the years from starting
        ``a`` to starting ``b``, None when no move has both years) and
        ``weight`` = -log(probability) for path finding. ``G.graph`` holds
        ``dataset`` (the dataset's name) and ``people`` (persons with a career).

    Examples
    --------
    >>> from pathways.dataset import Dataset, DatasetInfo
    >>> roles = pd.DataFrame({"title": ["PhD student", "Postdoc", "Data scientist"],
    ...                       "sector": ["education", "academia", "industry"],
    ...                       "stage": ["student", "early", "early"]},
    ...                      index=pd.Index(["phd", "postdoc", "ds"], name="role_id"))
    >>> careers = pd.DataFrame({"person_id": ["a", "a", "a", "b", "b", "c", "c"],
    ...                         "seq": [1, 2, 3, 1, 2, 1, 2],
    ...                         "role_id": ["phd", "postdoc", "ds", "phd", "postdoc", "phd", "ds"],
    ...                         "start_year": [2010, 2014, 2017, 2011, 2015, 2012, 2016],
    ...                         "end_year": None})
    >>> G = build_transition_graph(Dataset(DatasetInfo("demo", "synthetic"), roles, careers))
    >>> G.nodes["phd"]["people"], G.nodes["postdoc"]["stage_rank"]
    (3, 1)
    >>> edge = G.edges["phd", "postdoc"]
    >>> edge["people"], round(edge["probability"], 3), edge["median_years"]
    (2, 0.667, 4.0)
    >>> sorted(G.successors("phd"))
    ['ds', 'postdoc']
    """
    roles = dataset.roles.reindex(columns=[*NODE_COLUMNS, "aliases"])
    stays = dataset.stays
    holders = stays.groupby("role_id")["person_id"].nunique()
    G = nx.DiGraph(dataset=dataset.info.name, people=int(stays["person_id"].nunique()))
    for role_id, row in roles.iterrows():
        attrs = {column: _plain(row[column]) for column in NODE_COLUMNS}
        attrs["stage_rank"] = STAGES.index(row["stage"]) if row["stage"] in STAGES else None
        attrs["aliases"] = _split_aliases(row["aliases"])
        attrs["people"] = int(holders.get(role_id, 0))
        G.add_node(role_id, **attrs)
    for (source, target), row in _edge_table(dataset.transitions).iterrows():
        probability = row["people"] / G.nodes[source]["people"]
        G.add_edge(
            source,
            target,
            people=int(row["people"]),
            moves=int(row["moves"]),
            probability=float(probability),
            median_years=_plain(row["median_years"]),
            # max() turns the -0.0 of a certain move into 0.0.
            weight=max(0.0, -math.log(probability)),
        )
    return G


def _edge_table(transitions):
    """people, moves and median years per (source, target), sorted for a stable edge order."""
    if transitions.empty:
        return pd.DataFrame(
            columns=["people", "moves", "median_years"],
            index=pd.MultiIndex.from_arrays([[], []], names=["source", "target"]),
        )
    years = transitions["years"].astype("Float64")
    table = (
        transitions.assign(years=years)
        .groupby(["source", "target"])
        .agg(
            people=("person_id", "nunique"),
            moves=("person_id", "size"),
            median_years=("years", "median"),
        )
    )
    return table.sort_index()


def build_sector_graph(dataset):
    """Build the directed graph of moves between sectors.

    Role transitions are mapped to the sectors of their two roles, so a move
    from postdoc to lecturer is an ``academia -> academia`` edge (data-spec.md).

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    networkx.DiGraph
        One node per sector that has a role in ``dataset.roles``, in the order
        of :data:`pathways.schema.SECTORS`, with ``label``, ``roles`` (number of
        roles) and ``people`` (distinct persons who held any role in it). One
        edge per observed sector pair with ``moves`` (transitions),
        ``people`` (distinct persons who made at least one such move) and
        ``probability`` = people / people of the source sector.

    Examples
    --------
    >>> from pathways.dataset import Dataset, DatasetInfo
    >>> roles = pd.DataFrame({"title": ["PhD student", "Postdoc", "Lecturer"],
    ...                       "sector": ["education", "academia", "academia"],
    ...                       "stage": ["student", "early", "mid"]},
    ...                      index=pd.Index(["phd", "postdoc", "lecturer"], name="role_id"))
    >>> careers = pd.DataFrame({"person_id": ["a", "a", "a", "b", "b"], "seq": [1, 2, 3, 1, 2],
    ...                         "role_id": ["phd", "postdoc", "lecturer", "phd", "postdoc"],
    ...                         "start_year": None, "end_year": None})
    >>> S = build_sector_graph(Dataset(DatasetInfo("demo", "synthetic"), roles, careers))
    >>> list(S.nodes(data="people"))
    [('education', 2), ('academia', 2)]
    >>> S.edges["academia", "academia"]
    {'moves': 1, 'people': 1, 'probability': 0.5}
    """
    sector_of = dataset.roles["sector"]
    present = set(sector_of)
    stays = dataset.stays.assign(sector=dataset.stays["role_id"].map(sector_of))
    holders = stays.groupby("sector")["person_id"].nunique()
    role_counts = sector_of.value_counts()
    S = nx.DiGraph(dataset=dataset.info.name)
    ordered = [s for s in SECTORS if s in present] + sorted(present - set(SECTORS))
    for sector in ordered:
        S.add_node(
            sector,
            label=SECTOR_LABELS.get(sector, sector),
            roles=int(role_counts.get(sector, 0)),
            people=int(holders.get(sector, 0)),
        )
    moves = dataset.transitions
    if moves.empty:
        return S
    table = (
        moves.assign(source=moves["source"].map(sector_of), target=moves["target"].map(sector_of))
        .groupby(["source", "target"])
        .agg(moves=("person_id", "size"), people=("person_id", "nunique"))
        .sort_index()
    )
    for (source, target), row in table.iterrows():
        people = int(row["people"])
        S.add_edge(
            source,
            target,
            moves=int(row["moves"]),
            people=people,
            probability=people / S.nodes[source]["people"],
        )
    return S


def check_role(G, role_id):
    """Return ``role_id`` if it is a node of ``G``, else raise :class:`UnknownRole`.

    Suggestions are role ids whose id, title or alias is close to ``role_id``
    (:func:`difflib.get_close_matches`, case-insensitive, at most three).

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("postdoc", title="Postdoctoral research associate", aliases=("Post-doc",))
    >>> G.add_node("phd", title="PhD student", aliases=())
    >>> check_role(G, "phd")
    'phd'
    >>> check_role(G, "post-doc")
    Traceback (most recent call last):
    ...
    pathways.graph.UnknownRole: unknown role 'post-doc'; did you mean 'postdoc'?
    """
    if role_id in G:
        return role_id
    raise UnknownRole(role_id, suggest_roles(G, role_id))


def suggest_roles(roles, text, n=3):
    """Role ids whose id, title or alias is close to ``text``, closest first.

    Parameters
    ----------
    roles : networkx.DiGraph or DataFrame
        A transition graph, or ``dataset.roles`` (indexed by ``role_id``).
    text : str
    n : int
        At most this many suggestions.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("ds", title="Data scientist", aliases=())
    >>> G.add_node("senior_ds", title="Senior data scientist", aliases=())
    >>> suggest_roles(G, "data scientst")
    ['ds', 'senior_ds']
    >>> roles = pd.DataFrame({"title": ["Postdoctoral research associate"], "aliases": ["Post-doc"]},
    ...                      index=pd.Index(["postdoc"], name="role_id"))
    >>> suggest_roles(roles, "POST DOC")
    ['postdoc']
    """
    if isinstance(roles, pd.DataFrame):
        frame = roles.reindex(columns=["title", "aliases"])
        named = (
            (r, [t, *_split_aliases(a)]) for r, t, a in zip(frame.index, frame["title"], frame["aliases"])
        )
    else:
        named = ((r, [attrs.get("title"), *attrs.get("aliases", ())]) for r, attrs in roles.nodes(data=True))
    names = {}
    for role_id, others in named:
        for name in (role_id, *others):
            if isinstance(name, str):
                names.setdefault(name.lower(), role_id)
    matches = difflib.get_close_matches(str(text).lower(), names, n=3 * n, cutoff=0.6)
    return list(dict.fromkeys(names[m] for m in matches))[:n]


def role_profile_flows(G, role_id):
    """Where the holders of a role came from and where they went.

    Parameters
    ----------
    G : networkx.DiGraph
        From :func:`build_transition_graph`.
    role_id : str

    Returns
    -------
    dict
        ``role``, ``people`` (who ever held it), ``inflows`` and ``outflows``:
        DataFrames with ``role_id, title, sector, people, moves, share,
        median_years`` (NaN where unknown), most people first (ties by role
        id). For inflows
        ``share`` is the share of arrivals (moves into the role, so the shares
        add up to 1); for outflows it is the share of holders who moved there,
        which is the transition probability (the rest stayed, are still there
        or left the data).

    Raises
    ------
    UnknownRole

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("phd", title="PhD student", sector="education", people=4)
    >>> G.add_node("ds", title="Data scientist", sector="industry", people=2)
    >>> G.add_node("postdoc", title="Postdoc", sector="academia", people=3)
    >>> G.add_edge("phd", "postdoc", people=3, moves=3, probability=0.75, median_years=4.0)
    >>> G.add_edge("ds", "postdoc", people=1, moves=1, probability=0.5, median_years=2.0)
    >>> G.add_edge("postdoc", "ds", people=1, moves=1, probability=1 / 3, median_years=3.0)
    >>> profile = role_profile_flows(G, "postdoc")
    >>> profile["inflows"][["role_id", "people", "share"]].values.tolist()
    [['phd', 3, 0.75], ['ds', 1, 0.25]]
    >>> profile["outflows"][["role_id", "share"]].round(3).values.tolist()
    [['ds', 0.333]]
    """
    check_role(G, role_id)
    arrived = [(other, attrs) for other, _, attrs in G.in_edges(role_id, data=True)]
    left = [(other, attrs) for _, other, attrs in G.out_edges(role_id, data=True)]
    arrivals = sum(attrs["moves"] for _, attrs in arrived)
    return {
        "role": role_id,
        "people": G.nodes[role_id].get("people", 0),
        "inflows": _flow_frame(G, [(o, a, a["moves"] / arrivals) for o, a in arrived]),
        "outflows": _flow_frame(G, [(o, a, a["probability"]) for o, a in left]),
    }


def _flow_frame(G, flows):
    """A role profile's flow table from (other role, edge attributes, share), most people first."""
    frame = pd.DataFrame(
        [
            (
                other,
                G.nodes[other].get("title"),
                G.nodes[other].get("sector"),
                attrs["people"],
                attrs["moves"],
                share,
                attrs.get("median_years"),
            )
            for other, attrs, share in flows
        ],
        columns=FLOW_COLUMNS,
    )
    frame = frame.astype({"people": "int64", "moves": "int64", "share": "float64", "median_years": "float64"})
    return frame.sort_values(["people", "role_id"], ascending=[False, True], ignore_index=True)
