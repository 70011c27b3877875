"""The career simulation: every person moves one episode at a time, all at once.

A Markov-style process over the roles of :mod:`pathways.synthetic.transitions`:
each step draws, for every person whose current episode has ended by
``END_YEAR``, the next role from that role's row of a cumulative-probability
table, then a duration for it. Nothing loops over people: a step is a handful
of numpy operations on arrays of current roles and years.
"""

from typing import NamedTuple

import numpy as np

from pathways.synthetic.draws import choose, cumulative_table, stratified_uniform
from pathways.synthetic.transitions import END_YEAR, INTRODUCED, ROLE_IDS, ROLES, START_YEAR, STARTING_ROLES

INDEX = {role: i for i, role in enumerate(ROLE_IDS)}
MOVES = cumulative_table([[ROLES[a].moves.get(b, 0) for b in ROLE_IDS] for a in ROLE_IDS])
YEARS = np.array([ROLES[r].years for r in ROLE_IDS])
SHAPE = np.array([ROLES[r].shape for r in ROLE_IDS], dtype=float)
RENEWABLE = np.array([ROLES[r].renewable for r in ROLE_IDS])
SINCE = np.array([INTRODUCED.get(r, (START_YEAR, r))[0] for r in ROLE_IDS])
INSTEAD = np.array([INDEX[INTRODUCED.get(r, (START_YEAR, r))[1]] for r in ROLE_IDS])
FIRST_ROLES = np.array([INDEX[r] for r in STARTING_ROLES])
FIRST_WEIGHTS = cumulative_table([list(STARTING_ROLES.values())])


class Episodes(NamedTuple):
    """Simulated episodes as parallel arrays, sorted by person then sequence."""

    person: np.ndarray
    seq: np.ndarray
    role: np.ndarray
    start: np.ndarray
    end: np.ndarray  # -1 where the person is still in the role


def start_years(rng, people):
    """First-episode years from ``START_YEAR`` to ``END_YEAR``, more in later years.

    The field has grown: a person is about 2.5 times as likely to start in 2024
    as in 1990 (approximate, an assumption of this illustration).

    Examples
    --------
    >>> years = start_years(np.random.default_rng(1), 1000)
    >>> bool(years.min() >= 1990 and years.max() <= 2024), bool((years >= 2007).mean() > 0.5)
    (True, True)
    """
    years = np.arange(START_YEAR, END_YEAR + 1)
    weights = np.exp(0.027 * (years - START_YEAR))
    u = stratified_uniform(rng, np.zeros(people, dtype=np.int64))
    return years[choose(u, np.zeros(people, dtype=np.int64), cumulative_table([weights]))]


def durations(rng, roles):
    """Years in an episode (or until the next decision to stay or move), at least one.

    Examples
    --------
    >>> years = durations(np.random.default_rng(1), np.full(2000, INDEX["bsc_student"]))
    >>> sorted(set(years.tolist())) <= [2, 3, 4], round(float(years.mean()))
    (True, 3)
    """
    shape = SHAPE[roles]
    return np.maximum(1, np.rint(rng.gamma(shape, YEARS[roles] / shape))).astype(np.int64)


def available(roles, years):
    """Each role, or the one people held instead where it did not exist yet in ``years``.

    Examples
    --------
    >>> roles = np.array([INDEX["rse"], INDEX["rse"]])
    >>> [ROLE_IDS[r] for r in available(roles, np.array([2005, 2015]))]
    ['core_bioinformatician', 'rse']
    """
    roles = roles.copy()
    for _ in range(3):  # fallbacks may chain, but only briefly
        early = years < SINCE[roles]
        roles[early] = INSTEAD[roles[early]]
    return roles


def simulate_careers(rng, people):
    """Simulate the careers of ``people`` persons.

    Parameters
    ----------
    rng : numpy.random.Generator
    people : int

    Returns
    -------
    Episodes
        Every person has at least one episode; the last is still ongoing
        (``end`` is -1). Consecutive episodes of a renewable role are
        separate contracts in the same role.

    Examples
    --------
    >>> episodes = simulate_careers(np.random.default_rng(1), 200)
    >>> int(episodes.person.max()), bool((episodes.end[episodes.end >= 0] <= END_YEAR).all())
    (199, True)
    >>> last = np.r_[episodes.person[1:] != episodes.person[:-1], True]
    >>> bool((episodes.end[last] == -1).all()), bool((episodes.end[~last] >= 0).all())
    (True, True)
    """
    start = start_years(rng, people)
    first = FIRST_ROLES[
        choose(
            stratified_uniform(rng, np.zeros(people, dtype=np.int64)),
            np.zeros(people, dtype=np.int64),
            FIRST_WEIGHTS,
        )
    ]
    role = available(first, start)
    end = start + durations(rng, role)
    seq = np.zeros(people, dtype=np.int64)
    chunks = []
    active = np.flatnonzero(end <= END_YEAR)
    while active.size:
        current = role[active]
        moved = choose(stratified_uniform(rng, current), current, MOVES)
        moved = available(moved, end[active])
        stays_on = (moved == current) & ~RENEWABLE[current]
        staying = active[stays_on]
        end[staying] += durations(rng, role[staying])
        leaving = active[~stays_on]
        seq[leaving] += 1
        chunks.append((leaving, seq[leaving], role[leaving], start[leaving], end[leaving]))
        role[leaving] = moved[~stays_on]
        start[leaving] = end[leaving]
        end[leaving] = start[leaving] + durations(rng, role[leaving])
        active = np.flatnonzero(end <= END_YEAR)
    everyone = np.arange(people)
    chunks.append((everyone, seq + 1, role, start, np.full(people, -1)))
    person, seqs, roles, starts, ends = (np.concatenate(parts) for parts in zip(*chunks, strict=True))
    order = np.lexsort((seqs, person))
    return Episodes(person[order], seqs[order], roles[order], starts[order], ends[order])
