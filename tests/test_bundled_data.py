"""The bundled illustrative dataset is valid, reproducible from its seed, and documented truthfully."""

import filecmp
from pathlib import Path

import pytest

from pathways.calibration import calibration_markdown
from pathways.cli import main
from pathways.loading import load_dataset

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "illustrative"


@pytest.fixture(scope="module")
def bundled():
    return load_dataset(BUNDLED)


def test_bundled_dataset_is_labelled_synthetic(bundled):
    assert bundled.info.kind == "synthetic"
    assert "synthetic" in bundled.info.name.lower()
    assert bundled.summary()["people"] == 5000


def test_bundled_dataset_meets_the_issue_minimums(bundled):
    assert len(bundled.roles) >= 45
    assert set(bundled.roles["sector"]) == {
        "education",
        "academia",
        "nhs",
        "public",
        "industry",
        "entrepreneurship",
        "other",
    }
    assert set(bundled.roles["stage"]) == {"student", "early", "mid", "senior", "leader"}
    assert len(bundled.barrier_items) >= 20
    assert set(bundled.barrier_items["theme"]) >= {
        "recognition",
        "contracts",
        "progression",
        "mobility",
        "mentoring",
        "entrepreneurship",
        "wellbeing",
        "equity",
    }
    assert len(bundled.advice) >= 40


def test_same_seed_writes_the_same_bytes(tmp_path):
    assert main(["generate", str(tmp_path / "again"), "--people", "5000", "--seed", "1"]) == 0
    comparison = filecmp.dircmp(BUNDLED, tmp_path / "again")
    names = sorted(path.name for path in BUNDLED.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(BUNDLED, tmp_path / "again", names, shallow=False)
    assert mismatch == [] and errors == [] and comparison.right_only == []
    assert len(match) == 7


def test_data_readme_calibration_table_matches_the_data(bundled):
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert calibration_markdown(bundled) in readme
