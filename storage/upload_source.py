"""Uploaded datasets as a source of the app's catalogue (:class:`pathways.catalogue.Source`).

Each stored dataset is a zip archive in the database, so every worker on every
host sees the same list and loads the same data. Loading unpacks the archive
into a temporary folder with the checks of an upload
(:func:`pathways.uploads.read_dataset_zip`). A database that cannot be
reached lists no uploads rather than breaking the pages of the bundled dataset.

Examples
--------
>>> from pathways.catalogue import Catalogue
>>> from pathways.packaging import build_zip
>>> from storage import Store
>>> store = Store.from_url("sqlite://")
>>> _ = store.save_dataset("demo", "Demo survey", build_zip({
...     "dataset.yaml": "name: Demo survey\\nkind: survey\\n",
...     "roles.csv": "role_id,title,sector,stage\\nphd,PhD,education,student\\n",
...     "careers.csv": "person_id,seq,role_id\\np1,1,phd\\n"}))
>>> catalogue = Catalogue("bundled", "Bundled", lambda: None, sources=[upload_source(store)])
>>> catalogue.choices()[1:]
[('demo', 'Demo survey (uploaded)')]
>>> catalogue.model("demo").info.kind
'survey'
"""

from pathways.catalogue import Source
from pathways.loading import MAX_FILE_BYTES
from pathways.problems import DatasetError
from pathways.uploads import read_dataset_zip
from storage.errors import StorageUnavailable, UnknownDataset

LABEL = "{name} (uploaded)"


def upload_source(store, max_file_bytes=MAX_FILE_BYTES, label=LABEL):
    """A catalogue source over the datasets uploaded to ``store``.

    Parameters
    ----------
    store : storage.Store
    max_file_bytes : int
        The file size limit the datasets were checked against when uploaded.
    label : str
        How a dataset is named in the dataset selector; ``{name}`` is its name.

    Returns
    -------
    pathways.catalogue.Source
        ``list_keys`` gives ``(key, label)`` newest first (none while the
        database is unreachable); ``load`` and ``version`` raise ``KeyError``
        for a key that is not stored (or cannot be read now), so the
        catalogue falls back to the bundled dataset with a notice. The version
        is the time the dataset was stored.
    """

    def stored():
        try:
            return store.list_datasets()
        except StorageUnavailable:
            return []

    def list_keys():
        return [(item.key, label.format(name=item.name)) for item in stored()]

    def version(key):
        for item in stored():
            if item.key == key:
                return item.created.isoformat()
        raise KeyError(key)

    def load(key):
        try:
            archive = store.load_dataset_zip(key)
        except (UnknownDataset, StorageUnavailable) as error:
            raise KeyError(key) from error
        try:
            return read_dataset_zip(archive, max_file_bytes=max_file_bytes)
        except DatasetError as error:
            # Stored archives passed these checks; a lower limit since then makes one unreadable.
            raise KeyError(key) from error

    return Source(list_keys=list_keys, load=load, version=version)
