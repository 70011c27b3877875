"""A dataset as a zip archive to take away, with or without disclosure control.

:func:`dataset_zip` packs a dataset for download. The public archive holds what
identifies nobody: ``dataset.yaml``, ``roles.csv``, ``barrier_items.csv``,
``advice.csv``, and aggregate tables made with the dataset's disclosure rules
(``flows_role.csv``, ``flows_sector.csv``, ``barriers.csv``: the numbers the
dashboard and ``python -m pathways`` show). ``careers.csv``, ``people.csv`` and
``barrier_responses.csv`` are person-level microdata: a career history with a
gender and a cohort can single a person out, and no rounding of counts protects
a row, so they are left out and the README says why. The raw archive (for data
owners) holds every file in the data-spec format. Both neutralise spreadsheet
formulas in CSV text cells and carry a README with the licence and citation.
Uploads come in through :mod:`pathways.uploads`.
"""

import csv
import io
import stat
import zipfile
from dataclasses import replace

from pathways.barriers import barrier_table
from pathways.disclosure import format_count_short, neutralise_frame
from pathways.flows import transition_flows
from pathways.writing import dataset_files

PUBLIC_FILES = ("dataset.yaml", "roles.csv", "barrier_items.csv", "advice.csv")
PERSON_FILES = ("careers.csv", "people.csv", "barrier_responses.csv")
AGGREGATE_FILES = ("flows_role.csv", "flows_sector.csv", "barriers.csv")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _safe_dataset(dataset):
    """A copy whose text cells cannot run as spreadsheet formulas."""
    return replace(
        dataset,
        roles=neutralise_frame(dataset.roles),
        careers=neutralise_frame(dataset.careers),
        people=neutralise_frame(dataset.people),
        barrier_items=neutralise_frame(dataset.barrier_items),
        barrier_responses=neutralise_frame(dataset.barrier_responses),
        advice=neutralise_frame(dataset.advice),
    )


def _rounded(value):
    return None if value is None or value != value else round(float(value), 1)


def aggregate_tables(dataset, rules=None):
    """The protected aggregate tables of the public archive, as the command line prints them.

    Parameters
    ----------
    dataset : Dataset
    rules : DisclosureRules, optional
        Default: the dataset's own rules.

    Returns
    -------
    dict of str to DataFrame
        ``flows_role.csv`` and ``flows_sector.csv`` (``source, target, count``)
        and, when the dataset has barrier statements, ``barriers.csv``
        (``barrier_id, group, n, agree, percent, ci_low, ci_high``). Hidden
        counts read ``<5``.

    Examples
    --------
    >>> import pandas as pd
    >>> from pathways.dataset import Dataset, DatasetInfo
    >>> from pathways.disclosure_rules import RAW
    >>> roles = pd.DataFrame({"title": ["PhD", "Postdoc", "Data scientist"],
    ...                       "sector": ["education", "academia", "industry"], "stage": ["student", "early", "early"]},
    ...                      index=pd.Index(["phd", "postdoc", "ds"], name="role_id"))
    >>> careers = pd.DataFrame({"person_id": ["a", "a", "b", "b", "c", "c"], "seq": [1, 2, 1, 2, 1, 2],
    ...                         "role_id": ["phd", "postdoc", "phd", "postdoc", "phd", "ds"],
    ...                         "start_year": None, "end_year": None})
    >>> data = Dataset(DatasetInfo("Demo", "synthetic"), roles, careers)
    >>> aggregate_tables(data, rules=RAW)["flows_role.csv"].values.tolist()
    [['phd', 'postdoc', '2'], ['phd', 'ds', '1']]
    >>> aggregate_tables(data)["flows_sector.csv"].values.tolist()
    [['education', 'academia', '<5'], ['education', 'industry', '<5']]
    """
    rules = rules or dataset.info.disclosure
    tables = {}
    for level in ("role", "sector"):
        flows = transition_flows(dataset, level=level, rules=rules)
        flows["count"] = [format_count_short(value, rules) for value in flows["count"]]
        tables[f"flows_{level}.csv"] = flows[["source", "target", "count"]]
    if len(dataset.barrier_items):
        table = barrier_table(dataset, rules=rules)
        for column in ("n", "agree"):
            table[column] = [format_count_short(value, rules) for value in table[column]]
        for column in ("percent", "ci_low", "ci_high"):
            table[column] = [_rounded(value) for value in table[column]]
        tables["barriers.csv"] = table[["barrier_id", "group", "n", "agree", "percent", "ci_low", "ci_high"]]
    return tables


