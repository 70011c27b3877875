"""Workshops as datasets: a :class:`pathways.catalogue.Source` over the store's released contributions.

Each workshop gives two datasets, so the room's data can be chosen in the dataset
selector (``?dataset=workshop-ab3k9q``) like any other:

=================================  =================================================
``workshop-<code>``                the room's released contributions only
``workshop-<code>-merged``         the same people added to the base (bundled) data
=================================  =================================================

Only released, visible contributions are read, so the datasets grow in batches of at
least the disclosure threshold and never show what the last person entered. The
version of a dataset is the number of released contributions with a digest of them,
so a worker rebuilds its model when a batch is released or a contribution hidden.
"""

import hashlib
import io
import json
import zipfile
from dataclasses import replace

from pathways.catalogue import Source
from pathways.contributions import contributions_dataset, merge_datasets
from pathways.disclosure_rules import DisclosureRules
from pathways.writing import dataset_files
from storage.codes import normalise_code
from storage.errors import StorageError

PREFIX = "workshop-"
MERGED = "-merged"


def dataset_key(code, merged=False):
    """The catalogue key of a workshop's dataset.

    Examples
    --------
    >>> dataset_key("AB3K9Q"), dataset_key("ab3k9q", merged=True)
    ('workshop-ab3k9q', 'workshop-ab3k9q-merged')
    """
    return f"{PREFIX}{str(code).lower()}{MERGED if merged else ''}"


def parse_key(key):
    """``(code, merged)`` for a workshop dataset key; None for any other key.

    Examples
    --------
    >>> parse_key("workshop-ab3k9q-merged"), parse_key("workshop-ab3k9q"), parse_key("bundled")
    (('AB3K9Q', True), ('AB3K9Q', False), None)
    """
    if not isinstance(key, str) or not key.startswith(PREFIX):
        return None
    rest = key[len(PREFIX) :]
    merged = rest.endswith(MERGED)
    code = normalise_code(rest[: -len(MERGED)] if merged else rest)
    return None if code is None else (code, merged)


def room_info(base_info, name, code, merged=False):
    """The metadata of a workshop's dataset: named for the workshop, with the base's rules."""
    if merged:
        return replace(base_info, name=f"{base_info.name} with workshop {name} ({code})")
    return replace(
        base_info,
        name=f"Workshop {name} ({code}): contributions",
        kind="contributions",
        description="Career steps and answers that participants added anonymously during the workshop.",
        source=f"Anonymous contributions at the workshop {name} ({code})",
        licence="as agreed with participants",
        citation=f"Contributions to the workshop {name} ({code})",
        collected="",
    )


def room_dataset(store, code, base, merged=False):
    """The dataset of a workshop's released contributions, or the base with them added.

    Raises :class:`~storage.UnknownWorkshop` or :class:`~storage.StorageUnavailable`.
    """
    workshop = store.get_workshop(code)
    payloads = store.released_contributions(code)
    room = contributions_dataset(payloads, base, info=room_info(base.info, workshop.name, workshop.code))
    if not merged:
        return room
    return merge_datasets(base, room, info=room_info(base.info, workshop.name, workshop.code, merged=True))


def released_version(payloads):
    """``(count, digest)`` of released payloads: changes when one is released or hidden.

    Examples
    --------
    >>> released_version([{"steps": []}])[0], released_version([]) == released_version([])
    (1, True)
    """
    text = json.dumps(payloads, sort_keys=True, separators=(",", ":"))
    return len(payloads), hashlib.sha256(text.encode()).hexdigest()[:16]


