"""The checks of ``data-spec.md`` ("Validation"), vectorised over each table.

Every check works on a :class:`~pathways.reading.Table` of strings: it finds
the offending rows with boolean masks (deciding once per distinct value, so
twenty million responses with five distinct answers cost five decisions) and
builds :class:`~pathways.problems.Problem` objects for the first
:data:`~pathways.problems.MAX_PER_RULE` of them only. A check skips a column
that is missing (that is reported once, by :func:`check_columns`) and a
reference to a file that could not be read, so one mistake is not reported
a thousand times over.
"""

import re
from datetime import date
from functools import cache

import numpy as np
import pandas as pd

from pathways.problems import MAX_PER_RULE, Problem, did_you_mean, first_problems
from pathways.schema import (
    ADVICE_KINDS,
    FILES,
    ID_PATTERN,
    MIN_YEAR,
    SCALE_VALUES,
    SCALES,
    SECTORS,
    STAGES,
    THEMES,
    URL_SCHEMES,
)

IDENTIFIER_RULE = "lowercase letters, digits, '_' and '-', starting with a letter or digit"
LARGEST_INTEGER_DIGITS = 15


def _rows(table, positions, column, messages):
    """Problems at ``positions`` (row numbers of the table), messages built lazily and capped."""
    found = (Problem(table.name, int(table.lines[i]), column, m) for i, m in zip(positions, messages))
    return first_problems(found, len(positions), table.name, column)


def _failing(table, column, is_bad):
    """Positions of rows whose value fails ``is_bad``, a vectorised test applied to distinct values."""
    codes, uniques = table.factorize(column)
    bad = np.asarray(is_bad(pd.Series(uniques, dtype=str)), dtype=bool)
    return np.flatnonzero(bad[codes]) if bad.any() else np.empty(0, dtype=np.int64)


def _values(table, column, positions):
    """Values at the first positions: no more are ever shown."""
    return table.frame[column].iloc[positions[:MAX_PER_RULE]].to_numpy()


def _repeats(keys):
    """Positions of keys seen before, and where the first :data:`MAX_PER_RULE` of them were first seen."""
    again = pd.Series(keys).duplicated().to_numpy()
    positions = np.flatnonzero(again)
    if not len(positions):
        return positions, positions
    first = pd.Series(np.flatnonzero(~again), index=keys[~again])
    return positions, first.reindex(keys[positions[:MAX_PER_RULE]]).to_numpy()


def _slug(value):
    return re.sub(r"[^a-z0-9_\-]+", "_", value.strip().lower()).strip("_-")


def check_columns(table, problems, notes):
    """Report missing required columns; note unknown ones (kept as they are)."""
    required, optional = FILES[table.name]
    header = list(table.frame.columns)
    unknown = [column for column in header if column not in (*required, *optional)]
    for column in required:
        if column not in header:
            hint = did_you_mean(column, unknown)
            problems.append(Problem(table.name, None, None, f"missing column {column!r}{hint}"))
    if table.name != "people.csv":
        for column in unknown:
            hint = did_you_mean(column, (*required, *optional))
            notes.append(f"{table.name}: unknown column {column!r} kept as it is{hint}")


def _filled(table, columns, problems):
    for column in columns:
        positions = _failing(table, column, lambda u: u.str.strip() == "")
        problems += _rows(table, positions, column, ("required value is missing" for _ in positions))


def _well_formed(table, column):
    """Per distinct value of the column: does it match the identifier pattern?"""
    _, uniques = table.factorize(column)
    return table.remember(
        ("identifier", column),
        lambda: pd.Series(uniques, dtype=str).str.fullmatch(ID_PATTERN.pattern).to_numpy(),
    )


def _identifiers(table, column, problems):
    good = _well_formed(table, column)
    positions = _failing(table, column, lambda u: (u != "").to_numpy() & ~good)
    values = _values(table, column, positions)
    messages = (
        f"{value!r} is not a valid identifier ({IDENTIFIER_RULE})"
        + (f"; did you mean {_slug(value)!r}?" if ID_PATTERN.match(_slug(value)) else "")
        for value in values
    )
    problems += _rows(table, positions, column, messages)


