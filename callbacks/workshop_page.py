"""Workshop: the presenter's screen refreshing itself, workshop management, and the QR, CSV and zip routes.

Every 5 seconds the screen releases a batch when at least the disclosure threshold of
contributions wait (``store.release_batches``), then redraws the room's results only if
the released contributions changed. Models of the room's data come from a catalogue of
this app's own with the workshop source, so the screen works whether or not the app's
dataset selector lists workshops.
"""

import io
from urllib.parse import urlencode

import segno
from dash import ALL, Input, Output, State, callback_context, no_update
from dash.exceptions import PreventUpdate
from flask import Response, abort, current_app, request

from callbacks.owner import is_data_owner, owner_password_set
from callbacks.router import as_catalogue, dataset_param, with_dataset
from layouts import ids
from layouts.workshop_page import (
    admin_panel,
    contribute_path,
    download,
    room_results,
    status_text,
    to_query,
    workshop_rows,
)
from pathways.catalogue import Catalogue
from pathways.disclosure import neutralise_frame
from storage import StorageUnavailable, UnknownWorkshop
from storage.codes import normalise_code
from storage.workshop_source import dataset_key, export_archive, released_version, workshop_source

NOT_REACHABLE = "The workshops database is not reachable right now. Please try again in a minute."
SIGN_IN_AGAIN = "Please sign in as a data owner again."


def room_catalogue(catalogue, store):
    """A catalogue of the bundled dataset and every workshop's datasets, for the workshop views."""
    bundled = catalogue.model()
    return Catalogue(
        catalogue.default_key,
        bundled.info.name,
        lambda: bundled.dataset,
        sources=[workshop_source(store, lambda: bundled.dataset)],
        preloaded=bundled,
    )


def public_base(settings):
    """The address participants reach this site at: ``PUBLIC_URL`` if set, else this request's host."""
    base = (settings or {}).get("PUBLIC_URL") or request.host_url
    return base.rstrip("/")


def refresh_room(store, rooms, code, show, last_version):
    """``(heading, status, results, version)`` for the presenter's screen of workshop ``code``.

    Releases a batch first when enough contributions wait; ``results`` is ``no_update``
    when the released contributions (and the data shown) are what ``last_version`` says.
    """
    rules = rooms.model().rules
    try:
        workshop = store.get_workshop(code)
        pending = store.pending_count(code)
        if pending >= rules.min_count:
            store.release_batches(code, rules.min_count)
            pending = store.pending_count(code)
        version = [show, *released_version(store.released_contributions(code))]
    except UnknownWorkshop:
        message = f"There is no workshop with the code {code}. Check the code, or open a workshop first."
        return "Workshop not found", message, None, None
    except StorageUnavailable:
        message = "The contributions database is not reachable right now; the results may be out of date."
        return no_update, message, no_update, last_version
    status = status_text(version[1], pending, rules, workshop.open)
    heading = f"Workshop: {workshop.name}"
    if version == last_version:
        return heading, status, no_update, version
    try:
        model = rooms.model(dataset_key(code, merged=show == "merged"))
    except KeyError:
        return heading, status, no_update, last_version
    return heading, status, room_results(model, code, show, version[1]), version


def manage(store, action, argument):
    """Create (``argument``: a name) or close (a code) a workshop: ``(list, message, name box)``."""
    try:
        if action == "create":
            try:
                workshop = store.create_workshop(argument or "")
            except ValueError:
                return no_update, "Please give the workshop a name (up to 100 characters).", no_update
            message = f"Opened {workshop.name}: its code is {workshop.code}."
            cleared = ""
        else:
            workshop = store.close_workshop(argument)
            message, cleared = f"Closed {workshop.name}: it takes no more answers.", no_update
        return workshop_rows(store.list_workshops()), message, cleared
    except UnknownWorkshop as error:
        return no_update, str(error), no_update
    except StorageUnavailable:
        return no_update, NOT_REACHABLE, no_update


def admin_view(store):
    """The data-owner section for this request's sign-in state."""
    if not is_data_owner():
        return admin_panel(False, owner_password_set(), ())
    try:
        return admin_panel(True, True, store.list_workshops())
    except StorageUnavailable:
        return admin_panel(True, True, (), NOT_REACHABLE)


def qr_svg(address):
    """An SVG QR code (black on white, for projectors) for ``address``, made here, not by a service."""
    code = segno.make(address, error="m")
    buffer = io.BytesIO()
    code.save(
        buffer, kind="svg", scale=8, border=2, dark="#000000", light="#ffffff", title=f"QR code for {address}"
    )
    return buffer.getvalue()


