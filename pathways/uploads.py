"""Uploaded datasets, read without trusting them: one zip of a dataset folder, or its files.

:func:`extract_upload` writes an upload into a folder: only the spec's file
names are ever written, whatever the client called its files; a zip member with
an absolute path, a ``..`` step, a drive letter or a symbolic link, an
encrypted member, a member that inflates more than ``max_ratio`` times, or an
archive that would inflate past ``max_total_bytes`` refuses the whole upload
with :class:`UploadRefused` before anything is written. :func:`read_upload`
then validates the folder with :func:`~pathways.loading.load_dataset` and
returns a clean, flat archive to store; :func:`read_dataset_zip` loads a stored
one with the same checks.
"""

import io
import re
import stat
import tempfile
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

from pathways.loading import KNOWN_FILES, MAX_FILE_BYTES, load_dataset
from pathways.packaging import build_zip
from pathways.problems import DatasetError, Problem, did_you_mean

MAX_RATIO = 100
INFLATE_FACTOR = 10
MAX_MEMBERS = 500
_RATIO_FROM_BYTES = 1_000_000
_CHUNK = 1 << 16
_DRIVE = re.compile(r"^[A-Za-z]:")


class UploadRefused(DatasetError):
    """An upload that was not even unpacked: unsafe or unreadable. ``problems`` say why."""


def _shown(name, limit=80):
    """A client-supplied name fit to show: printable, at most ``limit`` characters."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(name))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _basename(name):
    return re.split(r"[\\/]", str(name or ""))[-1]


def _is_zip(name, data):
    return _basename(name).lower().endswith(".zip") or data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def _unsafe_path(name):
    """Why a member's path is refused, or None: absolute, a drive, or a step out of the folder."""
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or _DRIVE.match(normalised):
        return "refused: an absolute path"
    if ".." in normalised.split("/"):
        return "refused: a path outside the dataset folder"
    return None


def _parts(name):
    return [part for part in PurePosixPath(name.replace("\\", "/")).parts if part not in ("", ".")]


def _is_ignored(parts):
    """System clutter that zip tools add (``__MACOSX``, ``.DS_Store``): skipped without a note."""
    return parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts)


def _too_big(name, size, max_file_bytes):
    return Problem(
        name, None, None, f"file is {size:,} bytes, over the limit of {max_file_bytes:,}; not read"
    )


def _unknown(name, folder=False):
    hint = "" if folder else did_you_mean(name, KNOWN_FILES)
    return f"{_shown(name)}: unknown {'folder' if folder else 'file'} ignored{hint}"


def _plan_zip(archive, archive_name, max_file_bytes, max_total_bytes, max_ratio):
    """``({file name: ZipInfo}, notes)`` of what to extract; raise UploadRefused when unsafe."""
    members = archive.infolist()
    problems = []
    if len(members) > MAX_MEMBERS:
        message = (
            f"refused: the archive holds {len(members):,} entries; a dataset folder has at most {MAX_MEMBERS}"
        )
        raise UploadRefused([Problem(archive_name, None, None, message)])
    total = sum(info.file_size for info in members)
    if total > max_total_bytes:
        message = f"refused: it would inflate to {total:,} bytes, over the limit of {max_total_bytes:,} (a zip bomb?)"
        raise UploadRefused([Problem(archive_name, None, None, message)])
    files = []
    for info in members:
        reason = _unsafe_path(info.filename)
        if reason is None and stat.S_ISLNK(info.external_attr >> 16):
            reason = "refused: a symbolic link"
        if reason is not None:
            problems.append(Problem(_shown(info.filename), None, None, reason))
            continue
        parts = _parts(info.filename)
        if parts and not info.is_dir() and not _is_ignored(parts):
            files.append((info, parts))
    if problems:
        raise UploadRefused(problems)
    tops = {parts[0] for _, parts in files}
    if len(tops) == 1 and all(len(parts) > 1 for _, parts in files):
        files = [(info, parts[1:]) for info, parts in files]
    chosen, notes, folders = {}, [], []
    for info, parts in files:
        name = parts[0]
        if len(parts) > 1:
            if name not in folders:
                folders.append(name)
                notes.append(_unknown(name, folder=True))
        elif name not in KNOWN_FILES:
            notes.append(_unknown(name))
        elif name in chosen:
            problems.append(Problem(name, None, None, "refused: the archive holds this file twice"))
        else:
            chosen[name] = info
            problems.extend(_member_problems(info, name, max_file_bytes, max_ratio))
    if problems:
        raise UploadRefused(problems)
    return chosen, notes


