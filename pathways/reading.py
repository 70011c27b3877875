"""Reading the files of a dataset folder: size limit, UTF-8, CSV with line numbers.

A CSV file becomes a :class:`Table`: every cell a string (``""`` when empty)
and, for each row, the physical line of the file where it starts, so problems
found later by vectorised checks can still name their line.

Two parsers give the same result. pandas' C parser reads the cells, and the
raw bytes, counted by numpy, give each row's line and number of fields
(pandas silently pads short rows and drops long ones). Where the two disagree
in any way (a lone ``\\r`` line ending, a stray quote, a line of spaces) the
:mod:`csv` module reads the file again, slowly but exactly, tracking lines
itself.
"""

import csv
import io
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pathways.problems import Problem, first_problems

BOM = b"\xef\xbb\xbf"


@dataclass(eq=False)
class Table:
    """A CSV file's rows as strings, with the line where each row starts.

    Attributes
    ----------
    name : str
        File name (``careers.csv``).
    frame : DataFrame
        One ``str`` column per header cell, ``""`` for an empty cell; ragged
        rows are left out (they are reported when read).
    lines : ndarray of int
        Physical line of each row of ``frame`` (header = 1).
    complete : bool
        False when ragged rows were left out: the identifiers this file
        defines are then not all known, so references to it are not checked.

    Examples
    --------
    >>> problems = []
    >>> table = parse_csv("roles.csv", b'role_id,title\\nphd,"PhD\\nstudent"\\nmsc,MSc\\n', problems)
    >>> table.frame["role_id"].tolist(), table.lines.tolist(), problems
    (['phd', 'msc'], [2, 4], [])
    """

    name: str
    frame: pd.DataFrame
    lines: np.ndarray
    complete: bool = True
    _memo: dict = field(default_factory=dict, repr=False)

    def factorize(self, column):
        """``(codes, uniques)`` of a column, computed once: checks decide per distinct value."""
        return self.remember(("factorize", column), lambda: pd.factorize(self.frame[column]))

    def remember(self, key, compute):
        """``compute()``, computed once per key for this table."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


def read_bytes(path, name, max_file_bytes, problems):
    """The bytes of a file without its byte-order mark, or None (with a problem) when too big."""
    size = path.stat().st_size
    if size > max_file_bytes:
        message = f"file is {size:,} bytes, over the limit of {max_file_bytes:,}; not read"
        problems.append(Problem(name, None, None, message))
        return None
    data = path.read_bytes()
    return data[len(BOM) :] if data.startswith(BOM) else data


def decode(data, name, problems):
    """``data`` as text, or None (with a problem at the line of the first bad byte) if not UTF-8.

    Examples
    --------
    >>> problems = []
    >>> decode("a,b\\ncafé,1\\n".encode("latin-1"), "people.csv", problems) is None
    True
    >>> print(problems[0])
    people.csv:2: not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        message = f"not UTF-8: byte 0x{byte:02x} cannot be decoded; save the file as UTF-8"
        problems.append(Problem(name, line, None, message))
        return None


def _header(name, text, problems):
    """The header cells, or None (with a problem) when the header is unusable."""
    end = text.find("\n")
    # Parse only the first line unless a quote in it runs on: the file may be hundreds of megabytes.
    head = text if end < 0 or text.count('"', 0, end) % 2 else text[: end + 1]
    try:
        header = next(csv.reader(io.StringIO(head, newline="")), [])
    except csv.Error as error:
        problems.append(Problem(name, 1, None, f"malformed CSV: {error}"))
        return None
    if not header:
        problems.append(Problem(name, 1, None, "no header row; the first line must name the columns"))
        return None
    usable = True
    for number, column in enumerate(header, start=1):
        if not column.strip():
            problems.append(Problem(name, 1, None, f"column {number} has no name"))
            usable = False
        elif column in header[: number - 1]:
            problems.append(Problem(name, 1, column, "duplicate column"))
            usable = False
    return header if usable else None


def _records(data):
    """Start line and field count of each non-blank record after the header, from the bytes.

    A newline or comma separates only when an even number of double quotes
    come before it, which is RFC 4180 quoting (``""`` in a quoted cell counts
    twice). A stray quote breaks this; the caller then sees the counts
    disagree with pandas' and falls back to the csv module.
    """
    raw = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(raw == ord("\n"))
    commas = np.flatnonzero(raw == ord(","))
    quotes = np.flatnonzero(raw == ord('"'))
    ends = newlines
    if len(quotes):
        ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0]
        commas = commas[np.searchsorted(quotes, commas) % 2 == 0]
    if not data.endswith(b"\n"):
        ends = np.append(ends, len(data))
    starts = np.concatenate(([0], ends[:-1] + 1))
    lengths = ends - starts
    carriage = np.zeros(len(ends), dtype=bool)
    carriage[lengths > 0] = raw[ends[lengths > 0] - 1] == ord("\r")
    lengths = lengths - carriage
    fields = np.diff(np.searchsorted(commas, ends), prepend=0) + 1
    records = np.flatnonzero(lengths > 0)[1:]
    return np.searchsorted(newlines, starts[records]) + 1, fields[records]