def _unique(table, column, problems):
    codes, uniques = table.factorize(column)
    named = np.flatnonzero((uniques != "")[codes])
    again, first = _repeats(codes[named])
    positions, first = named[again], named[first]
    values = _values(table, column, positions)
    messages = (
        f"duplicate {column} {value!r} (first on line {table.lines[f]})" for value, f in zip(values, first)
    )
    problems += _rows(table, positions, column, messages)


def _codes(table, column, vocabulary, what, problems):
    """Non-empty values outside ``vocabulary``, with the closest code suggested."""
    hint = cache(lambda value: did_you_mean(value, vocabulary))
    positions = _failing(table, column, lambda u: (u != "") & ~u.isin(list(vocabulary)))
    values = _values(table, column, positions)
    problems += _rows(table, positions, column, (f"unknown {what} {v!r}{hint(v)}" for v in values))


def _integers(table, column, problems, minimum=None):
    """Values of an integer column as floats (NaN where empty or wrong), reporting the wrong ones."""
    codes, uniques = table.factorize(column)
    distinct = pd.Series(uniques, dtype=str)
    digits = distinct.str.fullmatch(r"-?[0-9]+")
    large = digits & (distinct.str.lstrip("-").str.len() > LARGEST_INTEGER_DIGITS)
    number = pd.to_numeric(distinct.where(digits & ~large), errors="coerce").to_numpy(dtype=float, copy=True)
    low = number < minimum if minimum is not None else np.zeros(len(number), dtype=bool)
    rules = (
        ((distinct != "") & ~digits, "{!r} is not an integer"),
        (large, "{} is too large"),
        (low, "{} is less than " + str(minimum)),
    )
    for bad, message in rules:
        positions = np.flatnonzero(np.asarray(bad, dtype=bool)[codes])
        values = _values(table, column, positions)
        problems += _rows(table, positions, column, (message.format(v) for v in values))
    number[low] = np.nan
    return number[codes]


def _years(table, column, problems):
    """Values of a year column as floats (NaN where empty or wrong), reporting the wrong ones."""
    codes, uniques = table.factorize(column)
    distinct = pd.Series(uniques, dtype=str)
    digits = distinct.str.fullmatch(r"[0-9]{4}")
    number = pd.to_numeric(distinct.where(digits), errors="coerce").to_numpy(dtype=float, copy=True)
    last = date.today().year + 1
    outside = (number < MIN_YEAR) | (number > last)
    rules = (
        ((distinct != "") & ~digits, "{!r} is not a four-digit year"),
        (outside, "{} is outside " + f"{MIN_YEAR}..{last}"),
    )
    for bad, message in rules:
        positions = np.flatnonzero(np.asarray(bad, dtype=bool)[codes])
        values = _values(table, column, positions)
        problems += _rows(table, positions, column, (message.format(v) for v in values))
    number[outside] = np.nan
    return number[codes]


def _not_above(table, columns, values, relation, problems):
    """Rows where the first of two columns holds a larger number than the second."""
    (low, high), (lows, highs) = columns, values
    positions = np.flatnonzero(lows > highs)
    messages = (f"{int(lows[i])} is {relation} {high} {int(highs[i])}" for i in positions)
    problems += _rows(table, positions, low, messages)


def _references(table, column, known, problems, message=None):
    """Well-formed identifiers that are not among ``known``, with the closest suggested."""
    known = pd.Index(known)
    hint = cache(lambda value: did_you_mean(value, known))
    good = _well_formed(table, column)
    positions = _failing(table, column, lambda u: good & ~u.isin(known))
    values = _values(table, column, positions)
    messages = (message.format(v) if message else f"unknown {column} {v!r}{hint(v)}" for v in values)
    problems += _rows(table, positions, column, messages)


def _code_lists(table, column, vocabulary, what, problems):
    """``;``-separated cells whose parts are not all in ``vocabulary``."""
    cells = table.frame[column]
    parts = cells[cells != ""].str.split(";").explode()
    wrong = parts[~parts.isin(list(vocabulary))]
    hint = cache(lambda value: did_you_mean(value, vocabulary))
    messages = (
        f"unknown {what} {v!r}{hint(v)}" if v else "empty entry in the ;-separated list" for v in wrong
    )
    problems += _rows(table, wrong.index.to_numpy(), column, messages)


