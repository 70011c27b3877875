"""50 simulated users against gunicorn with 2 workers on loopback; prints latency percentiles and errors.

Each user draws pages the way a visitor does: the router callback that draws
a page (Dash's POST), and the CSV twin of a view. Requests go only to
127.0.0.1; the run is bounded (users x requests) and stops by itself.
Target (quality.md): p95 under 500 ms, zero errors.

Usage: python benchmarks/load_test.py [--users 50] [--requests 20] [--dataset DIR]
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADDRESSES = [
    ("/", ""),
    ("/pathways", ""),
    ("/pathways", "?level=role&steps=4"),
    ("/network", ""),
    ("/routes", "?from=phd_student&to=lecturer"),
    ("/barriers", ""),
    ("/barriers", "?sector=academia"),
    ("/mobility", ""),
    ("/roles/postdoc", ""),
    ("/advice", "?theme=recognition"),
]
CSV = ["/download/pathways.csv?level=role", "/download/barriers.csv", "/download/mobility.csv"]
OUTPUTS = [
    ("shell-main", "children"),
    ("shell-title", "data"),
    ("shell-rendered", "data"),
    ("shell-dataset-badge", "children"),
    ("shell-dataset-badge", "color"),
    ("shell-source", "children"),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def router_request(base, pathname, search):
    body = {
        "output": "...".join(f"{i}.{p}" for i, p in OUTPUTS).join(["..", ".."]),
        "outputs": [{"id": i, "property": p} for i, p in OUTPUTS],
        "inputs": [
            {"id": "shell-location", "property": "pathname", "value": pathname},
            {"id": "shell-location", "property": "search", "value": search},
        ],
        "state": [{"id": "shell-rendered", "property": "data", "value": None}],
        "changedPropIds": ["shell-location.pathname"],
    }
    return urllib.request.Request(
        base + "/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )


def user(base, requests, seed):
    chooser = random.Random(seed)
    timings, errors = [], []
    for _ in range(requests):
        if chooser.random() < 0.8:
            request = router_request(base, *chooser.choice(ADDRESSES))
        else:
            request = urllib.request.Request(base + chooser.choice(CSV))
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                if response.status != 200:
                    errors.append(response.status)
        except Exception as error:  # a failed request is a result to count, not a crash
            errors.append(repr(error))
        timings.append((time.perf_counter() - started) * 1000)
    return timings, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--dataset", default=None, help="dataset folder (default: the bundled one)")
    args = parser.parse_args()
    port = free_port()
    env = dict(
        os.environ, WEB_CONCURRENCY="2", SECRET_KEY="load-test", DATABASE_URL=f"sqlite:////tmp/load-{port}.db"
    )
    if args.dataset:
        env["DATASET_DIR"] = args.dataset
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:server", "--preload", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        for address in ADDRESSES:  # warm each worker's caches a little, as a running server would be
            urllib.request.urlopen(router_request(base, *address), timeout=60).read()
        started = time.perf_counter()
        with ThreadPoolExecutor(args.users) as pool:
            results = list(pool.map(lambda seed: user(base, args.requests, seed), range(args.users)))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    timings = [t for ts, _ in results for t in ts]
    errors = [e for _, es in results for e in es]
    cuts = statistics.quantiles(timings, n=100)
    print(f"{args.users} users x {args.requests} requests = {len(timings)} requests in {elapsed:.1f} s")
    print(f"p50 {cuts[49]:.0f} ms, p95 {cuts[94]:.0f} ms, max {max(timings):.0f} ms, errors {len(errors)}")
    if errors:
        print("first errors:", errors[:3])


if __name__ == "__main__":
    main()
