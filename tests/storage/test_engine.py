"""Engine settings: URLs, SQLite's WAL mode and pragmas, the default file, PostgreSQL's driver."""

import pytest
from sqlalchemy import text

from storage import DEFAULT_URL, Store
from storage.engine import normalise_url


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgres://u:p@db/x", "postgresql+psycopg"),
        ("postgresql://u:p@db/x", "postgresql+psycopg"),
        ("postgresql+psycopg://u:p@db/x", "postgresql+psycopg"),
        ("postgresql+psycopg2://u:p@db/x", "postgresql+psycopg"),  # the only PostgreSQL driver installed
        ("sqlite:///x.sqlite3", "sqlite"),
    ],
)
def test_urls_get_the_installed_drivers(url, driver):
    assert normalise_url(url).drivername == driver


@pytest.mark.parametrize("url", ["mysql://u:p@db/x", "sqlite+aiosqlite:///x.sqlite3"])
def test_other_databases_are_refused(url):
    with pytest.raises(ValueError):
        normalise_url(url)


def test_the_connection_settings_hold(store, backend):
    store.create_schema()
    with store._engine.connect() as connection:
        if backend.name == "sqlite":
            pragmas = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            }
            assert pragmas == {
                "journal_mode": "wal",
                "foreign_keys": 1,
                "busy_timeout": 30000,
                "synchronous": 2,
            }
        else:
            assert store.backend == "postgresql"
            assert connection.execute(text("SHOW search_path")).scalar().startswith("test_")
    assert store._engine.pool._pre_ping
    assert "pathways:***@" in repr(store) or backend.name == "sqlite"


def test_the_default_store_is_a_file_created_with_its_folder_on_first_use(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = Store.from_url()
    assert DEFAULT_URL == "sqlite:///instance/pathways.sqlite3"
    assert not (tmp_path / "instance").exists()  # nothing is created before it is needed
    store.create_workshop("First use")
    store.close()
    assert (tmp_path / "instance" / "pathways.sqlite3").is_file()
