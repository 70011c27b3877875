"""Data: the dataset in use, what each file and column means, downloads, and uploads by data owners.

The page's own sections are pure functions of the model and the address. The
parts that depend on who is looking (the upload form, the raw download, the
report of the last upload) are drawn by :mod:`layouts.data_owner`, which a
callback fills in with what the Flask session says.
"""

import re
from urllib.parse import quote

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts import ids
from layouts.controls import notices, page_header
from layouts.format import count_text
from pathways.dictionary import read_dictionary
from pathways.disclosure import format_count_short
from pathways.viewstate import Field, decode_state

PATH = "/data"
TITLE = "Data"
NAV_LABEL = "Data"
NAV_ORDER = 85
SLUG = "data"
CONTENT_ID = ids.DATA_CONTENT
CONTROLS = []

DOWNLOAD_PATH = "/data/download.zip"
RAW_DOWNLOAD_PATH = "/data/download-raw.zip"
UPLOAD_PATH = "/data/upload"
DELETE_PATH = "/data/delete"
TOO_LARGE = "too-large"

SUMMARY_LABELS = (
    ("people", "people"),
    ("episodes", "career episodes"),
    ("transitions", "moves between roles"),
    ("roles", "roles"),
    ("responses", "answers about barriers"),
)
INTRO = (
    "Where the numbers on this site come from: the dataset in use, who collected it, how to cite it, "
    "and what every file and column of a dataset means. You can download the data, and data owners "
    "can bring their own."
)


def fields(model):
    """The view state: only the token of the last upload's report."""
    return [Field("upload", "", label="upload report")]


def to_query(model, *values):
    """The page has no controls, so its address holds no settings of its own."""
    return ""


def dataset_query(query):
    """``'?dataset=key'`` for the dataset the address names, or ''."""
    key = (query or {}).get("dataset")
    return f"?dataset={quote(key)}" if key else ""


def size_text(size):
    """A number of bytes for reading.

    Examples
    --------
    >>> size_text(20_000_000), size_text(2_500), size_text(12)
    ('20 MB', '2.5 kB', '12 bytes')
    """
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value >= 10 or value.is_integer() else f"{value:.1f} {unit}"
    return f"{size} bytes"


def inline(text):
    """Markdown's ``code`` and **bold** spans as components; everything else stays text."""
    parts = []
    for number, piece in enumerate(re.split(r"(`[^`]*`|\*\*[^*]+\*\*)", text or "")):
        if number % 2 == 0:
            if piece:
                parts.append(piece)
        elif piece.startswith("`"):
            parts.append(html.Code(piece[1:-1]))
        else:
            parts.append(html.Strong(piece[2:-2]))
    return parts


def _rules_text(rules):
    return (
        f"Groups of fewer than {rules.min_count} people are hidden; counts are rounded to the nearest "
        f"{rules.round_to}; percentages need at least {rules.min_denominator} answers; secondary "
        f"suppression is {'on' if rules.secondary else 'off'}."
    )


def dataset_section(info):
    """The dataset in use: name, kind, provenance, licence, citation and its disclosure rules."""
    kind = (
        dbc.Badge("Synthetic data", color="warning", text_color="dark", className="ms-1")
        if info.is_synthetic
        else info.kind.capitalize()
    )
    rows = (
        ("Name", info.name),
        ("Kind", [kind, " (illustrative, not real people)"] if info.is_synthetic else kind),
        ("Description", info.description or "not stated"),
        ("Source", info.source or "not stated"),
        ("Collected", info.collected or "not stated"),
        ("Licence", info.licence or "not stated"),
        ("How to cite", info.citation or "not stated"),
        ("Protection of small numbers", _rules_text(info.disclosure)),
    )
    looser = None
    if info.disclosure.is_looser_than_default:
        looser = dbc.Alert(
            "This dataset's owner chose disclosure rules looser than the site's defaults (fewer than 5 hidden, "
            "rounding to 5, percentages from 10 answers), so some numbers are less protected than usual.",
            color="warning",
        )
    return html.Section(
        [
            html.H2("The dataset in use"),
            html.Dl(
                [item for label, value in rows for item in (html.Dt(label), html.Dd(value))],
                className="data-facts",
            ),
            looser,
        ],
        id="data-in-use",
    )


def displayed_summary(model):
    """``[(label, protected count text)]`` of the dataset's summary counts."""
    counts = model.protected_summary
    return [(label, count_text(counts[key], model.rules)) for key, label in SUMMARY_LABELS]