def workshop_source(store, load_base, merged=True):
    """A catalogue source listing every workshop (open or closed) as a dataset.

    Parameters
    ----------
    store : storage.Store
    load_base : callable() -> Dataset
        The dataset whose roles and statements the contributions use (the bundled one).
    merged : bool
        Also list each workshop merged with the base data.

    Returns
    -------
    pathways.catalogue.Source
        Listing ``(key, label)`` pairs (none while the database is unreachable, so
        every other dataset keeps working); loading raises ``KeyError`` for a key
        that is not a workshop's or cannot be read now.

    Examples
    --------
    >>> from storage import Store
    >>> from pathways.synthetic import generate_dataset
    >>> store = Store.from_url("sqlite://")
    >>> workshop = store.create_workshop("Leeds careers day")
    >>> source = workshop_source(store, lambda: generate_dataset(people=20, seed=1))
    >>> [label for _, label in source.list_keys()]
    ['Workshop Leeds careers day: contributions only', 'Workshop Leeds careers day: with the bundled data']
    >>> source.load(dataset_key(workshop.code)).info.kind, source.version(dataset_key(workshop.code))[0]
    ('contributions', 0)
    >>> store.close()
    """

    def list_keys():
        try:
            workshops = store.list_workshops()
        except StorageError:
            return []
        keys = []
        for workshop in workshops:
            keys.append((dataset_key(workshop.code), f"Workshop {workshop.name}: contributions only"))
            if merged:
                keys.append(
                    (dataset_key(workshop.code, True), f"Workshop {workshop.name}: with the bundled data")
                )
        return keys

    def load(key):
        parsed = parse_key(key)
        if parsed is None or (parsed[1] and not merged):
            raise KeyError(key)
        try:
            return room_dataset(store, parsed[0], load_base(), merged=parsed[1])
        except StorageError as error:
            # The catalogue turns a KeyError into "no such dataset" and serves the default.
            raise KeyError(key) from error

    def version(key):
        parsed = parse_key(key)
        try:
            return released_version(store.released_contributions(parsed[0])) if parsed else 0
        except StorageError:
            return None

    return Source(list_keys=list_keys, load=load, version=version)


README = """{title}

The career steps and barrier answers that participants of the workshop "{name}" (code
{code}) added anonymously, as a dataset folder in the Career Pathways Explorer format
(data-spec.md). It holds the {count} contributions released to the workshop's screen, in
groups of at least {min_count} people, that no moderator hid. Nothing records when, or in
what order, anyone answered, and the form took no free text: every value is a code from
the explorer's lists of roles, statements and answers.

Licence: as agreed with participants.
Cite as: {citation}

To explore it, upload this zip on the explorer's Data page, or check it with
    python -m pathways validate {folder}
after unzipping. Files: {files}.
"""


def export_archive(store, code, base):
    """A workshop's released, visible contributions as a zipped dataset folder.

    Returns ``(file name, zip bytes)``: a folder ``workshop-<code>/`` with the
    dataset's files (``kind: contributions``, default disclosure rules) and a
    README.txt naming the workshop. Entries carry a fixed date, not the time of
    export. Raises :class:`~storage.UnknownWorkshop` or :class:`~storage.StorageUnavailable`.

    Examples
    --------
    >>> import io, zipfile
    >>> from storage import Store, hash_client
    >>> from pathways.synthetic import generate_dataset
    >>> store = Store.from_url("sqlite://")
    >>> workshop = store.create_workshop("Leeds careers day")
    >>> for _ in range(5):
    ...     _ = store.add_contribution(workshop.code, {"steps": [{"role": "postdoc"}]}, hash_client("a", "k"))
    >>> store.release_batches(workshop.code, min_count=5)
    5
    >>> name, data = export_archive(store, workshop.code, generate_dataset(people=20, seed=1))
    >>> name == f"{dataset_key(workshop.code)}.zip"
    True
    >>> [entry.split("/")[1] for entry in zipfile.ZipFile(io.BytesIO(data)).namelist()]
    ['README.txt', 'barrier_items.csv', 'barrier_responses.csv', 'careers.csv', 'dataset.yaml', 'people.csv',
     'roles.csv']
    >>> store.close()
    """
    workshop = store.get_workshop(code)
    payloads = store.released_contributions(workshop.code)
    info = replace(
        room_info(base.info, workshop.name, workshop.code),
        disclosure=DisclosureRules(),
        attributes=dict(base.attributes),
        collected=workshop.created.date().isoformat(),
    )
    room = contributions_dataset(payloads, base, info=info)
    # people.csv keeps the attributes people gave; sector and stage follow from careers.csv.
    room = replace(room, people=room.people.drop(columns=["sector", "stage"]))
    files = dataset_files(room)
    folder = dataset_key(workshop.code)
    files["README.txt"] = README.format(
        title=info.name,
        name=workshop.name,
        code=workshop.code,
        count=len(payloads),
        min_count=base.info.disclosure.min_count,
        citation=info.citation,
        folder=folder,
        files=", ".join(files),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            entry = zipfile.ZipInfo(f"{folder}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, files[name].encode("utf-8"))
    return f"{folder}.zip", buffer.getvalue()
