"""Home: what this is, headline findings from the loaded data, where to start, the data in use."""

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts import ids
from layouts.format import count_text
from pathways import headlines
from pathways.disclosure import protect_counts, protect_share
from pathways.schema import SECTOR_LABELS

PATH = "/"
TITLE = "Career Pathways Explorer"
NAV_LABEL = "Home"
NAV_ORDER = 0
# The layout depends only on the data and the address, so the router may keep it per address.
CACHE_LAYOUT = True

SUMMARY_LABELS = (
    ("people", "people"),
    ("episodes", "career episodes"),
    ("transitions", "moves between roles"),
    ("roles", "roles"),
    ("responses", "answers about barriers"),
)

START_HERE = (
    (
        "I am a student",
        "See where people went after an MSc or PhD, which routes lead to the job you want, and what helps.",
        (
            ("Where people go after study", "/pathways?sector=education"),
            ("Advice for students", "/advice?stage=student"),
        ),
    ),
    (
        "I am an early career researcher",
        "Compare routes in academia, the NHS and industry, and find a route from the role you hold now.",
        (("Find a route", "/routes"), ("Compare roles", "/compare"), ("Barriers by sector", "/barriers")),
    ),
    (
        "I am presenting",
        "Every view has its own address: copy the link to come back to it, or save the chart as an image.",
        (("Moves between sectors", "/mobility"), ("The network of roles", "/network")),
    ),
)


def _count(value, rules):
    return count_text(protect_counts(pd.Series([value]), rules).iloc[0], rules)


def _percent(part, whole, rules):
    share = protect_share(part, whole, rules)
    return None if share is None else f"{share:.0f}%"


def headline_findings(model):
    """Plain-words findings computed from the data, each after disclosure control.

    Returns a list of ``(headline, detail, link)``; a finding whose
    denominator is too small to publish is left out.
    """
    dataset, rules, titles = model.dataset, model.rules, model.role_titles
    findings = []
    moves = headlines.cross_sector_moves(dataset)
    share = _percent(moves["crossing"], moves["moves"], rules)
    if share:
        findings.append(
            (
                f"{share} of moves between jobs cross from one sector to another",
                f"Out of {_count(moves['moves'], rules)} moves between jobs (not counting leaving study).",
                "/mobility",
            )
        )
    after_study = headlines.first_sector_after_study(dataset)
    total = int(after_study.sum())
    if total and _percent(int(after_study.iloc[0]), total, rules):
        top_sector = after_study.index[0]
        findings.append(
            (
                f"{_percent(int(after_study.iloc[0]), total, rules)} of people took their first job after study "
                f"in {SECTOR_LABELS.get(top_sector, top_sector).lower() if top_sector != 'nhs' else 'the NHS'}",
                f"Out of {_count(total, rules)} people who started as students.",
                "/pathways?sector=education",
            )
        )
    route = headlines.top_route_into(dataset, "nhs")
    if route and _percent(route["people"], route["moves"], rules):
        findings.append(
            (
                f"The most common way into a senior NHS role is from {titles.get(route['source'], route['source'])}",
                f"{_percent(route['people'], route['moves'], rules)} of the {_count(route['moves'], rules)} "
                "moves into senior and leading NHS roles came from it.",
                f"/roles/{route['source']}",
            )
        )
    gap = headlines.widest_sector_gap(dataset, rules, counts=model.answer_counts)
    if gap:
        statement = dataset.barrier_items.loc[gap["barrier_id"], "statement"]
        findings.append(
            (
                f"Sectors differ most on: \u201c{statement}\u201d",
                f"{gap['high_percent']:.0f}% agree in {SECTOR_LABELS.get(gap['high'], gap['high'])}, "
                f"{gap['low_percent']:.0f}% in {SECTOR_LABELS.get(gap['low'], gap['low'])}.",
                "/barriers",
            )
        )
    contracts = headlines.fixed_term_share(dataset)
    if contracts and _percent(contracts["people"], contracts["known"], rules):
        findings.append(
            (
                f"{_percent(contracts['people'], contracts['known'], rules)} of people are on fixed-term contracts",
                f"Of {_count(contracts['known'], rules)} people who said what contract they hold now.",
                "/barriers",
            )
        )
    return findings


def findings_list(findings):
    """The findings as a list of cards, each linking to the page that explains it."""
    if not findings:
        return html.P(
            "This dataset is too small to show headline findings safely.", className="text-body-secondary"
        )
    return html.Ul(
        [
            html.Li(
                [
                    html.P(html.Strong(headline), className="mb-1 finding-headline"),
                    html.P(detail, className="mb-1"),
                    html.A("See the details", href=link),
                ],
                className="list-group-item",
            )
            for headline, detail, link in findings
        ],
        className="list-group mb-4",
        id=ids.HOME_FINDINGS,
    )


def displayed_summary(model):
    """The dataset's summary counts as text, after disclosure control."""
    return {key: count_text(value, model.rules) for key, value in model.protected_summary.items()}


def summary_cards(summary):
    """One card per summary count (counts already passed through disclosure control)."""
    cards = [
        dbc.Col(
            dbc.Card(
                dbc.CardBody(
                    [html.P(summary[key], className="summary-number mb-0"), html.P(label, className="mb-0")]
                ),
                className="h-100",
            ),
            xs=6,
            md=4,
            lg=2,
            className="mb-3",
        )
        for key, label in SUMMARY_LABELS
    ]
    return dbc.Row(cards, id=ids.HOME_SUMMARY)


def start_here():
    """One card per kind of visitor with the pages to begin with."""
    return dbc.Row(
        [
            dbc.Col(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.H3(who, className="h5"),
                            html.P(why),
                            html.Ul(
                                [html.Li(html.A(label, href=href)) for label, href in links], className="mb-0"
                            ),
                        ]
                    ),
                    className="h-100",
                ),
                md=4,
                className="mb-3",
            )
            for who, why, links in START_HERE
        ],
        id=ids.HOME_START,
    )


def layout(model, query=None, rest=""):
    """The home page."""
    info = model.info
    synthetic_note = (
        dbc.Alert(
            [
                html.Strong("Illustrative data. "),
                "The numbers on this site come from a simulation calibrated to published figures, "
                "not from real people. Use them to explore how the dashboard works, not as facts about careers.",
            ],
            color="warning",
        )
        if info.is_synthetic
        else None
    )
    return html.Div(
        [
            html.H1("Career pathways in biomedical data science"),
            html.P(
                "See how people who work with biomedical data move between universities, the NHS, "
                "industry, the public sector and start-ups, what holds them back, and where to get help.",
                className="lead",
            ),
            synthetic_note,
            html.H2("What the data show"),
            findings_list(headline_findings(model)),
            html.H2("Start here"),
            start_here(),
            html.H2("The data in use"),
            html.P(
                [
                    html.Strong(info.name),
                    html.Br(),
                    "Kind: synthetic (illustrative, not real people)"
                    if info.is_synthetic
                    else f"Kind: {info.kind}",
                    ". ",
                    html.A("More about this dataset", href="/data"),
                ]
            ),
            html.P(info.description) if info.description else None,
            summary_cards(displayed_summary(model)),
            html.P(
                [
                    "Small numbers are protected: counts are rounded to the nearest "
                    f"{model.rules.round_to}, and groups of fewer than {model.rules.min_count} people are "
                    "shown as words. ",
                    html.A("How the numbers are made", href="/about"),
                    ".",
                ],
                className="small",
            ),
        ]
    )