def _member_problems(info, name, max_file_bytes, max_ratio):
    if info.flag_bits & 0x1:
        return [Problem(name, None, None, "refused: the file is encrypted")]
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FROM_BYTES and ratio > max_ratio:
        message = f"refused: it inflates {ratio:,.0f} times, more than the {max_ratio} a data file may (a zip bomb?)"
        return [Problem(name, None, None, message)]
    if info.file_size > max_file_bytes:
        return [_too_big(name, info.file_size, max_file_bytes)]
    return []


def _extract_member(archive, info, name, target):
    """Copy one member, never more bytes than it declares (its declared size was checked)."""
    written = 0
    try:
        with archive.open(info) as source, open(target, "xb") as sink:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > info.file_size:
                    raise UploadRefused([Problem(name, None, None, "refused: larger than the archive says")])
                sink.write(chunk)
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError) as error:
        reason = (
            "uses a compression method that cannot be read"
            if isinstance(error, NotImplementedError)
            else ("is damaged")
        )
        raise UploadRefused([Problem(name, None, None, f"refused: the file {reason}")]) from None


def _extract_zip(name, data, directory, max_file_bytes, max_total_bytes, max_ratio):
    archive_name = _shown(_basename(name) or "upload.zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise UploadRefused(
            [Problem(archive_name, None, None, "refused: not a zip archive that can be read")]
        ) from None
    with archive:
        chosen, notes = _plan_zip(archive, archive_name, max_file_bytes, max_total_bytes, max_ratio)
        for file_name, info in chosen.items():
            _extract_member(archive, info, file_name, directory / file_name)
    return notes


def extract_upload(
    uploads, directory, max_file_bytes=MAX_FILE_BYTES, max_total_bytes=None, max_ratio=MAX_RATIO
):
    """Write an uploaded dataset into ``directory``, refusing anything unsafe.

    Parameters
    ----------
    uploads : iterable of (str, bytes)
        The client's file name (used only to recognise a ``.zip`` and, by its
        last part, a spec file name) and the file's content. Either one zip of
        a dataset folder (its files at the top or inside one folder) or the
        dataset's files themselves.
    directory : str or Path
        An empty folder to write into.
    max_file_bytes : int
        A file larger than this refuses the upload.
    max_total_bytes : int, optional
        The most a zip may inflate to, all members together; default
        ``INFLATE_FACTOR * max_file_bytes``.
    max_ratio : int
        A member over 1 MB that inflates more than this many times is refused.

    Returns
    -------
    list of str
        Notes: files and folders that are not part of the format, ignored.

    Raises
    ------
    UploadRefused
        With every reason found; nothing is written when the archive's
        structure is refused.

    Examples
    --------
    >>> folder = Path(tempfile.mkdtemp())
    >>> extract_upload([("C:\\\\data\\\\roles.csv", b"role_id\\n"), ("notes.txt", b"hi")], folder)
    ['notes.txt: unknown file ignored']
    >>> sorted(path.name for path in folder.iterdir())
    ['roles.csv']
    >>> bad = build_zip({"../evil.csv": "x"})
    >>> try:
    ...     extract_upload([("bad.zip", bad)], Path(tempfile.mkdtemp()))
    ... except UploadRefused as error:
    ...     print(error)
    ../evil.csv: refused: a path outside the dataset folder
    """
    directory = Path(directory)
    max_total_bytes = INFLATE_FACTOR * max_file_bytes if max_total_bytes is None else max_total_bytes
    uploads = [(name, data) for name, data in uploads if _basename(name) or data]
    if not uploads:
        message = "no file was chosen: choose a zip of a dataset folder, or its dataset.yaml and CSV files"
        raise UploadRefused([Problem("upload", None, None, message)])
    zips = [name for name, data in uploads if _is_zip(name, data)]
    if zips and len(uploads) > 1:
        message = "refused: upload one zip of the dataset, or its files without a zip, not both"
        raise UploadRefused([Problem(_shown(_basename(zips[0])), None, None, message)])
    if zips:
        name, data = uploads[0]
        return _extract_zip(name, data, directory, max_file_bytes, max_total_bytes, max_ratio)
    chosen, notes, problems = {}, [], []
    for name, data in uploads:
        base = _basename(name)
        if base not in KNOWN_FILES:
            notes.append(_unknown(base))
        elif base in chosen:
            problems.append(Problem(base, None, None, "refused: uploaded twice"))
        elif len(data) > max_file_bytes:
            problems.append(_too_big(base, len(data), max_file_bytes))
        else:
            chosen[base] = data
    if problems:
        raise UploadRefused(problems)
    for known in KNOWN_FILES:  # the spec's own names, never the client's
        if known in chosen:
            (directory / known).write_bytes(chosen[known])
    return notes


