"""The presenter's screen and the workshop list, from hand-made rooms on the tiny fixture's roles.

A room of ``n`` people who each went PhD (education) -> postdoc (academia) -> data scientist
(industry) and agreed that their contribution is recognised has two sector flows of ``n``
people and ``n`` answers to one statement.
"""

import dataclasses
from datetime import UTC, datetime

from dash import dcc, html

from layouts import ids
from layouts import workshop_page as page
from pathways.contributions import contributions_dataset
from pathways.disclosure_rules import RAW
from pathways.model import CareerModel
from storage import Workshop
from tests.component_tree import text_of, walk

CAREER = {"steps": [{"role": "phd"}, {"role": "postdoc"}, {"role": "ds"}], "answers": {"recognised": 4}}
NURSE = {"steps": [{"role": "postdoc"}, {"role": "nhs_analyst"}]}


def room(tiny, payloads, rules=None):
    data = contributions_dataset(payloads, tiny)
    if rules is not None:
        data = dataclasses.replace(data, info=dataclasses.replace(data.info, disclosure=rules))
    return CareerModel.build(data)


def test_the_address_holds_the_code_and_the_data_shown():
    assert page.read_state({"w": "ab3k9q", "data": "merged"}) == ({"w": "AB3K9Q", "data": "merged"}, [])
    state, messages = page.read_state({"w": "bad code!", "data": "all"})
    assert state == {"w": "", "data": "room"}
    assert messages == [
        "Ignored data shown 'all' in the address: unknown value 'all'.",
        "Ignored the workshop code in the address: use letters and digits.",
    ]
    assert page.to_query(None, "ab3k9q", "room") == "?w=AB3K9Q"
    assert page.to_query(None, "AB3K9Q", "merged") == "?w=AB3K9Q&data=merged"


def test_the_screen_shows_the_qr_code_address_and_code_and_refreshes_itself(tiny):
    tree = page.layout(CareerModel.build(tiny), {"w": "ab3k9q"})
    (image,) = [c for c in walk(tree) if getattr(c, "id", None) == ids.WORKSHOP_QR]
    assert image.src == "/workshop/AB3K9Q/qr.svg"
    assert image.alt == "QR code for /contribute?w=AB3K9Q"
    assert "AB3K9Q" in text_of(tree) and "Add your career from your phone" in text_of(tree)
    (tick,) = [c for c in walk(tree) if isinstance(c, dcc.Interval)]
    assert tick.interval == 5000
    (show,) = [c for c in walk(tree) if getattr(c, "id", None) == ids.WORKSHOP_SHOW]
    assert show.value == "room"


def test_without_a_code_the_page_offers_to_open_one(tiny):
    tree = page.layout(CareerModel.build(tiny), {})
    found = {getattr(c, "id", None) for c in walk(tree)}
    assert {ids.WORKSHOP_GO_CODE, ids.WORKSHOP_GO, ids.WORKSHOP_ADMIN} <= found
    assert ids.WORKSHOP_TICK not in found


def test_the_status_never_says_how_many_wait(tiny):
    rules = tiny.info.disclosure
    assert page.status_text(0, 0, rules, True) == (
        "No answers on the screen yet. Answers appear in groups of at least 5, so nobody can tell who gave which."
    )
    waiting = page.status_text(7, 3, rules, True)
    # 7 released people are shown rounded to 5; the 3 waiting are never counted aloud.
    assert waiting == (
        "Answers from 5 people are on the screen. "
        "Waiting for more people: answers appear in groups of at least 5."
    )
    assert "3" not in waiting
    assert page.status_text(5, 0, rules, False).endswith("This workshop is closed and takes no more answers.")


