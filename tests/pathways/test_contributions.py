"""Contribution forms checked into payloads, and payloads turned into a dataset, counted by hand.

The roles, statements and attributes are those of the ``tiny`` fixture: statements
``recognised`` (likert5), ``fixed_term`` (binary) and ``promotion_clear`` (likert5);
attributes ``gender`` (man, woman) and ``contract`` (fixed-term, permanent).
"""

import json
from datetime import date

import pandas as pd
import pytest

from pathways.barriers import barrier_table
from pathways.contributions import (
    CONSENT_NEEDED,
    MAX_STEPS,
    NOTHING_GIVEN,
    REFUSED,
    UNREADABLE,
    contributions_dataset,
    merge_datasets,
    other_role_id,
    validate_contribution,
)
from pathways.flows import transition_flows
from pathways.model import CareerModel

ATTRIBUTES = {"gender": ("man", "woman"), "contract": ("fixed-term", "permanent")}
NEXT_YEAR = date.today().year + 1


def form(**changes):
    """A valid form: two steps, two answers, one attribute, consent."""
    base = {
        "steps": [
            {"role": "phd", "start_year": "2010"},
            {"role": "postdoc", "start_year": 2014},
            {"role": ""},
        ],
        "answers": {"recognised": "4", "fixed_term": "skip", "promotion_clear": None},
        "attributes": {"gender": "woman", "contract": "prefer-not-to-say"},
        "consent": True,
        "honeypot": "",
    }
    return {**base, **changes}


def check(tiny, given):
    return validate_contribution(given, tiny.roles, tiny.barrier_items, ATTRIBUTES)


def test_a_valid_form_gives_a_payload_of_codes_and_numbers_only(tiny):
    payload, errors = check(tiny, form())
    assert errors == []
    assert payload == {
        "v": 1,
        "steps": [{"role": "phd", "start": 2010}, {"role": "postdoc", "start": 2014}],
        "answers": {"recognised": 4},
        "attributes": {"gender": "woman"},
    }
    # Nothing but identifiers, codes and whole numbers: no free text can reach the screen.
    assert json.loads(json.dumps(payload)) == payload


def test_blank_rows_between_steps_are_skipped_and_other_roles_keep_sector_and_stage(tiny):
    steps = [
        {"role": "msc"},
        {"role": None, "start_year": ""},
        {"role": "other", "sector": "nhs", "stage": "mid", "start_year": 2016.0},
    ]
    payload, errors = check(tiny, form(steps=steps))
    assert errors == []
    assert payload["steps"] == [
        {"role": "msc"},
        {"role": "other", "sector": "nhs", "stage": "mid", "start": 2016},
    ]


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([{"role": "phd"}] * (MAX_STEPS + 1), "Please give at most 8 career steps."),
        ([{"role": "post-doc"}], "Step 1: please choose a role from the list."),
        (
            [{"role": "phd"}, {"role": "other", "stage": "mid"}],
            "Step 2: please choose the sector of your other role.",
        ),
        (
            [{"role": "other", "sector": "nhs", "stage": "boss"}],
            "Step 1: please choose the career stage of your other role.",
        ),
        ([{"role": "phd", "start_year": "twenty"}], "Step 1: the start year must be a year such as 2015."),
        (
            [{"role": "phd", "start_year": "1939"}],
            f"Step 1: the start year must be from 1940 to {NEXT_YEAR}.",
        ),
        (
            [{"role": "phd", "start_year": NEXT_YEAR + 1}],
            f"Step 1: the start year must be from 1940 to {NEXT_YEAR}.",
        ),
        ([{"role": "phd", "start_year": 2015.5}], "Step 1: the start year must be a year such as 2015."),
        (
            [{"role": "", "start_year": "2015"}],
            "Step 1: please choose a role for the year you gave, or clear the year.",
        ),
        (
            [{"role": "phd", "start_year": 2012}, {"role": "postdoc"}, {"role": "ds", "start_year": 2010}],
            "Step 3 starts before step 1: please put your steps in the order you held them.",
        ),
    ],
)
def test_each_problem_with_the_steps_is_named_and_nothing_is_returned(tiny, steps, message):
    payload, errors = check(tiny, form(steps=steps))
    assert payload is None
    assert errors == [message]


