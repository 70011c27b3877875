"""A contribution acknowledged by a real server survives the server being killed and started again."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import Request, urlopen

from app import create_app
from storage import Store
from tests.callbacks.test_contribute_page import stored, submit_body, text_of
from tests.conftest import TINY

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, database_url):
    env = dict(os.environ, DATASET_DIR=str(TINY), DATABASE_URL=database_url, SECRET_KEY="durability")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:server", "--preload", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return server
        except (URLError, OSError):
            time.sleep(0.25)
    os.killpg(server.pid, signal.SIGKILL)
    raise AssertionError("gunicorn did not start")


def test_an_acknowledged_contribution_survives_sigkill_and_restart(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'room.sqlite3'}"
    local = create_app(TINY, {"DATABASE_URL": database_url})  # builds the request body and opens the workshop
    code = local.server.config["STORE"].create_workshop("Durability").code
    body = json.dumps(submit_body(local, code)).encode()

    port = free_port()
    server = start_gunicorn(port, database_url)
    try:
        request = Request(
            f"http://127.0.0.1:{port}/_dash-update-component",
            data=body,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urlopen(request, timeout=60) as response:
            message = text_of(json.loads(response.read())["response"]["contribute-result"]["children"])
        assert message.startswith("Thank you")
    finally:
        # No shutdown, no flush: the whole server (master and workers) is killed at once.
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)

    restarted = start_gunicorn(free_port(), database_url)
    try:
        assert stored(Store.from_url(database_url), code) == 1
    finally:
        os.killpg(restarted.pid, signal.SIGKILL)
        restarted.wait(timeout=30)