def readme(info, files, raw=False):
    """The README of a downloaded archive: what it is, its licence and citation, what it holds.

    Examples
    --------
    >>> from pathways.dataset import DatasetInfo
    >>> info = DatasetInfo("Demo", "synthetic", licence="CC0-1.0", citation="Demo data")
    >>> text = readme(info, ["roles.csv"])
    >>> "Licence: CC0-1.0" in text and "Cite it as: Demo data" in text and "synthetic" in text
    True
    """
    rules = info.disclosure
    kind = "synthetic (illustrative, not real people)" if info.is_synthetic else info.kind
    lines = [
        f"# {info.name}",
        "",
        info.description or "",
        "",
        f"- Kind: {kind}",
        f"- Source: {info.source or 'not stated'}",
        f"- Collected: {info.collected or 'not stated'}",
        f"- Licence: {info.licence or 'not stated'}",
        f"- Cite it as: {info.citation or 'not stated'}",
        "",
        "## What this archive holds",
        "",
        *[f"- `{name}`" for name in files],
        "",
    ]
    if raw:
        lines += [
            "This is the raw dataset, every file in the Career Pathways Explorer data format",
            "(docs/data-format.md), for its data owners. It holds person-level records: do not",
            "publish it or pass it on beyond what the data's owners agreed.",
        ]
    else:
        lines += [
            "This is the public version of the dataset. The person-level files (`careers.csv`,",
            "`people.csv`, `barrier_responses.csv`) are left out: one row per person's career or",
            "answer can identify someone, and rounding counts cannot protect a row. Instead,",
            "`flows_role.csv`, `flows_sector.csv` and `barriers.csv` hold the same protected numbers",
            "that the dashboard and `python -m pathways flows` / `barriers` show:",
            f"a count below {rules.min_count} reads `<{rules.min_count}`, other counts are rounded to the",
            f"nearest {rules.round_to}, and a percentage is left empty when fewer than",
            f"{rules.min_denominator} people answered.",
        ]
    lines += [
        "",
        "Text cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return have a leading `'`",
        "so that a spreadsheet shows them as text rather than running them as formulas.",
        "",
        "Made with the Career Pathways Explorer.",
        "",
    ]
    return "\n".join(lines)


def _table_csv(frame):
    """CSV text written cell for cell as ``python -m pathways`` writes it (``72.0`` stays ``72.0``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False, name=None):
        writer.writerow(["" if cell is None or cell != cell else cell for cell in row])
    return buffer.getvalue()


def public_files(dataset):
    """The files of the public archive as ``{name: text}``: no person-level file (see module notes)."""
    safe = _safe_dataset(dataset)
    files = {name: text for name, text in dataset_files(safe).items() if name in PUBLIC_FILES}
    for name, table in aggregate_tables(dataset).items():
        files[name] = _table_csv(neutralise_frame(table))
    return {"README.md": readme(dataset.info, list(files)), **files}


def raw_files(dataset):
    """Every file of the dataset in the data-spec format, formulas neutralised, with a README."""
    files = dataset_files(_safe_dataset(dataset))
    return {"README.md": readme(dataset.info, list(files), raw=True), **files}


def build_zip(files, folder=None):
    """A deterministic zip of ``{name: text or bytes}``, inside ``folder/`` when given.

    Examples
    --------
    >>> data = build_zip({"a.csv": "x\\n1\\n"}, folder="demo")
    >>> zipfile.ZipFile(io.BytesIO(data)).namelist(), data == build_zip({"a.csv": "x\\n1\\n"}, folder="demo")
    (['demo/a.csv'], True)
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}" if folder else name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, content.encode("utf-8") if isinstance(content, str) else content)
    return buffer.getvalue()


def dataset_zip(dataset, raw=False, folder="dataset"):
    """The dataset as a zip archive for download.

    Parameters
    ----------
    dataset : Dataset
    raw : bool
        False (the default): the public archive, aggregates with disclosure
        control and no person-level file. True: every file, for data owners.
    folder : str
        The folder the files sit in inside the archive.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from pathways.synthetic import generate_dataset
    >>> dataset = generate_dataset(people=30, seed=1)
    >>> names = zipfile.ZipFile(io.BytesIO(dataset_zip(dataset, folder="demo"))).namelist()
    >>> "demo/careers.csv" in names, "demo/flows_role.csv" in names, names[0]
    (False, True, 'demo/README.md')
    >>> raw = zipfile.ZipFile(io.BytesIO(dataset_zip(dataset, raw=True, folder="demo")))
    >>> "demo/careers.csv" in raw.namelist()
    True
    """
    files = raw_files(dataset) if raw else public_files(dataset)
    return build_zip(files, folder=folder)
