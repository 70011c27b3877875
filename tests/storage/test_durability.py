"""Nothing acknowledged is lost, and a database that is down says so in plain words."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import exc

from storage import UNAVAILABLE_MESSAGE, StorageUnavailable, Store

ROOT = Path(__file__).resolve().parents[2]

# A worker that acknowledges (prints) each id only after add_contribution has returned.
WORKER = """
import sys
from storage import Store
store = Store.from_url(sys.argv[1])
n = 0
while True:
    print(store.add_contribution(sys.argv[2], {"n": n}, sys.argv[3]), flush=True)
    n += 1
"""


def test_acknowledged_contributions_survive_a_killed_worker(backend, workshop, client_hash):
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, backend.url, workshop.code, client_hash],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=environment,
    )
    try:
        acknowledged = [int(worker.stdout.readline()) for _ in range(20)]
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        worker.stdout.close()
    assert worker.returncode == -signal.SIGKILL
    with Store.from_url(backend.url) as restarted:
        stored = {row["id"] for row in restarted.contributions_for_moderation(workshop.code)}
        assert set(acknowledged) <= stored
        assert (
            restarted.add_contribution(workshop.code, {"after": "restart"}, client_hash) not in acknowledged
        )


def _calls(store, client_hash):
    return {
        "create_workshop": lambda: store.create_workshop("Down"),
        "add_contribution": lambda: store.add_contribution("ABC234", {"n": 1}, client_hash),
        "released_contributions": lambda: store.released_contributions("ABC234"),
        "count_recent": lambda: store.count_recent(client_hash, 60),
        "list_datasets": lambda: store.list_datasets(),
    }


def test_an_unavailable_database_raises_a_plain_message(backend, client_hash):
    for url in backend.unavailable_urls:
        store = Store.from_url(url)  # connects lazily: an app starts while its database is down
        for name, call in _calls(store, client_hash).items():
            with pytest.raises(StorageUnavailable) as raised:
                call()
            assert str(raised.value) == UNAVAILABLE_MESSAGE, name
            assert isinstance(raised.value.__cause__, exc.SQLAlchemyError | OSError), name
            assert "Traceback" not in str(raised.value) and "sqlalchemy" not in str(raised.value).lower()
        store.close()


def test_a_store_recovers_when_its_database_comes_back(backend, tmp_path, client_hash):
    if backend.name == "sqlite":
        folder = tmp_path / "later"
        url = f"sqlite:///{folder / 'pathways.sqlite3'}"
        folder.write_text("", encoding="utf-8")  # a file where the folder should be: unwritable
    else:
        url = backend.url
    with Store.from_url(url) as store:
        if backend.name == "sqlite":
            with pytest.raises(StorageUnavailable):
                store.list_workshops()
            folder.unlink()
        code = store.create_workshop("Back again").code
        assert store.add_contribution(code, {"n": 1}, client_hash) > 0