def summary_section(model):
    """What the dataset holds, in counts after disclosure control, and the notes from loading it."""
    notes = model.dataset.notes
    return html.Section(
        [
            html.H2("What it holds"),
            html.Ul(
                [html.Li([html.Strong(text), f" {label}"]) for label, text in displayed_summary(model)],
                className="data-summary",
            ),
            html.H3("Notes from loading the data", className="h5"),
            html.Ul([html.Li(note) for note in notes])
            if notes
            else html.P("Nothing was ignored or changed when the data were loaded."),
        ],
        id="data-summary",
    )


def downloads_section(query):
    """The public download and what it holds."""
    return html.Section(
        [
            html.H2("Download the data"),
            html.P(
                "The download is a zip file with the dataset's description (dataset.yaml), the roles, the "
                "barrier statements and the advice, and tables of the moves between roles and sectors and of "
                "agreement with each barrier statement. Its README gives the licence and how to cite it."
            ),
            html.P(
                "The files about individual people (careers, people and their answers) are left out: a career "
                "history can identify someone, and rounding cannot protect a single row. The tables use the "
                "same protection as this site, so a count below the threshold reads '<5'."
            ),
            html.A(
                "Download the dataset (zip)",
                href=DOWNLOAD_PATH + dataset_query(query),
                className="btn btn-primary",
                id=ids.DATA_DOWNLOADS,
                download="",
            ),
        ],
        id="data-download",
    )


def _dictionary_table(entry):
    rows = [
        html.Tr(
            [
                html.Th(html.Code(column.name), scope="row"),
                html.Td("yes" if column.required else "no"),
                html.Td(inline(column.meaning) or "see the notes above"),
            ]
        )
        for column in entry.columns
    ]
    return html.Div(
        html.Table(
            [
                html.Caption(f"Columns of {entry.name}"),
                html.Thead(
                    html.Tr(
                        [
                            html.Th("Column", scope="col"),
                            html.Th("Required", scope="col"),
                            html.Th("Meaning", scope="col"),
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm data-table",
        ),
        className="table-responsive",
    )


def dictionary_section(dictionary=None):
    """The data dictionary, generated from the format guide (docs/data-format.md)."""
    dictionary = dictionary or read_dictionary()
    files = []
    for entry in dictionary.files:
        files.append(
            html.Section(
                [
                    html.H3(html.Code(entry.name), className="h4"),
                    html.P([f"Required: {entry.required}. One row per: {entry.row}."]),
                    *[html.P(inline(note)) for note in entry.notes],
                    html.Pre(html.Code(entry.example), className="data-example", tabIndex="0")
                    if entry.example
                    else None,
                    _dictionary_table(entry) if entry.columns else None,
                ],
                id=f"dictionary-{entry.name.replace('.', '-')}",
            )
        )
    return html.Section(
        [
            html.H2("Data dictionary"),
            html.P(
                "A dataset is a folder of these files. This dictionary is generated from the project's data "
                "format guide (docs/data-format.md), so it always says what the loader checks."
            ),
            *[html.P(inline(rule)) for rule in dictionary.rules],
            *files,
        ],
        id=ids.DATA_DICTIONARY,
    )


def content(model, query=None, rest=""):
    """Everything about the dataset in use that does not depend on who is looking."""
    query = query or {}
    return [
        dataset_section(model.info),
        summary_section(model),
        downloads_section(query),
        html.Section(
            [html.H2("Your own data"), html.Div(html.P("Loading..."), id=ids.DATA_OWNER)],
            id="data-own",
        ),
        dictionary_section(),
    ]


def layout(model, query=None, rest=""):
    """The Data page; the report of an upload and the owner's tools are filled in by a callback."""
    query = query or {}
    _, messages = decode_state(fields(model), query)
    return html.Div(
        [
            page_header("The data", INTRO),
            notices(messages),
            html.Div(id=ids.DATA_REPORT),
            html.Div(content(model, query, rest), id=CONTENT_ID, **{"aria-live": "polite"}),
        ]
    )


def download(model, query=None, rest=""):
    """The summary counts shown, after disclosure control (``<5`` where hidden)."""
    counts = model.protected_summary
    return pd.DataFrame(
        {
            "measure": [label for _, label in SUMMARY_LABELS],
            "count": [format_count_short(counts[key], model.rules) for key, _ in SUMMARY_LABELS],
        }
    )
