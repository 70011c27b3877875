"""import-ssi: the SSI RSE survey files of ../shared/real-data, checked against the raw CSV.

Every expected figure is counted here straight from the raw file with the
csv module, independently of the importer; the hard-coded numbers next to
them are those counts, written down so a change in the files shows too.
The real files are never copied into the repository: without them these
tests skip, and fail under ``CI=true``. The small hand-made files at the end
need nothing outside the repository.
"""

import csv
import os
import re
from pathlib import Path

import pytest

from pathways.barriers import barrier_table
from pathways.flows import transition_flows
from pathways.importers import SurveyError, import_ssi, survey_format
from pathways.importers.ssi_answers import REQUIRED_CODES
from pathways.loading import load_dataset
from pathways.writing import write_dataset

REAL_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "real-data"
SURVEYS = REAL_DATA / "ssi-rse-survey"
PUBLISHED = REAL_DATA / "ssi-rse-survey-2022-uk"
FILES = {"2016": "2016_uk_public_data.csv", "2017": "2017_uk_public_data.csv", "2018": "2018_public_data.csv"}
UK = {
    "2016": "United Kingdom",
    "2017": "United Kingdom",
    "2018": "United Kingdom of Great Britain and Northern Ireland",
}
YEARS = sorted(FILES)


def require(folder):
    """``folder``, or a skip (a failure under ``CI=true``) when it is missing."""
    if not folder.is_dir():
        reason = f"{folder} is missing (docs/importing-ssi.md says where to get the survey files)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return folder


@pytest.fixture(scope="module")
def surveys():
    return require(SURVEYS)


@pytest.fixture(scope="module")
def imported(surveys):
    return {year: import_ssi(surveys / FILES[year]) for year in YEARS}


def raw_table(year):
    """Header and rows of a raw survey file, every cell stripped of spaces and a byte-order mark."""
    with (SURVEYS / FILES[year]).open(encoding="utf-8-sig", newline="") as handle:
        rows = [[cell.strip().lstrip("\ufeff").strip() for cell in row] for row in csv.reader(handle)]
    return rows[0], rows[1:]


def raw_uk(year, *codes):
    """For each UK respondent, the cells of the columns ``codes`` (exact column code, any country variant)."""
    header, rows = raw_table(year)
    separator = "._." if year == "2018" else ". "

    def where(code):
        found = [i for i, name in enumerate(header) if name.startswith(code + separator)]
        assert len(found) == 1, (code, found)
        return found[0]

    country = where("socio1")
    positions = [where(code) for code in codes]
    return [[row[i] for i in positions] for row in rows if row[country] == UK[year]]


def count(rows, condition):
    return sum(1 for row in rows if condition(*row))


def table(dataset):
    return barrier_table(dataset).set_index("barrier_id")


def sector_flows(dataset):
    flows = transition_flows(dataset, level="sector")
    return {(s, t): int(c) for s, t, c in flows[["source", "target", "count"]].itertuples(index=False)}


@pytest.mark.parametrize("year", YEARS)
def test_the_output_loads_without_problems(year, imported, tmp_path):
    write_dataset(imported[year], tmp_path)
    dataset = load_dataset(tmp_path)
    assert dataset.notes == ()
    assert dataset.info.kind == "survey" and dataset.info.licence == "CC BY 2.5 Scotland"
    assert dataset.info.name == f"SSI RSE survey {year} (UK)"
    codes = "recog1 recog2 recog3 progrse1 progrse2 progrse3 progrse5 paper2mod currentemp10".split()
    assert set(dataset.barrier_items.index) <= set(codes)


@pytest.mark.parametrize(("year", "expected"), [("2016", 273), ("2017", 253), ("2018", 237)])
def test_one_person_per_uk_respondent(year, expected, imported):
    uk = raw_uk(year, "socio1")
    assert len(uk) == expected
    assert len(imported[year].people) == expected
    assert imported[year].people.index.str.fullmatch(rf"ssi{year}-\d{{4}}").all()