@pytest.mark.parametrize(
    ("answers", "statement"),
    [
        ({"recognised": "6"}, "My contribution is recognised by my institution"),
        ({"recognised": 0}, "My contribution is recognised by my institution"),
        ({"fixed_term": "2"}, "I am on a fixed-term contract"),
        ({"fixed_term": "yes"}, "I am on a fixed-term contract"),
    ],
)
def test_an_answer_outside_its_scale_is_refused(tiny, answers, statement):
    payload, errors = check(tiny, form(answers=answers))
    assert payload is None
    assert errors == [f'Please choose one of the answers offered for "{statement}".']


def test_an_attribute_value_not_offered_is_refused_and_prefer_not_to_say_is_left_out(tiny):
    assert check(tiny, form(attributes={"gender": "alien"})) == (
        None,
        ["Please choose one of the answers offered for gender."],
    )
    payload, _ = check(tiny, form(attributes={"gender": "prefer-not-to-say", "contract": ""}))
    assert payload["attributes"] == {}


def test_consent_is_required_and_an_empty_form_says_what_is_missing(tiny):
    assert check(tiny, form(consent=False)) == (None, [CONSENT_NEEDED])
    assert check(tiny, form(consent="yes")) == (None, [CONSENT_NEEDED])
    empty = form(steps=[{"role": ""}] * 3, answers={"recognised": "skip"}, attributes={})
    assert check(tiny, empty) == (None, [NOTHING_GIVEN])
    # Several problems are all listed at once.
    _, errors = check(tiny, form(steps=[{"role": "nope"}], answers={"fixed_term": "7"}, consent=False))
    assert len(errors) == 3


def test_a_filled_honeypot_gets_one_neutral_message(tiny):
    assert check(tiny, form(honeypot="buy now")) == (None, [REFUSED])
    # Even with other problems: a robot learns nothing about the form.
    assert check(tiny, form(honeypot="x", consent=False, steps=[{"role": "nope"}])) == (None, [REFUSED])


@pytest.mark.parametrize(
    "given",
    [
        "not a form",
        form(steps="phd"),
        form(steps=[{"role": "phd" * 30}]),
        form(steps=[{"role": ["phd"]}]),
        form(steps=[{"role": "phd"}] * (2 * MAX_STEPS + 1)),
        form(answers={"no_such_statement": "4"}),
        form(answers=["4"]),
        form(attributes={"shoe_size": "42"}),
        form(honeypot={"a": 1}),
    ],
)
def test_values_no_form_of_ours_sends_are_unreadable(tiny, given):
    assert check(tiny, given) == (None, [UNREADABLE])


PAYLOADS = [
    {
        "steps": [
            {"role": "phd", "start": 2010},
            {"role": "postdoc", "start": 2014},
            {"role": "ds", "start": 2018},
        ],
        "answers": {"recognised": 4, "fixed_term": 0},
        "attributes": {"gender": "woman"},
    },
    {
        "steps": [{"role": "msc"}, {"role": "other", "sector": "nhs", "stage": "mid"}],
        "answers": {"recognised": 2},
    },
    {
        "steps": [
            {"role": "postdoc", "start": 2015},
            {"role": "postdoc", "start": 2017},
            {"role": "lecturer", "start": 2019},
        ],
        "attributes": {"contract": "permanent", "gender": "alien"},
    },
    {"answers": {"promotion_clear": 5, "fixed_term": 3, "made_up": 1}},
    {"steps": [{"role": "unknown_role"}, {"role": "phd"}, "not a step"]},
]


@pytest.fixture()
def room(tiny):
    return contributions_dataset(PAYLOADS, tiny)


