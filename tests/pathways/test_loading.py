"""Loading dataset folders: the tables, their types, and what is noted on the way."""

import shutil

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from pathways.dataset import ADVICE_COLUMNS, ITEM_COLUMNS, ROLE_COLUMNS, Dataset, DatasetInfo
from pathways.disclosure_rules import DisclosureRules
from pathways.loading import load_dataset, validate_dataset
from pathways.problems import DatasetError
from tests.conftest import TINY

TABLES = ("roles", "careers", "people", "barrier_items", "barrier_responses", "advice")


def _read_tiny():
    """The tiny fixture read independently of the loader, with plain pandas."""
    import yaml

    meta = yaml.safe_load((TINY / "dataset.yaml").read_text())
    roles = pd.read_csv(TINY / "roles.csv", dtype=str).set_index("role_id")
    for column in ("salary_min", "salary_max"):
        roles[column] = pd.to_numeric(roles[column]).astype("Int64")
    careers = pd.read_csv(TINY / "careers.csv", dtype={"person_id": str, "role_id": str})
    for column in ("start_year", "end_year"):
        careers[column] = careers[column].astype("Int64")
    people = pd.read_csv(TINY / "people.csv", dtype=str).set_index("person_id")
    last = careers.sort_values(["person_id", "seq"]).groupby("person_id").last()["role_id"]
    people["sector"] = last.map(roles["sector"]).reindex(people.index)
    people["stage"] = last.map(roles["stage"]).reindex(people.index)
    items = pd.read_csv(TINY / "barrier_items.csv", dtype=str).set_index("barrier_id")
    responses = pd.read_csv(TINY / "barrier_responses.csv", dtype={"person_id": str, "barrier_id": str})
    advice = pd.read_csv(TINY / "advice.csv", dtype=str, keep_default_na=False).set_index("advice_id")
    info = DatasetInfo(
        name=meta["name"],
        kind=meta["kind"],
        description=meta["description"],
        source=meta["source"],
        licence=meta["licence"],
        citation=meta["citation"],
        collected=meta["collected"],
        attributes=meta["attributes"],
    )
    return Dataset(info, roles, careers, people, items, responses, advice)


@pytest.fixture(scope="module")
def loaded():
    return load_dataset(TINY)


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "dataset"
    shutil.copytree(TINY, target)
    return target


def edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("table", TABLES)
def test_tiny_loads_as_the_reference_reader_reads_it(loaded, table):
    assert_frame_equal(getattr(loaded, table), getattr(_read_tiny(), table))


def test_tiny_metadata(loaded):
    assert loaded.info == _read_tiny().info
    assert loaded.info.name == "Tiny hand-counted fixture"
    assert loaded.info.is_synthetic
    assert loaded.info.attributes == {"gender": "Gender", "contract": "Contract"}
    assert loaded.info.disclosure == DisclosureRules()
    assert loaded.notes == ()


def test_tiny_types(loaded):
    assert loaded.roles.index.name == "role_id"
    assert list(loaded.roles.columns) == list(ROLE_COLUMNS)
    assert loaded.roles["salary_min"].dtype == "Int64"
    assert loaded.roles.loc["msc", "salary_min"] is pd.NA
    assert loaded.roles.loc["lecturer", "salary_max"] == 55755
    assert pd.isna(loaded.roles.loc["lecturer", "description"])
    assert loaded.roles.loc["phd", "aliases"] == "PhD candidate;Doctoral student"
    careers = loaded.careers
    assert list(careers.columns) == ["person_id", "seq", "role_id", "start_year", "end_year"]
    assert careers["seq"].dtype == np.int64
    assert careers["start_year"].dtype == careers["end_year"].dtype == "Int64"
    assert careers["end_year"].isna().sum() == 12  # p01 to p10 still in post, p12's two undated episodes
    assert careers.loc[31].tolist() == ["p12", 2, "ds", pd.NA, pd.NA]
    assert loaded.barrier_responses["response"].dtype == np.int64
    assert list(loaded.barrier_items.columns) == list(ITEM_COLUMNS)
    assert list(loaded.advice.columns) == list(ADVICE_COLUMNS)
    assert loaded.advice.loc["nhs-stp", "roles"] == ""


