"""Storage that loses nothing: workshops, their contributions, and uploaded datasets.

SQLite by default (a file created on first use, WAL mode, nothing to install);
PostgreSQL when the app is given a ``postgresql://`` URL (read ``DATABASE_URL`` in
the app, then ``Store.from_url(url)``). Imports SQLAlchemy and ``pathways`` at most,
never the UI.

Examples
--------
>>> from storage import Store, UnknownWorkshop
>>> store = Store.from_url("sqlite://")
>>> try:
...     store.add_contribution("NOPE42", {}, hash_client("192.0.2.1", "k"))
... except UnknownWorkshop as error:
...     print(error)
There is no workshop with the code 'NOPE42'.
"""

from storage.codes import hash_client
from storage.engine import DEFAULT_URL
from storage.errors import (
    UNAVAILABLE_MESSAGE,
    StorageError,
    StorageUnavailable,
    UnknownContribution,
    UnknownDataset,
    UnknownWorkshop,
    WorkshopClosed,
)
from storage.repository import Store, StoredDataset, Workshop

__all__ = [
    "DEFAULT_URL",
    "UNAVAILABLE_MESSAGE",
    "StorageError",
    "StorageUnavailable",
    "Store",
    "StoredDataset",
    "UnknownContribution",
    "UnknownDataset",
    "UnknownWorkshop",
    "Workshop",
    "WorkshopClosed",
    "hash_client",
]
