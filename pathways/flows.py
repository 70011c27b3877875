"""Counts of moves between roles or sectors: the numbers behind the Sankey diagrams.

A flow counts transitions (moves between consecutive distinct roles of one
person, ``data-spec.md``), not people: someone who moves from postdoc to data
scientist, back to postdoc and again to data scientist adds two to
``postdoc -> ds``. Sector flows map both ends of each role transition to their
sectors, so ``postdoc -> lecturer`` is an ``academia -> academia`` flow.
"""

import pandas as pd

from pathways.disclosure import protect_counts
from pathways.disclosure_rules import RAW
from pathways.graph import UnknownRole, suggest_roles
from pathways.schema import SECTORS

LEVELS = ("role", "sector")
MIN_STEPS, MAX_STEPS = 2, 5


def _check_level(level):
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")


def _at_level(dataset, moves, level):
    """``moves`` with source and target as sectors when ``level`` is ``"sector"``."""
    if level == "role":
        return moves
    sector_of = dataset.roles["sector"]
    return moves.assign(source=moves["source"].map(sector_of), target=moves["target"].map(sector_of))


def _protect(counts, rules, groups):
    """Counts through disclosure control unless the rules are RAW; always nullable integers."""
    if rules != RAW:
        counts = protect_counts(counts, rules, groups)
    return counts.astype("Int64")


def _largest_first(frame, keys=()):
    """Sorted by keys, then count descending (hidden counts last), then source and target."""
    return frame.sort_values(
        [*keys, "count", "source", "target"],
        ascending=[True] * len(keys) + [False, True, True],
        na_position="last",
        kind="stable",
        ignore_index=True,
    )


def transition_flows(dataset, level="role", rules=RAW):
    """Count the transitions between roles, or between their sectors.

    Parameters
    ----------
    dataset : Dataset
    level : {"role", "sector"}
    rules : DisclosureRules
        Disclosure control for the counts; ``RAW`` (the default) leaves them
        as counted. Otherwise they go through
        :func:`pathways.disclosure.protect_counts`, the flows out of one
        source being siblings for secondary suppression.

    Returns
    -------
    DataFrame
        ``source, target, count`` with ``count`` a nullable integer (``<NA>``
        where disclosure control hides it), one row per observed pair, largest
        count first, ties by source then target. A person who makes the same
        move twice counts twice.

    Examples
    --------
    >>> from pathways.dataset import Dataset, DatasetInfo
    >>> roles = pd.DataFrame({"title": ["PhD student", "Postdoc", "Lecturer", "Data scientist"],
    ...                       "sector": ["education", "academia", "academia", "industry"],
    ...                       "stage": ["student", "early", "mid", "early"]},
    ...                      index=pd.Index(["phd", "postdoc", "lecturer", "ds"], name="role_id"))
    >>> careers = pd.DataFrame({"person_id": ["a", "a", "a", "b", "b", "c", "c"],
    ...                         "seq": [1, 2, 3, 1, 2, 1, 2],
    ...                         "role_id": ["phd", "postdoc", "lecturer", "phd", "postdoc", "phd", "ds"],
    ...                         "start_year": None, "end_year": None})
    >>> data = Dataset(DatasetInfo("demo", "synthetic"), roles, careers)
    >>> transition_flows(data).values.tolist()
    [['phd', 'postdoc', 2], ['phd', 'ds', 1], ['postdoc', 'lecturer', 1]]
    >>> transition_flows(data, level="sector").values.tolist()
    [['education', 'academia', 2], ['academia', 'academia', 1], ['education', 'industry', 1]]
    """
    _check_level(level)
    moves = _at_level(dataset, dataset.transitions[["source", "target"]], level)
    frame = moves.groupby(["source", "target"]).size().rename("count").reset_index()
    frame["count"] = _protect(frame["count"], rules, frame["source"])
    return _largest_first(frame)[["source", "target", "count"]]