def test_tiny_people(loaded):
    people = loaded.people
    assert list(people.columns) == ["gender", "contract", "sector", "stage"]
    assert len(people) == 13
    assert people.loc["p01"].tolist() == ["woman", "permanent", "academia", "mid"]
    assert pd.isna(people.loc["p11", "contract"])  # empty cell
    assert people.loc["p11", ["sector", "stage"]].tolist() == ["education", "student"]
    assert people.loc["p13"].isna().tolist() == [False, False, True, True]  # answers, no episodes


def test_people_only_in_careers_get_a_row(folder):
    edit(folder, "careers.csv", "p12,2,ds,,\n", "p12,2,ds,,\np14,1,postdoc,2020,\n")
    people = load_dataset(folder).people
    assert list(people.index[-2:]) == ["p13", "p14"]
    assert people.loc["p14"].isna().tolist() == [True, True, False, False]
    assert people.loc["p14", ["sector", "stage"]].tolist() == ["academia", "early"]


def test_people_from_careers_alone(folder):
    (folder / "people.csv").unlink()
    (folder / "barrier_responses.csv").unlink()
    edit(folder, "dataset.yaml", "attributes:\n  gender: Gender\n  contract: Contract\n", "")
    dataset = load_dataset(folder)
    assert list(dataset.people.columns) == ["sector", "stage"]
    assert dataset.people.index.tolist() == [f"p{n:02d}" for n in range(1, 13)]
    assert dataset.people.loc["p10"].tolist() == ["entrepreneurship", "leader"]
    assert dataset.barrier_responses.empty
    assert dataset.barrier_responses["response"].dtype == np.int64


def test_sector_and_stage_given_in_people_win_and_gaps_are_filled(folder):
    (folder / "people.csv").write_text("person_id,sector,gender\np01,nhs,woman\np02,,man\np13,,\n")
    edit(folder, "dataset.yaml", "contract: Contract", "sector: Current sector")
    people = load_dataset(folder).people
    assert list(people.columns) == ["sector", "gender", "stage"]
    assert people.loc["p01"].tolist() == ["nhs", "woman", "mid"]
    assert people.loc["p02"].tolist() == ["industry", "man", "senior"]
    assert people.loc["p13"].isna().all()


def test_only_required_files(folder):
    for name in ("people.csv", "barrier_items.csv", "barrier_responses.csv", "advice.csv"):
        (folder / name).unlink()
    (folder / "roles.csv").write_text("role_id,title,sector,stage\nphd,PhD,education,student\n")
    (folder / "careers.csv").write_text("person_id,seq,role_id\np1,1,phd\n")
    (folder / "dataset.yaml").write_text("name: Least\nkind: records\n")
    dataset = load_dataset(folder)
    assert list(dataset.roles.columns) == list(ROLE_COLUMNS)
    assert dataset.roles["salary_max"].dtype == "Int64"
    assert str(dataset.roles["grade"].dtype) == "str"
    assert dataset.careers["start_year"].dtype == "Int64"
    assert dataset.careers["start_year"].isna().all()
    assert dataset.barrier_items.empty and list(dataset.barrier_items.columns) == list(ITEM_COLUMNS)
    assert dataset.advice.empty and list(dataset.advice.columns) == list(ADVICE_COLUMNS)
    assert dataset.info.description == ""
    assert dataset.summary() == {"people": 1, "episodes": 1, "transitions": 0, "roles": 1, "responses": 0}


def test_unknown_file_folder_key_and_column_are_noted(folder):
    (folder / "notes.txt").write_text("to do")
    (folder / "drafts").mkdir()
    (folder / ".hidden").write_text("")
    edit(folder, "dataset.yaml", "licence:", "license: MIT\nlicence:")
    edit(folder, "barrier_items.csv", "theme,scale\n", "theme,scale,source\n")
    for line in ("contracts,binary", "recognition,likert5", "progression,likert5"):
        edit(folder, "barrier_items.csv", line + "\n", line + ",HEA survey\n")
    dataset = load_dataset(folder)
    assert dataset.notes == (
        "drafts: unknown folder ignored",
        "notes.txt: unknown file ignored",
        "dataset.yaml: unknown key 'license' ignored; did you mean 'licence'?",
        "barrier_items.csv: unknown column 'source' kept as it is",
    )
    assert dataset.barrier_items["source"].tolist() == ["HEA survey"] * 3


def test_byte_order_mark_is_accepted(folder, loaded):
    for name in ("roles.csv", "dataset.yaml", "people.csv"):
        (folder / name).write_bytes(b"\xef\xbb\xbf" + (folder / name).read_bytes())
    dataset = load_dataset(folder)
    assert_frame_equal(dataset.roles, loaded.roles)
    assert_frame_equal(dataset.people, loaded.people)
    assert dataset.info == loaded.info


