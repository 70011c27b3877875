"""Contributions: stored, moderated, released in batches without revealing arrival order."""

from datetime import UTC, datetime, timedelta

import pytest

import storage.repository
from storage import UnknownContribution, hash_client

PAYLOAD = {
    "steps": [{"role": "phd", "start": 2015}, {"role": "nhs-analyst", "start": 2020}],
    "barriers": {"B1": 4, "B2": 2},
    "attributes": {"gender": "woman"},
    "note": "naïve – unicode ✓",
}


def test_a_contribution_round_trips_for_moderation(store, workshop, client_hash):
    before = datetime.now(UTC)
    contribution_id = store.add_contribution(workshop.code.lower(), PAYLOAD, client_hash)
    [row] = store.contributions_for_moderation(workshop.code)
    assert set(row) == {"id", "payload", "hidden", "batch", "received"}
    assert (row["id"], row["payload"], row["hidden"], row["batch"]) == (contribution_id, PAYLOAD, False, None)
    assert before - timedelta(seconds=1) <= row["received"] <= datetime.now(UTC) + timedelta(seconds=1)


def test_moderation_lists_contributions_in_arrival_order_of_that_workshop_only(store, client_hash):
    one, two = store.create_workshop("One"), store.create_workshop("Two")
    ids = [store.add_contribution(one.code, {"n": n}, client_hash) for n in range(3)]
    store.add_contribution(two.code, {"n": 99}, client_hash)
    rows = store.contributions_for_moderation(one.code)
    assert [row["id"] for row in rows] == ids
    assert [row["payload"] for row in rows] == [{"n": 0}, {"n": 1}, {"n": 2}]


@pytest.mark.parametrize("raw_address", ["192.0.2.1", "2001:db8::1", "", "ABC"])
def test_a_raw_client_address_is_refused(store, workshop, raw_address):
    with pytest.raises(ValueError, match="hex digest"):
        store.add_contribution(workshop.code, PAYLOAD, raw_address)
    assert store.contributions_for_moderation(workshop.code) == []


@pytest.mark.parametrize("payload", [["a list"], "text", {"big": "x" * 70_000}])
def test_a_payload_must_be_a_small_dict(store, workshop, client_hash, payload):
    with pytest.raises(ValueError):
        store.add_contribution(workshop.code, payload, client_hash)


def test_count_recent_counts_one_client_across_workshops(store, client_hash):
    one, two = store.create_workshop("One"), store.create_workshop("Two")
    other = hash_client("198.51.100.9", "test-secret")
    for code in (one.code, two.code, one.code):
        store.add_contribution(code, {}, client_hash)
    store.add_contribution(one.code, {}, other)
    assert store.count_recent(client_hash, 60) == 3
    assert store.count_recent(other, 60) == 1
    assert store.count_recent(hash_client("203.0.113.1", "test-secret"), 60) == 0


def test_count_recent_ignores_contributions_older_than_the_window(store, workshop, client_hash, monkeypatch):
    two_hours_ago = datetime.now(UTC) - timedelta(hours=2)
    monkeypatch.setattr(storage.repository, "_now", lambda: two_hours_ago)
    store.add_contribution(workshop.code, {}, client_hash)
    monkeypatch.undo()
    store.add_contribution(workshop.code, {}, client_hash)
    assert store.count_recent(client_hash, 3600) == 1
    assert store.count_recent(client_hash, 3 * 3600) == 2


def test_nothing_is_released_below_min_count(store, workshop, client_hash):
    for n in range(4):
        store.add_contribution(workshop.code, {"n": n}, client_hash)
    assert store.release_batches(workshop.code, 5) == 0
    assert store.pending_count(workshop.code) == 4
    assert store.released_contributions(workshop.code) == []


def test_release_puts_all_waiting_contributions_in_one_new_batch(store, workshop, client_hash):
    for n in range(7):
        store.add_contribution(workshop.code, {"n": n}, client_hash)
    assert store.release_batches(workshop.code, 5) == 7
    assert store.pending_count(workshop.code) == 0
    assert store.release_batches(workshop.code, 1) == 0
    for n in range(7, 12):
        store.add_contribution(workshop.code, {"n": n}, client_hash)
    assert store.pending_count(workshop.code) == 5
    assert store.release_batches(workshop.code, 5) == 5
    batches = [row["batch"] for row in store.contributions_for_moderation(workshop.code)]
    assert batches == [1] * 7 + [2] * 5
    assert sorted(p["n"] for p in store.released_contributions(workshop.code)) == list(range(12))


def test_batches_are_numbered_per_workshop(store, client_hash):
    one, two = store.create_workshop("One"), store.create_workshop("Two")
    for code in (one.code, two.code):
        store.add_contribution(code, {}, client_hash)
        store.release_batches(code, 1)
    assert [row["batch"] for row in store.contributions_for_moderation(two.code)] == [1]


def test_hidden_contributions_are_never_released(store, workshop, client_hash):
    ids = [store.add_contribution(workshop.code, {"n": n}, client_hash) for n in range(6)]
    store.hide_contribution(ids[0])
    store.hide_contribution(ids[1])
    assert store.pending_count(workshop.code) == 4
    assert store.release_batches(workshop.code, 5) == 0
    store.add_contribution(workshop.code, {"n": 6}, client_hash)
    assert store.release_batches(workshop.code, 5) == 5
    assert sorted(p["n"] for p in store.released_contributions(workshop.code)) == [2, 3, 4, 5, 6]
    rows = {row["id"]: row for row in store.contributions_for_moderation(workshop.code)}
    assert (rows[ids[0]]["hidden"], rows[ids[0]]["batch"]) == (True, None)


def test_hiding_a_released_contribution_removes_it_and_unhiding_restores_it(store, workshop, client_hash):
    ids = [store.add_contribution(workshop.code, {"n": n}, client_hash) for n in range(5)]
    store.release_batches(workshop.code, 5)
    store.hide_contribution(ids[2])
    assert sorted(p["n"] for p in store.released_contributions(workshop.code)) == [0, 1, 3, 4]
    store.hide_contribution(ids[2], hidden=False)
    assert sorted(p["n"] for p in store.released_contributions(workshop.code)) == [0, 1, 2, 3, 4]


def test_hiding_an_unknown_contribution_raises(store):
    with pytest.raises(UnknownContribution):
        store.hide_contribution(123456)


def test_released_order_does_not_follow_arrival_and_carries_no_time(store, workshop, client_hash):
    payloads = [{"n": n} for n in range(40)]
    for payload in payloads:
        store.add_contribution(workshop.code, payload, client_hash)
    store.release_batches(workshop.code, 5)
    released = store.released_contributions(workshop.code)
    assert sorted(released, key=lambda p: p["n"]) == payloads  # exactly what was sent: no time, id or batch
    order = [p["n"] for p in released]
    assert order != list(range(40)) and order != list(range(39, -1, -1))
    # Far from arrival order, not a near-sorted list: few neighbours are consecutive arrivals.
    assert sum(b - a == 1 for a, b in zip(order, order[1:])) < 10
    assert [p["n"] for p in store.released_contributions(workshop.code)] == order


def test_min_count_must_be_positive(store, workshop):
    with pytest.raises(ValueError):
        store.release_batches(workshop.code, 0)
