"""Loading a dataset folder (``data-spec.md``): all of it, checked, or nothing.

:func:`load_dataset` reads every file, runs every check of
:mod:`pathways.validation` and only then, when nothing is wrong, converts the
tables to their final types. A bad dataset raises :class:`DatasetError` with
every problem of every file, in file order, so one run tells the whole story.

Decisions the spec leaves open:

- An unknown file or folder is ignored, an unknown ``dataset.yaml`` key too,
  with a note in ``Dataset.notes``; names starting with ``.`` are ignored
  silently. An unknown column is kept (the format grows by new optional
  columns) with a note, except in ``people.csv`` where every column is an
  attribute.
- A row with more or fewer fields than the header is reported and left out;
  references into that file (and ``seq`` gaps in it) are then not checked,
  as they would only echo the one mistake. The same holds for a file that
  could not be read at all.
- ``attributes`` may name ``sector`` and ``stage``, which every person has.
- Empty cells are missing values: ``NaN`` in text columns (``""`` in
  ``advice.csv``, whose list columns are split by their readers), ``<NA>``
  in integer columns.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from pathways import validation
from pathways.dataset import ADVICE_COLUMNS, ITEM_COLUMNS, ROLE_COLUMNS, Dataset
from pathways.metadata import parse_metadata
from pathways.problems import DatasetError, Problem, did_you_mean
from pathways.reading import decode, parse_csv, read_bytes
from pathways.schema import FILES, METADATA_FILE, REQUIRED_FILES

__all__ = ["MAX_FILE_BYTES", "DatasetError", "Problem", "load_dataset", "validate_dataset"]

MAX_FILE_BYTES = 20_000_000
KNOWN_FILES = (METADATA_FILE, *FILES)


def _read_files(directory, max_file_bytes, problems, notes):
    """``(metadata text or None, {name: Table or None})`` for the known files that are there."""
    entries = {path.name: path for path in sorted(directory.iterdir())}
    unknown = [name for name in entries if name not in KNOWN_FILES and not name.startswith(".")]
    for name in unknown:
        notes.append(f"{name}: unknown {'folder' if entries[name].is_dir() else 'file'} ignored")
    for name in REQUIRED_FILES:
        if name not in entries:
            problems.append(
                Problem(name, None, None, f"required file is missing{did_you_mean(name, unknown)}")
            )
    if "barrier_responses.csv" in entries and "barrier_items.csv" not in entries:
        message = "required when barrier_responses.csv is present"
        problems.append(Problem("barrier_items.csv", None, None, message))
    text, tables = None, {}
    for name in KNOWN_FILES:
        if name not in entries:
            continue
        if not entries[name].is_file():
            problems.append(Problem(name, None, None, "is not a file"))
            data = None
        else:
            data = read_bytes(entries[name], name, max_file_bytes, problems)
        if name == METADATA_FILE:
            text = decode(data, name, problems) if data is not None else None
        else:
            tables[name] = parse_csv(name, data, problems) if data is not None else None
    return text, tables


def _ids(table, column):
    """Distinct non-empty values of a column, or None when the table or column is not (all) there."""
    if table is None or not table.complete or column not in table.frame:
        return None
    _, uniques = table.factorize(column)
    return uniques[uniques != ""]


def _check_tables(tables, problems, notes):
    for table in tables.values():
        if table is not None:
            validation.check_columns(table, problems, notes)
    roles, careers, people = (tables.get(name) for name in ("roles.csv", "careers.csv", "people.csv"))
    items, responses, advice = (
        tables.get(name) for name in ("barrier_items.csv", "barrier_responses.csv", "advice.csv")
    )
    role_ids = _ids(roles, "role_id")
    if roles is not None:
        validation.check_roles(roles, problems)
    if careers is not None:
        validation.check_careers(careers, role_ids, problems)
    if people is not None:
        validation.check_people(people, problems)
    if items is not None:
        validation.check_items(items, problems)
    if responses is not None:
        persons = _ids(careers, "person_id")
        if "people.csv" in tables and persons is not None:
            in_people = _ids(people, "person_id")
            persons = None if in_people is None else persons.append(in_people).unique()
        scales = None
        if _ids(items, "barrier_id") is not None and "scale" in items.frame:
            scales = items.frame.drop_duplicates("barrier_id").set_index("barrier_id")["scale"]
        validation.check_responses(responses, persons, scales, problems)
    if advice is not None:
        validation.check_advice(advice, role_ids, problems)


def _text(table, column, empty=np.nan):
    """A column as ``str``, empty cells as ``empty``; an absent optional column is all ``empty``."""
    if column not in table.frame:
        return pd.array([empty] * len(table.frame), dtype=str)
    cells = table.frame[column]
    _, uniques = table.factorize(column)
    if empty == "" or not (uniques == "").any():
        return cells.array
    return cells.mask(cells == "").array


def _integers(table, column, nullable=True):
    """A column as ``Int64`` (all missing when absent) or, not ``nullable``, ``int64``.

    Each distinct value is converted once.
    """
    if column not in table.frame:
        return pd.array([pd.NA] * len(table.frame), dtype="Int64")
    codes, uniques = table.factorize(column)
    if not nullable:
        return np.array([int(value) for value in uniques], dtype=np.int64)[codes]
    distinct = pd.array([int(value) if value else pd.NA for value in uniques], dtype="Int64")
    return distinct.take(codes)


def _frame(table, columns, index=None, empty=np.nan, converted=None):
    """Known ``columns`` in order, then any extra columns of the file, indexed by ``index``."""
    converted = converted or {}
    extra = [c for c in table.frame.columns if c not in (*columns, index)]
    data = {c: converted[c] if c in converted else _text(table, c, empty) for c in (*columns, *extra)}
    if index is None:
        return pd.DataFrame(data)
    return pd.DataFrame(data, index=pd.Index(table.frame[index], name=index))


def _empty(columns, index, dtypes=None):
    dtypes = dtypes or {}
    frame = pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, str)) for c in columns})
    if index:
        frame.index = pd.Index([], dtype=str, name=index)
    return frame


def _by_person_and_seq(careers, person, persons):
    """Careers sorted by person and seq, without sorting when they already are (the usual case)."""
    seq = careers["seq"].to_numpy()
    steps = (np.diff(person) != 0) | (np.diff(seq) > 0)
    if careers["person_id"].is_monotonic_increasing and steps.all():
        return careers
    rank = np.empty(len(persons), dtype=np.int64)
    rank[persons.argsort()] = np.arange(len(persons))
    return careers.take(np.lexsort((seq, rank[person]))).reset_index(drop=True)


def _people(table, careers, roles):
    """People of people.csv, then those only in careers.csv; sector and stage from the last episode."""
    person = careers["person_id"].to_numpy()
    is_last = np.r_[person[1:] != person[:-1], True] if len(person) else np.zeros(0, dtype=bool)
    last = careers.loc[is_last].set_index("person_id")["role_id"]
    if table is None:
        people = pd.DataFrame(index=pd.Index(last.index, name="person_id"))
    else:
        people = _frame(table, [c for c in table.frame.columns if c != "person_id"], "person_id")
        only_careers = last.index[~last.index.isin(people.index)]
        if len(only_careers):
            people = people.reindex(people.index.append(pd.Index(only_careers, name="person_id")))
    for column in ("sector", "stage"):
        derived = last.map(roles[column]).reindex(people.index)
        people[column] = people[column].fillna(derived) if column in people else derived
    return people.astype({"sector": str, "stage": str})


def _build(info, tables, notes):
    roles_table = tables["roles.csv"]
    roles = _frame(
        roles_table,
        ROLE_COLUMNS,
        "role_id",
        converted={c: _integers(roles_table, c) for c in ("salary_min", "salary_max")},
    )
    careers_table = tables["careers.csv"]
    careers = _frame(
        careers_table,
        ("person_id", "seq", "role_id", "start_year", "end_year"),
        converted={
            "seq": _integers(careers_table, "seq", nullable=False),
            "start_year": _integers(careers_table, "start_year"),
            "end_year": _integers(careers_table, "end_year"),
        },
    )
    careers = _by_person_and_seq(careers, *careers_table.factorize("person_id"))
    people = _people(tables.get("people.csv"), careers, roles)
    items_table, responses_table, advice_table = (
        tables.get(name) for name in ("barrier_items.csv", "barrier_responses.csv", "advice.csv")
    )
    response_columns = ("person_id", "barrier_id", "response")
    if items_table is not None:
        items = _frame(items_table, ITEM_COLUMNS, "barrier_id")
    else:
        items = _empty(ITEM_COLUMNS, "barrier_id")
    if responses_table is not None:
        converted = {"response": _integers(responses_table, "response", nullable=False)}
        responses = _frame(responses_table, response_columns, converted=converted)
    else:
        responses = _empty(response_columns, None, {"response": "int64"})
    if advice_table is not None:
        advice = _frame(advice_table, ADVICE_COLUMNS, "advice_id", empty="")
    else:
        advice = _empty(ADVICE_COLUMNS, "advice_id")
    return Dataset(info, roles, careers, people, items, responses, advice, notes=tuple(notes))


def _load(directory, max_file_bytes, build=True):
    """``(dataset or None, problems, notes)``; the dataset is built only when asked and valid."""
    directory = Path(directory)
    if not directory.is_dir():
        return None, [Problem(str(directory), None, None, "no such folder")], []
    problems, notes = [], []
    text, tables = _read_files(directory, max_file_bytes, problems, notes)
    people = tables.get("people.csv")
    if "people.csv" not in tables:
        people_columns = ()
    else:
        people_columns = None if people is None else [c for c in people.frame.columns if c != "person_id"]
    info = parse_metadata(text, people_columns, problems, notes) if text is not None else None
    _check_tables(tables, problems, notes)
    if problems:
        order = {name: rank for rank, name in enumerate(KNOWN_FILES)}
        problems.sort(key=lambda problem: order.get(problem.file, len(order)))
        return None, problems, notes
    return (_build(info, tables, notes) if build else None), [], notes


def load_dataset(directory, max_file_bytes=MAX_FILE_BYTES):
    """Read, check and return the dataset in a folder laid out as ``data-spec.md`` says.

    Parameters
    ----------
    directory : str or Path
        The dataset folder.
    max_file_bytes : int
        A file larger than this is reported and not read.

    Returns
    -------
    Dataset
        Complete and consistent; ``notes`` lists what was ignored (an unknown
        file or column) without being an error.

    Raises
    ------
    DatasetError
        With every problem found in every file (``.problems``); nothing is
        returned in part.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "dataset.yaml").write_text("name: Demo\\nkind: synthetic\\n")
    >>> _ = (folder / "roles.csv").write_text("role_id,title,sector,stage\\nphd,PhD,education,student\\n"
    ...                                        "postdoc,Postdoc,academia,early\\n")
    >>> _ = (folder / "careers.csv").write_text("person_id,seq,role_id\\np1,1,phd\\np1,2,postdoc\\n")
    >>> dataset = load_dataset(folder)
    >>> dataset.people.to_dict("index")
    {'p1': {'sector': 'academia', 'stage': 'early'}}
    >>> _ = (folder / "careers.csv").write_text("person_id,seq,role_id\\np1,1,phd\\np1,3,post-doc\\n")
    >>> _ = (folder / "notes.txt").write_text("to do")
    >>> load_dataset(folder)
    Traceback (most recent call last):
    ...
    pathways.problems.DatasetError: careers.csv:3: seq: person 'p1' has seq 3 where 2 was expected; seq ...
    careers.csv:3: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?
    >>> load_dataset(folder, max_file_bytes=10)
    Traceback (most recent call last):
    ...
    pathways.problems.DatasetError: dataset.yaml: file is 27 bytes, over the limit of 10; not read
    roles.csv: file is 84 bytes, over the limit of 10; not read
    careers.csv: file is 45 bytes, over the limit of 10; not read
    """
    dataset, problems, _ = _load(directory, max_file_bytes)
    if problems:
        raise DatasetError(problems)
    return dataset


def validate_dataset(directory, max_file_bytes=MAX_FILE_BYTES):
    """Every problem of a dataset folder; an empty list when it loads.

    Parameters
    ----------
    directory : str or Path
    max_file_bytes : int

    Returns
    -------
    list of Problem

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for problem in validate_dataset(folder):
    ...     print(problem)
    dataset.yaml: required file is missing
    roles.csv: required file is missing
    careers.csv: required file is missing
    """
    return _load(directory, max_file_bytes, build=False)[1]