def csv_response(frame, name):
    """A table as a CSV download, formulas neutralised."""
    text = neutralise_frame(frame).to_csv(index=False, lineterminator="\n")
    return Response(
        text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def register_routes(server, catalogue, rooms=None):
    """``/workshop/<code>/qr.svg``, ``/workshop/<code>/export.zip`` (data owners) and the room's CSVs.

    Called by :func:`register`; calling it again on the same server does nothing.
    """
    if "workshop_qr" in server.view_functions:
        return
    rooms = rooms or room_catalogue(as_catalogue(catalogue), server.config["STORE"])

    def valid(code):
        normal = normalise_code(code)
        if normal is None:
            abort(404)
        return normal

    @server.route("/workshop/<code>/qr.svg", endpoint="workshop_qr")
    def workshop_qr(code):
        address = public_base(current_app.config.get("SETTINGS")) + contribute_path(valid(code))
        return Response(qr_svg(address), mimetype="image/svg+xml")

    @server.route("/workshop/<code>/export.zip", endpoint="workshop_export")
    def workshop_export(code):
        if not is_data_owner():
            abort(403)
        try:
            name, data = export_archive(current_app.config["STORE"], valid(code), rooms.model().dataset)
        except UnknownWorkshop:
            abort(404)
        except StorageUnavailable as error:
            return Response(str(error), status=503, mimetype="text/plain")
        headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
        return Response(data, mimetype="application/zip", headers=headers)

    @server.route("/workshop/<code>/<table>.csv", endpoint="workshop_csv")
    def workshop_csv(code, table):
        if table not in ("flows", "barriers"):
            abort(404)
        merged = request.args.get("data") == "merged"
        try:
            model = rooms.model(dataset_key(valid(code), merged=merged))
        except KeyError:
            abort(404)
        suffix = "-merged" if merged else ""
        return csv_response(download(model, {"table": table}), f"workshop-{code.lower()}{suffix}-{table}.csv")


def register(app, models):
    """Wire the presenter's screen, the workshop list and the routes."""
    catalogue = as_catalogue(models)
    store = app.server.config["STORE"]
    rooms = room_catalogue(catalogue, store)
    register_routes(app.server, catalogue, rooms)

    @app.callback(
        Output(ids.WORKSHOP_HEADING, "children"),
        Output(ids.WORKSHOP_STATUS, "children"),
        Output(ids.WORKSHOP_RESULTS, "children"),
        Output(ids.WORKSHOP_VERSION, "data"),
        Output(ids.WORKSHOP_ADDRESS, "children"),
        Output(ids.WORKSHOP_QR, "alt"),
        Input(ids.WORKSHOP_TICK, "n_intervals"),
        Input(ids.WORKSHOP_SHOW, "value"),
        State(ids.WORKSHOP_QUERY, "data"),
        State(ids.WORKSHOP_VERSION, "data"),
    )
    def refresh(_ticks, show, query, last_version):
        code = (query or {}).get("w")
        if not code:
            raise PreventUpdate
        address = public_base(current_app.config.get("SETTINGS")) + contribute_path(code)
        heading, status, results, version = refresh_room(store, rooms, code, show or "room", last_version)
        return heading, status, results, version, address, f"QR code for {address}"

    @app.callback(
        Output(ids.SHELL_LOCATION, "search", allow_duplicate=True),
        Output(ids.SHELL_RENDERED, "data", allow_duplicate=True),
        Input(ids.WORKSHOP_SHOW, "value"),
        State(ids.WORKSHOP_QUERY, "data"),
        State(ids.SHELL_LOCATION, "pathname"),
        State(ids.SHELL_LOCATION, "search"),
        prevent_initial_call=True,
    )
    def show_changed(show, query, pathname, current):
        search = with_dataset(to_query(None, (query or {}).get("w"), show), dataset_param(current, catalogue))
        return search, (pathname or "/") + search

    @app.callback(
        Output(ids.SHELL_LOCATION, "search", allow_duplicate=True),
        Input(ids.WORKSHOP_GO, "n_clicks"),
        Input(ids.WORKSHOP_GO_CODE, "n_submit"),
        State(ids.WORKSHOP_GO_CODE, "value"),
        prevent_initial_call=True,
    )
    def go(_clicks, _submits, code):
        if not (code or "").strip():
            raise PreventUpdate
        return "?" + urlencode({"w": code.strip()[:40]})

    app.callback(Output(ids.WORKSHOP_ADMIN, "children"), Input(ids.WORKSHOP_ADMIN, "id"))(
        lambda _: admin_view(store)
    )

    @app.callback(
        Output(ids.WORKSHOP_LIST, "children"),
        Output(ids.WORKSHOP_MESSAGE, "children"),
        Output(ids.WORKSHOP_NAME, "value"),
        Input(ids.WORKSHOP_CREATE, "n_clicks"),
        Input(ids.WORKSHOP_NAME, "n_submit"),
        Input({"type": ids.WORKSHOP_CLOSE, "code": ALL}, "n_clicks"),
        State(ids.WORKSHOP_NAME, "value"),
        prevent_initial_call=True,
    )
    def act(_create, _submit, _closes, name):
        trigger = callback_context.triggered_id
        if not trigger or not callback_context.triggered[0].get("value"):
            raise PreventUpdate
        if not is_data_owner():
            return no_update, SIGN_IN_AGAIN, no_update
        if isinstance(trigger, dict):
            return manage(store, "close", trigger["code"])
        return manage(store, "create", name)

    return refresh
