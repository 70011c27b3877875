"""Mobility between sectors: the sector-to-sector matrix, boundary crossings and returns.

Moves are transitions mapped to the sectors of their two roles
(``data-spec.md``), so a move from postdoc to lecturer stays inside academia.
The matrix and the crossings are read from the sector graph of
:func:`pathways.graph.build_sector_graph`, so they grow with sectors, not
people; returns need each person's sequence of sectors and are counted from
``dataset.stays`` with group-bys. Every function returns raw counts: the
caller applies disclosure control (:mod:`pathways.disclosure`).
"""

import pandas as pd

from pathways.schema import SECTORS

MOVE_COLUMNS = ["source", "target", "moves", "people"]
CROSSING_COLUMNS = ["sector", "moves_out", "crossing", "staying"]
RETURN_COLUMNS = ["sector", "people", "left", "returned"]


def sector_moves(S):
    """Every pair of sectors with the moves between them, zeros included.

    Parameters
    ----------
    S : networkx.DiGraph
        A sector graph from :func:`pathways.graph.build_sector_graph`.

    Returns
    -------
    DataFrame
        ``source, target, moves, people``: one row per ordered pair of the
        graph's sectors (so a sector to itself too), sorted by source, then
        target, alphabetically: the order in which
        :func:`pathways.flows.transition_flows` protects sector flows, so
        secondary suppression picks the same cells. ``moves`` counts
        transitions (a person who moves twice counts twice) and ``people``
        the persons who made at least one; both are 0 where nobody moved.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.DiGraph()
    >>> S.add_nodes_from(["education", "academia"])
    >>> S.add_edge("education", "academia", moves=3, people=3)
    >>> S.add_edge("academia", "academia", moves=2, people=1)
    >>> sector_moves(S)
          source     target  moves  people
    0   academia   academia      2       1
    1   academia  education      0       0
    2  education   academia      3       3
    3  education  education      0       0
    """
    sectors = sorted(S.nodes)
    pairs = pd.MultiIndex.from_product([sectors, sectors], names=["source", "target"])
    edges = pd.DataFrame(
        [(u, v, attrs["moves"], attrs["people"]) for u, v, attrs in S.edges(data=True)],
        columns=MOVE_COLUMNS,
    ).set_index(["source", "target"])
    table = edges.reindex(pairs, fill_value=0).astype("int64").reset_index()
    return table[MOVE_COLUMNS]


def sector_matrix(S, measure="moves"):
    """The square table of moves from each sector (rows) to each sector (columns).

    Parameters
    ----------
    S : networkx.DiGraph
        A sector graph from :func:`pathways.graph.build_sector_graph`.
    measure : {"moves", "people"}

    Returns
    -------
    DataFrame
        Index ``source`` and columns ``target``, both the graph's sectors in
        the graph's order (:data:`pathways.schema.SECTORS`), 0 where nobody
        moved.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.DiGraph()
    >>> S.add_nodes_from(["education", "academia", "industry"])
    >>> S.add_edge("education", "academia", moves=3, people=3)
    >>> S.add_edge("academia", "industry", moves=2, people=2)
    >>> sector_matrix(S).values.tolist()
    [[0, 3, 0], [0, 0, 2], [0, 0, 0]]
    """
    if measure not in ("moves", "people"):
        raise ValueError(f"unknown measure {measure!r}; expected 'moves' or 'people'")
    order = list(S.nodes)
    matrix = sector_moves(S).pivot(index="source", columns="target", values=measure)
    matrix = matrix.reindex(index=order, columns=order, fill_value=0).astype("int64")
    matrix.index.name, matrix.columns.name = "source", "target"
    return matrix


def boundary_crossings(S):
    """How many of the moves out of each sector's roles cross into another sector.

    Parameters
    ----------
    S : networkx.DiGraph
        A sector graph from :func:`pathways.graph.build_sector_graph`.

    Returns
    -------
    DataFrame
        ``sector, moves_out, crossing, staying`` in the graph's sector order:
        ``moves_out`` counts every move whose source role is in the sector,
        ``crossing`` those whose target role is in another sector and
        ``staying`` those to another role of the same sector. The share
        ``crossing / moves_out`` is how permeable the sector's boundary is.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.DiGraph()
    >>> S.add_nodes_from(["academia", "industry"])
    >>> S.add_edge("academia", "academia", moves=3, people=3)
    >>> S.add_edge("academia", "industry", moves=1, people=1)
    >>> boundary_crossings(S).values.tolist()
    [['academia', 4, 1, 3], ['industry', 0, 0, 0]]
    """
    matrix = sector_matrix(S)
    total = matrix.sum(axis=1)
    staying = pd.Series([matrix.at[s, s] for s in matrix.index], index=matrix.index, dtype="int64")
    table = pd.DataFrame(
        {"sector": matrix.index, "moves_out": total, "crossing": total - staying, "staying": staying}
    )
    return table.reset_index(drop=True)[CROSSING_COLUMNS]


