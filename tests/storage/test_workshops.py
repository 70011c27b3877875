"""Workshops: create, find by code in any case, list, close."""

from datetime import UTC, datetime, timedelta

import pytest

from storage import Store, UnknownWorkshop, Workshop, WorkshopClosed
from storage.codes import CODE_ALPHABET


def test_a_new_workshop_is_open_with_a_six_character_code(store):
    before = datetime.now(UTC)
    workshop = store.create_workshop("  Leeds careers day ", dataset="illustrative")
    assert isinstance(workshop, Workshop)
    assert len(workshop.code) == 6 and set(workshop.code) <= set(CODE_ALPHABET)
    assert (workshop.name, workshop.dataset, workshop.open) == ("Leeds careers day", "illustrative", True)
    assert before - timedelta(seconds=1) <= workshop.created <= datetime.now(UTC) + timedelta(seconds=1)
    assert workshop.created.tzinfo is not None


def test_get_workshop_round_trips_and_ignores_case_and_spaces(store):
    workshop = store.create_workshop("Round trip")
    found = store.get_workshop(f" {workshop.code.lower()} ")
    assert found == workshop


def test_every_workshop_gets_its_own_code(store):
    created = [store.create_workshop(f"Workshop {n}") for n in range(20)]
    assert len({workshop.code for workshop in created}) == 20
    assert sorted(w.code for w in store.list_workshops()) == sorted(w.code for w in created)


def test_list_workshops_is_newest_first(store):
    first = store.create_workshop("First")
    second = store.create_workshop("Second")
    assert [w.code for w in store.list_workshops()] == [second.code, first.code]


def test_an_empty_store_lists_no_workshops(store):
    assert store.list_workshops() == []


def test_close_workshop_closes_it_for_every_store_on_the_database(store, backend, client_hash):
    workshop = store.create_workshop("Closing")
    closed = store.close_workshop(workshop.code.lower())
    assert closed.open is False and closed.code == workshop.code
    with Store.from_url(backend.url) as other_worker:
        assert other_worker.get_workshop(workshop.code).open is False
        with pytest.raises(WorkshopClosed):
            other_worker.add_contribution(workshop.code, {"steps": []}, client_hash)
    assert store.contributions_for_moderation(workshop.code) == []


@pytest.mark.parametrize("code", ["ZZZZZZ", "", "no such code", "A" * 40])
def test_unknown_codes_raise_unknown_workshop(store, code, client_hash):
    calls = [
        lambda: store.get_workshop(code),
        lambda: store.close_workshop(code),
        lambda: store.add_contribution(code, {}, client_hash),
        lambda: store.pending_count(code),
        lambda: store.release_batches(code, 5),
        lambda: store.released_contributions(code),
        lambda: store.contributions_for_moderation(code),
    ]
    for call in calls:
        with pytest.raises(UnknownWorkshop):
            call()


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_a_workshop_needs_a_name(store, name):
    with pytest.raises(ValueError):
        store.create_workshop(name)
