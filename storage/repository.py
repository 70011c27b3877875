"""The :class:`Store`: every read and write of workshops, contributions and uploaded datasets.

Each method is one transaction and returns plain values. A method that writes returns
only after the commit, so a caller that acknowledges on return never acknowledges
something that was not saved. A store is safe to share between threads; it keeps no
state but its engine, so any worker on any host can serve any request.
"""

import hashlib
import hmac
import io
import json
import secrets
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, exc, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from storage import codes
from storage.engine import WRITE, build_engine, is_memory, normalise_url
from storage.errors import (
    StorageUnavailable,
    UnknownContribution,
    UnknownDataset,
    UnknownWorkshop,
    WorkshopClosed,
)
from storage.schema import contributions, datasets, metadata, workshops

# Errors that mean "the database is not there right now", as opposed to a bug in a query.
_UNAVAILABLE = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError, exc.DisconnectionError, OSError)
_SCHEMA_LOCK_KEY = 7_240_519_021  # pg_advisory_xact_lock: one process creates the tables at a time
_CODE_ATTEMPTS = 8


@dataclass(frozen=True)
class Workshop:
    """A workshop: participants contribute to it with its ``code``. ``created`` is for organisers."""

    code: str
    name: str
    dataset: str | None
    open: bool
    created: datetime


@dataclass(frozen=True)
class StoredDataset:
    """An uploaded dataset, without its archive (see :meth:`Store.load_dataset_zip`)."""

    key: str
    name: str
    size: int
    created: datetime


def _utc(value):
    # SQLite hands back naive datetimes; every stored time is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _now():
    return datetime.now(UTC)


@contextmanager
def _unavailable_on_failure():
    try:
        yield
    except _UNAVAILABLE as error:
        raise StorageUnavailable() from error
    except exc.DBAPIError as error:
        if error.connection_invalidated:
            raise StorageUnavailable() from error
        raise


