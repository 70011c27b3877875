"""The tables: workshops, their contributions, and uploaded datasets.

Times are UTC. ``received`` and ``client_hash`` serve moderation and rate limiting
only: nothing that shows contributions to participants reads them.
"""

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

workshops = Table(
    "workshops",
    metadata,
    # Stored upper case: codes are compared case-insensitively by normalising on the way in.
    Column("code", String(16), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("dataset", String(64), nullable=True),
    Column("open", Boolean, nullable=False, default=True),
    Column("created", DateTime(timezone=True), nullable=False),
    # A per-workshop secret that orders released contributions, so their order says nothing
    # about when they arrived and cannot be recomputed from the ids.
    Column("shuffle_key", String(64), nullable=False),
)

contributions = Table(
    "contributions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "workshop_code",
        String(16),
        ForeignKey("workshops.code", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("payload", Text, nullable=False),
    Column("hidden", Boolean, nullable=False, default=False),
    Column("batch", Integer, nullable=True),
    Column("received", DateTime(timezone=True), nullable=False),
    Column("client_hash", String(128), nullable=False),
    Index("ix_contributions_workshop_batch", "workshop_code", "batch"),
    Index("ix_contributions_client_received", "client_hash", "received"),
)

datasets = Table(
    "datasets",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("archive", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
)
