"""The Career Pathways Explorer web app: ``create_app`` builds it, ``server`` serves it.

Environment variables are read here and nowhere else:

======================  ==============================================================
``DATASET_DIR``         dataset folder to serve (default: the bundled illustrative data)
``SECRET_KEY``          Flask secret key (random per process when unset)
``MAX_UPLOAD_BYTES``    largest accepted request body (default 20 MB)
``MAX_FILE_BYTES``      largest accepted dataset file (default 20 MB)
``DATABASE_URL``        contributions and uploads database (default: SQLite file
                        ``instance/pathways.sqlite3``); ``postgresql://...`` for PostgreSQL
``DATA_OWNER_PASSWORD`` password of the data-owner pages (upload, moderation, decks);
                        those pages stay locked while it is unset
``DECKS_DIR``           folder of presentation decks (default ``data/decks``)
``CONTRIBUTION_RATE_*`` workshop submissions allowed per client per minute (3) and hour (20)
``PUBLIC_URL``          the site's public address, encoded in workshop QR codes
``TRUSTED_PROXIES``     number of reverse proxies in front of the app (for client addresses)
======================  ==============================================================
"""

import argparse
import functools
import importlib
import io
import os
import pkgutil
import secrets
from pathlib import Path

from dash import Dash
from flask import Response, abort, request
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

import layouts
from callbacks import charts, dataset_selector, router
from layouts.router import Page
from layouts.shell import page_shell
from pathways.catalogue import Catalogue
from pathways.disclosure import neutralise_frame
from pathways.loading import load_dataset
from pathways.model import CareerModel
from storage import Store
from storage.upload_source import upload_source
from storage.workshop_source import workshop_source

HERE = Path(__file__).parent
DEFAULT_DATASET = HERE / "data" / "illustrative"
SITE_TITLE = "Career Pathways Explorer"
BUNDLED_KEY = "bundled"

INDEX_STRING = """<!DOCTYPE html>
<html lang="en-GB">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def settings_from_environment(environ=os.environ):
    """The app's settings from environment variables, with defaults."""
    return {
        "DATASET_DIR": environ.get("DATASET_DIR") or str(DEFAULT_DATASET),
        "SECRET_KEY": environ.get("SECRET_KEY") or secrets.token_hex(32),
        "MAX_UPLOAD_BYTES": int(environ.get("MAX_UPLOAD_BYTES", 20_000_000)),
        "MAX_FILE_BYTES": int(environ.get("MAX_FILE_BYTES", 20_000_000)),
        "DATABASE_URL": environ.get("DATABASE_URL") or f"sqlite:///{HERE / 'instance' / 'pathways.sqlite3'}",
        "DATA_OWNER_PASSWORD": environ.get("DATA_OWNER_PASSWORD") or "",
        "DECKS_DIR": environ.get("DECKS_DIR") or str(HERE / "data" / "decks"),
        "CONTRIBUTION_RATE_PER_MINUTE": int(environ.get("CONTRIBUTION_RATE_PER_MINUTE", 3)),
        "CONTRIBUTION_RATE_PER_HOUR": int(environ.get("CONTRIBUTION_RATE_PER_HOUR", 20)),
        "CONTRIBUTION_MAX_REQUEST_BYTES": int(environ.get("CONTRIBUTION_MAX_REQUEST_BYTES", 100_000)),
        "PUBLIC_URL": environ.get("PUBLIC_URL") or "",
        "TRUSTED_PROXIES": int(environ.get("TRUSTED_PROXIES", 0)),
    }


def discover_pages():
    """Every page module of ``layouts/`` (one with ``PATH`` and ``layout``) with its callbacks module.

    Returns ``(layout module, callbacks module or None)`` pairs in navigation order.
    """
    found = []
    for module_info in pkgutil.iter_modules(layouts.__path__):
        module = importlib.import_module(f"layouts.{module_info.name}")
        if not (hasattr(module, "PATH") and hasattr(module, "layout")):
            continue
        wiring = None
        if importlib.util.find_spec(f"callbacks.{module_info.name}") is not None:
            wiring = importlib.import_module(f"callbacks.{module_info.name}")
        found.append((module, wiring))
    return sorted(found, key=lambda pair: (getattr(pair[0], "NAV_ORDER", 99), pair[0].PATH))


