"""What people met at one step of a route: how they answered the barrier survey, and advice that fits.

A *step* is a move ``source -> target`` between two consecutive stays. The
people who made it are the persons with at least one such transition; their
answers to the barrier statements are set beside everyone's. Definitions
follow ``data-spec.md``: a likert5 answer of 4 or 5 and a binary answer of 1
are agreement, and a percentage is agreements over answers. Under disclosure
rules a statement answered fewer than ``min_denominator`` times by the movers
is not reported at all, and counts are rounded.

A route finder asks about many steps, so :func:`index_steps` arranges the
answers once per dataset (sorted by person, with each move's movers listed);
each :func:`step_barriers` call then reads only the movers' own answers, and
its cost grows with them, not with everybody in the data.
"""

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pathways.barriers import agreement
from pathways.disclosure import protect_counts, protect_shares
from pathways.disclosure_rules import RAW

__all__ = ["STEP_BARRIER_COLUMNS", "StepIndex", "index_steps", "step_advice", "step_barriers", "step_movers"]

STEP_BARRIER_COLUMNS = ["barrier_id", "statement", "theme", "n", "percent", "n_all", "percent_all"]
ADVICE_SHOWN = ["title", "url", "provider", "kind"]
# How much each kind of match counts when ranking advice for a step.
ROLE_SCORE, THEME_SCORE, SECTOR_SCORE, STAGE_SCORE = 4, 2, 1, 1


def step_movers(transitions, source, target):
    """The persons who moved from ``source`` to ``target`` at least once.

    Parameters
    ----------
    transitions : DataFrame
        ``dataset.transitions``.
    source, target : str
        Role ids.

    Returns
    -------
    pandas.Index
        Person ids, sorted, each once.

    Examples
    --------
    >>> moves = pd.DataFrame({"person_id": ["a", "b", "b", "c"], "source": ["phd", "phd", "ds", "phd"],
    ...                       "target": ["ds", "postdoc", "postdoc", "ds"]})
    >>> step_movers(moves, "phd", "ds").tolist()
    ['a', 'c']
    """
    chosen = (transitions["source"] == source) & (transitions["target"] == target)
    return pd.Index(transitions.loc[chosen.to_numpy(dtype=bool), "person_id"].unique()).sort_values()


@dataclass(frozen=True, eq=False)
class StepIndex:
    """A dataset's barrier answers arranged for :func:`step_barriers` (build it with :func:`index_steps`).

    Attributes
    ----------
    statements : pandas.Index
        The barrier ids that were answered; ``statement_of`` holds positions in it.
    statement_of, agrees : ndarray
        Per answer, sorted by person: its statement's position and whether it agrees.
    starts, ends : ndarray
        Per person (in the order of the sorted ids), the range of their answers.
    movers : dict
        ``(source, target) -> ndarray`` of the persons (positions) who made the move and answered.
    n_all, agree_all : ndarray
        Everyone's answers and agreements per statement.
    """

    statements: pd.Index
    statement_of: np.ndarray
    agrees: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    movers: dict
    n_all: np.ndarray
    agree_all: np.ndarray