def test_payloads_become_people_careers_and_answers(room):
    assert room.info.kind == "contributions"
    assert list(room.people.index) == ["room-001", "room-002", "room-003", "room-004", "room-005"]
    assert room.careers.values.tolist() == [
        ["room-001", 1, "phd", 2010, 2014],
        ["room-001", 2, "postdoc", 2014, 2018],
        ["room-001", 3, "ds", 2018, pd.NA],
        ["room-002", 1, "msc", pd.NA, pd.NA],
        ["room-002", 2, "other-nhs-mid", pd.NA, pd.NA],
        ["room-003", 1, "postdoc", 2015, 2017],
        ["room-003", 2, "postdoc", 2017, 2019],
        ["room-003", 3, "lecturer", 2019, pd.NA],
        ["room-005", 1, "phd", pd.NA, pd.NA],
    ]
    # The unknown statement and the binary answer of 3 are left out.
    assert room.barrier_responses.values.tolist() == [
        ["room-001", "recognised", 4],
        ["room-001", "fixed_term", 0],
        ["room-002", "recognised", 2],
        ["room-004", "promotion_clear", 5],
    ]


def test_people_get_known_attribute_values_and_their_last_role_s_sector(room):
    people = room.people
    assert people.loc["room-001", ["gender", "sector", "stage"]].tolist() == ["woman", "industry", "early"]
    assert people.loc["room-002", ["sector", "stage"]].tolist() == ["nhs", "mid"]
    # 'alien' is not a gender of the base data: left out, so no text a payload holds is shown.
    assert pd.isna(people.loc["room-003", "gender"]) and people.loc["room-003", "contract"] == "permanent"
    assert people.loc["room-004"].isna().all()


def test_other_roles_are_added_to_the_base_roles(tiny, room):
    assert len(room.roles) == len(tiny.roles) + 1
    assert room.roles.loc[other_role_id("nhs", "mid"), ["title", "sector", "stage"]].tolist() == [
        "Other role (NHS, mid career)",
        "nhs",
        "mid",
    ]


def test_flows_and_barriers_of_the_room_counted_by_hand(room):
    # Transitions: phd>postdoc, postdoc>ds, msc>other-nhs-mid, postdoc>lecturer (a second postdoc is one stay).
    flows = transition_flows(room, level="sector")
    assert sorted(map(tuple, flows.values.tolist())) == [
        ("academia", "academia", 1),
        ("academia", "industry", 1),
        ("education", "academia", 1),
        ("education", "nhs", 1),
    ]
    table = barrier_table(room)
    assert table[["barrier_id", "n", "agree"]].values.tolist() == [
        ["recognised", 2, 1],
        ["fixed_term", 1, 0],
        ["promotion_clear", 1, 1],
    ]
    assert CareerModel.build(room).graph.number_of_edges() == 4


def test_no_payloads_give_an_empty_dataset_a_model_can_be_built_on(tiny):
    empty = contributions_dataset([], tiny)
    assert empty.summary() == {"people": 0, "episodes": 0, "transitions": 0, "roles": 9, "responses": 0}
    assert CareerModel.build(empty).graph.number_of_edges() == 0


def test_merging_adds_the_room_to_the_base(tiny, room):
    merged = merge_datasets(tiny, room)
    assert len(merged.people) == 13 + 5
    assert len(merged.careers) == 32 + 9
    assert len(merged.roles) == 9 + 1
    assert len(merged.barrier_responses) == 30 + 4
    assert merged.info.kind == "synthetic" and merged.info.disclosure == tiny.info.disclosure
    assert merged.info.name == "Tiny hand-counted fixture with Workshop contributions"
    base_flows = transition_flows(tiny, level="sector").set_index(["source", "target"])["count"]
    flows = transition_flows(merged, level="sector").set_index(["source", "target"])["count"]
    assert flows[("education", "nhs")] == base_flows[("education", "nhs")] + 1
    recognised = barrier_table(merged).set_index("barrier_id").loc["recognised"]
    assert (recognised["n"], recognised["agree"]) == (13 + 2, 7 + 1)


def test_merging_refuses_people_in_both(tiny):
    with pytest.raises(ValueError, match="13 person ids are in both"):
        merge_datasets(tiny, tiny)
