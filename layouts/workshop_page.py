"""Workshop: the presenter's screen (QR code, code, the room's results) and the list of workshops.

``/workshop?w=CODE`` is what the projector shows: where to add a career, and the
room's Sankey and barrier results, alone or with the bundled data (``&data=merged``).
Results come only from released contributions, which arrive in batches of at
least the disclosure threshold, and every number passes disclosure control. The
callbacks fill in what needs the store (the workshop's name, the results);
everything here is a pure function of what they pass in.
"""

from functools import lru_cache

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from layouts import ids
from layouts.barriers_charts import agreement_display, agreement_figure, agreement_summary
from layouts.chart import chart_figure
from layouts.controls import notices, page_header, radio
from layouts.format import count_text
from layouts.sankey import sankey_figure, sankey_input, step_text
from pathways.barriers import barrier_table
from pathways.disclosure import format_count_short, protect_counts
from pathways.flows import step_flows
from pathways.schema import SECTOR_LABELS, SECTORS, THEMES
from pathways.viewstate import Field, decode_state, encode_state
from storage.codes import normalise_code

PATH = "/workshop"
TITLE = "Workshop"
NAV_LABEL = "Workshop"
NAV_ORDER = 85
SLUG = "workshop"
CONTENT_ID = ids.WORKSHOP_CONTENT
CONTROLS = [(ids.WORKSHOP_SHOW, "value")]
SHOW_OPTIONS = [("room", "This room only"), ("merged", "This room with the bundled data")]
STEPS = 3
TICK_MS = 5000
INTRO = (
    "Run a workshop where the room adds its own careers anonymously. Open a workshop, put its page on "
    "the projector, and people scan the QR code to add their career from their phone. Their answers "
    "appear on the screen in groups, so nobody can tell who gave which."
)


def fields(model):
    """The view state: the workshop code and whether the bundled data is added."""
    return [
        Field("w", "", label="workshop code"),
        Field("data", "room", choices=("room", "merged"), label="data shown"),
    ]


def read_state(query):
    """The state of an address (the code in its stored form, '' when invalid) and notices."""
    state, messages = decode_state(fields(None), query or {})
    if state["w"]:
        code = normalise_code(state["w"])
        if code is None:
            messages.append("Ignored the workshop code in the address: use letters and digits.")
        state["w"] = code or ""
    return state, messages


def to_query(model, code, show):
    """``?w=CODE&data=merged`` for a code and the data shown (only what differs from the default)."""
    state, _ = read_state({"w": code or "", "data": show or ""})
    return encode_state(fields(model), state)


def contribute_path(code):
    """The address, on this site, where participants of a workshop add their career."""
    return f"/contribute?w={code}"


def qr_path(code):
    """The address of the QR code image for a workshop's contribute address."""
    return f"/workshop/{code}/qr.svg"


def join_panel(code, address):
    """Where to add a career: the QR code, the address in full and the workshop code, large."""
    return html.Div(
        [
            html.P("Add your career from your phone", className="workshop-join-lead"),
            html.Img(
                src=qr_path(code), alt=f"QR code for {address}", id=ids.WORKSHOP_QR, className="workshop-qr"
            ),
            html.P(address, id=ids.WORKSHOP_ADDRESS, className="workshop-address"),
            html.P(["Workshop code", html.Br(), html.Strong(code, className="workshop-code")]),
        ],
        className="workshop-join",
    )


def presenter(model, state, messages):
    """The projector's view of one workshop; the callbacks fill the name, status and results."""
    code = state["w"]
    return html.Div(
        [
            notices(messages),
            dbc.Row(
                [
                    dbc.Col(join_panel(code, contribute_path(code)), lg=4, xl=3),
                    dbc.Col(
                        [
                            html.H1(f"Workshop {code}", id=ids.WORKSHOP_HEADING),
                            html.P(id=ids.WORKSHOP_STATUS, className="workshop-status", role="status"),
                            radio(ids.WORKSHOP_SHOW, "Show", SHOW_OPTIONS, state["data"]),
                            html.Div(
                                html.P("Loading the room's results...", className="text-body-secondary"),
                                id=ids.WORKSHOP_RESULTS,
                            ),
                        ],
                        lg=8,
                        xl=9,
                    ),
                ]
            ),
            dcc.Store(id=ids.WORKSHOP_QUERY, data={"w": code}),
            dcc.Store(id=ids.WORKSHOP_VERSION),
            dcc.Interval(id=ids.WORKSHOP_TICK, interval=TICK_MS),
        ],
        className="workshop-presenter",
    )


def chooser(messages):
    """Without a code: go to a workshop's screen, and (filled for data owners) the list of workshops."""
    return html.Div(
        [
            page_header("Workshops", INTRO),
            notices(messages),
            html.Div(
                [
                    dbc.Label("Workshop code", html_for=ids.WORKSHOP_GO_CODE, className="fw-semibold"),
                    dbc.InputGroup(
                        [
                            dbc.Input(id=ids.WORKSHOP_GO_CODE, type="text", maxLength=16, autoComplete="off"),
                            dbc.Button("Show its screen", id=ids.WORKSHOP_GO, color="primary"),
                        ]
                    ),
                    dbc.FormText("The screen to put on the projector: the QR code and the room's results."),
                ],
                className="mb-4 workshop-go",
            ),
            html.Div(id=ids.WORKSHOP_ADMIN),
        ]
    )