def _read_fast(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pd.read_csv(io.BytesIO(data), dtype=str, na_filter=False, on_bad_lines="skip", engine="c")
        except (pd.errors.ParserError, ValueError):
            return None


def _is_regular(data, header, frame):
    """True when every line of a file without quotes is one row with the header's number of fields.

    pandas skips blank lines and rows with too many fields and pads rows with
    too few, silently. Without blank lines or lone ``\\r``, a row count equal to
    the line count rules out skipped rows, and then the comma count (no row
    having more than its share) rules out short ones.
    """
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    return (
        b'"' not in data
        and b"\n\n" not in data
        and b"\n\r\n" not in data
        and (b"\r" not in data or data.count(b"\r") == data.count(b"\r\n"))
        and len(frame) == lines - 1
        and data.count(b",") == (len(header) - 1) * lines
    )


def _parse_fast(data, header):
    """``(frame, lines, ragged)`` by pandas' C parser, or None when the bytes disagree with it."""
    frame = _read_fast(data)
    if frame is None or list(frame.columns) != header:
        return None
    if _is_regular(data, header, frame):
        return frame, np.arange(2, len(frame) + 2), []
    lines, fields = _records(data)
    fits = fields <= len(header)
    complete = fields == len(header)
    if len(frame) != fits.sum() or (b'"' in data and not complete.all()):
        return None  # with quotes, only the csv module may call a row ragged
    # pandas pads short rows with "" and drops long ones; short rows are reported and dropped too.
    if not complete.all():
        frame = frame[complete[fits]].reset_index(drop=True)
    ragged = list(zip(lines[~complete].tolist(), fields[~complete].tolist(), [None] * (~complete).sum()))
    return frame, lines[complete], ragged


def _parse_slow(name, text, header, problems):
    """``(frame, lines, ragged)`` by the csv module, or None (with a problem) on malformed CSV."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    rows, lines, ragged = [], [], []
    last = reader.line_num
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if not row:
                continue  # a blank line, skipped as pandas skips it
            if len(row) == len(header):
                rows.append(row)
                lines.append(start)
            else:
                ragged.append((start, len(row), None))
    except csv.Error as error:
        hint = "; is a quote left open?" if "field larger" in str(error) else ""
        problems.append(Problem(name, last + 1, None, f"malformed CSV: {error}{hint}"))
        return None
    if ragged and ragged[-1][0] == start and any("\n" in cell or "\r" in cell for cell in row):
        # The csv module reads an unclosed quote to the end of the file: say so, not "ragged".
        ragged[-1] = (start, len(row), "a quote opened on this line is never closed")
    columns = list(zip(*rows)) if rows else [()] * len(header)
    frame = pd.DataFrame({column: pd.Series(values, dtype=str) for column, values in zip(header, columns)})
    return frame, np.asarray(lines, dtype=np.int64), ragged


def parse_csv(name, data, problems):
    """A :class:`Table` from the bytes of a CSV file, or None with problems explaining why not.

    Rows with more or fewer fields than the header are reported and left out
    of the table; the rest of the file is still checked.

    Examples
    --------
    >>> problems = []
    >>> table = parse_csv("careers.csv", b"person_id,seq\\np1,1\\np1,2,x\\n\\np2,1\\n", problems)
    >>> table.frame.values.tolist(), table.lines.tolist()
    ([['p1', '1'], ['p2', '1']], [2, 5])
    >>> print(problems[0])
    careers.csv:3: row has 3 fields, the header has 2
    """
    text = decode(data, name, problems)
    if text is None:
        return None
    header = _header(name, text, problems)
    if header is None:
        return None
    parsed = _parse_fast(data, header) or _parse_slow(name, text, header, problems)
    if parsed is None:
        return None
    frame, lines, ragged = parsed
    found = (
        Problem(
            name,
            line,
            None,
            note or f"row has {count} field{'s' * (count != 1)}, the header has {len(header)}",
        )
        for line, count, note in ragged
    )
    problems.extend(first_problems(found, len(ragged), name))
    return Table(name, frame, lines, complete=not ragged)
