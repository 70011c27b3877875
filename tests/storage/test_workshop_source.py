"""Workshops as datasets of the catalogue, and their export as a dataset folder: SQLite and PostgreSQL."""

import io
import zipfile

import pytest
import yaml

from pathways.catalogue import Catalogue
from pathways.loading import load_dataset
from storage import Store, hash_client
from storage.workshop_source import dataset_key, export_archive, parse_key, workshop_source

PAYLOAD = {
    "v": 1,
    "steps": [{"role": "phd", "start": 2012}, {"role": "postdoc", "start": 2016}],
    "answers": {"recognised": 4, "fixed_term": 1},
    "attributes": {"gender": "woman"},
}


def contribute(store, code, count, payload=PAYLOAD):
    client = hash_client("192.0.2.50", "test-secret")
    return [store.add_contribution(code, payload, client) for _ in range(count)]


@pytest.fixture()
def source(store, tiny):
    return workshop_source(store, lambda: tiny)


def test_every_workshop_is_listed_alone_and_merged(store, source):
    first = store.create_workshop("Leeds careers day")
    second = store.create_workshop("Cambridge")
    store.close_workshop(second.code)
    keys = dict(source.list_keys())
    assert keys == {
        dataset_key(first.code): "Workshop Leeds careers day: contributions only",
        dataset_key(first.code, merged=True): "Workshop Leeds careers day: with the bundled data",
        dataset_key(second.code): "Workshop Cambridge: contributions only",
        dataset_key(second.code, merged=True): "Workshop Cambridge: with the bundled data",
    }
    assert parse_key(dataset_key(first.code, merged=True)) == (first.code, True)
    assert len(workshop_source(store, lambda: None, merged=False).list_keys()) == 2


def test_only_released_visible_contributions_are_loaded(store, workshop, source):
    key = dataset_key(workshop.code)
    assert source.load(key).summary()["people"] == 0
    ids = contribute(store, workshop.code, 5)
    assert source.load(key).summary()["people"] == 0  # waiting for the batch
    assert store.release_batches(workshop.code, min_count=5) == 5
    contribute(store, workshop.code, 2)  # the next batch is not there yet
    room = source.load(key)
    assert room.summary() == {"people": 5, "episodes": 10, "transitions": 5, "roles": 9, "responses": 10}
    assert room.info.kind == "contributions" and workshop.code in room.info.name
    assert room.info.licence == "as agreed with participants"
    store.hide_contribution(ids[0])
    assert source.load(key).summary()["people"] == 4


def test_merged_adds_the_room_to_the_base(store, workshop, source, tiny):
    contribute(store, workshop.code, 5)
    store.release_batches(workshop.code, min_count=5)
    merged = source.load(dataset_key(workshop.code, merged=True))
    assert merged.summary()["people"] == 13 + 5
    assert merged.info.kind == "synthetic" and merged.info.disclosure == tiny.info.disclosure


def test_the_version_changes_with_a_release_or_a_hidden_contribution(store, workshop, source):
    key = dataset_key(workshop.code)
    ids = contribute(store, workshop.code, 5)
    before = source.version(key)
    assert source.version(key) == before
    store.release_batches(workshop.code, min_count=5)
    released = source.version(key)
    assert released != before and released[0] == 5
    store.hide_contribution(ids[2])
    assert source.version(key)[0] == 4
    store.hide_contribution(ids[2], hidden=False)
    assert source.version(key) == released


def test_unknown_keys_are_key_errors(store, workshop, source):
    for key in ("workshop-nope99", "bundled", "workshop-", "workshop-no spaces"):
        with pytest.raises(KeyError):
            source.load(key)


def test_a_catalogue_serves_the_room_and_rebuilds_it_after_a_batch(store, workshop, source, tiny):
    catalogue = Catalogue("bundled", tiny.info.name, lambda: tiny, sources=[source])
    key = dataset_key(workshop.code)
    assert key in dict(catalogue.choices())
    first = catalogue.model(key)
    assert catalogue.model(key) is first
    contribute(store, workshop.code, 5)
    store.release_batches(workshop.code, min_count=5)
    second = catalogue.model(key)
    assert second is not first and len(second.dataset.people) == 5
    model, notice = catalogue.model_for({"dataset": key})
    assert model is second and notice is None


def test_an_unreachable_database_lists_nothing_and_loads_nothing(backend, tiny):
    with Store.from_url(backend.unavailable_urls[0]) as down:
        source = workshop_source(down, lambda: tiny)
        assert source.list_keys() == []
        assert source.version("workshop-ab3k9q") is None
        with pytest.raises(KeyError):
            source.load("workshop-ab3k9q")


def test_the_export_is_a_dataset_folder_that_loads(store, workshop, tiny, tmp_path):
    ids = contribute(store, workshop.code, 5)
    other = {
        "steps": [{"role": "msc"}, {"role": "other", "sector": "public", "stage": "early"}],
        "answers": {},
    }
    contribute(store, workshop.code, 5, other)
    store.release_batches(workshop.code, min_count=5)
    contribute(store, workshop.code, 3)  # not released: not exported
    store.hide_contribution(ids[0])  # hidden: not exported
    name, data = export_archive(store, workshop.code, tiny)
    folder = dataset_key(workshop.code)
    assert name == f"{folder}.zip"
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    archive.extractall(tmp_path)
    loaded = load_dataset(tmp_path / folder)
    assert loaded.summary() == {"people": 9, "episodes": 18, "transitions": 9, "roles": 10, "responses": 8}
    assert loaded.info.kind == "contributions"
    assert loaded.info.licence == "as agreed with participants"
    assert loaded.roles.loc["other-public-early", "title"] == "Other role (Public sector, early career)"
    assert loaded.people["gender"].value_counts().to_dict() == {"woman": 4}
    metadata = yaml.safe_load((tmp_path / folder / "dataset.yaml").read_text(encoding="utf-8"))
    assert "disclosure" not in metadata  # the defaults of quality.md
    assert metadata["attributes"] == {"gender": "Gender", "contract": "Contract"}
    readme = (tmp_path / folder / "README.txt").read_text(encoding="utf-8")
    assert "Test workshop" in readme and workshop.code in readme
    assert "Licence: as agreed with participants." in readme
    assert "9 contributions" in readme
