"""The Data page's parts that depend on who is looking: the owner's tools and the last upload's report.

Pure functions of what the callback found in the session and the store
(``callbacks.data_page``): signed in or not, the CSRF token, the uploaded
datasets, the report.
"""

from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.data_page import (
    DELETE_PATH,
    PATH,
    RAW_DOWNLOAD_PATH,
    TOO_LARGE,
    UPLOAD_PATH,
    dataset_query,
    size_text,
)


def _problem_list(lines, more):
    items = [html.Li(html.Code(line)) for line in lines]
    if more:
        items.append(html.Li(f"... and {more:,} more; fix these and upload again to see the rest."))
    return html.Ol(items, className="data-problems")


def report_view(report, max_upload_bytes):
    """What happened to the last upload or deletion, or None.

    ``report`` is a dict with ``status`` (``stored``, ``invalid``, ``refused``,
    ``deleted``, ``error`` or ``too-large``) and, by status, ``name``, ``key``,
    ``problems`` (lines ``FILE:LINE: COLUMN: message``), ``more`` and ``notes``.
    """
    if not report:
        return None
    status = report.get("status")
    notes = report.get("notes") or []
    noted = [html.P("Notes:"), html.Ul([html.Li(note) for note in notes])] if notes else []
    if status == "stored":
        key = report["key"]
        return dbc.Alert(
            [
                html.P(
                    [
                        f"Stored as {report['name']}: ",
                        html.A("switch to it", href=f"{PATH}?dataset={quote(key)}", className="alert-link"),
                        ".",
                    ],
                    className="mb-1",
                ),
                *noted,
            ],
            color="success",
            id="data-report-stored",
        )
    if status in ("invalid", "refused"):
        problems = report.get("problems") or []
        total = len(problems) + (report.get("more") or 0)
        heading = (
            "The upload was refused, so nothing was read or stored:"
            if status == "refused"
            else f"The dataset was not stored: {total:,} problem{'s' if total != 1 else ''} to fix. "
            "Nothing has changed on the site."
        )
        return dbc.Alert(
            [html.P(heading), _problem_list(problems, report.get("more")), *noted],
            color="danger",
            id="data-report-problems",
        )
    if status == TOO_LARGE:
        message = (
            f"The upload was larger than the limit of {size_text(max_upload_bytes)}, so nothing was read or "
            "stored. Upload a smaller zip, or ask the server's administrator to raise MAX_UPLOAD_BYTES."
        )
        return dbc.Alert(message, color="danger", id="data-report-too-large")
    if status == "deleted":
        return dbc.Alert(f"Deleted {report['name']}.", color="info", id="data-report-deleted")
    return dbc.Alert(report.get("message", "Something went wrong; nothing was changed."), color="danger")


def _upload_form(csrf, max_upload_bytes, max_file_bytes):
    per_file = min(max_file_bytes, max_upload_bytes)
    return html.Form(
        [
            dbc.Label("Dataset files", html_for=ids.DATA_UPLOAD_FILES, className="fw-semibold"),
            dcc.Input(
                id=ids.DATA_UPLOAD_FILES,
                type="file",
                name="dataset",
                multiple=True,
                className="form-control",
            ),
            dbc.FormText(
                "A zip of a dataset folder, or its dataset.yaml and CSV files chosen together: at most "
                f"{size_text(max_upload_bytes)} in all and {size_text(per_file)} a file. The dataset is "
                "checked first and stored only when nothing is wrong."
            ),
            dcc.Input(type="hidden", name="csrf", value=csrf),
            html.Div(
                dbc.Button("Upload and check", type="submit", color="primary", id=ids.DATA_UPLOAD_SUBMIT)
            ),
        ],
        method="POST",
        action=UPLOAD_PATH,
        encType="multipart/form-data",
        id=ids.DATA_UPLOAD_FORM,
        className="data-upload-form d-grid gap-2",
    )


def _delete_form(item, csrf):
    return html.Form(
        [
            dcc.Input(type="hidden", name="csrf", value=csrf),
            dcc.Input(type="hidden", name="key", value=item.key),
            dbc.Button(
                "Delete",
                type="submit",
                color="danger",
                outline=True,
                size="sm",
                title=f"Delete {item.name} from this site (cannot be undone)",
            ),
        ],
        method="POST",
        action=DELETE_PATH,
    )


def uploaded_list(uploaded, current=None, csrf=None):
    """The uploaded datasets with a link to each; a delete button when ``csrf`` is given (data owners)."""
    if not uploaded:
        return html.P("No dataset has been uploaded yet.", id=ids.DATA_UPLOADED)
    header = ["Dataset", "Uploaded", "Size", "Show it"] + (["Delete"] if csrf else [])
    rows = []
    for item in uploaded:
        showing = (
            "(showing now)"
            if item.key == current
            else html.A(
                ["Show", html.Span(f" {item.name}", className="visually-hidden")],
                href=f"{PATH}?dataset={quote(item.key)}",
            )
        )
        cells = [
            html.Th(item.name, scope="row"),
            html.Td(item.created.strftime("%d %b %Y %H:%M UTC")),
            html.Td(size_text(item.size)),
            html.Td(showing),
        ]
        if csrf:
            cells.append(html.Td(_delete_form(item, csrf)))
        rows.append(html.Tr(cells))
    return html.Div(
        html.Table(
            [
                html.Caption("Uploaded datasets", className="visually-hidden"),
                html.Thead(html.Tr([html.Th(text, scope="col") for text in header])),
                html.Tbody(rows),
            ],
            className="table table-sm align-middle data-table",
        ),
        className="table-responsive",
        id=ids.DATA_UPLOADED,
    )


def owner_section(
    password_set, signed_in, csrf, uploaded, query, max_upload_bytes, max_file_bytes, storage_message=None
):
    """Uploads: the form and raw download for data owners, a sign-in link for everyone else."""
    query = query or {}
    listing = [
        html.H3("Uploaded datasets", className="h5 mt-4"),
        dbc.Alert(storage_message, color="warning") if storage_message else None,
        uploaded_list(uploaded, query.get("dataset"), csrf if signed_in else None),
    ]
    if not password_set:
        intro = html.P(
            "Uploading is switched off on this server: its administrator has not set a data-owner password "
            "(DATA_OWNER_PASSWORD)."
        )
        return html.Div([intro, *listing])
    if not signed_in:
        intro = html.P(
            [
                "Data owners can upload a dataset of their own, check it against the format below, and download "
                "the raw files. ",
                html.A("Sign in as a data owner to upload", href=f"/login?next={quote(PATH)}"),
                ".",
            ]
        )
        return html.Div([intro, *listing])
    raw = html.P(
        [
            html.A(
                "Download the raw dataset (zip)",
                href=RAW_DOWNLOAD_PATH + dataset_query(query),
                className="btn btn-outline-primary",
                download="",
            ),
            html.Span(
                " Every file, person-level records included: for data owners only, not for publication.",
                className="ms-2",
            ),
        ]
    )
    return html.Div(
        [
            html.P("You are signed in as a data owner."),
            raw,
            html.H3("Upload a dataset", className="h5 mt-4"),
            _upload_form(csrf, max_upload_bytes, max_file_bytes),
            *listing,
        ]
    )