def _sequence(table, seq, problems):
    """``seq`` unique per person and running 1, 2, 3 ... without gaps."""
    person, persons = table.factorize("person_id")
    rows = np.flatnonzero(~np.isnan(seq) & (persons != "")[person])
    number = seq[rows].astype(np.int64)
    # person and seq in one integer key; seq may have 15 digits, so its rank keeps the key small
    number_codes, _ = pd.factorize(number)
    again, first = _repeats(person[rows].astype(np.int64) * (number_codes.max(initial=0) + 1) + number_codes)
    names = _values(table, "person_id", rows[again])
    messages = (
        f"person {p!r} has seq {s} twice (first on line {table.lines[rows[f]]})"
        for p, s, f in zip(names, number[again], first)
    )
    problems += _rows(table, rows[again], "seq", messages)
    if not table.complete:
        return  # a ragged row left out would look like a gap

    # Persons with a missing, wrong or repeated seq were reported above; gaps only make sense without.
    unsure = np.zeros(person.max() + 1 if len(person) else 0, dtype=bool)
    unsure[person[np.isnan(seq)]] = True
    unsure[person[rows[again]]] = True
    keep = ~unsure[person[rows]]
    rows, number, owner = rows[keep], number[keep], person[rows[keep]]
    # With distinct seqs >= 1, a person's seqs are 1..n exactly when the largest is their count.
    count = np.bincount(owner, minlength=len(unsure))
    largest = np.zeros(len(unsure), dtype=np.int64)
    np.maximum.at(largest, owner, number)
    broken = (count != largest)[owner]
    rows, number, owner = rows[broken], number[broken], owner[broken]
    order = np.lexsort((number, owner))
    rows, number, owner = rows[order], number[order], owner[order]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]) if len(owner) else np.empty(0, int)
    expected = np.arange(len(owner)) - np.repeat(starts, np.diff(np.r_[starts, len(owner)])) + 1
    wrong = np.flatnonzero(number != expected)
    wrong = wrong[np.r_[True, owner[wrong[1:]] != owner[wrong[:-1]]]] if len(wrong) else wrong
    wrong = wrong[np.argsort(rows[wrong])]
    names = _values(table, "person_id", rows[wrong])
    messages = (
        f"person {p!r} has seq {s} where {e} was expected; seq counts 1, 2, 3 ..."
        for p, s, e in zip(names, number[wrong], expected[wrong])
    )
    problems += _rows(table, rows[wrong], "seq", messages)


def _present(table, columns):
    return [column for column in columns if column in table.frame.columns]


def _nan(table):
    return np.full(len(table.frame), np.nan)


def check_roles(table, problems):
    """Checks of ``roles.csv`` on its own."""
    _filled(table, _present(table, FILES["roles.csv"][0]), problems)
    if "role_id" in table.frame:
        _identifiers(table, "role_id", problems)
        _unique(table, "role_id", problems)
    for column, vocabulary in (("sector", SECTORS), ("stage", STAGES)):
        if column in table.frame:
            _codes(table, column, vocabulary, column, problems)
    columns = ("salary_min", "salary_max")
    salaries = [
        _integers(table, c, problems, minimum=0) if c in table.frame else _nan(table) for c in columns
    ]
    _not_above(table, columns, salaries, "greater than", problems)


def check_careers(table, role_ids, problems):
    """Checks of ``careers.csv``; ``role_ids`` are those of roles.csv (None: not known)."""
    _filled(table, _present(table, FILES["careers.csv"][0]), problems)
    for column in _present(table, ("person_id", "role_id")):
        _identifiers(table, column, problems)
    columns = ("start_year", "end_year")
    years = [_years(table, column, problems) if column in table.frame else _nan(table) for column in columns]
    _not_above(table, columns, years, "after", problems)
    if "seq" in table.frame:
        seq = _integers(table, "seq", problems, minimum=1)
        if "person_id" in table.frame:
            _sequence(table, seq, problems)
    if "role_id" in table.frame and role_ids is not None:
        _references(table, "role_id", role_ids, problems)


def check_people(table, problems):
    """Checks of ``people.csv``: identifiers, and current sector and stage where given."""
    if "person_id" in table.frame:
        _filled(table, ["person_id"], problems)
        _identifiers(table, "person_id", problems)
        _unique(table, "person_id", problems)
    for column, vocabulary in (("sector", SECTORS), ("stage", STAGES)):
        if column in table.frame:
            _codes(table, column, vocabulary, column, problems)


