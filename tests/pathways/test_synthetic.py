"""The illustrative dataset generator: reproducible, consistent, and shaped like the sources."""

import re

import numpy as np
import pandas as pd
import pytest

import pathways.synthetic as synthetic
from pathways.dataset import ROLE_COLUMNS
from pathways.schema import AGREE_FROM, SCALE_VALUES, THEMES
from pathways.synthetic import ATTRIBUTES, generate_dataset, read_roles
from pathways.writing import write_dataset


@pytest.fixture(scope="module")
def data():
    return generate_dataset(people=5000, seed=1)


@pytest.fixture(scope="module")
def current(data):
    return data.stays.drop_duplicates("person_id", keep="last").set_index("person_id")["role_id"]


def _agree(data, item, people):
    answers = data.barrier_responses
    answers = answers[(answers["barrier_id"] == item) & answers["person_id"].isin(people)]
    scale = data.barrier_items.loc[item, "scale"]
    return (answers["response"] >= AGREE_FROM[scale]).mean()


# reproducibility and the written files


def test_same_seed_gives_same_bytes(tmp_path):
    first = write_dataset(generate_dataset(people=400, seed=3), tmp_path / "a")
    second = write_dataset(generate_dataset(people=400, seed=3), tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_another_seed_gives_other_careers(tmp_path):
    write_dataset(generate_dataset(people=400, seed=3), tmp_path / "a")
    write_dataset(generate_dataset(people=400, seed=4), tmp_path / "b")
    assert (tmp_path / "a" / "careers.csv").read_bytes() != (tmp_path / "b" / "careers.csv").read_bytes()


def test_people_file_holds_only_the_attributes(tmp_path):
    write_dataset(generate_dataset(people=50, seed=1), tmp_path)
    header = (tmp_path / "people.csv").read_text().splitlines()[0]
    assert header == "person_id," + ",".join(ATTRIBUTES)


def test_metadata_says_it_is_synthetic(data):
    info = data.info
    assert info.name == "Illustrative biomedical data science careers (synthetic)"
    assert info.is_synthetic and info.licence == "CC-BY-4.0"
    assert "not real people" in info.description.lower() or "not\nreal" in info.description
    assert "Royal Society" in info.source and "Wellcome" in info.source
    assert info.attributes["first_generation"] == "First generation to attend university"
    assert data.attributes == ATTRIBUTES


def test_too_few_people_is_an_error():
    with pytest.raises(ValueError, match="at least 1"):
        generate_dataset(people=0)


# roles and advice are copied from the resources


def test_roles_are_the_resource_roles_with_every_column(data):
    assert list(data.roles.columns) == list(ROLE_COLUMNS)
    assert data.roles.index.equals(read_roles().index)
    assert str(data.roles["salary_min"].dtype) == "Int64"


def test_missing_advice_file_leaves_a_note(monkeypatch):
    real = synthetic._read_resource
    monkeypatch.setattr(
        synthetic, "_read_resource", lambda name, **kw: None if name == "advice.csv" else real(name, **kw)
    )
    dataset = generate_dataset(people=30, seed=1)
    assert dataset.advice.empty
    assert dataset.notes == ("advice.csv not found: the dataset has no advice",)


# people


def test_people_have_every_attribute_and_no_gaps(data):
    assert data.people.index.name == "person_id"
    assert len(data.people) == 5000 and data.people.index.is_unique
    assert list(data.people.columns) == list(ATTRIBUTES)
    assert not data.people.isna().any().any()
    assert set(data.people["contract"]) == {"permanent", "fixed-term", "other"}


def test_cohort_is_the_band_of_the_first_episode(data):
    first = data.careers.drop_duplicates("person_id").set_index("person_id")["start_year"]
    low = (first - first % 5).astype(int).astype(str)
    expected = low + "-" + (first - first % 5 + 4).astype(int).astype(str)
    assert data.people["cohort"].equals(expected.reindex(data.people.index).rename("cohort"))
    assert all(re.fullmatch(r"\d{4}-\d{4}", c) for c in data.people["cohort"].unique())


def test_attributes_follow_the_published_proportions(data, current):
    gender = data.people["gender"]
    professors = current.index[current == "professor"]
    academics = current.index[current.isin(["postdoc", "lecturer", "research_fellow", "senior_lecturer"])]
    rses = current.index[current.isin(["rse", "senior_rse", "head_rse"])]
    assert 0.35 < (gender == "woman").mean() < 0.5
    assert (gender[professors] == "woman").mean() < (gender[academics] == "woman").mean()
    assert (gender[rses] == "woman").mean() < 0.25
    assert 0.7 < (data.people["ethnicity"] == "White").mean() < 0.85
    assert 0.04 < (data.people["disability"] == "yes").mean() < 0.1


def test_contracts_depend_on_sector_and_stage(data, current):
    contract = data.people["contract"]
    postdocs = current.index[current == "postdoc"]
    industry = current.index[current.map(data.roles["sector"]) == "industry"]
    assert (contract[postdocs] == "fixed-term").mean() > 0.8
    assert (contract[industry] == "fixed-term").mean() < 0.15


# careers


def test_careers_are_consistent(data):
    careers = data.careers
    assert careers["role_id"].isin(data.roles.index).all()
    seq = careers.groupby("person_id")["seq"]
    assert (seq.transform("min") == 1).all() and (seq.transform("max") == seq.transform("size")).all()
    assert careers["start_year"].between(1990, 2024).all()
    ended = careers["end_year"].notna()
    assert (careers.loc[ended, "end_year"] >= careers.loc[ended, "start_year"] + 1).all()
    assert careers.loc[ended, "end_year"].max() <= 2024
    last = ~careers["person_id"].duplicated(keep="last")
    assert careers.loc[last, "end_year"].isna().all() and careers.loc[~last, "end_year"].notna().all()
    following = careers["start_year"].shift(-1)[~last]
    assert (careers.loc[~last, "end_year"] == following).all()
    assert set(careers["person_id"]) == set(data.people.index)


def test_everyone_starts_as_a_student_or_early(data):
    first = data.careers.drop_duplicates("person_id")["role_id"].map(data.roles["stage"])
    assert set(first) <= {"student", "early"}


def test_fixed_term_contracts_repeat_in_the_same_role(data):
    careers = data.careers
    again = (careers["role_id"] == careers["role_id"].shift()) & (
        careers["person_id"] == careers["person_id"].shift()
    )
    repeated = careers.loc[again, "role_id"].value_counts()
    assert repeated["postdoc"] > 100
    assert "lecturer" not in repeated  # a permanent post goes on, it is not renewed


def test_routes_between_sectors_exist(data):
    moves = set(zip(data.transitions["source"], data.transitions["target"], strict=True))
    for move in [
        ("nhs_stp_trainee", "clinical_bioinformatician"),
        ("clinical_bioinformatician", "principal_clinical_scientist"),
        ("principal_clinical_scientist", "consultant_clinical_scientist"),
        ("clinical_bioinformatician", "hsst_trainee"),
        ("postdoc", "rse"),
        ("rse", "industry_software_engineer"),
        ("postdoc", "spinout_founder"),
        ("industry_principal_data_scientist", "startup_founder"),
        ("pharma_bioinformatician", "postdoc"),
        ("phd_student", "outside_science"),
    ]:
        assert move in moves, move


def test_no_one_holds_a_title_before_it_existed(data):
    careers = data.careers
    assert careers.loc[careers["role_id"] == "rse", "start_year"].min() >= 2012
    assert careers.loc[careers["role_id"] == "nhs_stp_trainee", "start_year"].min() >= 2011


# barriers


def test_statements_cover_every_theme_and_scale(data):
    items = data.barrier_items
    assert len(items) >= 20 and items.index.is_unique
    assert set(items["theme"]) == set(THEMES)
    assert set(items["scale"]) == {"likert5", "binary"}
    for item in ("recog_institution", "recog_line_manager", "promotion_clear", "fixed_term", "feel_secure"):
        assert item in items.index


def test_answers_are_on_each_statement_scale(data):
    answers = data.barrier_responses
    scale = answers["barrier_id"].map(data.barrier_items["scale"])
    for name, values in SCALE_VALUES.items():
        assert answers.loc[scale == name, "response"].isin(values).all()
    assert not answers.duplicated(["person_id", "barrier_id"]).any()


def test_most_people_answer_and_some_skip(data):
    answers = data.barrier_responses
    respondents = answers["person_id"].nunique()
    assert abs(respondents / len(data.people) - 0.85) < 0.01
    per_person = answers.groupby("person_id").size()
    assert (per_person < len(data.barrier_items)).mean() > 0.3


def test_fixed_term_answers_are_the_contract(data):
    answers = data.barrier_responses.query("barrier_id == 'fixed_term'").set_index("person_id")["response"]
    contract = data.people["contract"].reindex(answers.index)
    assert (answers == (contract == "fixed-term").astype(int)).all()


def test_credit_answers_do_not_contradict(data):
    credit = data.barrier_responses[data.barrier_responses["barrier_id"].str.startswith("credit_")]
    both = credit.pivot(index="person_id", columns="barrier_id", values="response")
    assert not ((both["credit_coauthor"] == 1) & (both["credit_not_mentioned"] == 1)).any()


def test_fixed_term_contracts_lower_security(data):
    contract = data.people["contract"]
    fixed = contract.index[contract == "fixed-term"]
    permanent = contract.index[contract == "permanent"]
    assert _agree(data, "feel_secure", fixed) < _agree(data, "feel_secure", permanent) - 0.1


def test_equal_opportunities_are_felt_less_by_women(data):
    gender = data.people["gender"]
    women, men = gender.index[gender == "woman"], gender.index[gender == "man"]
    assert _agree(data, "equal_opportunities", women) < _agree(data, "equal_opportunities", men)


def test_rses_see_recognition_from_managers_more_than_institutions(data, current):
    rses = current.index[current.isin(["rse", "senior_rse", "head_rse"])]
    assert _agree(data, "recog_line_manager", rses) > _agree(data, "recog_institution", rses) + 0.3


def test_responses_are_sorted_by_person_then_statement(data):
    answers = data.barrier_responses
    order = answers["barrier_id"].map({b: i for i, b in enumerate(data.barrier_items.index)})
    keys = pd.DataFrame({"p": answers["person_id"], "i": order})
    assert keys.equals(keys.sort_values(["p", "i"]))
    assert np.issubdtype(answers["response"].dtype, np.integer)