def folder_zip(directory):
    """The spec's files of a folder as a flat, deterministic zip (what is stored for an upload)."""
    directory = Path(directory)
    return build_zip(
        {name: (directory / name).read_bytes() for name in KNOWN_FILES if (directory / name).is_file()}
    )


def read_upload(uploads, max_file_bytes=MAX_FILE_BYTES, max_total_bytes=None, max_ratio=MAX_RATIO):
    """Unpack, check and load an upload: ``(dataset, archive to store, notes)``.

    Raises :class:`UploadRefused` for an unsafe upload and
    :class:`~pathways.problems.DatasetError` with every problem for an invalid
    dataset; nothing is kept on disk either way.

    Examples
    --------
    >>> files = [("dataset.yaml", b"name: Demo\\nkind: survey\\n"),
    ...          ("roles.csv", b"role_id,title,sector,stage\\nphd,PhD,education,student\\n"),
    ...          ("careers.csv", b"person_id,seq,role_id\\np1,1,phd\\n")]
    >>> dataset, archive, notes = read_upload(files)
    >>> dataset.info.name, sorted(zipfile.ZipFile(io.BytesIO(archive)).namelist()), notes
    ('Demo', ['careers.csv', 'dataset.yaml', 'roles.csv'], [])
    >>> read_upload(files[:2])
    Traceback (most recent call last):
    ...
    pathways.problems.DatasetError: careers.csv: required file is missing
    """
    with tempfile.TemporaryDirectory(prefix="pathways-upload-") as folder:
        notes = extract_upload(uploads, folder, max_file_bytes, max_total_bytes, max_ratio)
        dataset = load_dataset(folder, max_file_bytes=max_file_bytes)
        archive = folder_zip(folder)
    return dataset, archive, [*notes, *dataset.notes]


def read_dataset_zip(data, max_file_bytes=MAX_FILE_BYTES):
    """Load a dataset from a zip archive (a stored upload), with the same checks as an upload."""
    return read_upload([("dataset.zip", data)], max_file_bytes=max_file_bytes)[0]


def dataset_key(name, taken=()):
    """A key for the address made from a dataset's name, unlike any of ``taken``.

    Examples
    --------
    >>> dataset_key("Leeds alumni survey 2024")
    'leeds-alumni-survey-2024'
    >>> dataset_key("Café <script>", taken={"cafe-script"})
    'cafe-script-2'
    >>> dataset_key("!!!")
    'dataset'
    """
    plain = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-") or "dataset"
    key, number = slug, 2
    while key in taken:
        key, number = f"{slug}-{number}", number + 1
    return key
