"""Uploaded datasets as a catalogue source, on SQLite and PostgreSQL."""

import pytest

from pathways.catalogue import Catalogue
from pathways.packaging import build_zip, dataset_zip
from storage import Store
from storage.upload_source import upload_source
from tests.conftest import TINY


@pytest.fixture(scope="module")
def tiny_archive():
    from pathways.loading import load_dataset

    return dataset_zip(load_dataset(TINY), raw=True, folder="tiny")


def test_lists_the_stored_datasets_newest_first(store, tiny_archive):
    source = upload_source(store)
    assert source.list_keys() == []
    store.save_dataset("first", "First survey", tiny_archive)
    store.save_dataset("second", "Second survey", tiny_archive)
    assert source.list_keys() == [
        ("second", "Second survey (uploaded)"),
        ("first", "First survey (uploaded)"),
    ]


def test_loads_a_stored_dataset_as_it_was_uploaded(store, tiny, tiny_archive):
    store.save_dataset("tiny", "Tiny", tiny_archive)
    loaded = upload_source(store).load("tiny")
    assert loaded.summary() == tiny.summary()
    assert loaded.info == tiny.info


def test_the_version_is_the_time_it_was_stored(store, tiny_archive):
    source = upload_source(store)
    stored = store.save_dataset("tiny", "Tiny", tiny_archive)
    assert source.version("tiny") == stored.created.isoformat()
    again = store.save_dataset("tiny", "Tiny", tiny_archive)
    assert source.version("tiny") == again.created.isoformat()


def test_unknown_keys_raise_key_error(store):
    source = upload_source(store)
    with pytest.raises(KeyError):
        source.load("nope")
    with pytest.raises(KeyError):
        source.version("nope")


def test_an_archive_over_todays_limits_is_treated_as_unknown(store, tiny_archive):
    store.save_dataset("tiny", "Tiny", tiny_archive)
    with pytest.raises(KeyError):
        upload_source(store, max_file_bytes=50).load("tiny")


def test_a_database_that_is_down_lists_nothing_and_loads_nothing(backend):
    with Store.from_url(backend.unavailable_urls[0]) as down:
        source = upload_source(down)
        assert source.list_keys() == []
        with pytest.raises(KeyError):
            source.load("tiny")
        with pytest.raises(KeyError):
            source.version("tiny")


def test_the_catalogue_serves_an_upload_and_rebuilds_it_when_replaced(store, tiny, tiny_archive):
    catalogue = Catalogue("bundled", "Bundled", lambda: tiny, sources=[upload_source(store)])
    store.save_dataset("tiny", "Tiny", tiny_archive)
    model, notice = catalogue.model_for({"dataset": "tiny"})
    assert notice is None
    assert model.info.name == "Tiny hand-counted fixture"
    assert catalogue.model("tiny") is model
    other = build_zip(
        {
            "dataset.yaml": "name: Replaced\nkind: survey\n",
            "roles.csv": "role_id,title,sector,stage\nphd,PhD,education,student\n",
            "careers.csv": "person_id,seq,role_id\np1,1,phd\n",
        }
    )
    store.save_dataset("tiny", "Replaced", other)
    assert catalogue.model("tiny").info.name == "Replaced"
    store.delete_dataset("tiny")
    model, notice = catalogue.model_for({"dataset": "tiny"})
    assert notice == "Ignored dataset 'tiny' in the address: there is no such dataset."
    assert model.dataset is tiny