def check_items(table, problems):
    """Checks of ``barrier_items.csv`` on its own."""
    _filled(table, _present(table, FILES["barrier_items.csv"][0]), problems)
    if "barrier_id" in table.frame:
        _identifiers(table, "barrier_id", problems)
        _unique(table, "barrier_id", problems)
    for column, vocabulary in (("theme", THEMES), ("scale", SCALES)):
        if column in table.frame:
            _codes(table, column, vocabulary, column, problems)


def _describe_scale(values):
    if len(values) > 2 and list(values) == list(range(values[0], values[-1] + 1)):
        return f"{values[0]} to {values[-1]}"
    return " or ".join(str(value) for value in values)


def check_responses(table, people, scales, problems):
    """Checks of ``barrier_responses.csv``.

    ``people`` are the person_ids of people.csv and careers.csv and ``scales``
    maps each barrier_id to its scale; either is None when not known.
    """
    frame = table.frame
    _filled(table, _present(table, FILES["barrier_responses.csv"][0]), problems)
    for column in _present(table, ("person_id", "barrier_id")):
        _identifiers(table, column, problems)
    response = _integers(table, "response", problems) if "response" in frame else _nan(table)
    if "person_id" in frame and "barrier_id" in frame:
        person, persons = table.factorize("person_id")
        barrier, barriers = table.factorize("barrier_id")
        key = person.astype(np.int64) * len(barriers) + barrier
        if (persons == "").any() or (barriers == "").any():
            rows = np.flatnonzero((persons != "")[person] & (barriers != "")[barrier])
            again, first = _repeats(key[rows])
            again, first = rows[again], rows[first]
        else:
            again, first = _repeats(key)
        pairs = zip(_values(table, "person_id", again), _values(table, "barrier_id", again), first)
        messages = (
            f"person {p!r} answered {b!r} twice (first on line {table.lines[f]})" for p, b, f in pairs
        )
        problems += _rows(table, again, "barrier_id", messages)
    if "person_id" in frame and people is not None:
        message = "unknown person_id {!r}: not in people.csv or careers.csv"
        _references(table, "person_id", people, problems, message=message)
    if "barrier_id" in frame and scales is not None:
        _references(table, "barrier_id", scales.index, problems)
        barrier, barriers = table.factorize("barrier_id")
        # Scale of each row as a small integer (-1: barrier unknown), decided per distinct barrier.
        names = list(SCALE_VALUES)
        scale = pd.Series(barriers, dtype=str).map(scales).map({n: i for i, n in enumerate(names)})
        scale = scale.fillna(-1).to_numpy(dtype=np.int8)[barrier]
        outside = np.zeros(len(frame), dtype=bool)
        for code, name in enumerate(names):
            outside |= (scale == code) & ~np.isnan(response) & ~np.isin(response, SCALE_VALUES[name])
        positions = np.flatnonzero(outside)
        messages = (
            f"{int(response[i])} is not on the scale of {b!r} ({s}: {_describe_scale(SCALE_VALUES[s])})"
            for i, b, s in zip(
                positions, _values(table, "barrier_id", positions), (names[scale[i]] for i in positions)
            )
        )
        problems += _rows(table, positions, "response", messages)


def check_advice(table, role_ids, problems):
    """Checks of ``advice.csv``; ``role_ids`` are those of roles.csv (None: not known)."""
    _filled(table, _present(table, FILES["advice.csv"][0]), problems)
    if "advice_id" in table.frame:
        _identifiers(table, "advice_id", problems)
        _unique(table, "advice_id", problems)
    if "kind" in table.frame:
        _codes(table, "kind", ADVICE_KINDS, "kind", problems)
    if "url" in table.frame:
        positions = _failing(table, "url", lambda u: (u != "") & ~u.str.lower().str.startswith(URL_SCHEMES))
        allowed = ", ".join(URL_SCHEMES[:-1]) + " or " + URL_SCHEMES[-1]
        messages = (f"{v!r} does not start with {allowed}" for v in _values(table, "url", positions))
        problems += _rows(table, positions, "url", messages)
    lists = {"sectors": (SECTORS, "sector"), "stages": (STAGES, "stage"), "themes": (THEMES, "theme")}
    if role_ids is not None:
        lists["roles"] = (pd.Index(role_ids), "role_id")
    for column, (vocabulary, what) in lists.items():
        if column in table.frame:
            _code_lists(table, column, vocabulary, what, problems)