def sector_spells(dataset):
    """Each person's career as a sequence of sectors: consecutive stays in one sector merged.

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    DataFrame
        ``person_id, spell, sector`` with ``spell`` counting a person's
        spells from 1, in career order. Moving from postdoc to lecturer
        stays in one academia spell; academia, industry, academia is three.

    Examples
    --------
    >>> from pathways.dataset import Dataset, DatasetInfo
    >>> roles = pd.DataFrame({"title": ["Postdoc", "Lecturer", "Data scientist"],
    ...                       "sector": ["academia", "academia", "industry"],
    ...                       "stage": ["early", "mid", "early"]},
    ...                      index=pd.Index(["postdoc", "lecturer", "ds"], name="role_id"))
    >>> careers = pd.DataFrame({"person_id": ["a", "a", "a", "a"], "seq": [1, 2, 3, 4],
    ...                         "role_id": ["postdoc", "lecturer", "ds", "postdoc"],
    ...                         "start_year": None, "end_year": None})
    >>> sector_spells(Dataset(DatasetInfo("demo", "synthetic"), roles, careers)).values.tolist()
    [['a', 1, 'academia'], ['a', 2, 'industry'], ['a', 3, 'academia']]
    """
    stays = dataset.stays
    # collapse_stays already orders stays by person and step; sorting 100k careers again costs 0.2 s.
    if not stays["person_id"].is_monotonic_increasing:
        stays = stays.sort_values(["person_id", "step"], kind="stable")
    person = stays["person_id"].reset_index(drop=True)
    sector = stays["role_id"].map(dataset.roles["sector"]).reset_index(drop=True)
    starts = (person != person.shift()) | (sector != sector.shift())
    spells = pd.DataFrame({"person_id": person[starts], "sector": sector[starts]})
    spells.insert(1, "spell", spells.groupby("person_id", sort=False).cumcount() + 1)
    return spells.reset_index(drop=True)


def sector_returns(dataset, sectors=None):
    """How many people left each sector, and how many of them later came back.

    A person *left* a sector when a stay in one of its roles was followed by
    a stay in a role of another sector, and *returned* when a later stay is
    in the sector again. Each person counts at most once per sector, however
    often they left or came back.

    Parameters
    ----------
    dataset : Dataset
    sectors : sequence of str, optional
        The sectors to report, in this order (default: those with a role in
        ``dataset.roles``, in the order of :data:`pathways.schema.SECTORS`).

    Returns
    -------
    DataFrame
        ``sector, people, left, returned``: ``people`` held a role in the
        sector, ``left`` of them moved to another sector at least once and
        ``returned`` of those came back. The share who come back is
        ``returned / left``.

    Examples
    --------
    >>> from pathways.dataset import Dataset, DatasetInfo
    >>> roles = pd.DataFrame({"title": ["PhD student", "Postdoc", "Data scientist"],
    ...                       "sector": ["education", "academia", "industry"],
    ...                       "stage": ["student", "early", "early"]},
    ...                      index=pd.Index(["phd", "postdoc", "ds"], name="role_id"))
    >>> careers = pd.DataFrame({"person_id": ["a", "a", "a", "a", "b", "b", "b"],
    ...                         "seq": [1, 2, 3, 4, 1, 2, 3],
    ...                         "role_id": ["phd", "postdoc", "ds", "postdoc", "phd", "postdoc", "ds"],
    ...                         "start_year": None, "end_year": None})
    >>> sector_returns(Dataset(DatasetInfo("demo", "synthetic"), roles, careers)).values.tolist()
    [['education', 2, 2, 0], ['academia', 2, 2, 1], ['industry', 2, 1, 0]]
    """
    if sectors is None:
        present = set(dataset.roles["sector"])
        sectors = [s for s in SECTORS if s in present] + sorted(present - set(SECTORS))
    spells = sector_spells(dataset)
    last = spells["person_id"].ne(spells["person_id"].shift(-1)).to_numpy()
    # One row per person and sector: held it; left it (a spell there that is not the person's
    # last); came back (a second spell there).
    pair = ["person_id", "sector"]
    counts = pd.DataFrame(
        {
            "people": spells.drop_duplicates(pair)["sector"].value_counts(),
            "left": spells[~last].drop_duplicates(pair)["sector"].value_counts(),
            "returned": spells[spells.duplicated(pair)].drop_duplicates(pair)["sector"].value_counts(),
        }
    )
    table = counts.reindex(list(sectors)).fillna(0).astype("int64")
    return table.rename_axis("sector").reset_index()[RETURN_COLUMNS]
