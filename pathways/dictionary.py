"""The data dictionary, read from the format guide itself (``docs/data-format.md``).

The guide is the contract; the Data page shows what it says rather than a copy
that could drift. :func:`parse_dictionary` reads its Markdown: the table of
files, the ``dataset.yaml`` example, and for each CSV file either its table of
columns (``column | required | meaning``) or, where the guide describes the
file in prose, the columns named in backticks, required when the first
sentence names them. Inline Markdown (backticks) is kept in the text.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FORMAT_GUIDE = Path(__file__).resolve().parents[1] / "docs" / "data-format.md"

_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*$")
_CODE_NAME = re.compile(r"`([^`]+)`")
_COLUMN_NAME = re.compile(r"[a-z][a-z0-9_]*")
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z`])")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class ColumnEntry:
    """One column of a file: its name, whether every file must have it, and what it means."""

    name: str
    required: bool
    meaning: str


@dataclass(frozen=True)
class FileEntry:
    """One file of a dataset folder as the guide describes it.

    Attributes
    ----------
    name : str
        ``roles.csv``.
    required : str
        The guide's words: ``yes``, ``no`` or ``no (yes if responses exist)``.
    row : str
        What one row holds ("role in the taxonomy").
    columns : tuple of ColumnEntry
        Empty for ``dataset.yaml``.
    notes : tuple of str
        The guide's paragraphs about the file.
    example : str
        A code block the guide gives (the ``dataset.yaml`` example), or "".
    """

    name: str
    required: str
    row: str
    columns: tuple = ()
    notes: tuple = ()
    example: str = ""

    def column_names(self):
        """The names of the file's columns, in the guide's order."""
        return [column.name for column in self.columns]


@dataclass(frozen=True)
class DataDictionary:
    """Every file of the format, in the guide's order, and the rules for all CSV files."""

    files: tuple
    rules: tuple = ()

    def file(self, name):
        """The entry of one file; ``KeyError`` when the guide has none."""
        for entry in self.files:
            if entry.name == name:
                return entry
        raise KeyError(name)


def _sections(lines):
    """``[(heading, body lines)]`` for each heading of level 2 or deeper."""
    sections, heading, body = [], None, []
    for line in lines:
        match = _HEADING.match(line)
        if match:
            if heading is not None:
                sections.append((heading, body))
            heading, body = match.group(2), []
        elif heading is not None:
            body.append(line)
    if heading is not None:
        sections.append((heading, body))
    return sections


def _blocks(body):
    """Split a section's lines into ``("table", rows)``, ``("code", text)`` and ``("text", paragraph)``."""
    blocks, index = [], 0
    while index < len(body):
        line = body[index]
        if line.startswith("```"):
            end = index + 1
            while end < len(body) and not body[end].startswith("```"):
                end += 1
            blocks.append(("code", "\n".join(body[index + 1 : end])))
            index = end + 1
        elif line.lstrip().startswith("|"):
            rows = []
            while index < len(body) and body[index].lstrip().startswith("|"):
                cells = [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(body[index].strip())]
                if not all(set(cell) <= set("-: ") for cell in cells[1:-1]):
                    rows.append(cells[1:-1])
                index += 1
            blocks.append(("table", rows))
        elif line.strip():
            lines = []
            while (
                index < len(body)
                and body[index].strip()
                and not body[index].lstrip().startswith(("|", "```"))
            ):
                lines.append(body[index].strip())
                index += 1
            blocks.append(("text", " ".join(lines)))
        else:
            index += 1
    return blocks


def _file_name(heading):
    names = _CODE_NAME.findall(heading)
    return names[0] if len(names) == 1 and heading.strip() == f"`{names[0]}`" else None


def _column_names(cell):
    return [name for name in _CODE_NAME.findall(cell) if _COLUMN_NAME.fullmatch(name)]


def _columns_from_table(rows):
    header, *rows = rows
    if [cell.lower() for cell in header[:3]] != ["column", "required", "meaning"]:
        return ()
    return tuple(
        ColumnEntry(name, row[1].strip().lower().startswith("yes"), row[2] if len(row) > 2 else "")
        for row in rows
        for name in _column_names(row[0])
    )