def index_steps(dataset, answers=None):
    """Arrange a dataset's barrier answers by person, and each move's movers, for :func:`step_barriers`.

    Parameters
    ----------
    dataset : Dataset
    answers : DataFrame, optional
        :func:`pathways.barriers.agreement` of ``dataset``, when already computed.

    Returns
    -------
    StepIndex

    Examples
    --------
    >>> from pathways.barriers import _example_dataset
    >>> index = index_steps(_example_dataset())
    >>> list(index.statements), index.n_all.tolist(), index.agree_all.tolist()
    (['recognised', 'fixed_term'], [4, 4], [2, 3])
    """
    answers = agreement(dataset) if answers is None else answers
    person_of, persons = pd.factorize(answers["person_id"], sort=True)
    statement_of, statements = pd.factorize(answers["barrier_id"])
    order = np.argsort(person_of, kind="stable")
    sorted_persons = person_of[order]
    positions = np.arange(len(persons))
    moves = dataset.transitions
    mover = pd.Index(persons).get_indexer(moves["person_id"])
    answered = mover >= 0
    pairs = pd.DataFrame(
        {
            "source": moves["source"].to_numpy()[answered],
            "target": moves["target"].to_numpy()[answered],
            "mover": mover[answered],
        }
    ).drop_duplicates()
    movers = {
        edge: pairs["mover"].to_numpy()[rows]
        for edge, rows in pairs.groupby(["source", "target"]).indices.items()
    }
    agrees = answers["agree"].to_numpy(dtype=bool)
    return StepIndex(
        statements=pd.Index(statements),
        statement_of=statement_of[order],
        agrees=agrees[order],
        starts=np.searchsorted(sorted_persons, positions, side="left"),
        ends=np.searchsorted(sorted_persons, positions, side="right"),
        movers=movers,
        n_all=np.bincount(statement_of, minlength=len(statements)),
        agree_all=np.bincount(statement_of, weights=agrees, minlength=len(statements)).astype("int64"),
    )


def _answer_rows(index, persons):
    """Positions of every answer of ``persons``: their ranges laid end to end, without a loop."""
    lengths = index.ends[persons] - index.starts[persons]
    total = int(lengths.sum())
    offsets = np.repeat(index.starts[persons] - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total)


def step_barriers(dataset, source, target, top=3, rules=RAW, index=None):
    """The barrier statements on which the people who made one move differ most from everyone.

    Parameters
    ----------
    dataset : Dataset
    source, target : str
        Role ids of the move.
    top : int
        At most this many statements.
    rules : DisclosureRules
        Disclosure control; the default, ``RAW``, is none.
    index : StepIndex, optional
        :func:`index_steps` of ``dataset``; built here when not given.

    Returns
    -------
    DataFrame
        ``barrier_id, statement, theme, n, percent, n_all, percent_all``: the
        statements that the movers answered at least ``rules.min_denominator``
        times, those where the movers' agreement (``percent``) is furthest
        from everyone's (``percent_all``) first, either way, since a statement
        may be worded so that agreeing is the barrier ("I am on a fixed-term
        contract") or so that disagreeing is ("My contribution is
        recognised"); ties by higher ``percent``, then in the order of
        ``dataset.barrier_items``. ``n`` and ``n_all`` are the answers, as
        nullable integers after disclosure control. Everyone's answers
        include the movers', so ``percent_all`` is shown wherever ``percent`` is.

    Examples
    --------
    >>> import dataclasses
    >>> from pathways.barriers import _example_dataset
    >>> data = _example_dataset()
    >>> careers = pd.DataFrame({"person_id": ["p1", "p1", "p2", "p2", "p3"], "seq": [1, 2, 1, 2, 1],
    ...                         "role_id": ["phd", "ds", "phd", "ds", "phd"],
    ...                         "start_year": None, "end_year": None})
    >>> data = dataclasses.replace(data, careers=careers)
    >>> step_barriers(data, "phd", "ds")[["barrier_id", "n", "percent", "percent_all"]].values.tolist()
    [['recognised', 2, 100.0, 50.0], ['fixed_term', 2, 100.0, 75.0]]
    >>> from pathways.disclosure_rules import DisclosureRules
    >>> step_barriers(data, "phd", "ds", rules=DisclosureRules()).empty
    True
    """
    index = index_steps(dataset) if index is None else index
    persons = index.movers.get((source, target), np.empty(0, dtype="int64"))
    rows = _answer_rows(index, persons)
    statement_of = index.statement_of[rows]
    size = len(index.statements)
    table = pd.DataFrame(
        {
            "n": np.bincount(statement_of, minlength=size),
            "agree": np.bincount(statement_of, weights=index.agrees[rows], minlength=size).astype("int64"),
            "n_all": index.n_all,
            "agree_all": index.agree_all,
        },
        index=index.statements,
    )
    table = table[table["n"] >= max(rules.min_denominator, 1)]
    percent = 100.0 * table["agree"] / table["n"]
    percent_all = protect_shares(table["agree_all"], table["n_all"], rules)
    rank = pd.Series(np.arange(len(dataset.barrier_items)), index=dataset.barrier_items.index)
    table = table.assign(
        percent=percent,
        percent_all=percent_all,
        _gap=(percent - percent_all).abs().fillna(-1.0),
        _rank=table.index.map(rank).to_numpy(dtype=float),
    ).sort_values(["_gap", "percent", "_rank"], ascending=[False, False, True], kind="stable")
    table = table.head(top)
    items = dataset.barrier_items
    result = pd.DataFrame(
        {
            "barrier_id": table.index.to_numpy(dtype=object),
            "statement": table.index.map(items["statement"]).to_numpy(dtype=object),
            "theme": table.index.map(items["theme"]).to_numpy(dtype=object),
            "n": protect_counts(table["n"].to_numpy(), rules).array,
            "percent": table["percent"].to_numpy(dtype=float),
            "n_all": protect_counts(table["n_all"].to_numpy(), rules).array,
            "percent_all": table["percent_all"].to_numpy(dtype=float),
        }
    )
    return result[STEP_BARRIER_COLUMNS]


