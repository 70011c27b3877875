"""Barrier statistics: agreement with each statement, by group, with intervals.

Definitions follow ``shared/design/data-spec.md``: a likert5 answer of 4 or 5
and a binary answer of 1 count as agreement; ``percent = agree / n * 100``
where ``n`` is the number of answers (not of people asked); intervals are
Wilson score 95% intervals, in percent. Counts shown pass through
:mod:`pathways.disclosure`; percentages and intervals always come from the
unrounded counts.

Under disclosure rules a row's ``n`` and ``agree`` are protected together:
its agree and disagree counts form one group for secondary suppression, since
its ``n`` is shown. So ``agree`` is hidden when either agree or disagree is a
small count (a disagree count of 2 out of a shown ``n`` would otherwise be
``n - agree``). Showing ``n`` while ``agree`` is hidden reveals only that the
row has about ``n`` answers: disagree is never shown on its own. The
percentage, when its ``n`` reaches ``min_denominator``, is still shown (as
``quality.md`` and HESA practice have it) and so tells agree to its precision.
"""

import numpy as np
import pandas as pd

from pathways.dataset import Dataset, DatasetInfo
from pathways.disclosure import protect_counts, protect_shares
from pathways.disclosure_rules import RAW
from pathways.schema import AGREE_FROM, THEMES

Z95 = 1.959963984540054
"""The standard normal quantile for a two-sided 95% interval."""

TABLE_COLUMNS = ["barrier_id", "group", "n", "agree", "percent", "ci_low", "ci_high"]
THEME_COLUMNS = ["theme", "group", "n", "agree", "percent", "ci_low", "ci_high"]
COMPARE_COLUMNS = [
    "barrier_id",
    "n_a",
    "agree_a",
    "percent_a",
    "n_b",
    "agree_b",
    "percent_b",
    "difference",
    "ci_low",
    "ci_high",
]


