"""Uploaded datasets: kept in the database as zip archives, so every worker can load them."""

import io
import zipfile

import pytest

from storage import Store, StoredDataset, UnknownDataset


def _zip(**files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ARCHIVE = _zip(**{"dataset.yaml": "name: Alumni\n", "careers.csv": "person_id,seq,role_id\n"})


def test_a_dataset_round_trips_and_any_worker_can_load_it(store, backend):
    saved = store.save_dataset("alumni-2025", "Alumni 2025", ARCHIVE)
    assert isinstance(saved, StoredDataset)
    assert (saved.key, saved.name, saved.size) == ("alumni-2025", "Alumni 2025", len(ARCHIVE))
    with Store.from_url(backend.url) as other_worker:
        assert other_worker.load_dataset_zip("alumni-2025") == ARCHIVE
        [listed] = other_worker.list_datasets()
    assert (listed.key, listed.name, listed.size) == (saved.key, saved.name, saved.size)
    assert listed.created.tzinfo is not None


def test_a_large_binary_archive_is_stored_byte_for_byte(store):
    archive = _zip(**{"careers.csv": bytes(range(256)) * 4096})  # 1 MiB of every byte value
    store.save_dataset("big", "Big", archive)
    assert store.load_dataset_zip("big") == archive


def test_saving_under_the_same_key_replaces_the_dataset(store):
    store.save_dataset("survey", "First", ARCHIVE)
    replacement = _zip(**{"dataset.yaml": "name: Second\n"})
    store.save_dataset("survey", "Second", replacement)
    assert store.load_dataset_zip("survey") == replacement
    assert [(d.key, d.name) for d in store.list_datasets()] == [("survey", "Second")]


def test_list_datasets_is_newest_first(store):
    for key in ("one", "two", "three"):
        store.save_dataset(key, key.title(), ARCHIVE)
    assert [d.key for d in store.list_datasets()] == ["three", "two", "one"]


def test_a_deleted_dataset_is_gone(store):
    store.save_dataset("gone", "Gone", ARCHIVE)
    store.delete_dataset("gone")
    assert store.list_datasets() == []
    with pytest.raises(UnknownDataset):
        store.load_dataset_zip("gone")
    with pytest.raises(UnknownDataset):
        store.delete_dataset("gone")


@pytest.mark.parametrize("key", ["", "Upper", "../etc", "a b", "x" * 65])
def test_dataset_keys_are_checked(store, key):
    with pytest.raises(ValueError):
        store.save_dataset(key, "Name", ARCHIVE)


def test_only_zip_archives_are_stored(store):
    with pytest.raises(ValueError, match="zip"):
        store.save_dataset("plain", "Plain", b"person_id,seq\n")
    assert store.list_datasets() == []
