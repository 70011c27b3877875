"""Sending a contribution: through the plain function, through the app, and 50 at once through a server.

Nothing is stored unless the participant reads the thank-you: tests count what the store
holds after each refusal.
"""

import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.request import Request, urlopen

import pytest
from werkzeug.serving import make_server

from app import create_app
from callbacks.contribute_page import (
    CANNOT_CHECK,
    LIMITS,
    NO_CODE,
    RATE_LIMITED,
    form_from_states,
    limits,
    save_contribution,
)
from pathways.contributions import MAX_STEPS, REFUSED
from pathways.model import CareerModel
from storage import UNAVAILABLE_MESSAGE, Store, hash_client
from tests.conftest import TINY

CLIENT = hash_client("192.0.2.9", "test-secret")
FORM = {
    "steps": [{"role": "phd", "start_year": 2012}, {"role": "postdoc", "start_year": 2016}],
    "answers": {"recognised": "4", "fixed_term": "1"},
    "attributes": {"gender": "woman"},
    "consent": True,
    "honeypot": "",
}


@pytest.fixture()
def store(tmp_path):
    with Store.from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}") as opened:
        yield opened


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


def stored(store, code):
    return len(store.contributions_for_moderation(code))


def test_a_valid_contribution_is_stored_and_waits_for_its_batch(store, model):
    workshop = store.create_workshop("Leeds")
    assert save_contribution(store, workshop.code.lower(), FORM, model, CLIENT, LIMITS) == (True, [], False)
    (saved,) = store.contributions_for_moderation(workshop.code)
    assert saved["payload"]["steps"] == [{"role": "phd", "start": 2012}, {"role": "postdoc", "start": 2016}]
    assert saved["batch"] is None
    assert store.pending_count(workshop.code) == 1


@pytest.mark.parametrize(
    ("changes", "messages", "fixable"),
    [
        ({"steps": [{"role": "phd"}] * (MAX_STEPS + 1)}, ["Please give at most 8 career steps."], True),
        ({"steps": [{"role": "astronaut"}]}, ["Step 1: please choose a role from the list."], True),
        (
            {"answers": {"recognised": "9"}},
            [
                'Please choose one of the answers offered for "My contribution is recognised by my institution".'
            ],
            True,
        ),
        ({"honeypot": "http://spam.example"}, [REFUSED], False),
    ],
)
def test_a_refused_form_stores_nothing(store, model, changes, messages, fixable):
    workshop = store.create_workshop("Leeds")
    assert save_contribution(store, workshop.code, {**FORM, **changes}, model, CLIENT, LIMITS) == (
        False,
        messages,
        fixable,
    )
    assert stored(store, workshop.code) == 0


def test_the_rate_limit_per_client_per_minute_and_per_hour(store, model):
    workshop = store.create_workshop("Leeds")
    results = [save_contribution(store, workshop.code, FORM, model, CLIENT, LIMITS)[0] for _ in range(4)]
    assert results == [True, True, True, False]
    assert save_contribution(store, workshop.code, FORM, model, CLIENT, LIMITS) == (
        False,
        [RATE_LIMITED],
        False,
    )
    assert stored(store, workshop.code) == 3
    # Another client is not held back by the first.
    assert save_contribution(store, workshop.code, FORM, model, hash_client("192.0.2.10", "s"), LIMITS)[0]
    hourly = limits({"CONTRIBUTION_RATE_PER_MINUTE": 100, "CONTRIBUTION_RATE_PER_HOUR": 4})
    assert save_contribution(store, workshop.code, FORM, model, CLIENT, hourly)[0]
    assert save_contribution(store, workshop.code, FORM, model, CLIENT, hourly)[1] == [RATE_LIMITED]


def test_a_closed_unknown_or_missing_workshop_stores_nothing(store, model):
    workshop = store.create_workshop("Leeds careers day")
    store.close_workshop(workshop.code)
    assert save_contribution(store, workshop.code, FORM, model, CLIENT, LIMITS) == (
        False,
        ["The workshop Leeds careers day has closed and no longer takes answers. Thank you for coming."],
        False,
    )
    assert save_contribution(store, "NOPE42", FORM, model, CLIENT, LIMITS) == (
        False,
        ["There is no workshop with the code NOPE42. Please check the code on the screen."],
        True,
    )
    assert save_contribution(store, "  ", FORM, model, CLIENT, LIMITS) == (False, [NO_CODE], True)
    assert stored(store, workshop.code) == 0


def test_limits_come_from_the_settings():
    assert limits(None) == LIMITS
    assert limits({"CONTRIBUTION_RATE_PER_MINUTE": "50"})["CONTRIBUTION_RATE_PER_MINUTE"] == 50


def test_the_form_is_read_from_the_pattern_matching_states():
    def entries(kind, key, values):
        return [{"id": {"type": kind, key: k}, "property": "value", "value": v} for k, v in values.items()]

    form = form_from_states(
        entries("contribute-role", "index", {1: "phd", 2: "other", 3: ""}),
        entries("contribute-sector", "index", {1: "", 2: "nhs", 3: ""}),
        entries("contribute-stage", "index", {1: "", 2: "mid", 3: ""}),
        entries("contribute-year", "index", {1: 2012, 2: None, 3: None}),
        entries("contribute-answer", "barrier", {"recognised": "4", "fixed_term": None}),
        entries("contribute-attribute", "attribute", {"gender": "woman"}),
        consent=True,
        honeypot="",
    )
    assert form == {
        "steps": [
            {"role": "phd", "sector": "", "stage": "", "start_year": 2012},
            {"role": "other", "sector": "nhs", "stage": "mid", "start_year": None},
            {"role": "", "sector": "", "stage": "", "start_year": None},
        ],
        "answers": {"recognised": "4", "fixed_term": None},
        "attributes": {"gender": "woman"},
        "consent": True,
        "honeypot": "",
    }


