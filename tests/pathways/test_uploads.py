"""Uploads: datasets read from a zip or from their files, and hostile archives refused cleanly."""

import io
import stat
import zipfile
from pathlib import Path

import pytest

from pathways.loading import load_dataset
from pathways.packaging import build_zip, dataset_zip
from pathways.problems import DatasetError
from pathways.uploads import UploadRefused, dataset_key, extract_upload, read_upload
from tests.conftest import TINY


def tiny_files():
    return [(path.name, path.read_bytes()) for path in sorted(TINY.iterdir())]


def members(data):
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def hostile_zip(entries):
    """A zip with members exactly as named (``entries``: name -> bytes, or (bytes, ZipInfo tweak))."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(content, tuple):
                content, tweak = content
                tweak(info)
            archive.writestr(info, content)
    return buffer.getvalue()


def refusal(uploads, **limits):
    with pytest.raises(UploadRefused) as caught:
        extract_upload(uploads, limits.pop("directory"), **limits)
    return [str(problem) for problem in caught.value.problems]


# -- uploads: what is accepted ----------------------------------------------------------------


def test_a_zip_of_a_folder_is_read_from_its_top_folder_and_clutter_is_skipped(tmp_path):
    files = {f"my data/{name}": data for name, data in tiny_files()}
    files["__MACOSX/my data/._roles.csv"] = b"junk"
    files["my data/.DS_Store"] = b"junk"
    files["my data/Roles.csv"] = b"x"
    files["my data/extra/notes.txt"] = b"x"
    notes = extract_upload([("whatever.zip", hostile_zip(files))], tmp_path)
    assert notes == [
        "Roles.csv: unknown file ignored; did you mean 'roles.csv'?",
        "extra: unknown folder ignored",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(name for name, _ in tiny_files())


def test_separate_files_are_matched_by_their_base_name_only(tmp_path):
    uploads = [(f"C:\\Users\\me\\{name}", data) for name, data in tiny_files()]
    uploads.append(("../../etc/passwd", b"root"))
    notes = extract_upload(uploads, tmp_path)
    assert notes == ["passwd: unknown file ignored"]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(name for name, _ in tiny_files())


def test_read_upload_returns_a_flat_archive_of_the_known_files():
    dataset, archive, notes = read_upload(
        [("upload.zip", dataset_zip(load_dataset(TINY), raw=True, folder="x"))]
    )
    assert sorted(members(archive)) == sorted(name for name, _ in tiny_files())
    assert notes == ["README.md: unknown file ignored"]
    assert dataset.info.name == "Tiny hand-counted fixture"


def test_an_invalid_dataset_reports_every_problem_with_file_and_line():
    uploads = [(name, data) for name, data in tiny_files() if name != "dataset.yaml"]
    uploads = [
        (name, data.replace(b"p01,2,postdoc", b"p01,2,post-doc") if name == "careers.csv" else data)
        for name, data in uploads
    ]
    with pytest.raises(DatasetError) as caught:
        read_upload(uploads)
    assert not isinstance(caught.value, UploadRefused)
    assert [str(p) for p in caught.value.problems] == [
        "dataset.yaml: required file is missing",
        "careers.csv:3: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?",
    ]


def test_a_latin_1_file_is_reported_at_its_line():
    uploads = [
        (
            name,
            data.replace(b"MSc student", "Étudiant MSc".encode("latin-1")) if name == "roles.csv" else data,
        )
        for name, data in tiny_files()
    ]
    with pytest.raises(DatasetError) as caught:
        read_upload(uploads)
    assert [str(p) for p in caught.value.problems] == [
        "roles.csv:2: not UTF-8: byte 0xc9 cannot be decoded; save the file as UTF-8"
    ]


# -- uploads: what is refused ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "message"),
    [
        ("../evil.csv", "../evil.csv: refused: a path outside the dataset folder"),
        ("data/../../evil.csv", "data/../../evil.csv: refused: a path outside the dataset folder"),
        ("/etc/evil.csv", "/etc/evil.csv: refused: an absolute path"),
        ("C:/evil.csv", "C:/evil.csv: refused: an absolute path"),
        ("..\\evil.csv", "..\\evil.csv: refused: a path outside the dataset folder"),
    ],
)
def test_paths_outside_the_folder_are_refused_and_nothing_is_written(tmp_path, member, message):
    files = {name: data for name, data in tiny_files()}
    files[member] = b"x"
    assert refusal([("up.zip", hostile_zip(files))], directory=tmp_path) == [message]
    assert list(tmp_path.iterdir()) == []


def test_a_symbolic_link_is_refused(tmp_path):
    def as_link(info):
        info.external_attr = (stat.S_IFLNK | 0o777) << 16

    archive = hostile_zip({"roles.csv": (b"/etc/passwd", as_link)})
    assert refusal([("up.zip", archive)], directory=tmp_path) == ["roles.csv: refused: a symbolic link"]


def test_a_zip_bomb_is_refused_by_its_ratio(tmp_path):
    bomb = hostile_zip({"roles.csv": b"0" * 5_000_000})
    assert len(bomb) < 10_000
    (message,) = refusal([("bomb.zip", bomb)], directory=tmp_path, max_file_bytes=20_000_000)
    assert message.startswith("roles.csv: refused: it inflates ")
    assert message.endswith(" times, more than the 100 a data file may (a zip bomb?)")
    assert list(tmp_path.iterdir()) == []


def test_a_zip_that_inflates_past_the_total_limit_is_refused(tmp_path):
    archive = hostile_zip({f"junk{n}.txt": b"0" * 300_000 for n in range(4)})
    assert refusal([("big.zip", archive)], directory=tmp_path, max_total_bytes=1_000_000) == [
        "big.zip: refused: it would inflate to 1,200,000 bytes, over the limit of 1,000,000 (a zip bomb?)"
    ]


def test_a_member_larger_than_its_declared_size_is_refused(tmp_path):
    archive = bytearray(hostile_zip({"roles.csv": b"role_id,title\n" * 50}))
    central = archive.index(b"PK\x01\x02")
    archive[central + 24 : central + 28] = (10).to_bytes(4, "little")  # declared uncompressed size
    (message,) = refusal([("lie.zip", bytes(archive))], directory=tmp_path)
    assert message in (
        "roles.csv: refused: larger than the archive says",
        "roles.csv: refused: the file is damaged",
    )


def test_an_encrypted_member_is_refused(tmp_path):
    archive = bytearray(hostile_zip({"roles.csv": b"role_id\n"}))
    central = archive.index(b"PK\x01\x02")
    archive[central + 8] |= 0x1  # general purpose flag: encrypted
    assert refusal([("x.zip", bytes(archive))], directory=tmp_path) == [
        "roles.csv: refused: the file is encrypted"
    ]


def test_a_file_over_the_size_limit_is_refused_in_a_zip_and_alone(tmp_path):
    roles = (TINY / "roles.csv").read_bytes()
    expected = [f"roles.csv: file is {len(roles):,} bytes, over the limit of 100; not read"]
    assert (
        refusal([("x.zip", hostile_zip({"roles.csv": roles}))], directory=tmp_path, max_file_bytes=100)
        == expected
    )
    assert refusal([("roles.csv", roles)], directory=tmp_path, max_file_bytes=100) == expected


@pytest.mark.parametrize(
    ("uploads", "message"),
    [
        (
            [],
            "upload: no file was chosen: choose a zip of a dataset folder, or its dataset.yaml and CSV files",
        ),
        (
            [("", b"")],
            "upload: no file was chosen: choose a zip of a dataset folder, or its dataset.yaml and CSV files",
        ),
        ([("data.zip", b"not a zip")], "data.zip: refused: not a zip archive that can be read"),
        (
            [("data.zip", build_zip({"roles.csv": "x"})), ("careers.csv", b"x")],
            "data.zip: refused: upload one zip of the dataset, or its files without a zip, not both",
        ),
        ([("roles.csv", b"a"), ("copy/roles.csv", b"b")], "roles.csv: refused: uploaded twice"),
        (
            [("x.zip", hostile_zip({"roles.csv": b"a", "./roles.csv": b"b"}))],
            "roles.csv: refused: the archive holds this file twice",
        ),
    ],
)
def test_uploads_that_cannot_be_read_are_refused(tmp_path, uploads, message):
    assert refusal(uploads, directory=tmp_path) == [message]


def test_every_unsafe_member_is_listed_at_once(tmp_path):
    archive = hostile_zip({"../a.csv": b"x", "/b.csv": b"x", "roles.csv": b"x"})
    assert refusal([("x.zip", archive)], directory=tmp_path) == [
        "../a.csv: refused: a path outside the dataset folder",
        "/b.csv: refused: an absolute path",
    ]


def test_names_shown_in_refusals_are_printable_and_short(tmp_path):
    archive = hostile_zip({"../" + "\x1b[31m" + "a" * 200: b"x"})
    (message,) = refusal([("x.zip", archive)], directory=tmp_path)
    assert "\x1b" not in message
    assert len(message.split(": refused")[0]) == 80


def test_dataset_keys_are_made_from_the_name_and_unique():
    assert dataset_key("Leeds alumni 2024!") == "leeds-alumni-2024"
    assert (
        dataset_key("Leeds alumni 2024", {"leeds-alumni-2024", "leeds-alumni-2024-2"})
        == "leeds-alumni-2024-3"
    )
    assert dataset_key("<script>alert(1)</script>") == "script-alert-1-script"
    assert dataset_key("Ωμέγα") == "dataset"
    assert len(dataset_key("x" * 300)) == 40


def test_tmp_files_are_removed_after_reading(monkeypatch, tmp_path):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    read_upload(tiny_files())
    with pytest.raises(DatasetError):
        read_upload(tiny_files()[:1])
    assert list(Path(tmp_path).iterdir()) == []
