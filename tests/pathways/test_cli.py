"""The command line as outside checks use it: outputs, exit status, messages, no tracebacks."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pathways.cli import main

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny"


def run(capsys, *argv):
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_validate_prints_the_summary_line(capsys):
    status, out, err = run(capsys, "validate", TINY)
    assert status == 0
    assert out == "valid: 13 people, 32 episodes, 19 transitions, 9 roles, 30 responses\n"


def test_flows_raw_counts_by_hand(capsys):
    status, out, err = run(capsys, "flows", TINY, "--raw")
    assert status == 0
    assert "warning: --raw" in err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["source", "target", "count"]
    # phd -> postdoc: p01 p02 p05 p07 p08 p09; postdoc -> ds: p02 p07; msc -> ds: p04 p12
    assert rows[1] == ["phd", "postdoc", "6"]
    assert ["postdoc", "ds", "2"] in rows and ["msc", "ds", "2"] in rows
    assert sum(int(row[2]) for row in rows[1:]) == 19


def test_flows_protected_rounds_and_hides_small_counts(capsys):
    status, out, err = run(capsys, "flows", TINY, "--level", "sector")
    assert status == 0 and err == ""
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1] == ["education", "academia", "5"]  # 6 moves, rounded to 5
    assert all(row[2] in {"<5", "5", "10"} for row in rows[1:])
    assert ["industry", "academia", "<5"] in rows  # p07's return to academia


def test_routes_json_follows_the_definitions(capsys):
    status, out, err = run(capsys, "routes", TINY, "phd", "ds", "--raw")
    assert status == 0
    routes = json.loads(out)
    # P(postdoc|phd) = 6/8, P(ds|postdoc) = 2/7; P(ds|phd) = 1/8 (p03)
    assert routes[0]["roles"] == ["phd", "postdoc", "ds"]
    assert routes[0]["probability"] == pytest.approx(6 / 8 * 2 / 7)
    assert routes[0]["people"] == 2 and routes[0]["median_years"] == 7.5
    assert routes[1] == {"roles": ["phd", "ds"], "probability": 0.125, "people": 1, "median_years": 4.0}


def test_routes_protected_hides_small_numbers(capsys):
    status, out, err = run(capsys, "routes", TINY, "phd", "ds")
    assert status == 0
    first = json.loads(out)[0]
    assert first["people"] == "<5" and first["median_years"] is None
    assert first["probability"] is None  # only 8 people held phd: under 10


def test_routes_unknown_role_suggests(capsys):
    status, out, err = run(capsys, "routes", TINY, "post-doc", "ds")
    assert status == 1 and out == ""
    assert err == "error: unknown role 'post-doc'; did you mean 'postdoc'?\n"


def test_routes_without_a_route_names_alternatives(capsys):
    status, out, err = run(capsys, "routes", TINY, "nhs_analyst", "founder")
    assert status == 1 and out == ""
    assert err.startswith("error: ")
    assert "Traceback" not in err


def test_barriers_raw_overall(capsys):
    status, out, err = run(capsys, "barriers", TINY, "--raw")
    rows = {row["barrier_id"]: row for row in csv.DictReader(io.StringIO(out))}
    # recognised: 13 answers, agree (4 or 5): p01 p02 p04 p08 p09 p10 p13 = 7
    assert rows["recognised"]["group"] == "all"
    assert rows["recognised"]["n"] == "13" and rows["recognised"]["agree"] == "7"
    assert rows["recognised"]["percent"] == "53.8"
    assert rows["recognised"]["ci_low"] == "29.1" and rows["recognised"]["ci_high"] == "76.8"


def test_barriers_where_and_by(capsys):
    status, out, err = run(
        capsys, "barriers", TINY, "--by", "gender", "--where", "contract=fixed-term", "--raw"
    )
    assert status == 0
    rows = [row for row in csv.DictReader(io.StringIO(out)) if row["barrier_id"] == "fixed_term"]
    # fixed-term people who answered fixed_term: p05 p08 p13 (women), p07 p09 (men): all answered 1
    assert [(row["group"], row["n"], row["agree"]) for row in rows] == [
        ("man", "2", "2"),
        ("woman", "3", "3"),
    ]


def test_barriers_unknown_attribute_is_an_error_not_a_traceback(capsys):
    status, out, err = run(capsys, "barriers", TINY, "--by", "shoe_size")
    assert status == 1 and "shoe_size" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["flows"],
        ["flows", "DIR", "--level", "galaxy"],
        ["routes", "DIR", "a"],
        ["barriers", "DIR", "--where", "x"],
        ["generate", "OUT", "--people", "0"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2(capsys, argv):
    argv = [str(TINY) if arg == "DIR" else arg for arg in argv]
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert "error" in err


def test_generate_is_deterministic(tmp_path, capsys):
    assert main(["generate", str(tmp_path / "a"), "--people", "300", "--seed", "7"]) == 0
    assert main(["generate", str(tmp_path / "b"), "--people", "300", "--seed", "7"]) == 0
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
    assert main(["validate", str(tmp_path / "a")]) == 0


def test_invalid_dataset_lists_every_problem_and_exits_1(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(TINY, broken)
    careers = broken / "careers.csv"
    careers.write_text(careers.read_text().replace("p01,2,postdoc", "p01,2,post-doc"))
    roles = broken / "roles.csv"
    roles.write_text(roles.read_text().replace("lecturer,Lecturer,academia", "lecturer,Lecturer,acadmia"))
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "validate", str(broken)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "careers.csv:3: role_id: unknown role_id 'post-doc'; did you mean 'postdoc'?" in result.stderr
    assert "roles.csv:5: sector: unknown sector 'acadmia'; did you mean 'academia'?" in result.stderr
    assert "Traceback" not in result.stderr


from tests.pathways.test_validation import CASES, edit  # noqa: E402


@pytest.mark.parametrize(("edits", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_every_malformed_dataset_exits_1_with_its_messages(tmp_path, capsys, edits, expected):
    broken = tmp_path / "broken"
    shutil.copytree(TINY, broken)
    for name, old, new in edits:
        edit(broken, name, old, new)
    status, out, err = run(capsys, "validate", broken)
    assert status == 1 and out == ""
    assert err.splitlines() == [f"invalid dataset: {len(expected)} problem(s)", *expected]


@pytest.mark.parametrize("command", [["flows"], ["routes", "phd", "ds"], ["barriers"]])
def test_every_command_refuses_an_invalid_dataset_without_a_traceback(tmp_path, command):
    broken = tmp_path / "broken"
    shutil.copytree(TINY, broken)
    (broken / "careers.csv").write_bytes("person_id,seq,role_id\np1,1,caf\xe9\n".encode("latin-1"))
    result = subprocess.run(
        [sys.executable, "-m", "pathways", command[0], str(broken), *command[1:]],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert "careers.csv:2: not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
