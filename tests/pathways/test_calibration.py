"""Calibration: each figure counted by hand on a small history, and the generated data on target."""

import math

import pandas as pd
import pytest

from pathways.calibration import TARGETS, calibration_markdown, calibration_report
from pathways.dataset import Dataset, DatasetInfo
from pathways.synthetic import generate_dataset, read_roles
from pathways.writing import write_dataset

# person: (role, start, end) episodes; end None = still there. The last year of the data is 2024.
HISTORIES = {
    "a": [("phd_student", 2000, 2004), ("postdoc", 2004, 2008), ("postdoc", 2008, 2010),
          ("lecturer", 2010, 2018), ("professor", 2018, None)],
    "b": [("phd_student", 2001, 2005), ("pharma_bioinformatician", 2005, 2010), ("postdoc", 2010, None)],
    "c": [("phd_student", 2002, 2006), ("industry_data_scientist", 2006, None)],
    "d": [("phd_student", 2003, 2007), ("outside_science", 2007, None)],
    "e": [("phd_student", 2020, None)],
    "f": [("rse", 2024, None)],
    "g": [("postdoc", 2015, 2019), ("research_fellow", 2019, 2021), ("pharma_senior_scientist", 2021, None)],
    "h": [("postdoc", 2022, None)],
    "i": [("staff_scientist", 2010, 2015), ("lecturer", 2015, None)],
    "j": [("postdoc", 2012, 2016), ("rse", 2016, 2020), ("senior_rse", 2020, None)],
    "k": [("industry_software_engineer", 2014, 2018), ("rse", 2018, 2022),
          ("industry_data_scientist", 2022, None)],
    "l": [("nhs_data_analyst", 2015, 2019), ("rse", 2019, 2021), ("lecturer", 2021, None)],
}  # fmt: skip
CONTRACTS = {"f": "fixed-term", "j": "permanent", "c": "permanent"}
ANSWERS = {
    "f": {"recog_institution": 4, "recog_line_manager": 5, "promotion_clear": 2, "credit_coauthor": 1,
          "credit_not_mentioned": 0},
    "j": {"recog_institution": 2, "recog_line_manager": 4, "promotion_clear": 3, "credit_coauthor": 0,
          "credit_not_mentioned": 1},
    "a": {"feel_secure": 5}, "b": {"feel_secure": 2}, "h": {"feel_secure": 1}, "i": {"feel_secure": 4},
    "c": {"feel_secure": 5},  # not in academia: not counted
}  # fmt: skip
# Counted by hand from the histories above.
EXPECTED = {
    "phd_left_research": 50.0,  # c, d of graduates a, b, c, d (e is still a student)
    "phd_research_outside": 25.0,  # b
    "phd_permanent_academic": 25.0,  # a
    "phd_chair": 25.0,  # a
    "postdoc_pi": 25.0,  # alumni a, b, g, j (h started after 2020): a is a professor
    "postdoc_industry_research": 25.0,  # g
    "postdoc_still_postdoc": 25.0,  # b
    "pi_from_postdoc": 50.0,  # a and g came from a postdoc, i from staff_scientist, l from rse
    "rse_fixed_term": 50.0,  # current RSEs f and j
    "rse_previous_university": 100 / 3,  # j (postdoc) of j, k, l; f started as an RSE
    "rse_previous_private": 100 / 3,  # k
    "rse_recognised_institution": 50.0,
    "rse_recognised_manager": 100.0,
    "rse_promotion_clear": 0.0,
    "rse_promotion_unclear": 50.0,
    "rse_coauthor": 50.0,
    "rse_not_mentioned": 50.0,
    "rse_leavers_industry": 50.0,  # k -> industry, l -> academia; j's move to senior_rse is not leaving
    "researchers_secure": 50.0,  # a and i agree, b and h do not
}
KEYS = [target.key for target in TARGETS]
SMALL = {"phd_permanent_academic", "phd_chair"}


def _hand_made():
    rows = [
        (person, seq, role, start, end)
        for person, episodes in HISTORIES.items()
        for seq, (role, start, end) in enumerate(episodes, start=1)
    ]
    careers = pd.DataFrame(rows, columns=["person_id", "seq", "role_id", "start_year", "end_year"])
    for column in ("start_year", "end_year"):
        careers[column] = careers[column].astype("Int64")
    people = pd.DataFrame({"contract": CONTRACTS}).rename_axis("person_id")
    answers = pd.DataFrame(
        [(p, item, value) for p, items in ANSWERS.items() for item, value in items.items()],
        columns=["person_id", "barrier_id", "response"],
    )
    return Dataset(DatasetInfo("hand", "synthetic"), read_roles(), careers, people, barrier_responses=answers)


def test_each_figure_is_measured_as_defined():
    report = calibration_report(_hand_made())
    achieved = dict(zip(KEYS, report["achieved"], strict=True))
    for key, value in EXPECTED.items():
        assert achieved[key] == pytest.approx(value, abs=0.01), key


def test_report_has_every_target_with_its_source():
    report = calibration_report(_hand_made())
    assert list(report.columns) == ["figure", "target", "achieved", "source"]
    assert report["target"].tolist() == [t.target for t in TARGETS]
    source = report.loc[KEYS.index("rse_fixed_term"), "source"]
    assert source == "Software Sustainability Institute, UK RSE survey 2018"


def test_figures_without_anyone_to_measure_are_missing(tiny):
    report = calibration_report(tiny)
    achieved = dict(zip(KEYS, report["achieved"], strict=True))
    assert math.isnan(achieved["phd_left_research"])  # tiny calls the PhD role "phd"
    assert math.isnan(achieved["rse_recognised_institution"])
    assert achieved["rse_fixed_term"] == 100.0  # p05 is the only current RSE, on a fixed-term contract


def test_markdown_table_has_a_row_per_target():
    lines = calibration_markdown(_hand_made()).splitlines()
    assert lines[:2] == [
        "| figure | target | achieved | definition in this data | source |",
        "| --- | --- | --- | --- | --- |",
    ]
    assert len(lines) == 2 + len(TARGETS)
    assert lines[2].startswith("| science PhD graduates leaving science after the PhD | 53.0% | 50.0% |")
    assert "| 0.45% |" in lines[2 + KEYS.index("phd_chair")]


def test_generated_data_lands_on_every_target():
    report = calibration_report(generate_dataset(people=5000, seed=1))
    for key, row in zip(KEYS, report.itertuples(index=False), strict=True):
        if key in SMALL:
            assert row.target / 1.5 <= row.achieved <= row.target * 1.5, (key, row.achieved)
        else:
            assert abs(row.achieved - row.target) <= 3, (key, row.achieved)


def test_written_and_loaded_data_measure_the_same(tmp_path):
    loading = pytest.importorskip("pathways.loading")
    dataset = generate_dataset(people=800, seed=2)
    write_dataset(dataset, tmp_path)
    loaded = loading.load_dataset(tmp_path)
    pd.testing.assert_frame_equal(calibration_report(loaded), calibration_report(dataset))
