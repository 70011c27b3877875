"""The contribute form on the tiny fixture: choices only, three steps of eight shown, optional answers."""

import dash_bootstrap_components as dbc
import pytest
from dash import html

from layouts import contribute_page as page
from layouts import ids
from pathways.contributions import MAX_STEPS, PREFER_NOT
from pathways.model import CareerModel
from tests.component_tree import text_of, walk


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


def with_id(tree, component_id):
    return [c for c in walk(tree) if getattr(c, "id", None) == component_id]


def of_type(tree, kind):
    return [c for c in walk(tree) if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == kind]


def test_the_code_comes_from_the_address_in_its_stored_form(model):
    tree = page.layout(model, {"w": " ab3k9q "})
    (code,) = with_id(tree, ids.CONTRIBUTE_CODE)
    assert code.value == "AB3K9Q"
    assert "Ignored" not in text_of(tree)


def test_a_code_that_cannot_be_one_is_ignored_with_a_notice(model):
    tree = page.layout(model, {"w": "no spaces!"})
    assert with_id(tree, ids.CONTRIBUTE_CODE)[0].value == ""
    assert "Ignored workshop code 'no spaces!' in the address" in text_of(tree)


def test_to_query_and_dom_ids():
    assert page.to_query(None, "ab3k9q") == "?w=AB3K9Q"
    assert page.to_query(None, "") == page.to_query(None, "bad code!") == ""
    assert page.dom_id({"type": "contribute-role", "index": 3}) == '{"index":3,"type":"contribute-role"}'


def test_roles_are_grouped_by_sector_under_headings_people_cannot_choose(model):
    options = page.role_options(model)
    assert options[0] == {"label": "No role: leave this step empty", "value": ""}
    headings = [o["label"] for o in options if o.get("disabled")]
    assert headings == [
        "-- Education --",
        "-- Academia --",
        "-- NHS --",
        "-- Industry --",
        "-- Entrepreneurship --",
        "-- Not in the list --",
    ]
    choosable = [o["value"] for o in options if not o.get("disabled") and o["value"]]
    assert choosable == [role for role, _ in model.role_choices] + ["other"]


def test_eight_steps_three_shown_each_with_role_other_fields_and_year(model):
    tree = page.layout(model, {"w": "AB3K9Q"})
    steps = of_type(tree, ids.CONTRIBUTE_STEP)
    assert [s.hidden for s in steps] == [False] * 3 + [True] * (MAX_STEPS - 3)
    assert len(of_type(tree, ids.CONTRIBUTE_ROLE)) == MAX_STEPS
    assert all(o.hidden for o in of_type(tree, ids.CONTRIBUTE_OTHER))
    years = of_type(tree, ids.CONTRIBUTE_YEAR)
    assert {(y.type, y.min) for y in years} == {("number", 1940)}
    # Every select and input has a label pointing at the id Dash writes into the page.
    labels = {c.html_for for c in walk(tree) if isinstance(c, dbc.Label)}
    for control in walk(tree):
        if isinstance(control, dbc.Select | dbc.Input):
            assert page.dom_id(control.id) in labels, control.id


def test_adding_steps_shows_one_more_each_time_up_to_eight():
    assert page.steps_shown(None) == ([False] * 3 + [True] * 5, False, "")
    hidden, disabled, status = page.steps_shown(2)
    assert hidden == [False] * 5 + [True] * 3 and not disabled and status == "Step 5 added."
    hidden, disabled, status = page.steps_shown(9)
    assert hidden == [False] * 8 and disabled
    assert status == "Step 8 added. That is the most this form takes (8 steps)."


def test_each_statement_is_a_fieldset_with_its_scale_and_a_way_to_skip(model):
    tree = page.layout(model, {})
    answers = of_type(tree, ids.CONTRIBUTE_ANSWER)
    assert [a.id["barrier"] for a in answers] == ["recognised", "fixed_term", "promotion_clear"]
    labels = {a.id["barrier"]: [o["label"] for o in a.options] for a in answers}
    assert labels["recognised"] == [
        "Strongly disagree",
        "Disagree",
        "Neither",
        "Agree",
        "Strongly agree",
        "Skip",
    ]
    assert labels["fixed_term"] == ["No", "Yes", "Skip"]
    assert all(a.value is None for a in answers)
    legends = [text_of(c) for c in walk(tree) if isinstance(c, html.Legend)]
    assert "I am on a fixed-term contract" in legends
    input_ids = [o["input_id"] for a in answers for o in a.options]
    assert len(input_ids) == len(set(input_ids)) == 6 + 3 + 6
    assert len({a.name for a in answers}) == 3


def test_attributes_default_to_prefer_not_to_say_without_repeating_it(model):
    selects = of_type(page.layout(model, {}), ids.CONTRIBUTE_ATTRIBUTE)
    assert [s.id["attribute"] for s in selects] == ["gender", "contract"]
    gender = selects[0]
    assert gender.value == PREFER_NOT
    # tiny has a gender value "prefer not to say": the form's own choice stands for it.
    assert [o["label"] for o in gender.options] == ["Prefer not to say", "man", "woman"]


def test_consent_honeypot_and_no_box_for_free_text(model):
    tree = page.layout(model, {})
    (consent,) = with_id(tree, ids.CONTRIBUTE_CONSENT)
    assert consent.value is False
    assert consent.label == (
        "I agree that my answers are stored anonymously and shown only in groups of at least 5 people"
    )
    (trap,) = with_id(tree, ids.CONTRIBUTE_HONEYPOT)
    assert trap.tabIndex == -1 and trap.autoComplete == "off"
    wrapper = next(c for c in walk(tree) if "contribute-extra" in (getattr(c, "className", "") or ""))
    assert wrapper.to_plotly_json()["props"]["aria-hidden"] == "true"
    assert "Leave this empty" in text_of(wrapper)
    text_inputs = [c.id for c in walk(tree) if isinstance(c, dbc.Input) and c.type == "text"]
    assert text_inputs == [ids.CONTRIBUTE_CODE, ids.CONTRIBUTE_HONEYPOT]


def test_a_dataset_without_statements_or_attributes_leaves_those_parts_out(model, tiny):
    import dataclasses

    from pathways.dataset import Dataset

    bare = Dataset(dataclasses.replace(tiny.info, attributes={}), tiny.roles, tiny.careers)
    text = text_of(page.layout(CareerModel.build(bare), {}))
    assert "What gets in the way" not in text and "About you" not in text
    assert "2. Send" in text


def test_messages_after_sending(model):
    thanks = page.result_message(True, [], "AB3K9Q", model.rules)
    assert text_of(thanks).startswith(
        "Thank you: your answers are saved. They will appear on the screen with the next group of at least 5."
    )
    assert [c.href for c in walk(thanks) if isinstance(c, html.A)] == ["/contribute?w=AB3K9Q"]
    errors = page.result_message(False, ["Step 1: please choose a role from the list."])
    assert errors.color == "danger" and "Nothing was saved yet" in text_of(errors)
    refused = page.result_message(False, ["Please wait a minute."], fixable=False)
    assert refused.color == "warning" and text_of(refused) == "Please wait a minute."


def test_the_workshop_line(model):
    assert (
        text_of(page.workshop_line("Leeds day", "AB3K9Q", True))
        == "Your answers go to the workshop Leeds day."
    )
    assert "has closed" in text_of(page.workshop_line("Leeds day", "AB3K9Q", False))
    assert text_of(page.workshop_line("", "", True)) == "Type the code shown on the screen."
    assert text_of(page.workshop_line("", "X", False, "No such workshop.")) == "No such workshop."
