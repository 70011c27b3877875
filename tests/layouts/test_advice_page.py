"""The Advice library page on the tiny fixture (3 resources), a hostile frame and the bundled list.

Tiny's resources, in file order (see tests/pathways/test_advice.py):
vitae-rdf (guide; academia; early, mid; postdoc, lecturer; progression),
nhs-stp (training; nhs; student, early; no roles; mobility),
society-rse (network; academia; no stages; rse; recognition, mentoring).
"""

import dataclasses

import pandas as pd
import pytest
from dash import dcc, html

from layouts import advice_page as page
from layouts import ids
from layouts.router import parse_query
from pathways.model import CareerModel
from pathways.synthetic import generate_dataset

ALL = ["vitae-rdf", "nhs-stp", "society-rse"]


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


def walk(component):
    """Every component in a tree, depth first."""
    yield component
    children = getattr(component, "children", None)
    if children is None:
        return
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            yield from walk(child)


def text(component):
    """The text a reader sees in a tree, concatenated."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        return "".join(text(child) for child in children)
    return text(children)


def find(component, component_id):
    matches = [c for c in walk(component) if getattr(c, "id", None) == component_id]
    assert len(matches) == 1, f"{component_id!r} found {len(matches)} times"
    return matches[0]


def cards(component):
    return [c for c in walk(component) if "advice-card" in (getattr(c, "className", "") or "")]


def card_ids(component):
    return [getattr(c, "data-advice-id") for c in cards(component)]


# The address


def test_the_default_state(model):
    state, messages = page.read_state(model, {})
    assert state == {"q": "", "sector": "", "stage": "", "theme": "", "kind": "", "role": ""}
    assert messages == []


A = "all"  # the value of each select's "All ..." option


@pytest.mark.parametrize(
    ("values", "query", "state"),
    [
        (("", A, A, A, A, ""), "", ("", "", "", "", "", "")),
        ((None,) * 6, "", ("", "", "", "", "", "")),
        (("research", A, A, A, A, ""), "?q=research", ("research", "", "", "", "", "")),
        (("  NHS   training ", A, A, A, A, ""), "?q=NHS+training", ("NHS training", "", "", "", "", "")),
        (("", "nhs", "student", A, A, ""), "?sector=nhs&stage=student", ("", "nhs", "student", "", "", "")),
        (("", A, A, "recognition", A, ""), "?theme=recognition", ("", "", "", "recognition", "", "")),
        (("", A, A, A, "case-study", ""), "?kind=case-study", ("", "", "", "", "case-study", "")),
        (("", A, A, A, A, "postdoc"), "?role=postdoc", ("", "", "", "", "", "postdoc")),
        # 'all' typed in the search box is a word, not the select's option.
        (
            ("all", "academia", A, A, A, "rse"),
            "?q=all&sector=academia&role=rse",
            ("all", "academia", "", "", "", "rse"),
        ),
        (("<script>", A, A, A, A, ""), "?q=%3Cscript%3E", ("<script>", "", "", "", "", "")),
    ],
)
def test_controls_to_the_address_and_back(model, values, query, state):
    assert page.to_query(model, *values) == query
    decoded, messages = page.read_state(model, parse_query(query))
    assert messages == []
    assert tuple(decoded[name] for name in page.STATE_NAMES) == state


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"kind": "magic"}, "Ignored kind of resource 'magic' in the address: unknown value 'magic'."),
        ({"sector": "space"}, "Ignored sector 'space' in the address: unknown value 'space'."),
        ({"stage": "Early"}, "Ignored career stage 'Early' in the address: unknown value 'Early'."),
        ({"theme": "all"}, "Ignored theme 'all' in the address: unknown value 'all'."),
        ({"role": "phd_student"}, "Ignored role 'phd_student' in the address: unknown value 'phd_student'."),
        ({"q": "x" * 150}, "The search words were cut to their first 100 characters."),
    ],
)
def test_invalid_address_values_fall_back_with_a_notice(model, query, notice):
    state, messages = page.read_state(model, {**query, "stage": query.get("stage", "student")})
    assert messages == [notice]
    assert state["stage"] == ("" if "stage" in query else "student")  # the valid value is kept
    view = page.layout(model, {**query})
    assert notice in text(view)
    assert "address-notices" in [getattr(c, "className", None) for c in walk(view)]


def test_long_search_words_are_cut(model):
    state, _ = page.read_state(model, {"q": "fellowship " * 20})
    assert len(state["q"]) <= page.MAX_SEARCH and state["q"].startswith("fellowship fellowship")


def test_the_controls_show_the_state(model):
    view = page.layout(model, {"q": "research", "sector": "nhs", "kind": "magic", "role": "postdoc"})
    assert find(view, ids.ADVICE_SEARCH).value == "research"
    assert find(view, ids.ADVICE_SEARCH).type == "search"
    assert find(view, ids.ADVICE_SECTOR).value == "nhs"
    assert find(view, ids.ADVICE_STAGE).value == "all"
    assert find(view, ids.ADVICE_KIND).value == "all"
    assert find(view, ids.ADVICE_ROLE).data == "postdoc"
    labels = {c.html_for: text(c) for c in walk(view) if getattr(c, "html_for", None)}
    assert labels == {
        ids.ADVICE_SEARCH: "Search words",
        ids.ADVICE_SECTOR: "Sector",
        ids.ADVICE_STAGE: "Career stage",
        ids.ADVICE_THEME: "Theme",
        ids.ADVICE_KIND: "Kind of resource",
    }
    options = find(view, ids.ADVICE_KIND).options
    assert options[0] == {"label": "All kinds", "value": "all"}
    assert {"label": "Case study", "value": "case-study"} in options
    assert find(view, ids.ADVICE_CONTENT).__getattribute__("aria-live") == "polite"


def test_the_page_constants(model):
    assert (page.PATH, page.TITLE, page.NAV_LABEL, page.NAV_ORDER, page.SLUG) == (
        "/advice", "Advice library", "Advice", 70, "advice",
    )  # fmt: skip
    assert [control for control, _ in page.CONTROLS] == [
        ids.ADVICE_SEARCH, ids.ADVICE_SECTOR, ids.ADVICE_STAGE, ids.ADVICE_THEME, ids.ADVICE_KIND,
        ids.ADVICE_ROLE,
    ]  # fmt: skip
    assert [field.name for field in page.fields(model)] == list(page.STATE_NAMES)


# The list


@pytest.mark.parametrize(
    ("query", "expected", "count"),
    [
        ({}, ALL, "All 3 resources"),
        ({"q": "research"}, ["vitae-rdf", "society-rse"], "2 resources match (of 3)"),
        ({"theme": "recognition"}, ["society-rse"], "1 resource matches (of 3)"),
        ({"sector": "nhs", "stage": "student"}, ["nhs-stp"], "1 resource matches (of 3)"),
        ({"role": "rse"}, ["society-rse", "nhs-stp"], "2 resources match (of 3)"),
        ({"role": "postdoc"}, ["vitae-rdf", "nhs-stp"], "2 resources match (of 3)"),
        ({"kind": "magic"}, ALL, "All 3 resources"),
    ],
)
def test_the_cards_and_the_count(model, query, expected, count):
    view = page.content(model, query)
    assert card_ids(view) == expected
    assert text(find(view, ids.ADVICE_COUNT)) == count


def test_a_card_shows_everything_in_words(model):
    (card,) = [c for c in cards(page.content(model, {})) if getattr(c, "data-advice-id") == "vitae-rdf"]
    title = card.children[0]
    assert isinstance(title, html.H3)
    link = title.children
    assert isinstance(link, html.A)
    assert link.children == "Researcher Development Framework"
    assert link.href.startswith("https://www.vitae.ac.uk/")
    assert link.rel == "external noopener noreferrer"
    assert getattr(link, "target", None) is None  # same tab: back returns to the list
    words = text(card)
    assert "KindGuide" not in words and "Kind: Guide" in words  # the badge says the kind in words
    assert "From Vitae (vitae.ac.uk)" in words
    assert "A framework for planning your development as a researcher." in words
    assert "Sectors: Academia" in words
    assert "Career stages: Early career, Mid career" in words
    assert "Themes: Progression" in words
    assert "Roles: Postdoctoral research associate, Lecturer" in words


def test_a_general_resource_says_it_is_for_all(model):
    (card,) = [c for c in cards(page.content(model, {})) if getattr(c, "data-advice-id") == "society-rse"]
    assert "Career stages: all" in text(card)
    (card,) = [c for c in cards(page.content(model, {})) if getattr(c, "data-advice-id") == "nhs-stp"]
    assert "Roles" not in text(card)


def test_the_role_chip_links_to_the_view_without_the_role(model):
    view = page.content(model, {"role": "postdoc", "stage": "early", "q": "a"})
    chip = find(view, ids.ADVICE_ROLE_CHIP)
    (link,) = [c for c in walk(chip) if isinstance(c, dcc.Link)]
    assert text(link) == "For: Postdoctoral research associate × (remove this filter)"
    assert link.href == "/advice?q=a&stage=early"
    hidden = [c for c in walk(link) if getattr(c, "aria-hidden", None) == "true"]
    assert [text(c) for c in hidden] == [" ×"]
    assert "advice-role-chip" not in str(page.content(model, {"stage": "early"}))


def test_the_ranking_is_explained_when_a_tag_filter_is_set(model):
    assert "Resources tagged for your choices come first" in text(page.content(model, {"role": "rse"}))
    assert "come first" not in text(page.content(model, {"q": "research", "kind": "guide"}))


def test_nothing_found_says_so_and_clears_everything(model):
    view = page.content(model, {"q": "zebra", "role": "postdoc"})
    assert card_ids(view) == []
    assert text(find(view, ids.ADVICE_COUNT)) == "0 resources match (of 3)"
    empty = find(view, ids.ADVICE_EMPTY)
    assert "No resources match “zebra” with these filters." in text(empty)
    clear = find(view, ids.ADVICE_CLEAR)
    assert isinstance(clear, dcc.Link) and clear.href == "/advice"
    assert [c for c in walk(view) if getattr(c, "id", None) == ids.ADVICE_DOWNLOAD] == []


def test_the_download_link_carries_the_state(model):
    view = page.content(model, {"sector": "nhs", "stage": "student", "kind": "magic"})
    assert find(view, ids.ADVICE_DOWNLOAD).href == "/download/advice.csv?sector=nhs&stage=student"


def test_a_dataset_without_advice(tiny):
    empty = tiny.advice.iloc[0:0]
    model = CareerModel.build(dataclasses.replace(tiny, advice=empty))
    assert "This dataset has no advice resources." in text(page.layout(model, {}))
    assert list(page.download(model, {}).columns) == page.DOWNLOAD_COLUMNS


# Download


def test_download_lists_what_is_shown_in_its_order(model):
    frame = page.download(model, {"role": "rse"})
    assert list(frame.columns) == page.DOWNLOAD_COLUMNS
    assert frame["advice_id"].tolist() == ["society-rse", "nhs-stp"]
    assert frame.iloc[0].tolist() == [
        "society-rse",
        "Society of Research Software Engineering",
        "https://society-rse.org/",
        "Society of Research Software Engineering",
        "network",
        "The professional society for research software engineers.",
        "academia",
        "",
        "rse",
        "recognition;mentoring",
    ]
    assert page.download(model, {})["advice_id"].tolist() == ALL
    assert page.download(model, {"q": "zebra"}).empty


# Hostile text


@pytest.fixture(scope="module")
def hostile(tiny):
    advice = pd.DataFrame(
        {
            "title": ["<script>alert(1)</script>", '=HYPERLINK("http://evil.example","click")', "Mail us"],
            "url": ["javascript:alert(1)", "https://example.org/x", "mailto:careers@example.ac.uk"],
            "provider": ["<b>evil</b>", "@SUM(1+1)", "Careers"],
            "kind": ["guide", "tool", "mentoring"],
            "summary": ['<img src=x onerror="alert(2)">', "+cmd", ""],
            "sectors": ["nhs", "", ""],
            "stages": ["", "", ""],
            "roles": ["", "", ""],
            "themes": ["", "", ""],
        },
        index=pd.Index(["script", "formula", "mail"], name="advice_id"),
    )
    return CareerModel.build(dataclasses.replace(tiny, advice=advice))


def test_hostile_text_is_text_and_unsafe_addresses_are_not_links(hostile):
    view = page.layout(hostile, {})
    assert card_ids(view) == ["script", "formula", "mail"]
    script, formula, mail = cards(view)
    assert [c for c in walk(script) if isinstance(c, (html.A, dcc.Link))] == []
    assert "javascript" not in str(script)
    words = text(script)
    assert words.startswith("<script>alert(1)</script> (no link: its address is not a web or email address)")
    assert "<b>evil</b>" in words and '<img src=x onerror="alert(2)">' in words
    (link,) = [c for c in walk(formula) if isinstance(c, html.A)]
    assert (
        link.children == '=HYPERLINK("http://evil.example","click")' and link.href == "https://example.org/x"
    )
    (link,) = [c for c in walk(mail) if isinstance(c, html.A)]
    assert link.href == "mailto:careers@example.ac.uk"
    assert "(email)" in text(mail)
    # Nothing renders markup from the data.
    assert not any(
        isinstance(c, dcc.Markdown) or getattr(c, "dangerously_allow_html", False) for c in walk(view)
    )


def test_hostile_search_words_are_text(hostile):
    assert card_ids(page.content(hostile, {"q": "<script>"})) == ["script"]
    assert card_ids(page.content(hostile, {"q": "=hyperlink("})) == ["formula"]
    assert page.to_query(hostile, "<script>", "all", "all", "all", "all", "") == "?q=%3Cscript%3E"


def test_hostile_download_keeps_the_values_for_the_server_to_neutralise(hostile):
    frame = page.download(hostile, {"kind": "tool"})
    assert frame["title"].tolist() == ['=HYPERLINK("http://evil.example","click")']


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://www.vitae.ac.uk/", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("mailto:a@b.org", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" https://example.org", False),
        ("https://example.org/\n", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.org", False),
        ("ftp://example.org", False),
        ("", False),
        (None, False),
        (float("nan"), False),
    ],
)
def test_safe_url(url, safe):
    assert page.safe_url(url) == (url if safe else None)


# The bundled resources


def test_every_bundled_resource_gets_a_card():
    dataset = generate_dataset(people=100, seed=1)
    model = CareerModel.build(dataset)
    view = page.layout(model, {})
    assert len(dataset.advice) == 78
    assert card_ids(view) == dataset.advice.index.tolist()
    assert text(find(view, ids.ADVICE_COUNT)) == "All 78 resources"
    links = [c for c in walk(find(view, ids.ADVICE_LIST)) if isinstance(c, html.A)]
    assert len(links) == 78
    # Roles are shown by their titles, not their codes.
    words = text(find(view, ids.ADVICE_LIST))
    assert "phd_student" not in words and "Roles: PhD student" in words
    assert all(role in model.role_titles for roles in dataset.advice["roles"] for role in page.codes(roles))
    assert "Sectors: all" not in words  # every bundled resource names its sectors


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.vitae.ac.uk/a?b=c", "vitae.ac.uk"),
        ("http://nshcs.hee.nhs.uk/", "nshcs.hee.nhs.uk"),
        ("MAILTO:careers@example.ac.uk", "email"),
        ("http://[::1", ""),  # malformed: no hint rather than an error
    ],
)
def test_where_a_link_goes(url, site):
    assert page.where_it_goes(url) == site
