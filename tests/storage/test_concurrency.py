"""Many participants at once: every submission stored, every contribution released once."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from storage import hash_client


def test_200_concurrent_submissions_are_all_stored(store, workshop):
    start = threading.Barrier(200)

    def submit(n):
        start.wait()
        return store.add_contribution(workshop.code, {"n": n}, hash_client(f"10.0.{n // 250}.{n % 250}", "k"))

    with ThreadPoolExecutor(max_workers=200) as pool:
        ids = list(pool.map(submit, range(200)))
    assert len(set(ids)) == 200
    rows = store.contributions_for_moderation(workshop.code)
    assert sorted(row["id"] for row in rows) == sorted(ids)
    assert sorted(row["payload"]["n"] for row in rows) == list(range(200))


def test_simultaneous_releases_release_each_contribution_once(store, workshop, client_hash):
    for n in range(23):
        store.add_contribution(workshop.code, {"n": n}, client_hash)
    start = threading.Barrier(10)

    def release(_):
        start.wait()
        return store.release_batches(workshop.code, 5)

    with ThreadPoolExecutor(max_workers=10) as pool:
        released = sorted(pool.map(release, range(10)))
    assert released == [0] * 9 + [23]
    assert {row["batch"] for row in store.contributions_for_moderation(workshop.code)} == {1}


def test_releases_racing_submissions_never_release_twice_nor_a_small_batch(store, workshop, client_hash):
    tasks = [("add", n) for n in range(80)]
    tasks[3::3] = [("release", None)] * len(tasks[3::3])  # a release after every two submissions
    start = threading.Barrier(32)

    def run(task):
        kind, n = task
        if kind == "add":
            store.add_contribution(workshop.code, {"n": n}, client_hash)
            return 0
        return store.release_batches(workshop.code, 5)

    def first_wave(task):
        start.wait()
        return run(task)

    with ThreadPoolExecutor(max_workers=32) as pool:
        racing = list(pool.map(first_wave, tasks[:32])) + list(pool.map(run, tasks[32:]))
    releases = [size for size in racing if size]
    assert releases and all(size >= 5 for size in releases)  # no batch smaller than min_count
    rest = store.release_batches(workshop.code, 1)

    rows = store.contributions_for_moderation(workshop.code)
    added = sum(kind == "add" for kind, _ in tasks)
    assert len(rows) == added and all(row["batch"] is not None for row in rows)
    sizes = Counter(row["batch"] for row in rows)
    assert sorted(sizes) == list(range(1, len(sizes) + 1))  # batch numbers 1..k, none skipped or reused
    # Each release made exactly one batch of the size it reported, so none took a contribution twice.
    assert sorted(sizes.values()) == sorted(releases + ([rest] if rest else []))
    assert sum(releases) + rest == added
    assert len(store.released_contributions(workshop.code)) == added