def _is_bare_list(sentence):
    return not _CODE_NAME.sub("", sentence).strip(" ,.;:")


def _columns_from_prose(paragraph):
    """Columns named in a paragraph: required when its first sentence names them."""
    sentences = _SENTENCE_END.split(paragraph)
    first = set(_column_names(sentences[0]))
    found = {}
    for sentence in sentences:
        for name in _column_names(sentence):
            meanings = found.setdefault(name, [])
            if not _is_bare_list(sentence) and sentence not in meanings:
                meanings.append(sentence)
    return tuple(ColumnEntry(name, name in first, " ".join(meanings)) for name, meanings in found.items())


def parse_dictionary(text):
    """Read the data dictionary from the Markdown of the format guide.

    Parameters
    ----------
    text : str
        The guide's Markdown.

    Returns
    -------
    DataDictionary
        One entry per file of the guide's table of files, in its order.

    Examples
    --------
    >>> guide = '''## A dataset is a folder
    ... | file | required | one row per |
    ... | --- | --- | --- |
    ... | `roles.csv` | yes | role in the taxonomy |
    ... | `people.csv` | no | person |
    ...
    ... All CSV files: UTF-8.
    ...
    ... ### `roles.csv`
    ... | column | required | meaning |
    ... | --- | --- | --- |
    ... | `role_id` | yes | identifier, unique |
    ... | `salary_min`, `salary_max` | no | GBP per year |
    ...
    ... ### `people.csv`
    ... `person_id` plus attribute columns. Optional columns `sector` and `stage` state the current sector.
    ... '''
    >>> dictionary = parse_dictionary(guide)
    >>> for column in dictionary.file("roles.csv").columns:
    ...     print(column.name, column.required, column.meaning)
    role_id True identifier, unique
    salary_min False GBP per year
    salary_max False GBP per year
    >>> [(c.name, c.required) for c in dictionary.file("people.csv").columns]
    [('person_id', True), ('sector', False), ('stage', False)]
    >>> dictionary.file("people.csv").row, dictionary.rules
    ('person', ('All CSV files: UTF-8.',))
    """
    sections = _sections(text.splitlines())
    files, rules = [], ()
    details = {}
    for heading, body in sections:
        blocks = _blocks(body)
        name = _file_name(heading)
        if name is None:
            tables = [rows for kind, rows in blocks if kind == "table"]
            listing = next((rows for rows in tables if rows and rows[0][:1] == ["file"]), None)
            if listing is not None and not files:
                files = [(_CODE_NAME.sub(r"\1", row[0]), row[1], row[2]) for row in listing[1:]]
                rules = tuple(text for kind, text in blocks if kind == "text")
            continue
        tables = [rows for kind, rows in blocks if kind == "table"]
        paragraphs = [text for kind, text in blocks if kind == "text"]
        columns = _columns_from_table(tables[0]) if tables else ()
        if not tables and paragraphs:
            columns = _columns_from_prose(paragraphs[0])
        example = next((text for kind, text in blocks if kind == "code"), "")
        details[name] = (columns, tuple(paragraphs), example)
    identifiers = {columns[0].name: name for name, (columns, _, _) in details.items() if columns}
    entries = []
    for name, required, row in files:
        columns, notes, example = details.get(name, ((), (), ""))
        entries.append(
            FileEntry(name, required, row, _with_references(columns, name, identifiers), notes, example)
        )
    return DataDictionary(tuple(entries), rules)


def _with_references(columns, file_name, identifiers):
    """Say where an undescribed column comes from when it is another file's identifier."""
    return tuple(
        ColumnEntry(column.name, column.required, f"a `{column.name}` of `{identifiers[column.name]}`")
        if not column.meaning and identifiers.get(column.name, file_name) != file_name
        else column
        for column in columns
    )


@cache
def read_dictionary(path=FORMAT_GUIDE):
    """The data dictionary of the format guide at ``path`` (read once per process).

    Examples
    --------
    >>> dictionary = read_dictionary()
    >>> dictionary.file("careers.csv").column_names()
    ['person_id', 'seq', 'role_id', 'start_year', 'end_year']
    """
    return parse_dictionary(Path(path).read_text(encoding="utf-8"))