def test_institution_recognition_among_uk_2018_respondents(imported):
    rows = raw_uk("2018", "likert4[recog3]")
    answered = [value for (value,) in rows if value]
    agree = [value for value in answered if value.lower() in ("agree", "strongly agree")]
    assert (len(answered), len(agree)) == (199, 78)
    row = table(imported["2018"]).loc["recog3"]
    assert (row["n"], row["agree"]) == (len(answered), len(agree))
    assert row["percent"] == pytest.approx(100 * 78 / 199)


@pytest.mark.parametrize(
    ("year", "fixed", "permanent", "other"),
    [("2016", 126, 142, 4), ("2017", 92, 142, 19), ("2018", 105, 112, 20)],
)
def test_fixed_term_share(year, fixed, permanent, other, imported):
    answers = [value.lower() for (value,) in raw_uk(year, "currentEmp10") if value]
    counted = (sum(a.startswith("fixed") for a in answers), sum(a.startswith("permanent") for a in answers))
    assert counted == (fixed, permanent)
    assert len(answers) - fixed - permanent == other
    row = table(imported[year]).loc["currentemp10"]
    assert (row["n"], row["agree"]) == (fixed + permanent, fixed)
    contracts = imported[year].people["contract"].value_counts().to_dict()
    assert contracts == {"fixed-term": fixed, "permanent": permanent, "other": other}


def test_sector_flows_2018_private_company_to_university(imported):
    rows = raw_uk("2018", "prevEmp1quk", "currentEmp1quk")
    moved = count(rows, lambda before, now: before == "Private company" and now == "University")
    stayed = count(rows, lambda before, now: before == "University" and now == "University")
    assert (moved, stayed) == (31, 113)
    flows = sector_flows(imported["2018"])
    assert flows[("industry", "academia")] == moved
    assert flows[("academia", "academia")] == stayed
    assert sum(flows.values()) == count(rows, lambda before, now: before != "")


def test_sector_flows_2017_first_job_and_missing_previous_job(imported):
    rows = raw_uk("2017", "prevEmp1", "currentEmp1")
    first_job = count(
        rows, lambda before, now: before == "This is my first job" and now.startswith("University")
    )
    assert first_job == 19
    assert sector_flows(imported["2017"])[("education", "academia")] == first_job
    careers = imported["2017"].careers
    episodes = careers.groupby("person_id").size()
    assert (episodes == 1).sum() == count(rows, lambda before, now: before == "") == 7


def test_2016_first_jobs_and_start_years(imported):
    rows = raw_uk("2016", "currentEmp16b", "currentEmp1", "currentEmp16a")
    flows = sector_flows(imported["2016"])
    assert flows == {
        ("education", "academia"): count(
            rows, lambda first, university, _: first == "Yes" and university == "Yes"
        ),
        ("education", "other"): count(
            rows, lambda first, university, _: first == "Yes" and university == "No"
        ),
    }
    careers = imported["2016"].careers
    current = careers[careers["role_id"].str.startswith("rse_")]
    assert current["start_year"].notna().sum() == count(rows, lambda _, university, year: university and year)


def test_authorship_2017_from_the_branching_questions(imported):
    rows = raw_uk("2017", "paper2", "paper3", "paper4")
    named = count(rows, lambda ack, main, co: main == "Yes" or co == "Yes")
    not_named = count(
        rows,
        lambda ack, main, co: (
            main != "Yes" and co != "Yes" and (ack == "No" or (main == "No" and co == "No"))
        ),
    )
    row = table(imported["2017"]).loc["paper2mod"]
    assert (row["n"], row["agree"]) == (named + not_named, named) == (177, 125)


def test_another_country_2018(surveys, tmp_path):
    dataset = import_ssi(surveys / FILES["2018"], country="Germany")
    header, rows = raw_table("2018")
    country = header.index("socio1._.In which country do you work?")
    organisation = next(i for i, name in enumerate(header) if name.startswith("currentEmp1qde._."))
    german = [row for row in rows if row[country] == "Germany"]
    public = ("Helmholtz", "Fraunhofer", "Max Planck", "Leibniz", "Government")
    assert len(dataset.people) == len(german) == 333
    assert dataset.info.name == "SSI RSE survey 2018 (Germany)"
    assert (dataset.people["sector"] == "public").sum() == count(
        [[row[organisation]] for row in german], lambda kind: kind.startswith(public)
    )
    write_dataset(dataset, tmp_path)
    assert load_dataset(tmp_path).summary()["people"] == 333