def wilson_intervals(agree, n, z=Z95):
    """Wilson score intervals for many proportions at once.

    Parameters
    ----------
    agree, n : array-like of int
        Successes and trials.
    z : float
        The normal quantile (1.96 for 95%).

    Returns
    -------
    (ndarray, ndarray)
        Lower and upper bounds as proportions in 0..1; NaN where ``n`` is 0.

    Examples
    --------
    >>> low, high = wilson_intervals([0, 7], [10, 13])
    >>> low.round(4).tolist(), high.round(4).tolist()
    ([0.0, 0.2914], [0.2775, 0.7679])
    """
    successes = np.asarray(agree, dtype="float64")
    trials = np.asarray(n, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        p = successes / trials
        z2n = z * z / trials
        centre = (p + z2n / 2) / (1 + z2n)
        half = z / (1 + z2n) * np.sqrt(p * (1 - p) / trials + z2n / (4 * trials))
    # The bounds at p = 0 and p = 1 are exactly 0 and 1; rounding would miss them.
    low = np.where(successes <= 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where(successes >= trials, 1.0, np.clip(centre + half, 0.0, 1.0))
    empty = trials <= 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


def wilson_interval(agree, n, z=Z95):
    """The Wilson score interval for one proportion (Wilson 1927).

    Parameters
    ----------
    agree, n : int
        Successes and trials.
    z : float
        The normal quantile (the default gives a 95% interval).

    Returns
    -------
    (float, float)
        Lower and upper bounds as proportions in 0..1; ``(nan, nan)`` when
        ``n`` is 0.

    Examples
    --------
    >>> [round(bound, 4) for bound in wilson_interval(0, 10)]
    [0.0, 0.2775]
    >>> wilson_interval(0, 0)
    (nan, nan)
    """
    low, high = wilson_intervals([agree], [n], z)
    return float(low[0]), float(high[0])


def newcombe_intervals(agree_a, n_a, agree_b, n_b, z=Z95):
    """Intervals for the difference of two independent proportions, A minus B.

    Newcombe's hybrid score interval, method 10 of R. G. Newcombe (1998),
    "Interval estimation for the difference between independent proportions:
    comparison of eleven methods", *Statistics in Medicine* 17, 873-890. It
    combines the two Wilson intervals ``(l1, u1)`` and ``(l2, u2)``:
    ``d - sqrt((p1 - l1)**2 + (u2 - p2)**2)`` to
    ``d + sqrt((u1 - p1)**2 + (p2 - l2)**2)`` with ``d = p1 - p2``.

    Parameters
    ----------
    agree_a, n_a, agree_b, n_b : array-like of int
    z : float

    Returns
    -------
    (ndarray, ndarray, ndarray)
        Difference, lower and upper bound, as proportions in -1..1; NaN where
        either ``n`` is 0.

    Examples
    --------
    Newcombe's examples (a) and (b), 56/70 against 48/80 and 9/10 against 3/10:

    >>> [bound.round(4).tolist() for bound in newcombe_intervals([56, 9], [70, 10], [48, 3], [80, 10])]
    [[0.2, 0.6], [0.0524, 0.1705], [0.3339, 0.809]]
    """
    n1 = np.asarray(n_a, dtype="float64")
    n2 = np.asarray(n_b, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        p1 = np.asarray(agree_a, dtype="float64") / n1
        p2 = np.asarray(agree_b, dtype="float64") / n2
    l1, u1 = wilson_intervals(agree_a, n_a, z)
    l2, u2 = wilson_intervals(agree_b, n_b, z)
    difference = p1 - p2
    low = difference - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return difference, low, high


# answer_counts's own columns; a people column of the same name cannot group answers.
_RESERVED = ("barrier_id", "theme", "n", "agree")


def _attribute_columns(people):
    return [column for column in people.columns if column not in _RESERVED]


def _item_codes(dataset):
    """Position of each answer's statement in ``barrier_items`` and whether it agrees."""
    items = dataset.barrier_items
    responses = dataset.barrier_responses
    code = items.index.get_indexer(responses["barrier_id"])
    # A validated dataset has no answer to an unknown statement; ignore any anyway.
    known = code >= 0
    threshold = items["scale"].map(AGREE_FROM).to_numpy(dtype="float64")
    agree = responses["response"].to_numpy(dtype="float64") >= threshold[np.where(known, code, 0)]
    return code, agree & known, known


def agreement(dataset):
    """Every answer marked as agreement or not, with its statement's theme.

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    DataFrame
        ``person_id, barrier_id, theme, response, agree`` (agree a bool: a
        likert5 answer of 4 or 5, a binary answer of 1), one row per answer.

    Examples
    --------
    >>> agreement(_example_dataset())["agree"].tolist()
    [True, True, False, False, True, True, False, True]
    """
    responses = dataset.barrier_responses
    code, agree, known = _item_codes(dataset)
    themes = dataset.barrier_items["theme"].to_numpy()
    return pd.DataFrame(
        {
            "person_id": responses["person_id"].to_numpy()[known],
            "barrier_id": responses["barrier_id"].to_numpy()[known],
            "theme": themes[code[known]],
            "response": responses["response"].to_numpy()[known],
            "agree": agree[known],
        }
    )


def answer_counts(dataset):
    """Answers and agreements per statement and per profile of people's attributes.

    Every table of this module is a sum over this one, whose size grows with
    the statements and the distinct combinations of attribute values, not with
    the people, so it is worth computing once per dataset.

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    DataFrame
        ``barrier_id, theme``, the columns of ``dataset.people`` (as text;
        missing where unknown and for answers from people not in
        ``people.csv``; a column named like one of these four is left out),
        then ``n`` (answers) and ``agree``; one row per statement and
        combination of attribute values that has answers.

    Examples
    --------
    >>> answer_counts(_example_dataset())[["gender", "n", "agree"]].values.tolist()
    [['woman', 2, 1], ['man', 2, 1], ['woman', 2, 1], ['man', 2, 2]]
    """
    people = dataset.people
    responses = dataset.barrier_responses
    items = dataset.barrier_items
    code, agree, known = _item_codes(dataset)
    columns = _attribute_columns(people)
    if columns:
        profile_of = people.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    else:
        profile_of = np.zeros(len(people), dtype="int64")
    profiles = people.iloc[np.unique(profile_of, return_index=True)[1]].reset_index(drop=True)
    # One more profile, all missing, for answers from people not in people.csv.
    unknown = len(profiles)
    person = people.index.get_indexer(responses["person_id"])
    profile = np.where(person >= 0, profile_of[np.where(person >= 0, person, 0)], unknown)[known]
    key = code[known] * (unknown + 1) + profile
    bins = len(items) * (unknown + 1)
    n = np.bincount(key, minlength=bins)
    agreed = np.bincount(key, weights=agree[known], minlength=bins).astype("int64")
    keys = np.flatnonzero(n)
    item, profile = np.divmod(keys, unknown + 1)
    counts = pd.DataFrame(
        {"barrier_id": items.index.to_numpy()[item], "theme": items["theme"].to_numpy()[item]}
    )
    attributes = profiles.reindex(profile).reset_index(drop=True)
    for column in columns:
        counts[column] = attributes[column].astype("str")
    counts["n"] = n[keys]
    counts["agree"] = agreed[keys]
    return counts


def _valid_values(people, column):
    return sorted(people[column].dropna().astype(str).unique())


def _check_column(people, column, what):
    if column not in _attribute_columns(people):
        choices = ", ".join(map(str, _attribute_columns(people))) or "none"
        raise ValueError(f"unknown {what} column {column!r}; choose one of: {choices}")


def _check_value(counts, people, column, value):
    # The small table answers the usual case; people.csv only the error's list.
    if (counts[column] == str(value)).any():
        return
    valid = _valid_values(people, column)
    if str(value) not in valid:
        raise ValueError(f"no one has {column}={value!r}; values of {column} are: {', '.join(valid)}")


def _or_counts(dataset, counts):
    return answer_counts(dataset) if counts is None else counts


def _grouped(dataset, counts, key, by, where):
    """Raw ``n`` and ``agree`` by ``key`` and ``group`` for the people ``where`` selects."""
    people = dataset.people
    for column, value in (where or {}).items():
        _check_column(people, column, "where")
        _check_value(counts, people, column, value)
        counts = counts[counts[column] == str(value)]
    if by is None:
        group = pd.Series("all", index=counts.index, dtype="str")
    else:
        _check_column(people, by, "by")
        # People with no value for `by`, or not in people.csv, belong to no group.
        counts = counts[counts[by].notna()]
        group = counts[by]
    return (
        counts.groupby([counts[key], group.rename("group")], sort=False)[["n", "agree"]].sum().reset_index()
    )


def _statistics(counts, rules):
    """Percent, Wilson interval and protected counts for rows of raw ``n`` and ``agree``."""
    n = counts["n"].to_numpy(dtype="int64")
    agree = counts["agree"].to_numpy(dtype="int64")
    low, high = wilson_intervals(agree, n)
    hidden = n < max(rules.min_denominator, 1)
    rows = np.arange(len(n))
    pair = protect_counts(np.concatenate([agree, n - agree]), rules, groups=np.concatenate([rows, rows]))
    result = counts.copy()
    result["n"] = protect_counts(n, rules).array
    result["agree"] = pair.iloc[: len(n)].array
    result["percent"] = protect_shares(agree, n, rules).to_numpy()
    result["ci_low"] = np.where(hidden, np.nan, 100 * low)
    result["ci_high"] = np.where(hidden, np.nan, 100 * high)
    return result


def _table(counts, key, order, rules):
    rank = counts[key].map({value: rank for rank, value in enumerate(order)})
    counts = counts.assign(_rank=rank).sort_values(["_rank", "group"], kind="stable")
    return _statistics(counts.drop(columns="_rank").reset_index(drop=True), rules)


def barrier_table(dataset, by=None, where=None, rules=RAW, counts=None):
    """Agreement with each barrier statement, overall or by group.

    Parameters
    ----------
    dataset : Dataset
    by : str, optional
        A column of ``dataset.people`` (an attribute, ``sector`` or ``stage``)
        to group by. People with no value for it, or answers from people not in
        ``people.csv``, are left out of the grouped table.
    where : dict, optional
        ``{column: value}`` keeping only the people who match every pair
        (values compared as strings), before grouping.
    rules : DisclosureRules
        Disclosure control; the default, ``RAW``, is none.
    counts : DataFrame, optional
        :func:`answer_counts` of ``dataset`` when already computed (it is the
        only part whose cost grows with the number of answers).

    Returns
    -------
    DataFrame
        ``barrier_id, group, n, agree, percent, ci_low, ci_high``: one row per
        statement and group with at least one answer, in the order of
        ``dataset.barrier_items`` and then of the group's name; ``group`` is
        ``"all"`` without ``by``. ``n`` (answers) and ``agree`` are nullable
        integers, ``<NA>`` where suppressed (see the module's notes); percent
        and Wilson 95% bounds are in percent, NaN when ``n`` is below
        ``rules.min_denominator``.

    Raises
    ------
    ValueError
        For a column or a value that ``dataset.people`` does not have.

    Examples
    --------
    >>> data = _example_dataset()
    >>> barrier_table(data)[["barrier_id", "group", "n", "agree", "percent"]]
       barrier_id group  n  agree  percent
    0  recognised   all  4      2     50.0
    1  fixed_term   all  4      3     75.0
    >>> barrier_table(data, by="gender")[["group", "n", "agree"]].values.tolist()
    [['man', 2, 1], ['woman', 2, 1], ['man', 2, 2], ['woman', 2, 1]]
    """
    counts = _grouped(dataset, _or_counts(dataset, counts), "barrier_id", by, where)
    return _table(counts, "barrier_id", dataset.barrier_items.index, rules)[TABLE_COLUMNS]


def theme_summary(dataset, by="sector", where=None, rules=RAW, counts=None):
    """Agreement pooled over the statements of each theme, by group (a heatmap's numbers).

    Parameters
    ----------
    dataset : Dataset
    by : str or None
        As in :func:`barrier_table`; ``sector`` by default.
    where : dict, optional
        As in :func:`barrier_table`.
    rules : DisclosureRules
    counts : DataFrame, optional
        As in :func:`barrier_table`.

    Returns
    -------
    DataFrame
        ``theme, group, n, agree, percent, ci_low, ci_high`` with ``n`` the
        answers to all statements of the theme in the group, themes in the
        order of :data:`pathways.schema.THEMES`. One person answering several
        statements of a theme counts several times, so the interval treats
        answers as independent and is narrower than a per-person one.

    Examples
    --------
    >>> theme_summary(_example_dataset(), by=None)[["theme", "n", "agree"]].values.tolist()
    [['recognition', 4, 2], ['contracts', 4, 3]]
    """
    counts = _grouped(dataset, _or_counts(dataset, counts), "theme", by, where)
    return _table(counts, "theme", THEMES, rules)[THEME_COLUMNS]


def compare_groups(dataset, attribute, group_a, group_b, where=None, rules=RAW, counts=None):
    """Agreement with each statement in two groups side by side, and their difference.

    Parameters
    ----------
    dataset : Dataset
    attribute : str
        A column of ``dataset.people``.
    group_a, group_b : str
        Two values of ``attribute``.
    where : dict, optional
        As in :func:`barrier_table`.
    rules : DisclosureRules
    counts : DataFrame, optional
        As in :func:`barrier_table`.

    Returns
    -------
    DataFrame
        ``barrier_id, n_a, agree_a, percent_a, n_b, agree_b, percent_b,
        difference, ci_low, ci_high``: one row per statement answered in either
        group, in the order of ``dataset.barrier_items``. Counts are protected
        as in :func:`barrier_table`; ``difference`` is ``percent_a -
        percent_b`` in percentage points with Newcombe's hybrid score 95%
        interval (see :func:`newcombe_intervals`), NaN where either group has
        fewer than ``rules.min_denominator`` answers.

    Raises
    ------
    ValueError
        For an unknown column or value, or the same group twice.

    Examples
    --------
    >>> table = compare_groups(_example_dataset(), "gender", "woman", "man")
    >>> table[["barrier_id", "percent_a", "percent_b", "difference"]].values.tolist()
    [['recognised', 50.0, 50.0, 0.0], ['fixed_term', 50.0, 100.0, -50.0]]
    """
    people = dataset.people
    _check_column(people, attribute, "attribute")
    everyone = _or_counts(dataset, counts)
    for value in (group_a, group_b):
        _check_value(everyone, people, attribute, value)
    if str(group_a) == str(group_b):
        raise ValueError(f"compare two different groups, not {group_a!r} with itself")
    sides = [str(group_a), str(group_b)]
    counts = _grouped(dataset, everyone, "barrier_id", attribute, where).set_index(["barrier_id", "group"])
    counts = counts[counts.index.get_level_values("group").isin(sides)]
    order = [b for b in dataset.barrier_items.index if b in counts.index.get_level_values("barrier_id")]
    if not order:
        # Neither group answered anything under this filter: an empty comparison, not an error.
        return pd.DataFrame({column: pd.Series(dtype="object") for column in COMPARE_COLUMNS})
    counts = counts.reindex(pd.MultiIndex.from_product([order, sides]), fill_value=0)
    result = pd.DataFrame({"barrier_id": pd.Series(order, dtype=dataset.barrier_items.index.dtype)})
    raw = {}
    for suffix, side in zip(("a", "b"), sides):
        raw[suffix] = counts.xs(side, level=1).reset_index(drop=True)
        shown = _statistics(raw[suffix], rules)
        for column in ("n", "agree", "percent"):
            result[f"{column}_{suffix}"] = shown[column].array
    a, b = raw["a"], raw["b"]
    difference, low, high = newcombe_intervals(a["agree"], a["n"], b["agree"], b["n"])
    small = np.minimum(a["n"].to_numpy(), b["n"].to_numpy()) < max(rules.min_denominator, 1)
    for column, values in (("difference", difference), ("ci_low", low), ("ci_high", high)):
        result[column] = np.where(small, np.nan, 100 * values)
    return result[COMPARE_COLUMNS]


def _example_dataset():
    """A four-person dataset for the Examples above."""
    items = pd.DataFrame(
        {
            "statement": ["My contribution is recognised", "I am on a fixed-term contract"],
            "theme": ["recognition", "contracts"],
            "scale": ["likert5", "binary"],
        },
        index=pd.Index(["recognised", "fixed_term"], name="barrier_id"),
    )
    people = pd.DataFrame(
        {"gender": ["woman", "man", "woman", "man"]},
        index=pd.Index(["p1", "p2", "p3", "p4"], name="person_id"),
    )
    responses = pd.DataFrame(
        {
            "person_id": ["p1", "p2", "p3", "p4", "p1", "p2", "p3", "p4"],
            "barrier_id": ["recognised"] * 4 + ["fixed_term"] * 4,
            "response": [4, 5, 2, 3, 1, 1, 0, 1],
        }
    )
    return Dataset(
        DatasetInfo("Example", "synthetic"),
        roles=pd.DataFrame(),
        careers=pd.DataFrame(),
        people=people,
        barrier_items=items,
        barrier_responses=responses,
    )