def _lists(advice, column, values):
    """Whether each advice row's ``;``-separated ``column`` holds any of ``values``."""
    values = [str(v) for v in values if v]
    if column not in advice.columns or not values:
        return np.zeros(len(advice), dtype=bool)
    pattern = r"(?:^|;)\s*(?:" + "|".join(re.escape(v) for v in values) + r")\s*(?:;|$)"
    return advice[column].fillna("").astype(str).str.contains(pattern, regex=True).to_numpy(dtype=bool)


def step_advice(advice, role_id, sector=None, stage=None, themes=(), n=2):
    """The advice resources that best fit a move into ``role_id``.

    Parameters
    ----------
    advice : DataFrame
        ``dataset.advice`` (lists as ``;``-separated strings).
    role_id : str
        The role moved into.
    sector, stage : str, optional
        The role's sector and stage.
    themes : iterable of str
        Themes of the barriers reported at the step.
    n : int
        At most this many resources.

    Returns
    -------
    DataFrame
        ``title, url, provider, kind`` indexed by ``advice_id``: resources
        tagged with the role or its sector, best first. A tag for the role
        counts 4, one of the themes 2, the sector 1 and the stage 1; ties keep
        the order of ``advice.csv``.

    Examples
    --------
    >>> advice = pd.DataFrame({"title": ["RSE society", "Fellowships", "STP"],
    ...                        "url": ["https://a", "https://b", "https://c"],
    ...                        "provider": ["x", "y", "z"], "kind": ["network", "funding", "training"],
    ...                        "sectors": ["academia", "academia", "nhs"], "stages": ["", "early", "early"],
    ...                        "roles": ["rse", "", ""], "themes": ["recognition", "contracts", ""]},
    ...                       index=pd.Index(["rse", "fellows", "stp"], name="advice_id"))
    >>> step_advice(advice, "postdoc", "academia", "early", themes=["contracts"]).index.tolist()
    ['fellows', 'rse']
    >>> step_advice(advice, "rse", "academia", "early").index.tolist()
    ['rse', 'fellows']
    >>> step_advice(advice, "ds", "industry", "early").index.tolist()
    []
    """
    role = _lists(advice, "roles", [role_id])
    in_sector = _lists(advice, "sectors", [sector])
    score = (
        ROLE_SCORE * role
        + THEME_SCORE * _lists(advice, "themes", themes)
        + SECTOR_SCORE * in_sector
        + STAGE_SCORE * _lists(advice, "stages", [stage])
    )
    position = np.arange(len(advice))
    keep = role | in_sector
    order = np.lexsort((position[keep], -score[keep]))
    chosen = advice.iloc[position[keep][order][:n]]
    return chosen.reindex(columns=ADVICE_SHOWN)