def test_a_country_with_no_respondents_is_an_error(surveys):
    with pytest.raises(
        SurveyError, match=r"no respondents work in 'Narnia'; the file has: United Kingdom \(273\)"
    ):
        import_ssi(surveys / FILES["2016"], country="Narnia")


def test_the_same_file_gives_the_same_bytes(surveys, tmp_path):
    for folder in ("one", "two"):
        write_dataset(import_ssi(surveys / FILES["2018"]), tmp_path / folder)
    one, two = (sorted((tmp_path / folder).iterdir()) for folder in ("one", "two"))
    assert [path.name for path in one] == [path.name for path in two]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two))


def test_the_year_is_detected_from_the_columns(surveys):
    for year in YEARS:
        header, _ = raw_table(year)
        assert survey_format(header) == year


def published_2018(name):
    """``{answer: SSI's 2018 UK count}`` from a table's "Percentage in 2018" column and its denominator."""
    with (PUBLISHED / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    answer = next(iter(rows[0]))
    shares = {row[answer]: float(row["Percentage in 2018"]) for row in rows if row["Percentage in 2018"]}
    return shares


def counts_from(shares, total):
    return {answer: round(share * total / 100) for answer, share in shares.items()}


def test_ssi_published_2018_uk_figures_differ_by_one_respondent(imported):
    # SSI's 2018 UK tables count 236 respondents, the public file 237; the
    # difference is one university respondent (see docs/importing-ssi.md).
    require(PUBLISHED)
    dataset = imported["2018"]
    sectors = dataset.people["sector"].value_counts().to_dict()
    organisations = counts_from(published_2018("organisation-type_united-kingdom.csv"), 236)
    assert organisations["University"] + 1 == sectors["academia"] == 174
    assert organisations["Private company"] == sectors["industry"] == 13
    assert organisations["National laboratory"] + organisations["Government"] == sectors["public"] == 37

    first_roles = dataset.careers[dataset.careers["seq"] == 1].set_index("person_id")["role_id"]
    before = first_roles[first_roles.str.startswith("before_")].value_counts().to_dict()
    previous = counts_from(published_2018("where-previous-job-based_united-kingdom.csv"), 213)
    assert previous["University"] + 1 == before["before_academia"] == 139
    assert previous["Private company"] == before["before_industry"] == 43
    assert previous["National laboratory"] + previous["Government"] == before["before_public"] == 15
    assert previous["Non-profit organization"] + previous["Other"] == before["before_other"] == 17

    contracts = counts_from(published_2018("nature-of-employment_united-kingdom.csv"), 236)
    fixed = (
        contracts["Fixed term -- funded by project funds"]
        + contracts["Fixed term -- funded by Institution core funding"]
    )
    permanent = (
        contracts["Permanent -- funded by Institution core funding"]
        + contracts["Permanent -- funded by project funds"]
    )
    assert (fixed, permanent + 1) == (105, 112)
    row = table(dataset).loc["currentemp10"]
    assert (row["agree"], row["n"]) == (fixed, fixed + permanent + 1)

    papers = counts_from(published_2018("acknowledgment-in-paper_united-kingdom.csv"), 214)
    named = papers["Named as co-author"] + papers["Named as main author"]
    row = table(dataset).loc["paper2mod"]
    assert (row["agree"], row["n"]) == (named + 1, 214 + 1) == (122, 215)


# Small hand-made files: no real data needed.


def write_2018(path, answers, rows):
    """A 2018-format file with the columns of ``answers`` and every other required one, empty."""
    header = list(dict.fromkeys([*answers, *REQUIRED_CODES["2018"]]))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["", *(f"{code}._.question text" for code in header)])
        for row in range(rows):
            writer.writerow([str(row), *(answers.get(code, [""] * rows)[row] for code in header)])
    return path


