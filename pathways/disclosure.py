"""Statistical disclosure control: every number shown or downloaded passes here.

The rules are those of ``shared/design/quality.md`` ("Privacy"), held in a
:class:`~pathways.disclosure_rules.DisclosureRules`:

* a count from 1 to ``min_count - 1`` is *suppressed* (shown as "fewer than
  5", never as a number and never drawn as zero). A true zero stays 0: it
  counts nobody, so there is no person to hide;
* every other count is rounded to the nearest multiple of ``round_to``, and a
  shown count is never displayed below the threshold (nor as 0), so it cannot
  be mistaken for a hidden one;
* a percentage is computed from the unrounded counts and hidden when its
  denominator is below ``min_denominator``;
* secondary suppression (see :func:`protect_counts`) hides a sibling too where
  a hidden cell could otherwise be recovered from a published total.

Suppressed counts are ``<NA>`` in the nullable ``Int64`` series returned here;
:func:`format_count` turns them into words for people and
:func:`format_count_short` into ``<5`` for machines. CSV downloads also go
through :func:`neutralise_frame` so a spreadsheet never runs a cell as a
formula.
"""

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pathways.disclosure_rules import RAW, DisclosureRules

__all__ = [
    "RAW",
    "DisclosureRules",
    "format_count",
    "format_count_short",
    "neutralise_formula",
    "neutralise_frame",
    "protect_counts",
    "protect_share",
    "protect_shares",
    "protect_table",
    "round_count",
    "rules_from_metadata",
]

_INTEGER_KEYS = ("min_count", "round_to", "min_denominator")
_KEYS = (*_INTEGER_KEYS, "secondary")
# OWASP's list of characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def rules_from_metadata(mapping):
    """Build the disclosure rules from the ``disclosure:`` mapping of ``dataset.yaml``.

    Parameters
    ----------
    mapping : mapping or None
        Keys ``min_count``, ``round_to``, ``min_denominator`` (whole numbers of
        at least 1) and ``secondary`` (true or false), all optional; a missing
        key takes the default of ``quality.md``.

    Returns
    -------
    DisclosureRules

    Raises
    ------
    ValueError
        For an unknown key or an invalid value, naming it.

    Examples
    --------
    >>> rules_from_metadata({"min_count": 10})
    DisclosureRules(min_count=10, round_to=5, min_denominator=10, secondary=True)
    >>> rules_from_metadata(None) == DisclosureRules()
    True
    >>> rules_from_metadata({"round_to": "five"})
    Traceback (most recent call last):
    ...
    ValueError: disclosure: round_to must be a whole number of at least 1, not 'five'
    """
    if mapping is None:
        return DisclosureRules()
    if not isinstance(mapping, Mapping):
        raise ValueError(f"disclosure: expected a mapping of {', '.join(_KEYS)}, not {mapping!r}")
    unknown = sorted(str(key) for key in mapping if key not in _KEYS)
    if unknown:
        raise ValueError(
            f"disclosure: unknown key(s) {', '.join(unknown)}; valid keys are {', '.join(_KEYS)}"
        )
    for key in _INTEGER_KEYS:
        value = mapping.get(key, 1)
        # bool is an int in Python, but `min_count: true` is surely a mistake.
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"disclosure: {key} must be a whole number of at least 1, not {value!r}")
    if not isinstance(mapping.get("secondary", True), bool):
        raise ValueError(f"disclosure: secondary must be true or false, not {mapping['secondary']!r}")
    return DisclosureRules(**{key: mapping[key] for key in _KEYS if key in mapping})


