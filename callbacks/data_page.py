"""Data page: the owner's tools and upload report, and the Flask routes for downloads and uploads.

Uploads go through a plain HTML form (``dcc.Upload`` fails axe on Dash 4.4) that
posts to ``/data/upload``; the route checks the sign-in and a per-session CSRF
token, reads the files without trusting their names, validates the dataset and
stores it or nothing, then redirects (303) to ``/data?upload=<token>``. The
report travels in the signed session cookie, trimmed to fit one (see
:func:`fit_report`), so any worker can show it.
"""

import hmac
import json
import re
import secrets
import zlib

from dash import Input, Output, State
from flask import Response, abort, current_app, redirect, request, session
from werkzeug.exceptions import RequestEntityTooLarge

from callbacks.owner import is_data_owner, owner_password_set
from callbacks.router import as_catalogue
from layouts import ids
from layouts.data_owner import owner_section, report_view
from layouts.data_page import DELETE_PATH, DOWNLOAD_PATH, PATH, RAW_DOWNLOAD_PATH, TOO_LARGE, UPLOAD_PATH
from layouts.router import parse_query
from pathways.loading import MAX_FILE_BYTES
from pathways.packaging import dataset_zip
from pathways.problems import DatasetError
from pathways.uploads import INFLATE_FACTOR, UploadRefused, dataset_key, read_upload
from storage import StorageUnavailable, UnknownDataset

CSRF_KEY = "data_csrf"
REPORT_KEY = "data_report"
REPORT_BUDGET = 2_400  # compressed bytes: the cookie stays under browsers' 4 kB with the rest of the session
MAX_REPORTED = 200
MAX_LINE = 300
UNAVAILABLE = "The database is not reachable right now, so nothing was stored. Please try again in a minute."
CSRF_REFUSED = (
    "Refused: this form did not come from this site's Data page. Reload the Data page and try again."
)


def register(app, models):
    """Fill in the owner's tools and the last report; register the download and upload routes."""
    catalogue = as_catalogue(models)
    register_routes(app.server, catalogue)

    @app.callback(
        Output(ids.DATA_REPORT, "children"),
        Output(ids.DATA_OWNER, "children"),
        Input(ids.DATA_OWNER, "id"),
        State(ids.SHELL_LOCATION, "search"),
    )
    def show_owner_tools(_, search):
        return owner_view(parse_query(search))

    return show_owner_tools


def _limits():
    settings = current_app.config.get("SETTINGS") or {}
    max_upload = (
        current_app.config.get("MAX_CONTENT_LENGTH") or settings.get("MAX_UPLOAD_BYTES") or 20_000_000
    )
    return max_upload, settings.get("MAX_FILE_BYTES", MAX_FILE_BYTES)


def csrf_token():
    """This session's CSRF token for the Data page's forms (made on first use)."""
    if not isinstance(session.get(CSRF_KEY), str):
        session[CSRF_KEY] = secrets.token_urlsafe(32)
    return session[CSRF_KEY]


def _csrf_ok():
    sent, expected = request.form.get("csrf"), session.get(CSRF_KEY)
    return isinstance(sent, str) and isinstance(expected, str) and hmac.compare_digest(sent, expected)