# Through the app, as the browser sends it


def submit_body(app, code, roles=("phd", "postdoc"), consent=True, honeypot="", answers=None):
    (output,) = [key for key in app.callback_map if "contribute-result.children" in key]
    answers = (
        answers if answers is not None else {"recognised": "4", "fixed_term": "1", "promotion_clear": None}
    )

    def steps(kind, values):
        return [
            {"id": {"index": n, "type": kind}, "property": "value", "value": values.get(n)}
            for n in range(1, MAX_STEPS + 1)
        ]

    return {
        "output": output,
        "outputs": [
            {"id": "contribute-result", "property": "children"},
            {"id": "contribute-form", "property": "hidden"},
        ],
        "inputs": [{"id": "contribute-submit", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": "contribute-code", "property": "value", "value": code},
            steps("contribute-role", dict(enumerate(roles, start=1))),
            steps("contribute-sector", {}),
            steps("contribute-stage", {}),
            steps("contribute-year", {}),
            [
                {"id": {"barrier": b, "type": "contribute-answer"}, "property": "value", "value": v}
                for b, v in answers.items()
            ],
            [
                {
                    "id": {"attribute": a, "type": "contribute-attribute"},
                    "property": "value",
                    "value": "prefer-not-to-say",
                }
                for a in ("gender", "contract")
            ],
            {"id": "contribute-consent", "property": "value", "value": consent},
            {"id": "contribute-website", "property": "value", "value": honeypot},
        ],
        "changedPropIds": ["contribute-submit.n_clicks"],
    }


def text_of(component):
    if isinstance(component, dict):
        return text_of(component.get("props", {}).get("children"))
    if isinstance(component, list):
        return "".join(text_of(c) for c in component)
    return "" if component is None else str(component)


def post(client, body):
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    result = json.loads(response.get_data(as_text=True))["response"]
    return text_of(result["contribute-result"]["children"]), result["contribute-form"]["hidden"]


@pytest.fixture()
def app(tmp_path):
    return create_app(TINY, {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})


def test_sending_through_the_app_thanks_only_after_storing(app):
    store = app.server.config["STORE"]
    code = store.create_workshop("Leeds").code
    client = app.server.test_client()
    message, hidden = post(client, submit_body(app, code))
    assert message.startswith("Thank you: your answers are saved.")
    assert hidden is True
    assert stored(store, code) == 1
    message, hidden = post(client, submit_body(app, code, consent=False))
    assert "tick the box" in message and hidden is False
    message, _ = post(client, submit_body(app, code, honeypot="I am a robot"))
    assert message == REFUSED
    assert stored(store, code) == 1


def test_the_default_rate_limit_holds_through_the_app(app):
    store = app.server.config["STORE"]
    code = store.create_workshop("Leeds").code
    client = app.server.test_client()
    messages = [post(client, submit_body(app, code))[0] for _ in range(4)]
    assert [m.startswith("Thank you") for m in messages] == [True, True, True, False]
    assert messages[3] == RATE_LIMITED
    assert stored(store, code) == 3


def test_an_oversized_request_is_refused_before_anything_is_read(tmp_path):
    app = create_app(
        TINY, {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "CONTRIBUTION_MAX_REQUEST_BYTES": 4000}
    )
    store = app.server.config["STORE"]
    code = store.create_workshop("Leeds").code
    answers = {f"padding_{n}": "4" * 20 for n in range(200)}
    message, _ = post(app.server.test_client(), submit_body(app, code, answers=answers))
    assert message == REFUSED
    assert stored(store, code) == 0


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_an_unreachable_database_gives_the_plain_message_not_a_traceback(tmp_path, kind):
    if kind == "sqlite":
        blocker = tmp_path / "a-file-not-a-folder"
        blocker.write_text("", encoding="utf-8")
        url = f"sqlite:///{blocker / 'db.sqlite3'}"
    else:
        url = f"postgresql://nobody:nothing@127.0.0.1:{closed_port()}/none"
    app = create_app(TINY, {"DATABASE_URL": url})
    client = app.server.test_client()
    message, hidden = post(client, submit_body(app, "AB3K9Q"))
    assert message == UNAVAILABLE_MESSAGE
    assert hidden is False
    (output,) = [key for key in app.callback_map if key == "contribute-workshop.children"]
    body = {
        "output": output,
        "outputs": {"id": "contribute-workshop", "property": "children"},
        "inputs": [{"id": "contribute-code", "property": "value", "value": "AB3K9Q"}],
        "changedPropIds": ["contribute-code.value"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert CANNOT_CHECK in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_fifty_concurrent_submissions_through_a_real_server_are_all_stored(tmp_path):
    app = create_app(
        TINY,
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            # One machine sends all fifty: lift the per-client limits.
            "CONTRIBUTION_RATE_PER_MINUTE": 1000,
            "CONTRIBUTION_RATE_PER_HOUR": 1000,
        },
    )
    store = app.server.config["STORE"]
    code = store.create_workshop("Busy room").code
    body = json.dumps(submit_body(app, code)).encode()
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.server_port}/_dash-update-component"

    def send(_):
        request = Request(address, data=body, headers={"Content-Type": "application/json"}, method="POST")
        with urlopen(request, timeout=60) as response:
            return text_of(json.loads(response.read())["response"]["contribute-result"]["children"])

    try:
        with ThreadPoolExecutor(max_workers=50) as pool:
            messages = list(pool.map(send, range(50)))
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert all(m.startswith("Thank you") for m in messages)
    assert stored(store, code) == 50
    assert store.release_batches(code, min_count=5) == 50
