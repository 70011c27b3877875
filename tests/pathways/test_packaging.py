"""Dataset archives to download: the public one with protected aggregates, the raw one for data owners."""

import io
import zipfile
from dataclasses import replace

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from pathways import cli
from pathways.disclosure_rules import RAW
from pathways.loading import load_dataset
from pathways.packaging import PERSON_FILES, aggregate_tables, dataset_zip
from pathways.uploads import read_dataset_zip, read_upload
from tests.conftest import TINY

TABLES = ("roles", "careers", "people", "barrier_items", "barrier_responses", "advice")


def tiny_files():
    return [(path.name, path.read_bytes()) for path in sorted(TINY.iterdir())]


def members(data):
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def member_text(data, name):
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def test_public_zip_holds_aggregates_and_no_person_level_file(tiny):
    names = members(dataset_zip(tiny, folder="tiny"))
    assert names == [
        "tiny/README.md",
        "tiny/dataset.yaml",
        "tiny/roles.csv",
        "tiny/barrier_items.csv",
        "tiny/advice.csv",
        "tiny/flows_role.csv",
        "tiny/flows_sector.csv",
        "tiny/barriers.csv",
    ]
    assert not any(name.endswith(PERSON_FILES) for name in names)


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("flows_role.csv", ["flows", "--level", "role"]),
        ("flows_sector.csv", ["flows", "--level", "sector"]),
        ("barriers.csv", ["barriers"]),
    ],
)
def test_public_aggregates_are_what_the_command_line_prints(tiny, capsys, name, arguments):
    assert cli.main([arguments[0], str(TINY), *arguments[1:]]) == 0
    printed = capsys.readouterr().out
    assert member_text(dataset_zip(tiny, folder="t"), f"t/{name}") == printed


def test_public_aggregates_protect_counts_with_the_dataset_rules(tiny):
    # Counted by hand from careers.csv: PhD -> postdoc for p01, p02, p05, p07, p08, p09 (6 moves),
    # education -> industry for p03, p04, p12 (3 moves).
    raw = aggregate_tables(tiny, rules=RAW)["flows_sector.csv"].set_index(["source", "target"])["count"]
    assert raw[("education", "academia")] == "6"
    assert raw[("education", "industry")] == "3"
    shown = aggregate_tables(tiny)["flows_sector.csv"].set_index(["source", "target"])["count"]
    assert shown[("education", "academia")] == "5"
    assert shown[("education", "industry")] == "<5"


def test_public_readme_gives_licence_citation_and_why_people_are_left_out(tiny):
    text = member_text(dataset_zip(tiny, folder="t"), "t/README.md")
    assert text.startswith("# Tiny hand-counted fixture\n")
    assert "- Licence: CC0-1.0" in text
    assert "- Cite it as: Career Pathways Explorer test fixture" in text
    assert "synthetic" in text
    assert "person-level files (`careers.csv`" in text
    assert "a count below 5 reads `<5`" in text


def test_raw_zip_loads_back_identical_to_the_source(tiny, tmp_path):
    data = dataset_zip(tiny, raw=True, folder="tiny-raw")
    assert "tiny-raw/careers.csv" in members(data)
    assert "do not" in member_text(data, "tiny-raw/README.md")
    zipfile.ZipFile(io.BytesIO(data)).extractall(tmp_path)
    loaded = load_dataset(tmp_path / "tiny-raw")
    assert loaded.info == tiny.info
    for table in TABLES:
        assert_frame_equal(getattr(loaded, table), getattr(tiny, table), check_dtype=False)
    assert loaded.notes == ("README.md: unknown file ignored",)


def test_raw_zip_read_back_as_an_upload_gives_the_same_dataset(tiny):
    loaded = read_dataset_zip(dataset_zip(tiny, raw=True, folder="anything"))
    assert loaded.summary() == tiny.summary()


def test_archives_are_deterministic(tiny):
    assert dataset_zip(tiny) == dataset_zip(tiny)
    assert dataset_zip(tiny, raw=True) == dataset_zip(tiny, raw=True)


def hostile_text_upload():
    """tiny with two role titles a spreadsheet or a browser could run."""
    roles = (TINY / "roles.csv").read_text(encoding="utf-8")
    roles = roles.replace("MSc student", '"=HYPERLINK(""http://x"")"').replace(
        "Lecturer", "<script>alert(1)</script>"
    )
    return [(name, roles.encode() if name == "roles.csv" else data) for name, data in tiny_files()]


def test_formulas_and_scripts_are_stored_as_text_and_neutralised_in_downloads():
    dataset, archive, _ = read_upload(hostile_text_upload())
    assert dataset.roles.loc["msc", "title"] == '=HYPERLINK("http://x")'
    assert dataset.roles.loc["lecturer", "title"] == "<script>alert(1)</script>"
    # The stored archive keeps the data as uploaded; downloads neutralise it.
    assert '"=HYPERLINK(""http://x"")"' in zipfile.ZipFile(io.BytesIO(archive)).read("roles.csv").decode()
    for raw in (False, True):
        roles = member_text(dataset_zip(dataset, raw=raw, folder="d"), "d/roles.csv")
        assert 'msc,"\'=HYPERLINK(""http://x"")",education' in roles
        assert "lecturer,<script>alert(1)</script>,academia" in roles


def test_aggregates_without_barrier_items_leave_out_barriers_csv(tiny):
    plain = replace(
        tiny, barrier_items=tiny.barrier_items.iloc[0:0], barrier_responses=tiny.barrier_responses.iloc[0:0]
    )
    assert list(aggregate_tables(plain)) == ["flows_role.csv", "flows_sector.csv"]
    assert isinstance(aggregate_tables(plain)["flows_role.csv"], pd.DataFrame)
