"""Malformed datasets: each is tests/fixtures/tiny with one thing broken, and the exact messages.

Line numbers are counted by hand in the fixture files (header = line 1):
careers.csv line 5 is ``p01,4,lecturer,2018,``, roles.csv line 5 is the
lecturer, barrier_responses.csv line 15 is ``p01,fixed_term,0``, advice.csv
line 3 is nhs-stp.
"""

import shutil
from datetime import date

import pytest

from pathways.loading import load_dataset, validate_dataset
from pathways.problems import DatasetError, Problem
from tests.conftest import TINY

NEXT_YEAR = date.today().year + 1
BOM = b"\xef\xbb\xbf"


@pytest.fixture
def folder(tmp_path):
    """A fresh copy of the tiny dataset to break."""
    target = tmp_path / "dataset"
    shutil.copytree(TINY, target)
    return target


def edit(folder, name, old, new):
    """Replace the first ``old`` in a file by ``new``; ``old`` must be there."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(folder, **options):
    return [str(problem) for problem in validate_dataset(folder, **options)]


# (what is broken, [(file, old text, new text), ...], the exact problems in order)
CASES = [
    (
        "undefined role_id with a suggestion",
        [("careers.csv", "p01,4,lecturer", "p01,4,post-doc")],
        ["careers.csv:5: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?"],
    ),
    (
        "unknown sector with a suggestion",
        [("roles.csv", "lecturer,Lecturer,academia", "lecturer,Lecturer,acadmia")],
        ["roles.csv:5: sector: unknown sector 'acadmia'; did you mean 'academia'?"],
    ),
    (
        "unknown stage, wrong case",
        [("roles.csv", "lecturer,Lecturer,academia,mid", "lecturer,Lecturer,academia,Mid")],
        ["roles.csv:5: stage: unknown stage 'Mid'; did you mean 'mid'?"],
    ),
    (
        "missing column",
        [("roles.csv", "role_id,title,", "role_id,name,")],
        ["roles.csv: missing column 'title'"],
    ),
    (
        "missing column with a near miss",
        [("careers.csv", "person_id,seq,role_id", "person_id,sequence,role_id")],
        ["careers.csv: missing column 'seq'; did you mean 'sequence'?"],
    ),
    (
        "identifier not matching the pattern",
        [("advice.csv", "vitae-rdf,", "Vitae RDF,")],
        [
            "advice.csv:2: advice_id: 'Vitae RDF' is not a valid identifier (lowercase letters, digits, "
            "'_' and '-', starting with a letter or digit); did you mean 'vitae_rdf'?"
        ],
    ),
    (
        "duplicate role_id",
        [("roles.csv", "founder,", "postdoc,")],
        [
            "roles.csv:10: role_id: duplicate role_id 'postdoc' (first on line 4)",
            "careers.csv:30: role_id: unknown role_id 'founder'",
        ],
    ),
    (
        "duplicate person in people.csv",
        [("people.csv", "p13,", "p12,")],
        [
            "people.csv:14: person_id: duplicate person_id 'p12' (first on line 13)",
            "barrier_responses.csv:14: person_id: unknown person_id 'p13': not in people.csv or careers.csv",
            "barrier_responses.csv:25: person_id: unknown person_id 'p13': not in people.csv or careers.csv",
        ],
    ),
    (
        "seq with a gap",
        [("careers.csv", "p02,4,senior_ds", "p02,5,senior_ds")],
        ["careers.csv:9: seq: person 'p02' has seq 5 where 4 was expected; seq counts 1, 2, 3 ..."],
    ),
    (
        "seq not starting at 1",
        [("careers.csv", "p03,1,phd", "p03,3,phd")],
        ["careers.csv:11: seq: person 'p03' has seq 2 where 1 was expected; seq counts 1, 2, 3 ..."],
    ),
    (
        "seq repeated",
        [("careers.csv", "p03,2,ds", "p03,1,ds")],
        ["careers.csv:11: seq: person 'p03' has seq 1 twice (first on line 10)"],
    ),
    (
        "seq not an integer",
        [("careers.csv", "p03,2,ds", "p03,two,ds")],
        ["careers.csv:11: seq: 'two' is not an integer"],
    ),
    (
        "seq zero",
        [("careers.csv", "p11,1,phd", "p11,0,phd")],
        ["careers.csv:31: seq: 0 is less than 1"],
    ),
    (
        "year 1901",
        [("careers.csv", "p01,1,phd,2010,2014", "p01,1,phd,1901,2014")],
        [f"careers.csv:2: start_year: 1901 is outside 1940..{NEXT_YEAR}"],
    ),
    (
        "year after next year",
        [("careers.csv", "p02,4,senior_ds,2021,", f"p02,4,senior_ds,2021,{NEXT_YEAR + 1}")],
        [f"careers.csv:9: end_year: {NEXT_YEAR + 1} is outside 1940..{NEXT_YEAR}"],
    ),
    (
        "two-digit year",
        [("careers.csv", "p01,1,phd,2010,2014", "p01,1,phd,2010,14")],
        ["careers.csv:2: end_year: '14' is not a four-digit year"],
    ),
    (
        "start_year after end_year",
        [("careers.csv", "p01,2,postdoc,2014,2016", "p01,2,postdoc,2017,2016")],
        ["careers.csv:3: start_year: 2017 is after end_year 2016"],
    ),
    (
        "likert response 6",
        [("barrier_responses.csv", "p01,recognised,4", "p01,recognised,6")],
        ["barrier_responses.csv:2: response: 6 is not on the scale of 'recognised' (likert5: 1 to 5)"],
    ),
    (
        "binary response 2",
        [("barrier_responses.csv", "p01,fixed_term,0", "p01,fixed_term,2")],
        ["barrier_responses.csv:15: response: 2 is not on the scale of 'fixed_term' (binary: 0 or 1)"],
    ),
    (
        "response not an integer",
        [("barrier_responses.csv", "p01,recognised,4", "p01,recognised,agree")],
        ["barrier_responses.csv:2: response: 'agree' is not an integer"],
    ),
    (
        "undefined barrier_id with a suggestion",
        [("barrier_responses.csv", "p02,recognised", "p02,recognized")],
        ["barrier_responses.csv:3: barrier_id: unknown barrier_id 'recognized'; did you mean 'recognised'?"],
    ),
    (
        "undefined person in responses",
        [("barrier_responses.csv", "p03,recognised", "p99,recognised")],
        ["barrier_responses.csv:4: person_id: unknown person_id 'p99': not in people.csv or careers.csv"],
    ),
    (
        "the same answer twice",
        [("barrier_responses.csv", "p02,recognised,5", "p01,recognised,5")],
        ["barrier_responses.csv:3: barrier_id: person 'p01' answered 'recognised' twice (first on line 2)"],
    ),
    (
        "unknown theme and scale",
        [("barrier_items.csv", "recognition,likert5", "recogniton,likert")],
        [
            "barrier_items.csv:2: theme: unknown theme 'recogniton'; did you mean 'recognition'?",
            "barrier_items.csv:2: scale: unknown scale 'likert'; did you mean 'likert5'?",
        ],
    ),
    (
        "javascript: URL",
        [("advice.csv", "https://nshcs.hee.nhs.uk/programmes/stp/", "javascript:alert(1)")],
        ["advice.csv:3: url: 'javascript:alert(1)' does not start with https://, http:// or mailto:"],
    ),
    (
        "list cells with a misspelt and an empty entry",
        [("advice.csv", ",academia,,rse,recognition;mentoring", ",academia;;nhs,,rse,recognition;mentorng")],
        [
            "advice.csv:4: sectors: empty entry in the ;-separated list",
            "advice.csv:4: themes: unknown theme 'mentorng'; did you mean 'mentoring'?",
        ],
    ),
    (
        "unknown advice kind and list codes",
        [
            ("advice.csv", "Vitae,guide,", "Vitae,guides,"),
            ("advice.csv", "postdoc;lecturer", "postdoc;lectrer"),
        ],
        [
            "advice.csv:2: kind: unknown kind 'guides'; did you mean 'guide'?",
            "advice.csv:2: roles: unknown role_id 'lectrer'; did you mean 'lecturer'?",
        ],
    ),
    (
        "salary not an integer, and min above max",
        [("roles.csv", "37174,45413", '"45,000",45413.0'), ("roles.csv", "46485,55755", "56000,55755")],
        [
            "roles.csv:4: salary_min: '45,000' is not an integer",
            "roles.csv:4: salary_max: '45413.0' is not an integer",
            "roles.csv:5: salary_min: 56000 is greater than salary_max 55755",
        ],
    ),
    (
        "empty required cell",
        [("roles.csv", "ds,Data scientist,", "ds,,")],
        ["roles.csv:7: title: required value is missing"],
    ),
    (
        "ragged row, too few fields",
        [("people.csv", "p02,man,permanent", "p02,man")],
        ["people.csv:3: row has 2 fields, the header has 3"],
    ),
    (
        "ragged row, too many fields",
        [("careers.csv", "p02,1,phd,2011,2015", "p02,1,phd,2011,2015,")],
        ["careers.csv:6: row has 6 fields, the header has 5"],
    ),
    (
        "ragged row in a file with quotes",
        [("roles.csv", "Grade 8,46485,55755,,", 'Grade 8,46485,55755,"Teaches",,x')],
        ["roles.csv:5: row has 10 fields, the header has 9"],
    ),
    (
        "a quoted cell spanning lines moves later rows down",
        [
            ("roles.csv", "A taught master's student.", '"A taught\nmaster\'s\nstudent."'),
            ("roles.csv", "lecturer,Lecturer,academia", "lecturer,Lecturer,acadmia"),
        ],
        ["roles.csv:7: sector: unknown sector 'acadmia'; did you mean 'academia'?"],
    ),
    (
        "ragged row after a multi-line cell and a stray quote",
        [
            ("roles.csv", "A taught master's student.", '"A taught\nmaster\'s student."'),
            ("roles.csv", "phd,PhD student", 'phd,PhD 5" student'),
            ("roles.csv", "Grade 8,46485,55755,,", "Grade 8,46485,55755,"),
        ],
        ["roles.csv:6: row has 8 fields, the header has 9"],
    ),
    (
        "duplicate column",
        [("careers.csv", "start_year,end_year", "start_year,start_year")],
        ["careers.csv:1: start_year: duplicate column"],
    ),
    (
        "a column with no name",
        [("barrier_items.csv", "theme,scale", "theme,")],
        ["barrier_items.csv:1: column 4 has no name"],
    ),
    (
        "a quote left open",
        [("advice.csv", ",Vitae,guide,A framework", ',Vitae,guide,"A framework')],
        ["advice.csv:2: a quote opened on this line is never closed"],
    ),
    (
        "dataset.yaml: unknown kind",
        [("dataset.yaml", "kind: synthetic", "kind: synthetc")],
        ["dataset.yaml:3: kind: unknown kind 'synthetc'; did you mean 'synthetic'?"],
    ),
    (
        "dataset.yaml: name missing",
        [("dataset.yaml", "name: Tiny hand-counted fixture\n", "")],
        ["dataset.yaml: name: required"],
    ),
    (
        "dataset.yaml: not YAML",
        [("dataset.yaml", "kind: synthetic", "kind: [synthetic")],
        ["dataset.yaml:4: not valid YAML: expected ',' or ']', but got ':'"],
    ),
    (
        "dataset.yaml: not a mapping",
        [("dataset.yaml", "name: Tiny", "- name: Tiny")],
        ["dataset.yaml:2: not valid YAML: expected <block end>, but found '?'"],
    ),
    (
        "dataset.yaml: attributes name a missing column, disclosure invalid",
        [
            (
                "dataset.yaml",
                "contract: Contract",
                "contrat: Contract\ndisclosure:\n  min_count: five\n  min_cont: 3",
            )
        ],
        [
            "dataset.yaml:10: attributes: 'contrat' is not a column of people.csv; did you mean 'contract'?",
            "dataset.yaml:12: disclosure.min_count: must be a whole number of at least 1, not 'five'",
            "dataset.yaml:13: disclosure: unknown setting 'min_cont'; did you mean 'min_count'?",
        ],
    ),
    (
        "several problems in several files, all in one pass",
        [
            ("roles.csv", "lecturer,Lecturer,academia", "lecturer,Lecturer,acadmia"),
            ("careers.csv", "p01,4,lecturer", "p01,4,post-doc"),
            ("barrier_responses.csv", "p01,recognised,4", "p01,recognised,6"),
            ("dataset.yaml", "kind: synthetic", "kind: synthetc"),
        ],
        [
            "dataset.yaml:3: kind: unknown kind 'synthetc'; did you mean 'synthetic'?",
            "roles.csv:5: sector: unknown sector 'acadmia'; did you mean 'academia'?",
            "careers.csv:5: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?",
            "barrier_responses.csv:2: response: 6 is not on the scale of 'recognised' (likert5: 1 to 5)",
        ],
    ),
]


@pytest.mark.parametrize(("edits", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_malformed_dataset_reports_exact_problems(folder, edits, expected):
    for name, old, new in edits:
        edit(folder, name, old, new)
    assert messages(folder) == expected
    with pytest.raises(DatasetError) as raised:
        load_dataset(folder)
    assert str(raised.value) == "\n".join(expected)


def test_unknown_sector_and_stage_in_people(folder):
    (folder / "people.csv").write_text("person_id,gender,contract,sector,stage\np01,woman,permanent,nhs ,\n")
    assert messages(folder) == [
        "people.csv:2: sector: unknown sector 'nhs '; did you mean 'nhs'?",
        "barrier_responses.csv:14: person_id: unknown person_id 'p13': not in people.csv or careers.csv",
        "barrier_responses.csv:25: person_id: unknown person_id 'p13': not in people.csv or careers.csv",
    ]


def test_missing_required_files(folder):
    (folder / "roles.csv").unlink()
    (folder / "dataset.yaml").rename(folder / "Dataset.yaml")
    assert messages(folder) == [
        "dataset.yaml: required file is missing; did you mean 'Dataset.yaml'?",
        "roles.csv: required file is missing",
    ]


def test_responses_without_items(folder):
    (folder / "barrier_items.csv").unlink()
    assert messages(folder) == ["barrier_items.csv: required when barrier_responses.csv is present"]


def test_latin1_file_names_the_line_of_the_first_bad_byte(folder):
    text = (folder / "people.csv").read_text().replace("p03,woman", "p03,femme mariée")
    (folder / "people.csv").write_bytes(text.encode("latin-1"))
    assert messages(folder) == [
        "people.csv:4: not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8"
    ]


def test_oversize_file_is_reported_and_not_read(folder):
    edit(folder, "roles.csv", "A doctoral researcher.", "A doctoral researcher. " * 40)
    size = (folder / "roles.csv").stat().st_size
    assert size > 1000 > max(path.stat().st_size for path in folder.iterdir() if path.name != "roles.csv")
    assert messages(folder, max_file_bytes=1000) == [
        f"roles.csv: file is {size:,} bytes, over the limit of 1,000; not read"
    ]


def test_empty_file(folder):
    (folder / "careers.csv").write_bytes(b"")
    assert messages(folder) == ["careers.csv:1: no header row; the first line must name the columns"]


def test_empty_yaml_is_not_a_mapping(folder):
    (folder / "dataset.yaml").write_text("")
    assert messages(folder) == ["dataset.yaml: must be a mapping of keys to values (name: ..., kind: ...)"]


def test_yaml_list_is_not_a_mapping(folder):
    (folder / "dataset.yaml").write_text("- name: Tiny\n- kind: synthetic\n")
    assert messages(folder) == ["dataset.yaml: must be a mapping of keys to values (name: ..., kind: ...)"]


def test_not_a_folder(tmp_path):
    assert messages(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: no such folder"]


def test_many_bad_rows_are_capped_per_rule(folder):
    rows = "".join(f"p{n},recognised,9\n" for n in range(1, 251))
    (folder / "people.csv").write_text("person_id\n" + "".join(f"p{n}\n" for n in range(1, 251)))
    (folder / "barrier_responses.csv").write_text("person_id,barrier_id,response\n" + rows)
    edit(folder, "dataset.yaml", "  gender: Gender\n  contract: Contract\n", "  {}\n")
    found = messages(folder)
    assert len(found) == 201
    assert (
        found[0]
        == "barrier_responses.csv:2: response: 9 is not on the scale of 'recognised' (likert5: 1 to 5)"
    )
    assert found[199].startswith("barrier_responses.csv:201: response: 9")
    assert found[200] == "barrier_responses.csv: response: ... and 50 more like this"


def test_a_bad_line_in_a_large_plain_file(folder):
    # No quotes: the fast parser reads it; line numbers come from the bytes.
    rows = [f"q{n:05d},1,phd,2010,2014\n" for n in range(3000)]
    rows[2500] = "q02500,1,phd,2010\n"
    rows[2700] = "q02700,1,phd,2010,2014,x,y\n"
    rows[2800] = "q02800,1,phd,2020,2014\n"
    edit(folder, "careers.csv", "p12,2,ds,,\n", "p12,2,ds,,\n" + "".join(rows))
    assert messages(folder) == [
        "careers.csv:2534: row has 4 fields, the header has 5",
        "careers.csv:2734: row has 7 fields, the header has 5",
        "careers.csv:2834: start_year: 2020 is after end_year 2014",
    ]


def test_crlf_and_lone_cr_line_endings(folder):
    edit(folder, "careers.csv", "p01,4,lecturer", "p01,4,post-doc")
    text = (folder / "careers.csv").read_text()
    expected = ["careers.csv:5: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?"]
    for ending in ("\r\n", "\r"):
        (folder / "careers.csv").write_bytes(text.replace("\n", ending).encode())
        assert messages(folder) == expected


def test_problem_shapes():
    assert str(Problem("a.csv", 3, "x", "m")) == "a.csv:3: x: m"
    assert str(Problem("a.csv", 3, None, "m")) == "a.csv:3: m"
    assert str(Problem("a.csv", None, "x", "m")) == "a.csv: x: m"
    assert str(Problem("a.csv", None, None, "m")) == "a.csv: m"
