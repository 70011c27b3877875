"""Contribute: the short form a workshop participant fills on a phone, with choices only.

Every control is a choice from the dataset's own roles, statements and attribute
values (or a year), so a contribution holds no free text. Component ids of the
repeated parts are pattern-matching dicts; their labels point at the id Dash
writes into the page (see :func:`dom_id`).
"""

import json
from datetime import date

import dash_bootstrap_components as dbc
from dash import html

from layouts import ids
from layouts.controls import notices, page_header
from pathways.contributions import MAX_STEPS, OTHER_ROLE, PREFER_NOT
from pathways.schema import MIN_YEAR, SECTOR_LABELS, SECTORS, STAGE_LABELS, STAGES, THEME_LABELS, THEMES
from pathways.viewstate import Field, decode_state
from storage.codes import normalise_code

PATH = "/contribute"
TITLE = "Add your career"
NAV_LABEL = None
NAV_ORDER = 90
SLUG = "contribute"
CONTENT_ID = ids.CONTRIBUTE_FORM
CONTROLS = []
FIRST_STEPS = 3
SCALE_LABELS = {
    "likert5": [
        ("1", "Strongly disagree"),
        ("2", "Disagree"),
        ("3", "Neither"),
        ("4", "Agree"),
        ("5", "Strongly agree"),
    ],
    "binary": [("0", "No"), ("1", "Yes")],
}
SKIP = ("skip", "Skip")
INTRO = (
    "Add your own career to the workshop in about two minutes: choose the roles you have held and say "
    "how much you agree with a few statements. There is nothing to write, only choices and years, and "
    "your answers appear on the screen only together with those of other people."
)


def dom_id(component_id):
    """The id Dash writes into the page for a component id (a dict is written as sorted JSON).

    Examples
    --------
    >>> dom_id({"type": "contribute-role", "index": 2})
    '{"index":2,"type":"contribute-role"}'
    >>> dom_id("contribute-code")
    'contribute-code'
    """
    if not isinstance(component_id, dict):
        return component_id
    return json.dumps(dict(sorted(component_id.items())), separators=(",", ":"), ensure_ascii=False)


def fields(model):
    """The view state: the workshop code from the QR code's address."""
    return [Field("w", "", label="workshop code")]


def workshop_code(query):
    """The workshop code of the address in its stored form, '' when absent, and notices."""
    state, messages = decode_state(fields(None), query or {})
    if not state["w"]:
        return "", messages
    code = normalise_code(state["w"])
    if code is None:
        shown = state["w"] if len(state["w"]) <= 20 else state["w"][:20] + "..."
        return "", [*messages, f"Ignored workshop code {shown!r} in the address: use letters and digits."]
    return code, messages


def to_query(model, code=None):
    """``?w=CODE`` for a workshop code ('' without one)."""
    code = normalise_code(code or "")
    return f"?w={code}" if code else ""


def role_options(model):
    """The roles grouped by sector under unselectable headings, then 'Other role'."""
    sector_of = model.dataset.roles["sector"]
    options = [{"label": "No role: leave this step empty", "value": ""}]
    current = None
    for role_id, title in model.role_choices:
        if sector_of[role_id] != current:
            current = sector_of[role_id]
            label = SECTOR_LABELS.get(current, str(current))
            options.append({"label": f"-- {label} --", "value": f"__{current}", "disabled": True})
        options.append({"label": title, "value": role_id})
    options.append({"label": "-- Not in the list --", "value": "__other", "disabled": True})
    options.append({"label": "Other role (choose its sector and stage)", "value": OTHER_ROLE})
    return options


def _select(component_id, label, options, value="", placeholder=""):
    # dbc.Select shows `placeholder` (a hidden option of value "") while the value is "".
    return html.Div(
        [
            dbc.Label(label, html_for=dom_id(component_id), className="fw-semibold"),
            dbc.Select(id=component_id, options=options, value=value, placeholder=placeholder),
        ],
        className="mb-2",
    )