def filter_people(dataset, start_sector=None, start_role=None, attribute=None, value=None, cohort=None):
    """The people with a career history who match every filter given.

    Parameters
    ----------
    dataset : Dataset
    start_sector : str, optional
        Keep people whose first stay is in a role of this sector.
    start_role : str, optional
        Keep people whose first stay is in this role.
    attribute, value : str, optional
        Keep people whose ``dataset.people[attribute]`` equals ``value``
        (people missing from ``people.csv`` or with no value are left out).
    cohort : tuple of (int or None, int or None), optional
        Keep people whose first stay started in this inclusive range of
        years; None leaves that end open. People whose first start year is
        unknown are left out.

    Returns
    -------
    pandas.Index
        Sorted ``person_id`` values. Without filters: everyone with a stay.

    Raises
    ------
    UnknownRole
        ``start_role`` is not a role of the dataset.
    ValueError
        An unknown sector or attribute, or an attribute without a value.

    Examples
    --------
    >>> from pathways.dataset import Dataset, DatasetInfo
    >>> roles = pd.DataFrame({"title": ["MSc student", "PhD student", "Postdoc"],
    ...                       "sector": ["education", "education", "academia"],
    ...                       "stage": ["student", "student", "early"]},
    ...                      index=pd.Index(["msc", "phd", "postdoc"], name="role_id"))
    >>> careers = pd.DataFrame({"person_id": ["a", "a", "b", "b", "c"], "seq": [1, 2, 1, 2, 1],
    ...                         "role_id": ["phd", "postdoc", "msc", "phd", "postdoc"],
    ...                         "start_year": [2010, 2014, 2012, 2013, 2015], "end_year": None})
    >>> people = pd.DataFrame({"gender": ["woman", "man", "woman"]},
    ...                       index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> data = Dataset(DatasetInfo("demo", "synthetic"), roles, careers, people)
    >>> filter_people(data, start_sector="education").tolist()
    ['a', 'b']
    >>> filter_people(data, attribute="gender", value="woman", cohort=(2011, None)).tolist()
    ['c']
    """
    first = dataset.stays.loc[dataset.stays["step"] == 1, ["person_id", "role_id", "start_year"]]
    keep = pd.Series(True, index=first.index)
    if start_role is not None:
        if start_role not in dataset.roles.index:
            raise UnknownRole(start_role, suggest_roles(dataset.roles, start_role))
        keep &= first["role_id"] == start_role
    if start_sector is not None:
        if start_sector not in SECTORS:
            raise ValueError(f"unknown sector {start_sector!r}; expected one of {', '.join(SECTORS)}")
        keep &= first["role_id"].map(dataset.roles["sector"]) == start_sector
    if attribute is not None:
        if attribute not in dataset.people.columns:
            known = ", ".join(map(str, dataset.people.columns)) or "none"
            raise ValueError(f"unknown attribute {attribute!r}; known attributes: {known}")
        if value is None:
            raise ValueError(f"attribute {attribute!r} needs a value to filter on")
        column = dataset.people[attribute].astype("string")
        matching = column.index[column.eq(str(value)).fillna(False).to_numpy(dtype=bool)]
        keep &= first["person_id"].isin(matching)
    if cohort is not None:
        low, high = cohort
        start = first["start_year"].astype("Int64")
        in_range = start.notna()
        if low is not None:
            in_range &= start >= low
        if high is not None:
            in_range &= start <= high
        keep &= in_range.fillna(False).astype(bool)
    return pd.Index(first.loc[keep, "person_id"], name="person_id").sort_values()


def step_flows(
    dataset,
    steps=3,
    level="role",
    start_sector=None,
    start_role=None,
    attribute=None,
    value=None,
    cohort=None,
    rules=RAW,
):
    """Count the moves from each stay of a career to the next, step by step.

    Step 1 counts moves from people's first stay to their second, step 2 from
    the second to the third, and so on up to the ``steps``-th stay: the
    columns of a multi-step Sankey diagram.

    Parameters
    ----------
    dataset : Dataset
    steps : int
        Number of stays followed, 2 to 5 (so ``steps - 1`` columns of flows).
    level : {"role", "sector"}
    start_sector, start_role, attribute, value, cohort
        Which people to follow, as in :func:`filter_people`.
    rules : DisclosureRules
        As in :func:`transition_flows`; the flows out of one source at one
        step are siblings.

    Returns
    -------
    DataFrame
        ``step, source, target, count``, by step, then largest count first,
        ties by source then target. As each person makes one move per step,
        ``count`` is also a number of people.

    Examples
    --------
    >>> from pathways.dataset import Dataset, DatasetInfo
    >>> roles = pd.DataFrame({"title": ["PhD student", "Postdoc", "Lecturer", "Data scientist"],
    ...                       "sector": ["education", "academia", "academia", "industry"],
    ...                       "stage": ["student", "early", "mid", "early"]},
    ...                      index=pd.Index(["phd", "postdoc", "lecturer", "ds"], name="role_id"))
    >>> careers = pd.DataFrame({"person_id": ["a", "a", "a", "b", "b", "c", "c"],
    ...                         "seq": [1, 2, 3, 1, 2, 1, 2],
    ...                         "role_id": ["phd", "postdoc", "lecturer", "phd", "postdoc", "postdoc", "ds"],
    ...                         "start_year": None, "end_year": None})
    >>> data = Dataset(DatasetInfo("demo", "synthetic"), roles, careers)
    >>> step_flows(data, steps=3).values.tolist()
    [[1, 'phd', 'postdoc', 2], [1, 'postdoc', 'ds', 1], [2, 'postdoc', 'lecturer', 1]]
    >>> step_flows(data, steps=2, level="sector", start_role="phd").values.tolist()
    [[1, 'education', 'academia', 2]]
    """
    if not isinstance(steps, int) or not MIN_STEPS <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be an integer from {MIN_STEPS} to {MAX_STEPS}, got {steps!r}")
    _check_level(level)
    moves = dataset.transitions
    keep = moves["step"] < steps
    filters = (start_sector, start_role, attribute, value, cohort)
    if any(f is not None for f in filters):
        people = filter_people(dataset, start_sector, start_role, attribute, value, cohort)
        keep &= moves["person_id"].isin(people)
    moves = _at_level(dataset, moves.loc[keep, ["step", "source", "target"]], level)
    frame = moves.groupby(["step", "source", "target"]).size().rename("count").reset_index()
    frame["step"] = frame["step"].astype("int64")
    groups = frame["step"].astype(str) + "\x1f" + frame["source"].astype(str)
    frame["count"] = _protect(frame["count"], rules, groups)
    return _largest_first(frame, keys=("step",))[["step", "source", "target", "count"]]
