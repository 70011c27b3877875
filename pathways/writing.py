"""Write a :class:`~pathways.dataset.Dataset` as a dataset folder (data-spec.md).

Output is deterministic: the same dataset gives the same bytes, so a generated
dataset can be checked into the repository and regenerated to prove it.
"""

import csv
import io
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import yaml

from pathways.dataset import ADVICE_COLUMNS, ITEM_COLUMNS, ROLE_COLUMNS
from pathways.disclosure_rules import DisclosureRules


def _cell(value):
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def frame_to_csv(frame, columns):
    """Render ``frame[columns]`` as RFC 4180 CSV text with ``\\n`` line ends.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": ["x", "y, z"], "b": pd.array([1, None], dtype="Int64")})
    >>> print(frame_to_csv(frame, ["a", "b"]), end="")
    a,b
    x,1
    "y, z",
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    data = frame[list(columns)]
    for row in data.itertuples(index=False, name=None):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def metadata_mapping(info):
    """The ``dataset.yaml`` mapping of a :class:`~pathways.dataset.DatasetInfo`."""
    mapping = {
        "name": info.name,
        "description": info.description,
        "kind": info.kind,
        "source": info.source,
        "licence": info.licence,
        "citation": info.citation,
        "collected": info.collected,
    }
    if info.attributes:
        mapping["attributes"] = dict(info.attributes)
    if info.disclosure != DisclosureRules():
        mapping["disclosure"] = asdict(info.disclosure)
    return mapping


def dataset_files(dataset):
    """Every file of the dataset folder as ``{file name: text}``, in the spec's order."""
    files = {
        "dataset.yaml": yaml.safe_dump(
            metadata_mapping(dataset.info), sort_keys=False, allow_unicode=True, width=100
        ),
        "roles.csv": frame_to_csv(dataset.roles.reset_index(), ["role_id", *ROLE_COLUMNS]),
        "careers.csv": frame_to_csv(
            dataset.careers, ["person_id", "seq", "role_id", "start_year", "end_year"]
        ),
    }
    people = dataset.people.reset_index()
    if len(people):
        files["people.csv"] = frame_to_csv(people, list(people.columns))
    if len(dataset.barrier_items):
        files["barrier_items.csv"] = frame_to_csv(
            dataset.barrier_items.reset_index(), ["barrier_id", *ITEM_COLUMNS]
        )
        files["barrier_responses.csv"] = frame_to_csv(
            dataset.barrier_responses, ["person_id", "barrier_id", "response"]
        )
    if len(dataset.advice):
        files["advice.csv"] = frame_to_csv(dataset.advice.reset_index(), ["advice_id", *ADVICE_COLUMNS])
    return files


def write_dataset(dataset, directory):
    """Write ``dataset`` into ``directory`` (created if missing) in the spec's format.

    ``people.csv`` is written with every column of ``dataset.people``, so a
    dataset that derived ``sector`` and ``stage`` writes them out; pass a
    dataset whose ``people`` holds only the columns to keep.

    Returns
    -------
    list of Path
        The files written.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in dataset_files(dataset).items():
        path = directory / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written
