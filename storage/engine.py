"""Engines configured for storage that loses nothing: SQLite in WAL mode, or PostgreSQL.

SQLite gets ``BEGIN IMMEDIATE`` for writing transactions, so a transaction that
reads and then writes takes the write lock first and waits its turn (``busy_timeout``)
instead of failing halfway; ``synchronous=FULL`` makes a commit survive a power cut
as well as a killed process.
"""

import os

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import StaticPool

DEFAULT_URL = "sqlite:///instance/pathways.sqlite3"
BUSY_TIMEOUT_SECONDS = 30
CONNECT_TIMEOUT_SECONDS = 10
WRITE = "storage_write"  # execution option: this transaction will write


def normalise_url(url=None):
    """The SQLAlchemy URL for ``url``, with the psycopg driver for PostgreSQL.

    Examples
    --------
    >>> normalise_url("postgres://u:p@db:5432/x").drivername
    'postgresql+psycopg'
    >>> normalise_url(None).database
    'instance/pathways.sqlite3'
    """
    parsed = make_url(url or DEFAULT_URL)
    backend = parsed.get_backend_name()
    if backend in ("postgres", "postgresql"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and parsed.get_driver_name() in ("pysqlite", ""):
        return parsed
    raise ValueError(f"storage supports sqlite:/// and postgresql:// URLs, not {parsed.drivername}://")


def is_memory(url: URL):
    """True for an in-memory SQLite URL (examples and single-threaded tests only)."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def build_engine(url: URL) -> Engine:
    """An engine for ``url`` (already normalised) with the settings storage relies on."""
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url)
    else:
        connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
        engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    _discard_connections_from_parent_process(engine)
    return engine


def _sqlite_engine(url):
    connect_args = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_SECONDS}
    if is_memory(url):
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        # Take BEGIN away from the sqlite3 module (it defers it, and skips it for SELECT);
        # the "begin" hook below emits the right one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        mode = "IMMEDIATE" if connection.get_execution_options().get(WRITE) else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _discard_connections_from_parent_process(engine):
    # gunicorn --preload forks workers after create_app: a pooled connection opened in the
    # parent must never be shared with a child (SQLAlchemy's documented recipe).
    @event.listens_for(engine, "connect")
    def _remember_pid(_dbapi_connection, record):
        record.info["pid"] = os.getpid()

    @event.listens_for(engine, "checkout")
    def _check_pid(_dbapi_connection, record, proxy):
        if record.info.get("pid") != os.getpid():
            record.dbapi_connection = proxy.dbapi_connection = None
            raise exc.DisconnectionError("connection opened in another process")