def _page(module):
    return Page(
        module.PATH,
        module.TITLE,
        module.layout,
        getattr(module, "NAV_LABEL", None),
        cache=getattr(module, "CACHE_LAYOUT", False),
        page_title=getattr(module, "page_title", None),
    )


def add_download_routes(server, catalogue, page_modules):
    """``/download/<slug>.csv?<query>``: the numbers a page shows, as CSV safe for spreadsheets."""
    downloads = {module.SLUG: module for module in page_modules if hasattr(module, "download")}

    @server.route("/download/<slug>.csv")
    def download_csv(slug):
        module = downloads.get(slug)
        if module is None:
            abort(404)
        query = {name: request.args.get(name) for name in request.args}
        model, _ = catalogue.model_for(query)
        frame = neutralise_frame(module.download(model, query, request.args.get("rest", "")))
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, lineterminator="\n")
        return Response(
            buffer.getvalue(),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{slug}.csv"'},
        )

    return download_csv


def create_app(dataset_dir=None, config=None):
    """Build the Dash app serving the dataset in ``dataset_dir``.

    The dataset is loaded and validated once here; an invalid dataset raises
    :class:`pathways.loading.DatasetError` listing every problem.
    """
    settings = settings_from_environment()
    settings.update(config or {})
    dataset = load_dataset(dataset_dir or settings["DATASET_DIR"], max_file_bytes=settings["MAX_FILE_BYTES"])

    app = Dash(
        __name__,
        assets_folder=str(HERE / "assets"),
        external_stylesheets=[],
        update_title=None,
        title=SITE_TITLE,
        suppress_callback_exceptions=True,
        serve_locally=True,
    )
    app.index_string = INDEX_STRING
    server = app.server
    server.config["SECRET_KEY"] = settings["SECRET_KEY"]
    server.config["MAX_CONTENT_LENGTH"] = settings["MAX_UPLOAD_BYTES"]
    server.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    server.config["DATA_OWNER_PASSWORD"] = settings["DATA_OWNER_PASSWORD"]
    # Services live on the Flask app (read through flask.current_app), not in module globals.
    server.config["STORE"] = Store.from_url(settings["DATABASE_URL"])
    server.config["SETTINGS"] = settings

    if settings["TRUSTED_PROXIES"]:
        # Behind a proxy every participant would otherwise share the proxy's address (and rate limit).
        count = settings["TRUSTED_PROXIES"]
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=count, x_proto=count, x_host=count)
    catalogue = Catalogue(
        BUNDLED_KEY,
        dataset.info.name,
        lambda: dataset,
        sources=[
            upload_source(server.config["STORE"], settings["MAX_FILE_BYTES"]),
            workshop_source(server.config["STORE"], lambda: dataset),
        ],
        preloaded=CareerModel.build(dataset),
    )
    found = discover_pages()
    pages = [_page(module) for module, _ in found]
    app.layout = page_shell(dataset.info, [(page.nav_label, page.path) for page in pages if page.nav_label])
    router.register(app, pages, SITE_TITLE, catalogue)
    dataset_selector.register(app, catalogue)
    charts.register(app)
    for _, wiring in found:
        if wiring is not None:
            wiring.register(app, catalogue)
    add_download_routes(server, catalogue, [module for module, _ in found])
    add_security_headers(app)
    return app


def add_security_headers(app):
    """CSP with script hashes (no unsafe-eval), nosniff, frame and referrer policies.

    Must run after every callback is registered: the hashes cover Dash's
    inline scripts, including clientside callbacks.
    """
    csp = {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "frame-ancestors": "'none'",
    }
    Talisman(
        app.server,
        content_security_policy=csp,
        force_https=False,
        session_cookie_secure=False,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
    )


def main(argv=None):
    """Serve the app with Flask's development server (use gunicorn in production)."""
    parser = argparse.ArgumentParser(description="Run the Career Pathways Explorer")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    parser.add_argument("--dataset", default=None, help="dataset folder (default: the bundled data)")
    args = parser.parse_args(argv)
    built = create_app(args.dataset)
    print(f"Career Pathways Explorer: open http://{args.host}:{args.port}/ in your browser")
    built.run(host=args.host, port=args.port, debug=False)


@functools.cache
def _default_app():
    return create_app()


def __getattr__(name):
    # `app` and `server` are built on first use (gunicorn's `app:server`), not on import,
    # so tests and tools can import create_app without loading the bundled dataset.
    if name == "app":
        return _default_app()
    if name == "server":
        return _default_app().server
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    main()
