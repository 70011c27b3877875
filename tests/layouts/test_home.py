"""Home page findings and summary, counted by hand from tests/fixtures/tiny."""

import pytest

from layouts.home import displayed_summary, headline_findings, layout
from pathways.model import CareerModel


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


def test_first_job_after_study_is_counted_by_hand(raw_model):
    # 10 people left study for a job; 6 of them (p01 p02 p05 p07 p08 p09) became postdocs.
    findings = {headline: detail for headline, detail, _ in headline_findings(raw_model)}
    assert "60% of people took their first job after study in academia" in findings
    assert findings["60% of people took their first job after study in academia"] == (
        "Out of 10 people who started as students."
    )


def test_cross_sector_share_of_job_moves(raw_model):
    # Job moves: p01 postdoc-lecturer, p02 postdoc-ds, ds-senior_ds, p04 ds-senior_ds, p05 postdoc-rse,
    # p07 postdoc-ds, ds-postdoc, p10 postdoc-founder: 8 moves, 4 of them cross sectors.
    headlines = [headline for headline, _, _ in headline_findings(raw_model)]
    assert "50% of moves between jobs cross from one sector to another" in headlines


def test_small_denominators_are_not_published(model):
    # Under the default rules 8 job moves are too few (under 10) for a percentage.
    headlines = [headline for headline, _, _ in headline_findings(model)]
    assert not any("cross from one sector" in headline for headline in headlines)
    # 5 of 12 known contracts are fixed-term: 42%, with the count of 12 rounded to 10.
    assert (
        "42% of people are on fixed-term contracts",
        "Of 10 people who said what contract they hold now.",
        "/barriers",
    ) in headline_findings(model)


def test_summary_is_rounded_and_protected(model):
    summary = displayed_summary(model)
    assert summary["people"] == "15"  # 13 people, rounded to 5
    assert summary["roles"] == "10"  # 9 roles
    assert summary["transitions"] == "20"  # 19 moves


def test_layout_labels_synthetic_data(model):
    text = str(layout(model))
    assert "Illustrative data." in text
    assert "I am a student" in text


def test_sector_gap_leaves_students_out(raw_model):
    # recognised, by current sector without education: entrepreneurship 1/1 agree, NHS 0/1.
    findings = {headline: detail for headline, detail, _ in headline_findings(raw_model)}
    detail = findings["Sectors differ most on: \u201cMy contribution is recognised by my institution\u201d"]
    assert detail == "100% agree in Entrepreneurship, 0% in NHS."
