"""Barriers reported by the people in one role, set beside everyone's answers.

*People in a role* are the persons whose latest role in the data is that role:
their role when they answered the survey, since a person's last episode is
the one still going on (``data-spec.md`` takes a person's current sector and
stage from it too). The barrier statements speak of the present ("I am on a
fixed-term contract"), so an answer belongs to the role its author holds now,
not to every role they ever held.

Definitions follow :mod:`pathways.barriers`: a likert5 answer of 4 or 5 and a
binary answer of 1 agree, ``percent = agree / n * 100`` with ``n`` the
answers, Wilson score 95% intervals. Under disclosure rules the counts are
protected as there (``n`` alone, ``agree`` together with the disagreeing
answers) and percentages and intervals are withheld below
``rules.min_denominator`` answers.
"""

import numpy as np
import pandas as pd

from pathways.barriers import agreement, wilson_intervals
from pathways.disclosure import protect_counts, protect_shares
from pathways.disclosure_rules import RAW
from pathways.graph import UnknownRole, suggest_roles

__all__ = ["ROLE_BARRIER_COLUMNS", "current_roles", "role_answer_counts", "role_barriers"]

ROLE_BARRIER_COLUMNS = [
    "barrier_id",
    "statement",
    "theme",
    "n",
    "agree",
    "percent",
    "ci_low",
    "ci_high",
    "n_all",
    "agree_all",
    "percent_all",
]


def current_roles(dataset):
    """Each person's latest role: the role of their last stay.

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    Series
        ``role_id`` indexed by ``person_id``, one row per person with a career.

    Examples
    --------
    >>> current_roles(_example_dataset()).to_dict()
    {'p1': 'postdoc', 'p2': 'ds', 'p3': 'postdoc', 'p4': 'phd'}
    """
    stays = dataset.stays
    if stays.empty:
        return pd.Series([], index=pd.Index([], name="person_id"), name="role_id", dtype="object")
    # Stays are sorted by person and step, so each person's last row is their latest role.
    last = stays.drop_duplicates("person_id", keep="last")
    return pd.Series(
        last["role_id"].to_numpy(),
        index=pd.Index(last["person_id"].to_numpy(), name="person_id"),
        name="role_id",
    )


def role_answer_counts(dataset, answers=None):
    """Answers and agreements per statement and latest role of the person answering.

    Computed once per dataset (its size grows with roles and statements, not
    with people), so that :func:`role_barriers` only selects rows.

    Parameters
    ----------
    dataset : Dataset
    answers : DataFrame, optional
        :func:`pathways.barriers.agreement` of ``dataset`` when already
        computed (``CareerModel.agreement``).

    Returns
    -------
    DataFrame
        ``role_id, barrier_id, n, agree`` with raw counts. Answers from
        people with no career in the data have ``role_id`` None, so the
        column sums give everyone's answers.

    Examples
    --------
    >>> role_answer_counts(_example_dataset()).values.tolist()
    [['postdoc', 'recognised', 2, 1], ['ds', 'recognised', 1, 1], ['phd', 'recognised', 1, 0], \
['postdoc', 'fixed_term', 2, 1], ['ds', 'fixed_term', 1, 1], ['phd', 'fixed_term', 1, 1]]
    """
    answers = agreement(dataset) if answers is None else answers
    role = answers["person_id"].map(current_roles(dataset)).rename("role_id")
    counts = (
        answers.groupby([role, answers["barrier_id"]], sort=False, dropna=False)["agree"]
        .agg(n="size", agree="sum")
        .reset_index()
    )
    counts["role_id"] = counts["role_id"].astype("object").where(counts["role_id"].notna(), None)
    return counts.astype({"n": "int64", "agree": "int64"})


def _protected(n, agree, rules, suffix=""):
    """Protected ``n`` and ``agree`` and the percent and interval, as in :mod:`pathways.barriers`."""
    n = np.asarray(n, dtype="int64")
    agree = np.asarray(agree, dtype="int64")
    low, high = wilson_intervals(agree, n)
    hidden = n < max(rules.min_denominator, 1)
    rows = np.arange(len(n))
    # agree and disagree of one row sum to its shown n: protect them as one group.
    pair = protect_counts(np.concatenate([agree, n - agree]), rules, groups=np.concatenate([rows, rows]))
    columns = {
        f"n{suffix}": protect_counts(n, rules).array,
        f"agree{suffix}": pair.iloc[: len(n)].array,
        f"percent{suffix}": protect_shares(agree, n, rules).to_numpy(),
    }
    if not suffix:
        columns["ci_low"] = np.where(hidden, np.nan, 100 * low)
        columns["ci_high"] = np.where(hidden, np.nan, 100 * high)
    return columns