def test_quoted_cells_with_commas_and_newlines(folder, loaded):
    edit(
        folder,
        "roles.csv",
        "A taught master's student.",
        '"A taught master\'s student,\nfull ""or"" part time."',
    )
    roles = load_dataset(folder).roles
    assert roles.loc["msc", "description"] == 'A taught master\'s student,\nfull "or" part time.'
    assert_frame_equal(roles.drop(columns="description"), loaded.roles.drop(columns="description"))


def test_crlf_line_endings(folder, loaded):
    for name in ("careers.csv", "roles.csv"):
        (folder / name).write_bytes((folder / name).read_bytes().replace(b"\n", b"\r\n"))
    dataset = load_dataset(folder)
    assert_frame_equal(dataset.careers, loaded.careers)
    assert_frame_equal(dataset.roles, loaded.roles)


def test_unsorted_careers_are_sorted(folder, loaded):
    lines = (folder / "careers.csv").read_text().splitlines(keepends=True)
    (folder / "careers.csv").write_text(lines[0] + "".join(reversed(lines[1:])))
    assert_frame_equal(load_dataset(folder).careers, loaded.careers)


@pytest.mark.parametrize(
    ("cell", "parser"),
    [
        ("woman", "pandas, lines counted"),
        ('"woman, cis"', "pandas, lines counted past quotes"),
        ('"wo\nman"', "pandas, lines counted past a quoted newline"),
        ('wo"man', "csv module, after a stray quote"),
    ],
)
def test_every_parser_gives_the_same_rows_and_lines(folder, cell, parser):
    rows = [f"x{n:04d},man,permanent\n" for n in range(2000)]
    rows[1000] = f"x1000,{cell},permanent\n"
    rows[1500] = "X1500,man,permanent\n"
    edit(folder, "people.csv", "p13,woman,fixed-term\n", "p13,woman,fixed-term\n" + "".join(rows))
    shift = cell.count("\n")
    assert [str(problem) for problem in validate_dataset(folder)] == [
        f"people.csv:{1515 + shift}: person_id: 'X1500' is not a valid identifier (lowercase letters, "
        "digits, '_' and '-', starting with a letter or digit); did you mean 'x1500'?"
    ]
    edit(folder, "people.csv", "X1500", "x1500")
    people = load_dataset(folder).people
    assert len(people) == 13 + 2000
    assert people.loc["x1000", "gender"] == cell.strip('"')
    assert people.loc["x1999", ["gender", "contract"]].tolist() == ["man", "permanent"]
    assert people.loc["x1999", ["sector", "stage"]].isna().all()  # no episodes


def test_disclosure_settings_are_stored_stricter_or_looser(folder):
    edit(folder, "dataset.yaml", "attributes:", "disclosure:\n  min_count: 10\n  round_to: 10\nattributes:")
    strict = load_dataset(folder)
    assert strict.info.disclosure == DisclosureRules(min_count=10, round_to=10)
    assert strict.notes == ()
    edit(folder, "dataset.yaml", "min_count: 10", "min_count: 3\n  min_denominator: 1\n  secondary: false")
    loose = load_dataset(folder)
    assert loose.info.disclosure == DisclosureRules(
        min_count=3, round_to=10, min_denominator=1, secondary=False
    )
    assert loose.notes == ("dataset.yaml: disclosure: looser than the defaults of disclosure control",)


def test_collected_as_a_number_is_text(folder):
    edit(folder, "dataset.yaml", 'collected: "2010-2023"', "collected: 2023")
    assert load_dataset(folder).info.collected == "2023"


def test_a_failing_dataset_raises_with_every_problem_and_returns_nothing(folder):
    edit(folder, "careers.csv", "p01,4,lecturer", "p01,4,post-doc")
    edit(folder, "advice.csv", "https://society-rse.org/", "javascript:void(0)")
    result = None
    with pytest.raises(DatasetError) as raised:
        result = load_dataset(folder)
    assert result is None
    assert [str(problem) for problem in raised.value.problems] == [
        "careers.csv:5: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?",
        "advice.csv:4: url: 'javascript:void(0)' does not start with https://, http:// or mailto:",
    ]
    assert validate_dataset(folder) == raised.value.problems


def test_valid_dataset_has_no_problems():
    assert validate_dataset(TINY) == []
