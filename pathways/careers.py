"""Career episodes turned into stays and transitions, vectorised.

A *stay* is a run of consecutive episodes of one person in one role (two
postdoc contracts are one stay). A *transition* is a move between two
consecutive stays, so its two roles always differ.
"""

import pandas as pd

STAY_COLUMNS = ["person_id", "step", "role_id", "start_year", "end_year"]
TRANSITION_COLUMNS = ["person_id", "step", "source", "target", "source_start", "target_start", "years"]


def collapse_stays(careers):
    """Merge consecutive episodes of a person in the same role.

    Parameters
    ----------
    careers : DataFrame
        ``person_id, seq, role_id, start_year, end_year``.

    Returns
    -------
    DataFrame
        ``person_id, step, role_id, start_year, end_year``, one row per stay,
        ``step`` counting a person's stays from 1. A stay starts when its first
        episode starts and ends when its last episode ends.

    Examples
    --------
    >>> careers = pd.DataFrame({
    ...     "person_id": ["p1", "p1", "p1", "p2"],
    ...     "seq": [1, 2, 3, 1],
    ...     "role_id": ["postdoc", "postdoc", "lecturer", "phd"],
    ...     "start_year": pd.array([2010, 2012, 2015, 2020], dtype="Int64"),
    ...     "end_year": pd.array([2012, 2015, None, None], dtype="Int64"),
    ... })
    >>> collapse_stays(careers)[["person_id", "step", "role_id", "start_year", "end_year"]].to_string(index=False)
    'person_id  step  role_id  start_year  end_year\\n       p1     1  postdoc        2010      2015\\n       p1     2 lecturer        2015      <NA>\\n       p2     1      phd        2020      <NA>'
    """
    if careers.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in STAY_COLUMNS})
    ordered = careers.sort_values(["person_id", "seq"], kind="stable").reset_index(drop=True)
    person = ordered["person_id"]
    role = ordered["role_id"]
    starts_stay = (person != person.shift()) | (role != role.shift())
    ends_stay = starts_stay.shift(-1, fill_value=True)
    first = ordered.loc[starts_stay, ["person_id", "role_id", "start_year"]].reset_index(drop=True)
    last_end = ordered.loc[ends_stay, "end_year"].reset_index(drop=True)
    first["end_year"] = last_end.astype("Int64")
    first["start_year"] = first["start_year"].astype("Int64")
    first.insert(1, "step", first.groupby("person_id", sort=False).cumcount() + 1)
    return first[STAY_COLUMNS]


def stay_transitions(stays):
    """Moves from each stay to the next stay of the same person.

    Parameters
    ----------
    stays : DataFrame
        As returned by :func:`collapse_stays`.

    Returns
    -------
    DataFrame
        ``person_id, step, source, target, source_start, target_start, years``
        where ``step`` is the source stay's step and ``years`` is
        ``target_start - source_start`` (missing when either year is).

    Examples
    --------
    >>> stays = pd.DataFrame({
    ...     "person_id": ["p1", "p1", "p1", "p2"],
    ...     "step": [1, 2, 3, 1],
    ...     "role_id": ["phd", "postdoc", "lecturer", "phd"],
    ...     "start_year": pd.array([2008, 2012, 2016, 2020], dtype="Int64"),
    ...     "end_year": pd.array([2012, 2016, None, None], dtype="Int64"),
    ... })
    >>> stay_transitions(stays)[["person_id", "step", "source", "target", "years"]].values.tolist()
    [['p1', 1, 'phd', 'postdoc', 4], ['p1', 2, 'postdoc', 'lecturer', 4]]
    """
    if stays.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in TRANSITION_COLUMNS})
    following = stays.shift(-1)
    moves = stays["person_id"] == following["person_id"]
    result = pd.DataFrame(
        {
            "person_id": stays.loc[moves, "person_id"],
            "step": stays.loc[moves, "step"].astype("int64"),
            "source": stays.loc[moves, "role_id"],
            "target": following.loc[moves, "role_id"],
            "source_start": stays.loc[moves, "start_year"].astype("Int64"),
            "target_start": following.loc[moves, "start_year"].astype("Int64"),
        }
    ).reset_index(drop=True)
    result["years"] = result["target_start"] - result["source_start"]
    return result
