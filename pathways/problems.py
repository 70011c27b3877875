"""What is wrong with a dataset: located problems and the error that carries them.

Every check of :mod:`pathways.validation` reports a :class:`Problem` pointing at
a file, a physical line and a column, so a person fixing the data in a text
editor or a spreadsheet can go straight to it. ``str(problem)`` is the line
format of ``data-spec.md``: ``FILE:LINE: COLUMN: message``, with the parts that
do not apply left out:

=====================================  =============================================
shape                                  example
=====================================  =============================================
``FILE:LINE: COLUMN: message``         ``careers.csv:5: role_id: unknown role_id ...``
``FILE:LINE: message``                 ``people.csv:4: row has 2 fields, ...``
``FILE: COLUMN: message``              ``dataset.yaml: name: required``
``FILE: message``                      ``roles.csv: missing column 'title'``
=====================================  =============================================

LINE counts physical lines of the file, header = 1, so a quoted cell that
spans two lines moves every later row down by one. In ``dataset.yaml`` the
COLUMN is the key (``disclosure.min_count``).
"""

import difflib
import itertools
from dataclasses import dataclass

MAX_PER_RULE = 200
"""At most this many problems per file and rule; the rest are summarised in one line."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset, located as precisely as it can be.

    Parameters
    ----------
    file : str
        Name of the file inside the dataset folder (``careers.csv``).
    line : int or None
        Physical line number in the file, header = 1; None when the problem
        concerns the whole file or column.
    column : str or None
        CSV column, or key of ``dataset.yaml``; None when it does not apply.
    message : str
        What is wrong and, where it can, how to fix it.

    Examples
    --------
    >>> str(Problem("careers.csv", 5, "role_id", "unknown role_id 'post-doc'; did you mean 'postdoc'?"))
    "careers.csv:5: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?"
    >>> str(Problem("people.csv", 4, None, "row has 2 fields, the header has 3"))
    'people.csv:4: row has 2 fields, the header has 3'
    >>> str(Problem("dataset.yaml", None, "name", "required"))
    'dataset.yaml: name: required'
    >>> str(Problem("roles.csv", None, None, "missing column 'title'"))
    "roles.csv: missing column 'title'"
    """

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self):
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return ": ".join([where] + ([self.column] if self.column else []) + [self.message])


class DatasetError(Exception):
    """A dataset that cannot be loaded, with every problem found.

    Parameters
    ----------
    problems : iterable of Problem

    Examples
    --------
    >>> error = DatasetError([Problem("roles.csv", None, None, "required file is missing"),
    ...                       Problem("dataset.yaml", None, "name", "required")])
    >>> print(error)
    roles.csv: required file is missing
    dataset.yaml: name: required
    >>> len(error.problems)
    2
    """

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def did_you_mean(value, choices):
    """A ``"; did you mean 'x'?"`` suffix naming the closest of ``choices``, or ``""``.

    Case and surrounding spaces are ignored; failing a close spelling, a
    choice that starts with the value (or the other way round) is taken.

    Examples
    --------
    >>> did_you_mean("acadmia", ["education", "academia", "nhs"])
    "; did you mean 'academia'?"
    >>> did_you_mean("NHS ", ["education", "academia", "nhs"])
    "; did you mean 'nhs'?"
    >>> did_you_mean("seq", ["person_id", "sequence"])
    "; did you mean 'sequence'?"
    >>> did_you_mean("zzz", ["education", "academia", "nhs"])
    ''
    """
    choices = [str(choice) for choice in choices]
    key = str(value).strip().lower()
    exact = [choice for choice in choices if choice.lower() == key]
    close = exact or difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    if not close and len(key) >= 3:
        close = [c for c in choices if c.lower().startswith(key) or key.startswith(c.lower())][:1]
    return f"; did you mean {close[0]!r}?" if close else ""


def first_problems(problems, total, file, column=None, limit=MAX_PER_RULE):
    """The first ``limit`` of ``total`` problems of one rule, then one line for the rest.

    ``problems`` may be a lazy iterable: only the first ``limit`` are built,
    so a column that is wrong on every one of twenty million rows costs no more
    than one that is wrong on two hundred.

    Examples
    --------
    >>> found = (Problem("careers.csv", line, "seq", "not an integer") for line in range(2, 1002))
    >>> shown = first_problems(found, 1000, "careers.csv", "seq", limit=2)
    >>> for problem in shown:
    ...     print(problem)
    careers.csv:2: seq: not an integer
    careers.csv:3: seq: not an integer
    careers.csv: seq: ... and 998 more like this
    """
    kept = list(itertools.islice(problems, limit))
    if total > len(kept):
        kept.append(Problem(file, None, column, f"... and {total - len(kept):,} more like this"))
    return kept