def _smallest_shown(rules):
    # The least multiple of round_to that is at least min_count (and at least 1).
    step = max(rules.round_to, 1)
    return -(-max(rules.min_count, 1) // step) * step


def round_count(n, rules):
    """Round a count that is not suppressed, as it is displayed.

    Parameters
    ----------
    n : int
        A non-negative count (``<NA>`` passes through).
    rules : DisclosureRules

    Returns
    -------
    int
        The nearest multiple of ``rules.round_to``, halves rounding up (with
        ``round_to=10``, 15 becomes 20). A positive count is never shown below
        the least multiple of ``round_to`` that is at least ``min_count``, so it
        is never shown as 0 and never looks like a hidden count.

    Examples
    --------
    >>> rules = DisclosureRules()
    >>> [round_count(n, rules) for n in (0, 5, 7, 8, 1234)]
    [0, 5, 5, 10, 1235]
    >>> round_count(15, DisclosureRules(round_to=10))
    20
    >>> round_count(1, DisclosureRules(min_count=1, round_to=5))
    5
    """
    if n is None or n is pd.NA:
        return pd.NA
    if n < 0 or n != int(n):
        raise ValueError(f"a count must be a whole number of at least 0, not {n!r}")
    n = int(n)
    step = max(rules.round_to, 1)
    quotient, remainder = divmod(n, step)
    rounded = (quotient + (2 * remainder >= step)) * step
    return max(rounded, _smallest_shown(rules)) if n > 0 else 0


def _count_values(counts):
    series = counts if isinstance(counts, pd.Series) else pd.Series(counts)
    if series.isna().any():
        raise ValueError("counts must not be missing")
    numbers = pd.to_numeric(series).to_numpy(dtype="float64")
    if (numbers < 0).any() or (numbers % 1 != 0).any():
        raise ValueError("counts must be whole numbers of at least 0")
    return series, numbers.astype("int64")


def _group_labels(groups, series):
    if isinstance(groups, pd.Series) and not groups.index.equals(series.index):
        groups = groups.reindex(series.index)
    labels = np.asarray(groups, dtype="object")
    if len(labels) != len(series):
        raise ValueError(f"groups has {len(labels)} labels for {len(series)} counts")
    return labels


def _secondary(values, primary, labels):
    """Positions to hide so that no group of two or more cells has exactly one hidden."""
    cells = pd.DataFrame({"group": labels, "value": values, "primary": primary})
    grouped = cells.groupby("group", sort=False, dropna=True)
    hidden_in_group = grouped["primary"].transform("sum")
    size = grouped["value"].transform("size")
    exposed = (hidden_in_group == 1) & (size >= 2) & ~cells["primary"]
    candidates = cells[exposed].assign(zero=lambda c: c["value"] == 0)
    # Smallest non-zero sibling first; a zero only when the group has no other.
    chosen = candidates.sort_values(["zero", "value"], kind="stable").drop_duplicates("group")
    return chosen.index.to_numpy()


def protect_counts(counts, rules, groups=None):
    """The displayed values of raw counts: suppressed, secondary-suppressed, rounded.

    Parameters
    ----------
    counts : Series or array-like of int
        Raw non-negative counts, one per flow, cell or answer group.
    rules : DisclosureRules
    groups : Series or array-like, optional
        A group label per count, for secondary suppression. Cells of one group
        are those that sum to a published total (the outflows of one role, the
        agree and disagree answers of one row). A missing label puts a cell in
        no group. A Series is aligned on the index of ``counts``.

    Returns
    -------
    Series of Int64
        Same index and name as ``counts``. ``<NA>`` where suppressed, otherwise
        the count rounded by :func:`round_count`; 0 stays 0.

    Notes
    -----
    Primary suppression hides every count from 1 to ``min_count - 1``.

    Secondary suppression (only with ``rules.secondary`` and ``groups``): in a
    group of two or more cells where exactly one cell is primary-suppressed,
    the total minus the shown siblings would give the hidden cell away, so one
    more cell of that group is hidden: the smallest non-zero other cell (the
    first in order among equals). Only when every other cell is 0 (so the
    group total equals the hidden cell and is itself below ``min_count``) is a
    zero hidden instead, so the pattern of zeros cannot say where everybody
    is. Afterwards no group has exactly one hidden cell, so no hidden cell can
    be recovered even when a group's exact total is known. One partition of
    the cells is protected; tables whose cells sum to totals along two
    dimensions (rows and columns) need their own treatment.

    Examples
    --------
    >>> rules = DisclosureRules()
    >>> protect_counts([0, 3, 7, 12, 1234], rules).tolist()
    [0, <NA>, 5, 10, 1235]

    The outflows of one role sum to a total that is shown, so hiding the 3
    alone would not hide it; the next smallest flow, 12, is hidden too:

    >>> flows = pd.Series([3, 12, 40, 6, 9, 30])
    >>> roles = pd.Series(["phd", "phd", "phd", "msc", "msc", "msc"])
    >>> protect_counts(flows, rules, groups=roles).tolist()
    [<NA>, <NA>, 40, 5, 10, 30]
    """
    series, values = _count_values(counts)
    primary = (values > 0) & (values < rules.min_count)
    hidden = primary.copy()
    if rules.secondary and groups is not None and primary.any():
        hidden[_secondary(values, primary, _group_labels(groups, series))] = True
    step = max(rules.round_to, 1)
    quotient, remainder = np.divmod(values, step)
    rounded = (quotient + (2 * remainder >= step)) * step
    shown = np.where(values > 0, np.maximum(rounded, _smallest_shown(rules)), 0)
    displayed = pd.array(shown, dtype="Int64")
    displayed[hidden] = pd.NA
    return pd.Series(displayed, index=series.index, name=series.name)


def protect_table(frame, count_columns, rules, group_by=None):
    """A copy of a table with its count columns protected by :func:`protect_counts`.

    Parameters
    ----------
    frame : DataFrame
    count_columns : str or list of str
        Columns of raw counts; each is protected on its own.
    rules : DisclosureRules
    group_by : str or list of str, optional
        Columns whose values define the groups of rows for secondary
        suppression (rows of one group sum to a published total).

    Returns
    -------
    DataFrame
        Same rows and columns; count columns become nullable ``Int64``.

    Examples
    --------
    >>> flows = pd.DataFrame({
    ...     "source": ["phd", "phd", "phd", "msc"],
    ...     "target": ["postdoc", "ds", "nhs", "phd"],
    ...     "count": [40, 3, 12, 8],
    ... })
    >>> protect_table(flows, "count", DisclosureRules(), group_by="source")["count"].tolist()
    [40, <NA>, <NA>, 10]
    """
    columns = [count_columns] if isinstance(count_columns, str) else list(count_columns)
    keys = [] if group_by is None else [group_by] if isinstance(group_by, str) else list(group_by)
    missing = [c for c in columns + keys if c not in frame]
    if missing:
        raise ValueError(
            f"no column {', '.join(map(str, missing))}; columns are {', '.join(map(str, frame))}"
        )
    groups = None
    if keys:
        # One number per distinct combination of the keys; -1 (a missing key) means no group.
        number = frame.groupby(keys, sort=False, dropna=True).ngroup().to_numpy()
        groups = pd.Series(number, index=frame.index).where(number >= 0)
    result = frame.copy()
    for column in columns:
        result[column] = protect_counts(frame[column], rules, groups=groups)
    return result


def protect_share(numerator, denominator, rules):
    """A percentage from unrounded counts, or None when the denominator is too small.

    Parameters
    ----------
    numerator, denominator : int
        Raw counts (not rounded, not suppressed).
    rules : DisclosureRules

    Returns
    -------
    float or None
        ``100 * numerator / denominator``; None when the denominator is below
        ``rules.min_denominator`` (or is 0).

    Examples
    --------
    >>> rules = DisclosureRules()
    >>> round(protect_share(7, 13, rules), 2)
    53.85
    >>> protect_share(3, 9, rules) is None
    True
    """
    if denominator is None or pd.isna(denominator) or denominator < max(rules.min_denominator, 1):
        return None
    return 100.0 * numerator / denominator


def protect_shares(numerators, denominators, rules):
    """Vectorised :func:`protect_share`.

    Parameters
    ----------
    numerators, denominators : Series or array-like
        Raw counts, aligned by position.
    rules : DisclosureRules

    Returns
    -------
    Series of float
        Percentages, NaN where the denominator is below ``min_denominator``;
        the index of ``numerators`` when it is a Series.

    Examples
    --------
    >>> protect_shares([7, 3, 0], [13, 9, 20], DisclosureRules()).round(2).tolist()
    [53.85, nan, 0.0]
    """
    top = np.asarray(numerators, dtype="float64")
    bottom = np.asarray(denominators, dtype="float64")
    enough = bottom >= max(rules.min_denominator, 1)
    shares = np.full(top.shape, np.nan)
    np.divide(100.0 * top, bottom, out=shares, where=enough)
    index = numerators.index if isinstance(numerators, pd.Series) else None
    return pd.Series(shares, index=index, dtype="float64")


def _is_hidden(value, rules):
    return value is None or pd.isna(value) or 0 < value < rules.min_count


def format_count(value, rules):
    """A displayed count in words for people.

    Parameters
    ----------
    value : int or <NA>
        A value from :func:`protect_counts`. A missing value, or (as a second
        line of defence) a positive value below ``min_count``, reads as hidden.
    rules : DisclosureRules

    Returns
    -------
    str
        ``"fewer than 5"`` when hidden, otherwise the number with thousands
        separators.

    Examples
    --------
    >>> rules = DisclosureRules()
    >>> format_count(pd.NA, rules), format_count(1235, rules), format_count(0, rules)
    ('fewer than 5', '1,235', '0')
    """
    if _is_hidden(value, rules):
        return f"fewer than {rules.min_count}"
    return f"{int(value):,}"


def format_count_short(value, rules):
    """A displayed count for machine outputs (CSV, JSON): ``<5`` when hidden.

    Examples
    --------
    >>> rules = DisclosureRules()
    >>> format_count_short(pd.NA, rules), format_count_short(1235, rules)
    ('<5', '1235')
    """
    if _is_hidden(value, rules):
        return f"<{rules.min_count}"
    return str(int(value))


def neutralise_formula(text):
    """Stop a spreadsheet from reading a text cell as a formula.

    Parameters
    ----------
    text : object
        A cell value. Only strings change.

    Returns
    -------
    object
        A string starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
        return gets a leading ``'``; anything else is returned as it is.

    Examples
    --------
    >>> neutralise_formula("=HYPERLINK(1)"), neutralise_formula("postdoc"), neutralise_formula(-3)
    ("'=HYPERLINK(1)", 'postdoc', -3)
    """
    if isinstance(text, str) and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _neutralise_column(column):
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("object")
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
        return column
    risky = column.str.startswith(FORMULA_PREFIXES, na=False).astype(bool)
    if not risky.any():
        return column
    column = column.copy()
    column[risky] = "'" + column[risky].astype(str)
    return column


def neutralise_frame(frame):
    """A copy of a table safe to open in a spreadsheet (see :func:`neutralise_formula`).

    Text cells and text column labels are neutralised; numbers stay numbers.

    Examples
    --------
    >>> frame = pd.DataFrame({"title": ["=1+1", "Lecturer", "-x"], "count": [-1, 5, 10]})
    >>> safe = neutralise_frame(frame)
    >>> safe["title"].tolist(), safe["count"].tolist()
    (["'=1+1", 'Lecturer', "'-x"], [-1, 5, 10])
    """
    result = frame.copy()
    for position in range(result.shape[1]):
        result.isetitem(position, _neutralise_column(result.iloc[:, position]))
    result.columns = [neutralise_formula(label) for label in result.columns]
    return result