class Store:
    """Workshops, contributions and uploaded datasets in one SQL database.

    Build it with :meth:`from_url`; nothing connects until the first call, so an
    app starts even while its database is down, and each call that cannot reach the
    database raises :class:`~storage.StorageUnavailable` with a message for people.

    Examples
    --------
    >>> from storage import hash_client
    >>> store = Store.from_url("sqlite://")
    >>> workshop = store.create_workshop("Leeds careers day")
    >>> client = hash_client("192.0.2.7", "secret")
    >>> ids = [store.add_contribution(workshop.code, {"steps": [n]}, client) for n in range(3)]
    >>> store.pending_count(workshop.code), store.release_batches(workshop.code, min_count=3)
    (3, 3)
    >>> sorted(p["steps"][0] for p in store.released_contributions(workshop.code))
    [0, 1, 2]
    >>> store.close()
    """

    def __init__(self, engine):
        self._engine = engine
        self._schema_ready = False
        self._schema_lock = threading.Lock()

    @classmethod
    def from_url(cls, url=None):
        """A store on ``url`` (``sqlite:///...`` or ``postgresql://...``); None for the default file.

        The default is ``sqlite:///instance/pathways.sqlite3``, relative to the working
        directory; the file and its folder are created on first use.
        """
        return cls(build_engine(normalise_url(url)))

    @property
    def backend(self):
        """``'sqlite'`` or ``'postgresql'``."""
        return self._engine.dialect.name

    def __repr__(self):
        return f"Store({self._engine.url.render_as_string(hide_password=True)!r})"

    def close(self):
        """Close the pooled connections; the store reconnects if used again."""
        self._engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *_exc_info):
        self.close()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def _transaction(self, write=False):
        self.create_schema()
        with _unavailable_on_failure(), self._engine.connect() as connection:
            if write:
                connection = connection.execution_options(**{WRITE: True})
            with connection.begin():
                yield connection

    def create_schema(self):
        """Create the tables if they are missing (done on first use; safe from many processes)."""
        if self._schema_ready:
            return
        with self._schema_lock, _unavailable_on_failure():
            if self._schema_ready:
                return
            url = self._engine.url
            if url.get_backend_name() == "sqlite" and not is_memory(url):
                Path(url.database).parent.mkdir(parents=True, exist_ok=True)
            with self._engine.connect() as connection:
                connection = connection.execution_options(**{WRITE: True})
                with connection.begin():
                    if self.backend == "postgresql":
                        connection.execute(
                            text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK_KEY}
                        )
                    metadata.create_all(connection)
            self._schema_ready = True

    def _workshop_row(self, connection, code, lock=None):
        normal = codes.normalise_code(code)
        query = select(workshops).where(workshops.c.code == normal)
        if lock == "share":
            query = query.with_for_update(read=True)
        elif lock == "update":
            query = query.with_for_update()
        row = connection.execute(query).first() if normal else None
        if row is None:
            raise UnknownWorkshop(code)
        return row

    # -- workshops ----------------------------------------------------------------------

    def create_workshop(self, name, dataset=None):
        """A new open workshop with a fresh random code (six letters and digits)."""
        name = codes.check_name(name)
        if dataset is not None:
            codes.check_dataset_key(dataset)
        for _ in range(_CODE_ATTEMPTS):
            row = {
                "code": codes.new_code(),
                "name": name,
                "dataset": dataset,
                "open": True,
                "created": _now(),
                "shuffle_key": secrets.token_hex(32),
            }
            try:
                with self._transaction(write=True) as connection:
                    connection.execute(insert(workshops).values(**row))
            except exc.IntegrityError:
                continue  # the code was taken: draw another
            return _workshop(row)
        raise RuntimeError("could not draw an unused workshop code")

    def get_workshop(self, code):
        """The workshop with this code (any case); raises :class:`UnknownWorkshop`."""
        with self._transaction() as connection:
            return _workshop(self._workshop_row(connection, code)._mapping)

    def list_workshops(self):
        """Every workshop, newest first."""
        with self._transaction() as connection:
            rows = connection.execute(select(workshops).order_by(workshops.c.created.desc()))
            return [_workshop(row._mapping) for row in rows]

    def close_workshop(self, code):
        """Stop a workshop taking contributions; returns it, closed."""
        with self._transaction(write=True) as connection:
            row = self._workshop_row(connection, code, lock="update")
            connection.execute(update(workshops).where(workshops.c.code == row.code).values(open=False))
        return _workshop({**row._mapping, "open": False})

    # -- contributions ------------------------------------------------------------------

    def add_contribution(self, code, payload, client_hash):
        """Store a contribution and return its id, after the commit.

        Raises :class:`UnknownWorkshop`, :class:`WorkshopClosed` or
        :class:`StorageUnavailable`; in each case nothing was stored.
        """
        document = codes.encode_payload(payload)
        codes.check_client_hash(client_hash)
        with self._transaction(write=True) as connection:
            # FOR SHARE: a workshop being closed at this moment waits for us, or we for it.
            row = self._workshop_row(connection, code, lock="share")
            if not row.open:
                raise WorkshopClosed(row.code)
            result = connection.execute(
                insert(contributions).values(
                    workshop_code=row.code,
                    payload=document,
                    hidden=False,
                    batch=None,
                    received=_now(),
                    client_hash=client_hash,
                )
            )
            contribution_id = result.inserted_primary_key[0]
        return contribution_id

    def count_recent(self, client_hash, seconds):
        """How many contributions this client sent in the last ``seconds``, in any workshop."""
        codes.check_client_hash(client_hash)
        since = _now() - timedelta(seconds=seconds)
        query = select(func.count()).where(
            contributions.c.client_hash == client_hash, contributions.c.received >= since
        )
        with self._transaction() as connection:
            return connection.execute(query).scalar_one()

    def pending_count(self, code):
        """How many visible contributions wait for the next batch."""
        with self._transaction() as connection:
            row = self._workshop_row(connection, code)
            return connection.execute(select(func.count()).where(*_pending(row.code))).scalar_one()

    def release_batches(self, code, min_count):
        """Release the waiting visible contributions as one new batch if there are ``min_count``.

        Returns how many were released (0 when fewer than ``min_count`` wait). Safe to
        call from many workers at once: a contribution joins exactly one batch.
        """
        if min_count < 1:
            raise ValueError("min_count must be at least 1")
        with self._transaction(write=True) as connection:
            # Locking the workshop row serialises releases of one workshop (PostgreSQL);
            # SQLite's BEGIN IMMEDIATE already serialises every writer.
            row = self._workshop_row(connection, code, lock="update")
            waiting = select(contributions.c.id).where(*_pending(row.code)).with_for_update()
            ids = connection.execute(waiting).scalars().all()
            if len(ids) < min_count:
                return 0
            latest = select(func.max(contributions.c.batch)).where(contributions.c.workshop_code == row.code)
            batch = (connection.execute(latest).scalar() or 0) + 1
            connection.execute(update(contributions).where(contributions.c.id.in_(ids)).values(batch=batch))
        return len(ids)

    def released_contributions(self, code):
        """The payloads of released, visible contributions, in an order unrelated to arrival.

        The order is fixed for a workshop (by a keyed hash of each id), so a page shows the
        same order on every worker; it carries no time, id or batch.
        """
        with self._transaction() as connection:
            row = self._workshop_row(connection, code)
            query = select(contributions.c.id, contributions.c.payload).where(
                contributions.c.workshop_code == row.code,
                contributions.c.batch.is_not(None),
                contributions.c.hidden.is_(False),
            )
            released = connection.execute(query).all()
        key = row.shuffle_key.encode()

        def shuffled(item):
            return hmac.new(key, str(item.id).encode(), hashlib.sha256).digest()

        return [json.loads(item.payload) for item in sorted(released, key=shuffled)]

    def hide_contribution(self, contribution_id, hidden=True):
        """Hide a contribution from every shared view (``hidden=False`` shows it again)."""
        with self._transaction(write=True) as connection:
            result = connection.execute(
                update(contributions).where(contributions.c.id == contribution_id).values(hidden=bool(hidden))
            )
            if result.rowcount == 0:
                raise UnknownContribution(contribution_id)

    def contributions_for_moderation(self, code):
        """Every contribution of a workshop in arrival order, for its organisers.

        Dicts with ``id``, ``payload`` (a dict), ``hidden``, ``batch`` (None until released)
        and ``received`` (UTC); never the client hash.
        """
        columns = [contributions.c[name] for name in ("id", "payload", "hidden", "batch", "received")]
        with self._transaction() as connection:
            row = self._workshop_row(connection, code)
            query = (
                select(*columns).where(contributions.c.workshop_code == row.code).order_by(contributions.c.id)
            )
            rows = connection.execute(query).all()
        return [
            {
                "id": item.id,
                "payload": json.loads(item.payload),
                "hidden": bool(item.hidden),
                "batch": item.batch,
                "received": _utc(item.received),
            }
            for item in rows
        ]

    # -- uploaded datasets --------------------------------------------------------------

    def save_dataset(self, key, name, zip_bytes):
        """Store (or replace) an uploaded dataset folder as a zip archive."""
        codes.check_dataset_key(key)
        name = codes.check_name(name)
        archive = bytes(zip_bytes)
        if not zipfile.is_zipfile(io.BytesIO(archive)):
            raise ValueError("a dataset must be stored as a zip archive")
        values = {"key": key, "name": name, "archive": archive, "size": len(archive), "created": _now()}
        dialect_insert = postgresql.insert if self.backend == "postgresql" else sqlite.insert
        statement = dialect_insert(datasets).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=[datasets.c.key],
            set_={column: statement.excluded[column] for column in ("name", "archive", "size", "created")},
        )
        with self._transaction(write=True) as connection:
            connection.execute(statement)
        return StoredDataset(key, name, len(archive), values["created"])

    def load_dataset_zip(self, key):
        """The zip archive of an uploaded dataset; raises :class:`UnknownDataset`."""
        with self._transaction() as connection:
            archive = connection.execute(select(datasets.c.archive).where(datasets.c.key == key)).scalar()
        if archive is None:
            raise UnknownDataset(key)
        return bytes(archive)

    def list_datasets(self):
        """Every uploaded dataset (without archives), newest first."""
        columns = [datasets.c.key, datasets.c.name, datasets.c.size, datasets.c.created]
        with self._transaction() as connection:
            rows = connection.execute(select(*columns).order_by(datasets.c.created.desc())).all()
        return [StoredDataset(row.key, row.name, row.size, _utc(row.created)) for row in rows]

    def delete_dataset(self, key):
        """Remove an uploaded dataset; raises :class:`UnknownDataset`."""
        with self._transaction(write=True) as connection:
            if connection.execute(delete(datasets).where(datasets.c.key == key)).rowcount == 0:
                raise UnknownDataset(key)


def _pending(code):
    return (
        contributions.c.workshop_code == code,
        contributions.c.batch.is_(None),
        contributions.c.hidden.is_(False),
    )


def _workshop(row):
    return Workshop(row["code"], row["name"], row["dataset"], bool(row["open"]), _utc(row["created"]))
