"""Contribute: check the workshop code, reveal steps, and save a participant's answers.

A contribution is acknowledged only after the store has committed it. Before that it
passes, in order: the request size cap, the workshop (known and open), the form check
(:func:`pathways.contributions.validate_contribution`, honeypot included) and the
per-client rate limit. Limits come from the app's settings so a workshop (or a test)
can change them.
"""

from dash import ALL, MATCH, Input, Output, State, callback_context
from flask import current_app, request

from callbacks.router import as_catalogue
from layouts import ids
from layouts.contribute_page import attribute_values, result_message, steps_shown, workshop_line
from pathways.contributions import REFUSED, UNREADABLE, validate_contribution
from storage import StorageUnavailable, UnknownWorkshop, WorkshopClosed, hash_client
from storage.codes import normalise_code

LIMITS = {
    "CONTRIBUTION_RATE_PER_MINUTE": 3,
    "CONTRIBUTION_RATE_PER_HOUR": 20,
    "CONTRIBUTION_MAX_REQUEST_BYTES": 100_000,
}
NO_CODE = "Please type the workshop code shown on the screen."
RATE_LIMITED = "You have sent answers several times in a short while. Please wait a minute and try again."
CANNOT_CHECK = "The workshop cannot be checked right now. You can fill in the form and send it in a minute."


def limits(settings):
    """The contribution limits: the defaults above, overridden by the app's settings."""
    return {key: int((settings or {}).get(key, default)) for key, default in LIMITS.items()}


def closed_message(name):
    """What a participant of a closed workshop reads."""
    return f"The workshop {name} has closed and no longer takes answers. Thank you for coming."


def unknown_message(code):
    """What a participant with a mistyped code reads."""
    return f"There is no workshop with the code {code}. Please check the code on the screen."


def attribute_choices(model):
    """``{column: values}`` a participant may choose for each people attribute."""
    return {column: attribute_values(model, column) for column in model.dataset.attributes}


def save_contribution(store, code, form, model, client_hash, limit):
    """Check and store one contribution.

    Returns ``(saved, messages, fixable)``: ``fixable`` when the participant can
    change an answer and send again. Nothing is stored unless ``saved``.
    """
    normal = normalise_code(code or "")
    if not normal:
        return False, [NO_CODE], True
    try:
        workshop = store.get_workshop(normal)
        if not workshop.open:
            return False, [closed_message(workshop.name)], False
        dataset = model.dataset
        payload, errors = validate_contribution(
            form, dataset.roles, dataset.barrier_items, attribute_choices(model)
        )
        if errors:
            return False, errors, errors not in ([REFUSED], [UNREADABLE])
        recent = store.count_recent(client_hash, 60), store.count_recent(client_hash, 3600)
        if (
            recent[0] >= limit["CONTRIBUTION_RATE_PER_MINUTE"]
            or recent[1] >= limit["CONTRIBUTION_RATE_PER_HOUR"]
        ):
            return False, [RATE_LIMITED], False
        store.add_contribution(normal, payload, client_hash)
    except UnknownWorkshop:
        return False, [unknown_message(normal)], True
    except WorkshopClosed:
        return False, [closed_message(workshop.name)], False
    except StorageUnavailable as error:
        return False, [str(error)], False
    return True, [], False


def _values(entries, key):
    """``{id[key]: value}`` of a pattern-matching state's entries."""
    return {entry["id"][key]: entry.get("value") for entry in entries or []}


def form_from_states(roles, sectors, stages, years, answers, attributes, consent, honeypot):
    """The form dict :func:`~pathways.contributions.validate_contribution` takes, from the states.

    Each of the first six is a pattern-matching state's entries (``{"id": ..., "value": ...}``).
    """
    role, sector, stage, year = (_values(e, "index") for e in (roles, sectors, stages, years))
    return {
        "steps": [
            {"role": role[n], "sector": sector.get(n), "stage": stage.get(n), "start_year": year.get(n)}
            for n in sorted(role)
        ],
        "answers": _values(answers, "barrier"),
        "attributes": _values(attributes, "attribute"),
        "consent": consent is True,
        "honeypot": honeypot,
    }


def client_hash():
    """The keyed hash of this request's client address (the address itself is never stored)."""
    return hash_client(request.remote_addr or "unknown", current_app.config["SECRET_KEY"])


def register(app, models):
    """Wire the form: 'other role' fields, 'Add a step', the workshop check and sending."""
    catalogue = as_catalogue(models)

    app.callback(
        Output({"type": ids.CONTRIBUTE_OTHER, "index": MATCH}, "hidden"),
        Input({"type": ids.CONTRIBUTE_ROLE, "index": MATCH}, "value"),
    )(lambda role: role != "other")

    app.callback(
        Output({"type": ids.CONTRIBUTE_STEP, "index": ALL}, "hidden"),
        Output(ids.CONTRIBUTE_ADD_STEP, "disabled"),
        Output(ids.CONTRIBUTE_STEP_STATUS, "children"),
        Input(ids.CONTRIBUTE_ADD_STEP, "n_clicks"),
        prevent_initial_call=True,
    )(steps_shown)

    @app.callback(Output(ids.CONTRIBUTE_WORKSHOP, "children"), Input(ids.CONTRIBUTE_CODE, "value"))
    def check_workshop(code):
        normal = normalise_code(code or "")
        if not normal:
            return workshop_line("", "", True, NO_CODE if code else None)
        try:
            workshop = current_app.config["STORE"].get_workshop(normal)
        except UnknownWorkshop:
            return workshop_line("", normal, False, unknown_message(normal))
        except StorageUnavailable:
            return workshop_line("", normal, False, CANNOT_CHECK)
        return workshop_line(workshop.name, workshop.code, workshop.open)

    @app.callback(
        Output(ids.CONTRIBUTE_RESULT, "children"),
        Output(ids.CONTRIBUTE_FORM, "hidden"),
        Input(ids.CONTRIBUTE_SUBMIT, "n_clicks"),
        State(ids.CONTRIBUTE_CODE, "value"),
        State({"type": ids.CONTRIBUTE_ROLE, "index": ALL}, "value"),
        State({"type": ids.CONTRIBUTE_SECTOR, "index": ALL}, "value"),
        State({"type": ids.CONTRIBUTE_STAGE, "index": ALL}, "value"),
        State({"type": ids.CONTRIBUTE_YEAR, "index": ALL}, "value"),
        State({"type": ids.CONTRIBUTE_ANSWER, "barrier": ALL}, "value"),
        State({"type": ids.CONTRIBUTE_ATTRIBUTE, "attribute": ALL}, "value"),
        State(ids.CONTRIBUTE_CONSENT, "value"),
        State(ids.CONTRIBUTE_HONEYPOT, "value"),
        prevent_initial_call=True,
    )
    def submit(clicks, code, *_values_in_order):
        model = catalogue.model()
        settings = limits(current_app.config.get("SETTINGS"))
        if (request.content_length or 0) > settings["CONTRIBUTION_MAX_REQUEST_BYTES"]:
            return result_message(False, [REFUSED], fixable=False), False
        states = callback_context.states_list
        form = form_from_states(*states[1:7], consent=states[7].get("value"), honeypot=states[8].get("value"))
        saved, messages, fixable = save_contribution(
            current_app.config["STORE"], code, form, model, client_hash(), settings
        )
        return result_message(saved, messages, normalise_code(code or "") or "", model.rules, fixable), saved

    return submit
