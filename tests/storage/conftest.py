"""Every storage test runs twice: on a SQLite file and on PostgreSQL.

PostgreSQL comes from ``TEST_DATABASE_URL`` or from ``.tools/postgres-url``, which
``scripts/ensure-postgres.sh`` (run by ``make test``) writes. Each test gets a schema of
its own there, dropped afterwards. Without PostgreSQL its tests are skipped with the
reason, except under ``CI=true``, where they fail.
"""

import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage import Store, hash_client
from storage.engine import normalise_url

ROOT = Path(__file__).resolve().parents[2]
URL_FILE = ROOT / ".tools" / "postgres-url"
REASON_FILE = ROOT / ".tools" / "postgres-skip-reason"


@dataclass(frozen=True)
class Backend:
    """Where a test's store lives, and URLs on that back-end that cannot work."""

    name: str
    url: str
    unavailable_urls: tuple


def _no_postgres(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def _postgres_url():
    if os.environ.get("TEST_DATABASE_URL"):
        return os.environ["TEST_DATABASE_URL"], None
    if URL_FILE.exists():
        return URL_FILE.read_text(encoding="utf-8").strip(), None
    reason = REASON_FILE.read_text(encoding="utf-8").strip() if REASON_FILE.exists() else ""
    return None, reason or "no TEST_DATABASE_URL and no .tools/postgres-url (run `make postgres`)"


@pytest.fixture(scope="session")
def postgres_admin():
    """An autocommit engine on the test database, or a skip (a failure in CI) saying why not."""
    url, reason = _postgres_url()
    if url is None:
        _no_postgres(reason)
    engine = create_engine(
        normalise_url(url), isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure to connect is the reason to report
        engine.dispose()
        shown = make_url(url).render_as_string(hide_password=True)
        _no_postgres(f"cannot connect to {shown}: {str(error).splitlines()[0]}")
    yield engine
    engine.dispose()


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request, tmp_path):
    """A fresh, empty database on each back-end."""
    if request.param == "sqlite":
        blocker = tmp_path / "a-file-not-a-folder"
        blocker.write_text("", encoding="utf-8")
        yield Backend(
            "sqlite",
            f"sqlite:///{tmp_path / 'pathways.sqlite3'}",
            (f"sqlite:///{blocker / 'pathways.sqlite3'}", f"sqlite:///{tmp_path}"),
        )
        return
    admin = request.getfixturevalue("postgres_admin")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    base = make_url(admin.url.render_as_string(hide_password=False))
    url = base.update_query_dict({"options": f"-csearch_path={schema}"})
    closed = base.set(host="127.0.0.1", port=_closed_port())
    yield Backend(
        "postgres",
        url.render_as_string(hide_password=False),
        (closed.render_as_string(hide_password=False),),
    )
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def store(backend):
    """A store on a fresh database of each back-end."""
    with Store.from_url(backend.url) as opened:
        yield opened


@pytest.fixture
def workshop(store):
    """An open workshop in ``store``."""
    return store.create_workshop("Test workshop")


@pytest.fixture
def client_hash():
    """The hashed address of one test client."""
    return hash_client("192.0.2.1", "test-secret")