def content(model, query, rest=""):
    """The page for the state in ``query``: one workshop's screen, or the chooser."""
    state, messages = read_state(query)
    return presenter(model, state, messages) if state["w"] else chooser(messages)


def layout(model, query=None, rest=""):
    """The Workshop page."""
    return html.Div(content(model, query, rest), id=CONTENT_ID)


# The room's results


def status_text(people, pending, rules, is_open):
    """How many people's answers are on the screen (protected) and whether more are waiting.

    Below the batch size only 'waiting for more people' is said, never how many wait.
    """
    sentences = []
    if people:
        shown = count_text(protect_counts(pd.Series([people]), rules).iloc[0], rules)
        sentences.append(f"Answers from {shown} people are on the screen.")
    else:
        sentences.append("No answers on the screen yet.")
    if pending:
        sentences.append(f"Waiting for more people: answers appear in groups of at least {rules.min_count}.")
    else:
        sentences.append(
            f"Answers appear in groups of at least {rules.min_count}, so nobody can tell who gave which."
        )
    if not is_open:
        sentences.append("This workshop is closed and takes no more answers.")
    return " ".join(sentences)


# Small caches: each batch brings a new model, and a cache must not keep old ones alive.
@lru_cache(maxsize=4)
def room_flows(model):
    """Protected sector flows over the first roles of the model's people (cached; do not modify)."""
    return step_flows(model.dataset, STEPS, "sector", rules=model.rules)


