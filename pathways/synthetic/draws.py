"""Random draws with low variance: proportions land on their expected values.

Each person's draw is still uniform, so individual probabilities are exactly
as specified; stratifying within groups only removes the sampling noise of
the group's totals, which is what keeps a 5,000-person dataset on its
calibration targets.
"""

import numpy as np


def stratified_uniform(rng, groups):
    """Uniform numbers in [0, 1), one per element, stratified within each group.

    Within a group of ``n`` elements exactly one number falls in each interval
    ``[k/n, (k+1)/n)``, assigned to the elements in random order.

    Parameters
    ----------
    rng : numpy.random.Generator
    groups : array of int
        The group of each element.

    Returns
    -------
    ndarray of float

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> u = stratified_uniform(rng, np.array([0] * 10 + [1] * 20))
    >>> int((u[:10] < 0.3).sum()), int((u[10:] < 0.25).sum())
    (3, 5)
    """
    groups = np.asarray(groups)
    n = len(groups)
    if n == 0:
        return np.empty(0)
    shuffled = rng.permutation(n)
    keys = groups[shuffled]
    if keys.min() >= 0 and keys.max() < 2**15:
        keys = keys.astype(np.int16)  # a stable sort of 16-bit keys is a linear-time radix sort
    order = shuffled[np.argsort(keys, kind="stable")]
    ordered = groups[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    counts = np.diff(np.r_[starts, n])
    rank = np.arange(n) - np.repeat(starts, counts)
    u = np.empty(n)
    u[order] = (rank + rng.random(n)) / np.repeat(counts, counts)
    return u


def choose(u, rows, cumulative):
    """Pick a column for each element: the first whose cumulative probability exceeds ``u``.

    Parameters
    ----------
    u : array of float
        Uniform numbers in [0, 1).
    rows : array of int
        The row of ``cumulative`` each element draws from.
    cumulative : 2-D array
        Cumulative probabilities, one row per distribution, last column 1.

    Returns
    -------
    ndarray of int

    Examples
    --------
    >>> cumulative = np.array([[0.5, 1.0], [0.1, 1.0]])
    >>> choose(np.array([0.4, 0.6, 0.05, 0.2]), np.array([0, 0, 1, 1]), cumulative).tolist()
    [0, 1, 0, 1]
    """
    out = np.empty(len(u), dtype=np.int64)
    last = cumulative.shape[1] - 1
    for row in np.unique(rows):
        mask = rows == row
        out[mask] = np.minimum(np.searchsorted(cumulative[row], u[mask], side="right"), last)
    return out


def cumulative_table(weights):
    """Rows of weights normalised to cumulative probabilities.

    Examples
    --------
    >>> cumulative_table([[1, 1, 2], [0, 3, 1]]).tolist()
    [[0.25, 0.5, 1.0], [0.0, 0.75, 1.0]]
    """
    weights = np.asarray(weights, dtype=float)
    cumulative = np.cumsum(weights, axis=1)
    cumulative /= cumulative[:, -1:]
    cumulative[:, -1] = 1.0
    return cumulative


def sigmoid(x):
    """The logistic function.

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    """
    return 1.0 / (1.0 + np.exp(-x))


def shift_to_mean(logits, target, weights=None):
    """The constant that, added to ``logits``, makes the mean probability ``target``.

    Found by bisection, since the mean of logistic probabilities rises
    monotonically with a common shift.

    Examples
    --------
    >>> logits = np.array([-1.0, 0.0, 1.0])
    >>> shift = shift_to_mean(logits, 0.3)
    >>> round(float(sigmoid(logits + shift).mean()), 6)
    0.3
    """
    if len(logits) == 0:
        return 0.0
    low, high = -30.0, 30.0
    for _ in range(60):
        middle = (low + high) / 2
        if np.average(sigmoid(logits + middle), weights=weights) < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2