def test_the_room_s_flows_are_counted_and_protected(tiny):
    model = room(tiny, [CAREER] * 6 + [NURSE] * 2)
    display = page.flows_display(model)
    assert display.values.tolist() == [
        ["Step 1 (1st to 2nd role)", "Education", "Academia", "5"],
        ["Step 1 (1st to 2nd role)", "Academia", "NHS", "fewer than 5"],
        ["Step 2 (2nd to 3rd role)", "Academia", "Industry", "5"],
    ]
    summary = page.flows_summary(model, "the people in this room")
    assert summary == (
        "Among the people in this room, the largest flow is from Education to Academia at step 1 "
        "(1st to 2nd role): 5 people. 1 smaller flow is not drawn, to protect privacy; the table lists it."
    )
    raw = page.flows_display(room(tiny, [CAREER] * 6 + [NURSE] * 2, RAW))
    assert raw["People"].tolist() == ["6", "2", "6"]


def test_an_empty_room_says_so_instead_of_drawing(tiny):
    model = room(tiny, [])
    assert "Nothing to show yet" in text_of(page.room_results(model, "AB3K9Q", "room", 0))
    assert page.flows_summary(model, "the room") == (
        "No one in the room has given two roles yet, so there are no moves to show."
    )


def test_the_results_show_the_sankey_and_wait_for_ten_answers_before_percentages(tiny):
    five = page.room_results(room(tiny, [CAREER] * 5), "AB3K9Q", "room", 5)
    ids_in = {c.id for c in walk(five) if isinstance(getattr(c, "id", None), str)}
    assert f"{ids.WORKSHOP_SANKEY}-graph" in ids_in
    assert f"{ids.WORKSHOP_BARRIERS}-graph" not in ids_in
    assert "No statement has 10 or more answers from the people in this room yet" in text_of(five)
    (link,) = [c for c in walk(five) if getattr(c, "id", None) == f"{ids.WORKSHOP_SANKEY}-csv"]
    assert link.href == "/workshop/AB3K9Q/flows.csv"
    ten = page.room_results(room(tiny, [CAREER] * 10), "AB3K9Q", "merged", 10)
    graph = next(c for c in walk(ten) if getattr(c, "id", None) == f"{ids.WORKSHOP_BARRIERS}-graph")
    assert graph.figure["data"]
    assert "100%" in text_of(ten)  # all ten agreed
    csv = next(c for c in walk(ten) if getattr(c, "id", None) == f"{ids.WORKSHOP_BARRIERS}-csv")
    assert csv.href == "/workshop/AB3K9Q/barriers.csv?data=merged"


def test_downloads_hold_the_protected_numbers(tiny):
    model = room(tiny, [CAREER] * 6 + [NURSE] * 2)
    flows = page.download(model, {})
    assert flows.values.tolist() == [
        [1, "education", "academia", "5"],
        [1, "academia", "nhs", "<5"],
        [2, "academia", "industry", "5"],
    ]
    barriers = page.download(model, {"table": "barriers"})
    assert barriers[["barrier_id", "n", "agree"]].values.tolist() == [["recognised", "5", "5"]]
    assert barriers["percent"].isna().all()  # fewer than 10 answers


def workshop(name, code, is_open=True):
    return Workshop(code, name, None, is_open, datetime(2026, 5, 1, tzinfo=UTC))


def test_the_workshop_list_is_for_data_owners_only():
    signed_out = page.admin_panel(False, True, [workshop("Leeds", "AB3K9Q")])
    assert [c.href for c in walk(signed_out) if isinstance(c, html.A)] == ["/login?next=/workshop"]
    assert "Leeds" not in text_of(signed_out)
    assert "DATA_OWNER_PASSWORD" in text_of(page.admin_panel(False, False, []))
    panel = page.admin_panel(True, True, [workshop("Leeds", "AB3K9Q"), workshop("York", "ZZ2345", False)])
    rows = [c for c in walk(panel) if isinstance(c, html.Tr)][1:]
    assert [text_of(r.children[0]) for r in rows] == ["Leeds", "York"]
    closes = [c.id for c in walk(panel) if isinstance(getattr(c, "id", None), dict)]
    assert closes == [{"type": ids.WORKSHOP_CLOSE, "code": "AB3K9Q"}]
    links = [c.href for c in walk(rows[0]) if isinstance(c, html.A)]
    assert links == ["/workshop?w=AB3K9Q", "/moderate?w=AB3K9Q", "/workshop/AB3K9Q/export.zip"]
    assert "No workshops yet." in text_of(page.admin_panel(True, True, []))