def step_fieldset(model, number, roles):
    """One career step: its role, the sector and stage of an 'other' role, and its start year."""
    other = html.Div(
        [
            _select(
                {"type": ids.CONTRIBUTE_SECTOR, "index": number},
                "Sector of this other role",
                [{"label": SECTOR_LABELS[s], "value": s} for s in SECTORS],
                placeholder="Choose a sector",
            ),
            _select(
                {"type": ids.CONTRIBUTE_STAGE, "index": number},
                "Career stage of this other role",
                [{"label": STAGE_LABELS[s], "value": s} for s in STAGES],
                placeholder="Choose a stage",
            ),
        ],
        id={"type": ids.CONTRIBUTE_OTHER, "index": number},
        hidden=True,
        className="contribute-other ps-3",
    )
    year_id = {"type": ids.CONTRIBUTE_YEAR, "index": number}
    year = html.Div(
        [
            dbc.Label("Year you started it (optional)", html_for=dom_id(year_id)),
            dbc.Input(
                id=year_id,
                type="number",
                min=MIN_YEAR,
                max=date.today().year + 1,
                step=1,
                inputMode="numeric",
                autoComplete="off",
                className="contribute-year",
            ),
        ],
        className="mb-2",
    )
    return html.Fieldset(
        [
            html.Legend(f"Step {number}" + (": your first role" if number == 1 else ""), className="h6"),
            _select(
                {"type": ids.CONTRIBUTE_ROLE, "index": number}, "Role", roles, placeholder="Choose a role"
            ),
            other,
            year,
        ],
        id={"type": ids.CONTRIBUTE_STEP, "index": number},
        hidden=number > FIRST_STEPS,
        className="contribute-step",
    )


def steps_shown(clicks):
    """``(hidden flags of the steps, 'add' button disabled, status)`` after ``clicks`` on 'Add a step'."""
    count = min(FIRST_STEPS + (clicks or 0), MAX_STEPS)
    hidden = [number > count for number in range(1, MAX_STEPS + 1)]
    status = f"Step {count} added." if clicks else ""
    if count == MAX_STEPS:
        status += f" That is the most this form takes ({MAX_STEPS} steps)."
    return hidden, count == MAX_STEPS, status.strip()


def answer_fieldset(item_id, statement, scale):
    """A statement as a fieldset: the statement is the legend, the answers radio buttons."""
    component_id = {"type": ids.CONTRIBUTE_ANSWER, "barrier": item_id}
    options = [
        {"label": label, "value": value, "input_id": f"contribute-{item_id}-{value}"}
        for value, label in [*SCALE_LABELS.get(scale, []), SKIP]
    ]
    return html.Fieldset(
        [
            html.Legend(statement, className="contribute-statement"),
            dbc.RadioItems(
                id=component_id,
                options=options,
                value=None,
                inline=True,
                name=f"answer-{item_id}",
                class_name="contribute-scale",
            ),
        ],
        className="contribute-answer",
    )


def statements(model):
    """The barrier statements grouped by theme, each optional."""
    items = model.dataset.barrier_items
    parts = []
    for theme in THEMES:
        chosen = items[items["theme"] == theme]
        if chosen.empty:
            continue
        parts.append(html.H3(THEME_LABELS[theme], className="h6 contribute-theme"))
        parts += [
            answer_fieldset(item_id, row.statement, row.scale)
            for item_id, row in zip(chosen.index, chosen.itertuples())
        ]
    return parts


def attribute_values(model, column):
    """A people attribute's values, without the data's own 'prefer not to say' (the form has one)."""
    return [v for v in model.attribute_values.get(column, ()) if v.strip().lower() != "prefer not to say"]


def attribute_selects(model):
    """A select per people attribute, 'Prefer not to say' chosen to start with."""
    return [
        _select(
            {"type": ids.CONTRIBUTE_ATTRIBUTE, "attribute": column},
            label,
            [{"label": "Prefer not to say", "value": PREFER_NOT}]
            + [{"label": value, "value": value} for value in attribute_values(model, column)],
            PREFER_NOT,
        )
        for column, label in model.dataset.attributes.items()
    ]


def consent_text(rules):
    """The consent statement, with the size of the groups answers are shown in."""
    return (
        "I agree that my answers are stored anonymously and shown only in groups of at least "
        f"{rules.min_count} people"
    )


def honeypot():
    """A field people never see or reach, which form-filling robots fill in."""
    return html.Div(
        [
            dbc.Label("Leave this empty", html_for=ids.CONTRIBUTE_HONEYPOT),
            dbc.Input(id=ids.CONTRIBUTE_HONEYPOT, type="text", value="", tabIndex=-1, autoComplete="off"),
        ],
        className="contribute-extra",
        **{"aria-hidden": "true"},
    )


