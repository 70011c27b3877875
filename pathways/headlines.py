"""Headline findings computed from a dataset, for the home page and reports.

Each function returns plain numbers (raw counts with their denominators); the
caller passes them through disclosure control before showing them. A finding
whose denominator is too small to publish returns None.
"""

import pandas as pd

from pathways.barriers import barrier_table
from pathways.disclosure_rules import RAW


def _sectors_of_moves(dataset):
    sector = dataset.roles["sector"]
    moves = dataset.transitions
    return moves["source"].map(sector), moves["target"].map(sector)


def cross_sector_moves(dataset):
    """Moves between jobs (neither role in education) and how many cross sectors.

    Returns
    -------
    dict
        ``crossing`` and ``moves``.

    Examples
    --------
    >>> cross_sector_moves(_example())
    {'crossing': 2, 'moves': 4}
    """
    source, target = _sectors_of_moves(dataset)
    jobs = (source != "education") & (target != "education")
    return {"crossing": int((jobs & (source != target)).sum()), "moves": int(jobs.sum())}


def first_sector_after_study(dataset):
    """Where people who started in education went for their first job, by sector.

    Returns
    -------
    Series
        Number of people per sector of their first stay outside education,
        largest first, among people whose first stay was in education.

    Examples
    --------
    >>> first_sector_after_study(_example()).to_dict()
    {'academia': 2, 'industry': 1}
    """
    stays = dataset.stays
    sector = stays["role_id"].map(dataset.roles["sector"])
    started_in_education = stays.loc[(stays["step"] == 1) & (sector == "education"), "person_id"]
    jobs = stays[sector.ne("education") & stays["person_id"].isin(started_in_education)]
    first_jobs = jobs.drop_duplicates("person_id")
    counts = first_jobs["role_id"].map(dataset.roles["sector"]).value_counts()
    return counts.sort_values(ascending=False, kind="stable").rename("people").rename_axis("sector")


def top_route_into(dataset, sector, stages=("senior", "leader")):
    """The role people most often came from when they moved into ``sector``'s senior roles.

    Returns
    -------
    dict or None
        ``source`` (role id), ``people`` (moves from it) and ``moves`` (all
        moves into those roles); None when nobody moved into them.

    Examples
    --------
    >>> top_route_into(_example(), "industry")
    {'source': 'ds', 'people': 1, 'moves': 1}
    """
    roles = dataset.roles
    targets = roles.index[(roles["sector"] == sector) & roles["stage"].isin(stages)]
    moves = dataset.transitions[dataset.transitions["target"].isin(targets)]
    if moves.empty:
        return None
    counts = moves.groupby("source").size()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    return {"source": counts.index[0], "people": int(counts.iloc[0]), "moves": int(len(moves))}


def widest_sector_gap(dataset, rules=RAW, counts=None):
    """The barrier statement on which the sectors people work in disagree most.

    Students (the education sector) are left out. Only sectors with at least ``rules.min_denominator`` answers to the
    statement take part, so every percentage compared could be published.

    Returns
    -------
    dict or None
        ``barrier_id``, ``high`` and ``low`` (sector codes), ``high_percent``,
        ``low_percent`` and ``gap`` (percentage points); None when no statement
        has two sectors with enough answers.

    Examples
    --------
    >>> widest_sector_gap(_example()) is None  # no barrier answers in the example
    True
    """
    if dataset.barrier_responses.empty or "sector" not in dataset.people.columns:
        return None
    table = barrier_table(dataset, by="sector", rules=RAW, counts=counts)
    # Students answer as students: the comparison is between sectors people work in.
    table = table[(table["group"] != "education") & (table["n"] >= rules.min_denominator)]
    table = table.dropna(subset=["percent"])
    if table.empty:
        return None
    spread = table.groupby("barrier_id", sort=False)["percent"].agg(["max", "min", "size"])
    spread = spread[spread["size"] >= 2]
    if spread.empty:
        return None
    gaps = (spread["max"] - spread["min"]).sort_values(ascending=False, kind="stable")
    barrier_id = gaps.index[0]
    rows = table[table["barrier_id"] == barrier_id].sort_values("percent", kind="stable")
    return {
        "barrier_id": barrier_id,
        "high": rows["group"].iloc[-1],
        "high_percent": float(rows["percent"].iloc[-1]),
        "low": rows["group"].iloc[0],
        "low_percent": float(rows["percent"].iloc[0]),
        "gap": float(gaps.iloc[0]),
    }


def fixed_term_share(dataset, attribute="contract", value="fixed-term"):
    """How many people with a known contract are on ``value`` contracts.

    Returns
    -------
    dict or None
        ``people`` with that value and ``known`` (people with any value);
        None when ``people.csv`` has no such column.

    Examples
    --------
    >>> fixed_term_share(_example())
    {'people': 1, 'known': 3}
    """
    if attribute not in dataset.people.columns:
        return None
    known = dataset.people[attribute].dropna()
    return {"people": int((known == value).sum()), "known": int(len(known))}


def _example():
    """Four careers for the Examples: a, b, c start as PhD students, d as a postdoc."""
    from pathways.dataset import Dataset, DatasetInfo

    roles = pd.DataFrame(
        {
            "title": ["PhD student", "Postdoc", "Lecturer", "Data scientist", "Lead data scientist"],
            "sector": ["education", "academia", "academia", "industry", "industry"],
            "stage": ["student", "early", "mid", "early", "senior"],
        },
        index=pd.Index(["phd", "postdoc", "lecturer", "ds", "lead"], name="role_id"),
    )
    paths = {"a": ["phd", "postdoc", "ds"], "b": ["phd", "postdoc", "lecturer"], "c": ["phd", "ds", "lead"]}
    paths["d"] = ["postdoc", "ds"]
    rows = [(person, seq, role) for person, path in paths.items() for seq, role in enumerate(path, 1)]
    careers = pd.DataFrame(rows, columns=["person_id", "seq", "role_id"])
    careers["start_year"] = pd.array([None] * len(careers), dtype="Int64")
    careers["end_year"] = pd.array([None] * len(careers), dtype="Int64")
    people = pd.DataFrame(
        {"contract": ["fixed-term", "permanent", "permanent", None]},
        index=pd.Index(list(paths), name="person_id"),
    )
    return Dataset(DatasetInfo("Example", "synthetic"), roles, careers, people)