def test_mapping_of_a_small_2018_file(tmp_path):
    uk = "United Kingdom of Great Britain and Northern Ireland"
    answers = {
        "socio1": [uk, uk, uk, "Germany"],
        "currentEmp1quk": [" University ", "National laboratory", "NGO", ""],
        "currentEmp1qde": ["", "", "", "Helmholtz Association of German Research Centres"],
        "prevEmp1quk": ["\ufeffPrivate company", "", "This is my first job", ""],
        "currentEmp10": [
            "Fixed term -- funded by Institution core funding",
            "Research/Student Assistant",
            "Permanent -- funded by project funds",
            "Prefer not to say",
        ],
        "currentEmp13quk[SQ009]": ["No", "No", "Yes", ""],
        "currentEmp13quk[SQ045]": ["Yes", "No", "No", ""],
        "likert4[recog1]": ["STRONGLY DISAGREE", "", "Neither agree or disagree", "Agree"],
        "paper2mod": ["Named as main author", "Acknowledged in the main text", "", "Not mentioned at all"],
    }
    dataset = import_ssi(write_2018(tmp_path / "survey.csv", answers, 4))
    assert dataset.people.to_dict("index") == {
        "ssi2018-0001": {"sector": "academia", "contract": "fixed-term", "biomedical": "yes"},
        "ssi2018-0002": {"sector": "public", "contract": "other", "biomedical": "no"},
        "ssi2018-0003": {"sector": "other", "contract": "permanent", "biomedical": "yes"},
    }
    careers = dataset.careers[["person_id", "seq", "role_id"]].to_records(index=False).tolist()
    assert careers == [
        ("ssi2018-0001", 1, "before_industry"),
        ("ssi2018-0001", 2, "rse_academia"),
        ("ssi2018-0002", 1, "rse_public"),
        ("ssi2018-0003", 1, "first_job"),
        ("ssi2018-0003", 2, "rse_other"),
    ]
    responses = dataset.barrier_responses.to_records(index=False).tolist()
    assert responses == [
        ("ssi2018-0001", "recog1", 1),
        ("ssi2018-0001", "paper2mod", 1),
        ("ssi2018-0001", "currentemp10", 1),
        ("ssi2018-0002", "paper2mod", 0),
        ("ssi2018-0003", "recog1", 3),
        ("ssi2018-0003", "currentemp10", 0),
    ]
    assert list(dataset.barrier_items.index) == ["recog1", "paper2mod", "currentemp10"]
    assert list(dataset.roles.index) == [
        "first_job",
        "before_industry",
        "rse_academia",
        "rse_public",
        "rse_other",
    ]
    everyone = import_ssi(tmp_path / "survey.csv", country=None)
    assert everyone.people.loc["ssi2018-0004", "sector"] == "public"
    assert everyone.info.name == "SSI RSE survey 2018 (all countries)"


def test_an_unknown_answer_is_an_error_naming_its_column(tmp_path):
    answers = {"socio1": ["United Kingdom"], "currentEmp1quk": ["Spaceport"]}
    with pytest.raises(
        SurveyError, match=r"survey.csv: column currentEmp1: unexpected answer\(s\) 'spaceport'"
    ):
        import_ssi(write_2018(tmp_path / "survey.csv", answers, 1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,age\nAda,36\n", "not an SSI RSE survey file: expected column names like 'socio1._."),
        ("", "cannot be read as a CSV file"),
        (
            "socio1._.Country,currentEmp1quk._.Type\nUK,University\n",
            "looks like the SSI RSE survey of 2018 but lacks the column(s) currentEmp10, prevEmp1, ",
        ),
    ],
)
def test_a_file_that_is_not_a_survey_gives_a_clear_message(tmp_path, text, message):
    path = tmp_path / "other.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SurveyError, match="^" + re.escape("other.csv: " + message)):
        import_ssi(path)
    assert issubclass(SurveyError, ValueError)


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(SurveyError, match="no such file"):
        import_ssi(tmp_path / "absent.csv")