def content(model, query, rest=""):
    """The form: steps, statements, attributes, consent and the send button."""
    roles = role_options(model)
    has_items = not model.dataset.barrier_items.empty
    has_attributes = bool(model.dataset.attributes)
    number = iter(range(1, 5))
    return html.Div(
        [
            html.H2(f"{next(number)}. Your career so far", className="h4"),
            html.P(
                "Choose the roles you have held, starting with your first (for example as a student). "
                "Years are optional. Choose 'Other role' if yours is not in the list."
            ),
            *[step_fieldset(model, n, roles) for n in range(1, MAX_STEPS + 1)],
            dbc.Button(
                "Add a step", id=ids.CONTRIBUTE_ADD_STEP, color="secondary", outline=True, className="mb-2"
            ),
            html.P(id=ids.CONTRIBUTE_STEP_STATUS, className="small", **{"aria-live": "polite"}),
            *(
                [
                    html.H2(f"{next(number)}. What gets in the way", className="h4 mt-4"),
                    html.P("How much do you agree with each statement? Answer the ones you like."),
                    *statements(model),
                ]
                if has_items
                else []
            ),
            *(
                [
                    html.H2(f"{next(number)}. About you (optional)", className="h4 mt-4"),
                    html.P("These help show whether barriers differ between groups of people."),
                    *attribute_selects(model),
                ]
                if has_attributes
                else []
            ),
            html.H2(f"{next(number)}. Send", className="h4 mt-4"),
            dbc.Checkbox(
                id=ids.CONTRIBUTE_CONSENT, label=consent_text(model.rules), value=False, class_name="mb-3"
            ),
            honeypot(),
            dbc.Button(
                "Send my answers", id=ids.CONTRIBUTE_SUBMIT, color="primary", size="lg", class_name="w-100"
            ),
        ],
        id=ids.CONTRIBUTE_FORM,
    )


def layout(model, query=None, rest=""):
    """The Contribute page: the workshop code, then the form and where its result appears."""
    code, messages = workshop_code(query)
    return html.Div(
        [
            page_header("Add your career", INTRO),
            notices(messages),
            html.Div(
                [
                    dbc.Label("Workshop code", html_for=ids.CONTRIBUTE_CODE, className="fw-semibold"),
                    dbc.Input(
                        id=ids.CONTRIBUTE_CODE,
                        type="text",
                        value=code,
                        maxLength=16,
                        autoComplete="off",
                        debounce=True,
                        className="contribute-code-input",
                    ),
                    dbc.FormText("The six letters and numbers shown on the screen."),
                    html.P(id=ids.CONTRIBUTE_WORKSHOP, className="mt-2 mb-0", role="status"),
                ],
                className="mb-4",
            ),
            content(model, query, rest),
            html.Div(id=ids.CONTRIBUTE_RESULT, className="mt-3", **{"aria-live": "polite"}),
        ],
        className="contribute-page",
    )


def workshop_line(name, code, is_open, problem=None):
    """Which workshop the answers go to, or why they cannot go anywhere yet."""
    if problem:
        return dbc.Alert(problem, color="warning", class_name="mb-0")
    if not code:
        return "Type the code shown on the screen."
    if not is_open:
        return dbc.Alert(
            f"The workshop {name} has closed and no longer takes answers. Thank you for coming.",
            color="info",
            class_name="mb-0",
        )
    return ["Your answers go to the workshop ", html.Strong(name), "."]


def result_message(saved, messages, code="", rules=None, fixable=True):
    """What the participant reads after sending: thanks, what to change, or why nothing was saved."""
    if saved:
        size = rules.min_count if rules is not None else 5
        return dbc.Alert(
            [
                html.P(
                    "Thank you: your answers are saved. They will appear on the screen with the next group "
                    f"of at least {size}.",
                    className="mb-2",
                ),
                html.A("Add another person's career", href=f"{PATH}{to_query(None, code)}"),
            ],
            color="success",
        )
    if not fixable:
        return dbc.Alert([html.P(message, className="mb-0") for message in messages], color="warning")
    return dbc.Alert(
        [
            html.P("Nothing was saved yet. Please check:", className="mb-1 fw-semibold"),
            html.Ul([html.Li(message) for message in messages], className="mb-0"),
        ],
        color="danger",
    )