def role_barriers(dataset, role_id, rules=RAW, counts=None):
    """Agreement with each statement among the people in a role, and among everyone.

    Parameters
    ----------
    dataset : Dataset
    role_id : str
        A role of ``dataset.roles``.
    rules : DisclosureRules
        Disclosure control; the default, ``RAW``, is none.
    counts : DataFrame, optional
        :func:`role_answer_counts` of ``dataset`` when already computed.

    Returns
    -------
    DataFrame
        ``barrier_id, statement, theme, n, agree, percent, ci_low, ci_high,
        n_all, agree_all, percent_all``: one row per statement that people
        whose latest role is ``role_id`` answered, in the order of
        ``dataset.barrier_items``. ``n`` and ``agree`` (nullable integers,
        ``<NA>`` where suppressed), ``percent`` and its Wilson 95% bounds
        are theirs; the ``_all`` columns are everyone's, with or without a
        career in the data. Percentages and bounds are NaN below
        ``rules.min_denominator`` answers.

    Raises
    ------
    UnknownRole
        When ``role_id`` is not in ``dataset.roles``.

    Examples
    --------
    >>> data = _example_dataset()
    >>> role_barriers(data, "postdoc")[["barrier_id", "n", "agree", "percent", "percent_all"]].values.tolist()
    [['recognised', 2, 1, 50.0, 50.0], ['fixed_term', 2, 1, 50.0, 75.0]]
    >>> from pathways.disclosure_rules import DisclosureRules
    >>> role_barriers(data, "postdoc", rules=DisclosureRules())[["n", "percent"]].values.tolist()
    [[<NA>, nan], [<NA>, nan]]
    >>> role_barriers(data, "post-doc")
    Traceback (most recent call last):
    ...
    pathways.graph.UnknownRole: unknown role 'post-doc'; did you mean 'postdoc'?
    """
    if role_id not in dataset.roles.index:
        raise UnknownRole(role_id, suggest_roles(dataset.roles, role_id))
    counts = role_answer_counts(dataset) if counts is None else counts
    items = dataset.barrier_items
    everyone = counts.groupby("barrier_id", sort=False)[["n", "agree"]].sum()
    mine = (counts["role_id"] == role_id).to_numpy(dtype=bool)
    theirs = counts[mine].groupby("barrier_id")[["n", "agree"]].sum()
    order = [barrier for barrier in items.index if barrier in theirs.index and theirs.at[barrier, "n"] > 0]
    theirs, everyone = theirs.reindex(order), everyone.reindex(order)
    table = pd.DataFrame(
        {
            "barrier_id": pd.Series(order, dtype="object"),
            "statement": items["statement"].reindex(order).to_numpy(dtype=object),
            "theme": items["theme"].reindex(order).to_numpy(dtype=object),
            **_protected(theirs["n"], theirs["agree"], rules),
            **_protected(everyone["n"], everyone["agree"], rules, suffix="_all"),
        }
    )
    return table[ROLE_BARRIER_COLUMNS]


def _example_dataset():
    """Four people in three latest roles, answering two statements (for the Examples)."""
    import dataclasses

    from pathways.barriers import _example_dataset as answers_only

    roles = pd.DataFrame(
        {
            "title": ["PhD student", "Postdoc", "Data scientist"],
            "sector": ["education", "academia", "industry"],
            "stage": ["student", "early", "early"],
            "aliases": ["", "Post-doc", ""],
        },
        index=pd.Index(["phd", "postdoc", "ds"], name="role_id"),
    )
    careers = pd.DataFrame(
        {
            "person_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4"],
            "seq": [1, 2, 1, 2, 1, 2, 1],
            "role_id": ["phd", "postdoc", "postdoc", "ds", "phd", "postdoc", "phd"],
            "start_year": None,
            "end_year": None,
        }
    )
    return dataclasses.replace(answers_only(), roles=roles, careers=careers)