def fit_report(report, budget=REPORT_BUDGET):
    """The report with as many of its problems as fit in ``budget`` compressed bytes; ``more`` counts the rest.

    Examples
    --------
    >>> lines = [f"careers.csv:{n}: role_id: unknown role_id 'r{n * 7919 % 10007}'" for n in range(2, 3002)]
    >>> fitted = fit_report({"status": "invalid", "problems": lines})
    >>> fitted["problems"][0], len(fitted["problems"]) + fitted["more"]
    ("careers.csv:2: role_id: unknown role_id 'r5831'", 3000)
    >>> len(zlib.compress(json.dumps(fitted).encode())) <= REPORT_BUDGET
    True
    """
    problems = [line[:MAX_LINE] for line in report.get("problems", [])]
    total = len(problems) + report.get("more", 0)
    fitted = dict(report, notes=[note[:MAX_LINE] for note in report.get("notes", [])[:20]])
    kept = problems[:MAX_REPORTED]
    while True:
        fitted.update(problems=kept, more=total - len(kept))
        if len(zlib.compress(json.dumps(fitted).encode())) <= budget or not kept:
            return fitted
        kept = kept[: len(kept) * 3 // 4]


def remember_report(report):
    """Keep ``report`` in the session for the page to show; return its token for the address."""
    token = secrets.token_urlsafe(8)
    session[REPORT_KEY] = dict(fit_report(report), token=token)
    return token


def recall_report(token):
    """The report the address's ``upload=`` token names, if this session holds it."""
    if token == TOO_LARGE:
        return {"status": TOO_LARGE}
    report = session.get(REPORT_KEY)
    if token and isinstance(report, dict) and report.get("token") == token:
        return report
    return None


def owner_view(query):
    """``(report, owner section)`` for the Data page, from the session and the store."""
    max_upload, max_file = _limits()
    store = current_app.config.get("STORE")
    uploaded, message = [], None
    if store is not None:
        try:
            uploaded = store.list_datasets()
        except StorageUnavailable:
            message = "The list of uploaded datasets cannot be read right now: the database is not reachable."
    signed_in = is_data_owner()
    section = owner_section(
        owner_password_set(),
        signed_in,
        csrf_token() if signed_in else None,
        uploaded,
        query,
        max_upload,
        max_file,
        message,
    )
    return report_view(recall_report(query.get("upload")), max_upload), section


def _after(report):
    return redirect(f"{PATH}?upload={remember_report(report)}", code=303)


def _refuse_unless_owner():
    if not is_data_owner():
        abort(403)
    if not _csrf_ok():
        abort(Response(CSRF_REFUSED, status=403, mimetype="text/plain"))


def _file_name(key):
    return re.sub(r"[^A-Za-z0-9_-]", "", key) or "dataset"


def register_routes(server, models):
    """The Flask routes of the Data page (once per server; later calls do nothing).

    ``GET /data/download.zip?dataset=KEY``: the public archive; ``GET
    /data/download-raw.zip?dataset=KEY``: every file (403 unless a data owner);
    ``POST /data/upload`` and ``POST /data/delete`` (data owners, CSRF token);
    and a 413 handler that sends an over-size upload back to the page with a
    plain message (other paths keep their 413, or a handler registered before).
    """
    if "data_download" in server.view_functions:
        return
    catalogue = as_catalogue(models)

    def send_zip(raw):
        if raw and not is_data_owner():
            abort(403)
        query = request.args.to_dict()
        model, notice = catalogue.model_for(query)
        key = _file_name(catalogue.default_key if notice else query.get("dataset") or catalogue.default_key)
        name = f"{key}-raw" if raw else key
        return Response(
            dataset_zip(model.dataset, raw=raw, folder=name),
            mimetype="application/zip",
            headers={
                "Content-Disposition": f'attachment; filename="{name}.zip"',
                "Cache-Control": "no-store" if raw else "no-cache",
            },
        )

    def upload():
        _refuse_unless_owner()
        max_upload, max_file = _limits()
        uploads = [(part.filename or "", part.read()) for part in request.files.getlist("dataset")]
        try:
            dataset, archive, notes = read_upload(
                uploads, max_file, max_total_bytes=INFLATE_FACTOR * max_upload
            )
        except UploadRefused as error:
            return _after({"status": "refused", "problems": [str(p) for p in error.problems]})
        except DatasetError as error:
            return _after({"status": "invalid", "problems": [str(p) for p in error.problems]})
        store = current_app.config["STORE"]
        name = dataset.info.name.strip()[:200]
        try:
            taken = {key for key, _ in catalogue.choices()} | {item.key for item in store.list_datasets()}
            key = dataset_key(name, taken)
            store.save_dataset(key, name, archive)
        except StorageUnavailable:
            return _after({"status": "error", "message": UNAVAILABLE})
        return _after({"status": "stored", "name": name, "key": key, "notes": notes})

    def delete():
        _refuse_unless_owner()
        key = request.form.get("key", "")
        store = current_app.config["STORE"]
        try:
            names = {item.key: item.name for item in store.list_datasets()}
            store.delete_dataset(key)
        except UnknownDataset as error:
            return _after({"status": "error", "message": str(error)})
        except StorageUnavailable:
            return _after({"status": "error", "message": UNAVAILABLE.replace("stored", "deleted")})
        return _after({"status": "deleted", "name": names.get(key, key)})

    earlier = server.error_handler_spec.get(None, {}).get(413, {}).get(RequestEntityTooLarge)

    def too_large(error):
        if request.path == UPLOAD_PATH:
            return redirect(f"{PATH}?upload={TOO_LARGE}", code=303)
        return earlier(error) if earlier else error

    server.add_url_rule(DOWNLOAD_PATH, "data_download", lambda: send_zip(raw=False))
    server.add_url_rule(RAW_DOWNLOAD_PATH, "data_download_raw", lambda: send_zip(raw=True))
    server.add_url_rule(UPLOAD_PATH, "data_upload", upload, methods=["POST"])
    server.add_url_rule(DELETE_PATH, "data_delete", delete, methods=["POST"])
    server.register_error_handler(413, too_large)
