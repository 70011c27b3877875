"""The moderation table: codes only, a button per contribution, nothing without a sign-in."""

from datetime import UTC, datetime

import dash_bootstrap_components as dbc
from dash import html

from layouts import ids
from layouts import moderate_page as page
from storage import Workshop
from tests.component_tree import text_of, walk

LEEDS = Workshop("AB3K9Q", "Leeds careers day", None, True, datetime(2026, 5, 1, tzinfo=UTC))
CONTRIBUTIONS = [
    {
        "id": 7,
        "payload": {
            "steps": [{"role": "phd", "start": 2012}, {"role": "other", "sector": "nhs", "stage": "mid"}],
            "answers": {"recognised": 4, "fixed_term": 1},
            "attributes": {"gender": "woman"},
        },
        "hidden": False,
        "batch": 1,
        "received": datetime(2026, 5, 1, 10, 0, tzinfo=UTC),
    },
    {
        "id": 9,
        "payload": {"answers": {}},
        "hidden": True,
        "batch": None,
        "received": datetime(2026, 5, 1, tzinfo=UTC),
    },
]


def test_summaries_are_codes():
    assert page.steps_summary(CONTRIBUTIONS[0]["payload"]) == "phd (2012) > other: nhs, mid"
    assert page.steps_summary({}) == "none"
    assert page.pairs_summary(CONTRIBUTIONS[0]["payload"]["answers"]) == "fixed_term 1; recognised 4"


def test_each_contribution_is_a_row_with_its_button():
    table = page.contributions_table(CONTRIBUTIONS)
    rows = [r for r in walk(table) if isinstance(r, html.Tr)][1:]
    cells = [[text_of(cell) for cell in row.children] for row in rows]
    assert cells == [
        [
            "7",
            "1",
            "shown",
            "phd (2012) > other: nhs, mid",
            "fixed_term 1; recognised 4",
            "gender woman",
            "Hide",
        ],
        ["9", "waiting", "hidden", "none", "none", "none", "Show again"],
    ]
    buttons = [c.id for c in walk(table) if isinstance(c, dbc.Button)]
    assert buttons == [
        {"type": ids.MODERATE_TOGGLE, "id": 7, "action": "hide"},
        {"type": ids.MODERATE_TOGGLE, "id": 9, "action": "show"},
    ]
    # No time of arrival is shown, even to organisers.
    assert "2026" not in text_of(table)


def test_the_panel_needs_a_data_owner():
    signed_out = page.panel(False, True, "AB3K9Q", LEEDS, CONTRIBUTIONS)
    assert [a.href for a in walk(signed_out) if isinstance(a, html.A)] == ["/login?next=/moderate?w=AB3K9Q"]
    assert "phd" not in text_of(signed_out)
    signed_in = page.panel(True, True, "AB3K9Q", LEEDS, CONTRIBUTIONS)
    assert "Leeds careers day (AB3K9Q, open)" in text_of(signed_in)
    choose = page.panel(True, True, None, None, (), [LEEDS])
    assert [a.href for a in walk(choose) if isinstance(a, html.A)] == ["/moderate?w=AB3K9Q"]
    problem = page.panel(
        True, True, "NOPE42", None, (), problem="There is no workshop with the code 'NOPE42'."
    )
    assert text_of(problem) == "There is no workshop with the code 'NOPE42'."
    assert text_of(page.contributions_table([])) == "No contributions yet."