@lru_cache(maxsize=4)
def agreement_rows(model):
    """Protected agreement with each statement, with its text and theme, by theme (do not modify)."""
    table = barrier_table(model.dataset, rules=model.rules, counts=model.answer_counts)
    items = model.dataset.barrier_items
    table.insert(1, "statement", table["barrier_id"].map(items["statement"]).to_numpy())
    table.insert(2, "theme", table["barrier_id"].map(items["theme"]).to_numpy())
    rank = table["theme"].map({theme: i for i, theme in enumerate(THEMES)})
    return (
        table.assign(_rank=rank)
        .sort_values("_rank", kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def flows_display(model):
    """The Sankey's numbers as display strings."""
    flows = room_flows(model)
    return pd.DataFrame(
        {
            "Step": [step_text(int(s)).capitalize() for s in flows["step"]],
            "From": [SECTOR_LABELS.get(k, k) for k in flows["source"]],
            "To": [SECTOR_LABELS.get(k, k) for k in flows["target"]],
            "People": [count_text(v, model.rules) for v in flows["count"]],
        }
    )


def flows_summary(model, who):
    """One paragraph on the room's flows, from the protected numbers."""
    flows, rules = room_flows(model), model.rules
    if flows.empty:
        return f"No one in {who} has given two roles yet, so there are no moves to show."
    shown = flows[flows["count"].notna() & flows["count"].gt(0)]
    hidden = int(flows["count"].isna().sum())
    sentences = []
    if shown.empty:
        sentences.append(f"Every move so far is of fewer than {rules.min_count} people, so none is drawn.")
    else:
        top = shown.iloc[0]
        sentences.append(
            f"Among {who}, the largest flow is from {SECTOR_LABELS[top['source']]} to "
            f"{SECTOR_LABELS[top['target']]} "
            f"at {step_text(int(top['step']))}: {count_text(top['count'], rules)} people."
        )
    if hidden:
        one = hidden == 1
        sentences.append(
            f"{hidden} smaller flow{' is' if one else 's are'} not drawn, to protect privacy; "
            f"the table lists {'it' if one else 'them'}."
        )
    return " ".join(sentences)


def _download(code, which, show):
    return f"/workshop/{code}/{which}.csv" + ("?data=merged" if show == "merged" else "")


def sankey_part(model, code, show, who):
    """The Sankey of sector flows over people's first roles, in its chart chrome."""
    data = sankey_input(
        room_flows(model), "sector", dict(SECTOR_LABELS), {s: s for s in SECTORS}, model.rules
    )
    empty = (
        f"Each move so far is of fewer than {model.rules.min_count} people,<br>so none can be drawn yet."
        if not room_flows(model).empty
        else "No moves between roles yet."
    )
    return chart_figure(
        ids.WORKSHOP_SANKEY,
        sankey_figure(data, empty_message=empty),
        f"Moves between sectors over people's first {STEPS} roles: {who} (number of people)",
        flows_summary(model, who),
        flows_display(model),
        _download(code, "flows", show),
        model.info.source or model.info.name,
        graph_style={"height": f"{data['height']}px"},
    )


def barriers_part(model, code, show, who):
    """Agreement with each statement that has enough answers to show; a sentence when none has."""
    rows = agreement_rows(model)
    shown = rows[rows["percent"].notna()]
    if shown.empty:
        return html.P(
            f"No statement has {model.rules.min_denominator} or more answers from {who} yet, so no "
            "percentages can be shown. They appear as more people answer.",
            className="workshop-waiting",
        )
    return chart_figure(
        ids.WORKSHOP_BARRIERS,
        agreement_figure(shown, model.rules),
        f"Agreement with each barrier statement, {who}",
        agreement_summary(rows, who, model.rules),
        agreement_display(rows, model.rules),
        _download(code, "barriers", show),
        model.info.source or model.info.name,
        graph_style={"height": f"{agreement_figure(shown, model.rules)['layout']['height']}px"},
    )


def room_results(model, code, show, people):
    """The room's Sankey and barrier results for the model of its released contributions."""
    who = "the people in this room" if show == "room" else "the people in this room and the bundled data"
    if show == "room" and not people:
        return html.P(
            f"Nothing to show yet. The room's careers and answers appear here in groups of at least "
            f"{model.rules.min_count} people.",
            className="workshop-waiting",
        )
    return html.Div(
        [
            html.H2("Where careers went", className="h3"),
            sankey_part(model, code, show, who),
            html.H2("What gets in the way", className="h3"),
            barriers_part(model, code, show, who),
        ]
    )


def download(model, query, rest=""):
    """The room's numbers, protected: ``flows`` (default) or ``barriers`` by ``?table=``."""
    rules = model.rules
    if (query or {}).get("table") == "barriers":
        rows = agreement_rows(model)
        frame = rows[["barrier_id", "statement", "theme"]].copy()
        frame["n"] = [format_count_short(v, rules) for v in rows["n"]]
        frame["agree"] = [format_count_short(v, rules) for v in rows["agree"]]
        frame["percent"] = rows["percent"].round(1).to_numpy()
        return frame.reset_index(drop=True)
    flows = room_flows(model)
    return pd.DataFrame(
        {
            "step": flows["step"].to_numpy(),
            "source": flows["source"].to_numpy(),
            "target": flows["target"].to_numpy(),
            "people": [format_count_short(v, rules) for v in flows["count"]],
        }
    )


# Workshop management (data owners)


def sign_in_link(path, password_set):
    """What someone who is not a data owner sees instead of a data-owner section."""
    if not password_set:
        return dbc.Alert(
            "Workshops are opened by data owners. Set DATA_OWNER_PASSWORD on the server to switch this on.",
            color="info",
        )
    return html.P(
        [
            "Data owners open, close and moderate workshops here. ",
            html.A("Sign in as a data owner", href=f"/login?next={path}"),
        ]
    )


def workshop_rows(workshops):
    """The table of workshops with their links and a close button for the open ones."""
    if not workshops:
        return html.P("No workshops yet.")
    head = html.Thead(
        html.Tr([html.Th(t, scope="col") for t in ("Workshop", "Code", "Status", "Pages", "Action")])
    )
    body = []
    for workshop in workshops:
        links = [
            html.A("Screen", href=f"{PATH}?w={workshop.code}", className="me-3"),
            html.A("Moderate", href=f"/moderate?w={workshop.code}", className="me-3"),
            html.A("Download data (zip)", href=f"/workshop/{workshop.code}/export.zip"),
        ]
        action = (
            dbc.Button(
                "Close",
                id={"type": ids.WORKSHOP_CLOSE, "code": workshop.code},
                color="secondary",
                outline=True,
                size="sm",
                title=f"Stop {workshop.name} taking answers",
            )
            if workshop.open
            else ""
        )
        body.append(
            html.Tr(
                [
                    html.Td(workshop.name),
                    html.Td(html.Code(workshop.code)),
                    html.Td("open" if workshop.open else "closed"),
                    html.Td(links),
                    html.Td(action),
                ]
            )
        )
    return html.Div(
        html.Table(
            [html.Caption("Workshops, newest first"), head, html.Tbody(body)],
            className="table table-sm align-middle caption-top",
        ),
        className="table-responsive",
    )


def admin_panel(signed_in, password_set, workshops, message=""):
    """Open a workshop and manage the list (data owners); a sign-in link for everyone else."""
    if not signed_in:
        return sign_in_link(PATH, password_set)
    return html.Div(
        [
            html.H2("Open a workshop", className="h4"),
            html.Div(
                [
                    dbc.Label("Workshop name", html_for=ids.WORKSHOP_NAME, className="fw-semibold"),
                    dbc.InputGroup(
                        [
                            dbc.Input(id=ids.WORKSHOP_NAME, type="text", maxLength=100, autoComplete="off"),
                            dbc.Button("Open the workshop", id=ids.WORKSHOP_CREATE, color="primary"),
                        ]
                    ),
                    dbc.FormText("Shown on the screen and to participants, for example 'Leeds careers day'."),
                ],
                className="mb-2 workshop-create",
            ),
            html.P(message, id=ids.WORKSHOP_MESSAGE, role="status"),
            html.H2("Workshops", className="h4"),
            html.Div(workshop_rows(workshops), id=ids.WORKSHOP_LIST),
        ]
    )
