"""Presentation mode and decks, as pure functions: the class, page lookup, projector figures, slides, forms."""

import dataclasses
from pathlib import Path

import plotly.graph_objects as go
import pytest
from dash import dcc, html

from layouts import ids
from layouts import present_page as page
from pathways.decks import Deck, DeckError, Slide, load_deck
from pathways.disclosure_rules import RAW
from pathways.loading import load_dataset
from pathways.model import CareerModel
from pathways.viewstate import decode_state
from tests.component_tree import by_id as find
from tests.component_tree import walk

ROOT = Path(__file__).resolve().parents[2]
DECK = Deck(
    "demo",
    "Demo deck",
    "",
    (
        Slide("/mobility", "Who moves", "First paragraph.\n\nSecond paragraph."),
        Slide("/network?min=1", "The map"),
        Slide("/nowhere", "A page that is not there"),
    ),
)


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


@pytest.fixture(scope="module")
def raw(tiny):
    info = dataclasses.replace(tiny.info, disclosure=RAW)
    return CareerModel.build(dataclasses.replace(tiny, info=info))


def text(component):
    parts = []
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, str | int | float):
            parts.append(str(node))
        elif isinstance(node, list | tuple):
            stack.extend(reversed(node))
        elif node is not None:
            stack.append(getattr(node, "children", None))
    return " ".join(parts)


@pytest.mark.parametrize(
    "query, pathname, expected",
    [
        ("?present=1", "/mobility", "present-mode"),
        ("?level=role&present=1&steps=3", "/pathways", "present-mode"),
        ("?present=true", "/", "present-mode"),
        ({"present": "YES"}, "/", "present-mode"),
        ({"present": "1"}, "", "present-mode"),
        ("?present=0", "/mobility", ""),
        ("?present=", "/mobility", ""),
        ("?presentation=1", "/mobility", ""),
        ("", "/mobility", ""),
        (None, "/", ""),
        ({}, "/present/headlines", "present-mode"),
        ("?slide=2", "/present/headlines/", "present-mode"),
        ({}, "/present/", ""),
        ({}, "/present", ""),
        ({}, "/presenter", ""),
    ],
)
def test_presentation_class(query, pathname, expected):
    assert page.presentation_class(query, pathname) == expected


@pytest.mark.parametrize(
    "address, module, query, rest",
    [
        ("/", "layouts.home", {}, ""),
        ("/pathways?level=role&steps=3", "layouts.pathways_page", {"level": "role", "steps": "3"}, ""),
        ("/pathways/", "layouts.pathways_page", {}, ""),
        (
            "/mobility?show=percent&present=1",
            "layouts.mobility_page",
            {"show": "percent", "present": "1"},
            "",
        ),
        ("/roles/postdoc", "layouts.role_page", {}, "postdoc"),
        ("/roles/", "layouts.role_page", {}, ""),
        ("/routes?from=phd&to=lecturer", "layouts.routes_page", {"from": "phd", "to": "lecturer"}, ""),
    ],
)
def test_page_for_address_finds_the_page_like_the_router(address, module, query, rest):
    found, found_query, found_rest = page.page_for_address(address)
    assert (found.__name__, found_query, found_rest) == (module, query, rest)


@pytest.mark.parametrize("address", ["/nowhere", "/present/headlines", "/present/", "/pathwaysx"])
def test_page_for_address_refuses_addresses_no_slide_can_show(address):
    with pytest.raises(LookupError):
        page.page_for_address(address)


def test_the_page_table_never_holds_the_deck_page_itself():
    assert page not in [module for _, module in page.page_table()]
    assert "/pathways" in [path for path, _ in page.page_table()]


def test_present_figure_enlarges_every_font_and_margin_and_drops_the_fixed_height():
    figure = {
        "data": [
            {"type": "bar", "textfont": {"size": 14}, "marker": {"size": 10}},
            {"type": "scatter", "textfont": {"size": [10, 20]}},
        ],
        "layout": {
            "height": 500,
            "font": {"size": 15},
            "hoverlabel": {"font": {"size": 16}},
            "xaxis": {"tickfont": {"size": 12}, "title": {"font": {"size": 13}}},
            "margin": {"l": 10, "r": 20, "t": 30, "b": 40, "pad": 4},
            "annotations": [{"text": "a", "xshift": 8, "font": {"size": 14}}],
        },
    }
    big = page.present_figure(figure)
    assert big["data"][0]["textfont"] == {"size": 21.0}
    assert big["data"][0]["marker"] == {"size": 10}  # not a font: markers keep their size
    assert big["data"][1]["textfont"] == {"size": [15.0, 30.0]}
    layout = big["layout"]
    assert layout["font"] == {"size": 22.5}
    assert layout["hoverlabel"]["font"] == {"size": 24.0}
    assert layout["xaxis"]["tickfont"] == {"size": 18.0}
    assert layout["xaxis"]["title"]["font"] == {"size": 19.5}
    assert layout["margin"] == {"l": 15.0, "r": 30.0, "t": 45.0, "b": 60.0, "pad": 4}
    assert layout["annotations"][0]["xshift"] == 12.0
    assert "height" not in layout and layout["autosize"] is True
    assert figure["layout"]["height"] == 500 and figure["layout"]["font"] == {"size": 15}


def test_present_figure_gives_a_figure_without_fonts_plotlys_default_enlarged():
    assert page.present_figure({"data": []})["layout"]["font"] == {"size": 18.0}
    assert page.present_figure(None) == {"data": [], "layout": {"font": {"size": 18.0}, "autosize": True}}


def test_present_figure_takes_a_plotly_figure_too():
    figure = go.Figure(go.Bar(x=[1], y=["a"]), layout={"height": 400, "font": {"size": 10}})
    big = page.present_figure(figure)
    assert big["layout"]["font"]["size"] == 15.0 and "height" not in big["layout"]


def test_present_view_makes_every_chart_a_projector_chart_and_leaves_the_original_alone():
    rows = dcc.Graph(id="rows", figure={"data": [{"type": "bar"}], "layout": {"height": 400}})
    sankey = dcc.Graph(id="flow", figure={"data": [{"type": "sankey"}], "layout": {"height": 600}})
    free = dcc.Graph(id="free", figure={"data": []}, style={"width": "100%"})
    tree = html.Div([html.P("Caption"), html.Div([rows, sankey]), free])
    shown = page.present_view(tree)
    assert find(shown, "rows").style == {"height": "max(calc(100vh - 15rem), 600px)"}
    assert find(shown, "flow").style == {"height": "max(calc(100vh - 15rem), 600px)"}
    assert find(shown, "free").style == {"width": "100%", "height": "calc(100vh - 15rem)"}
    assert find(shown, "rows").figure["layout"]["font"] == {"size": 18.0}
    assert rows.figure == {"data": [{"type": "bar"}], "layout": {"height": 400}}
    assert getattr(rows, "style", None) is None and find(tree, "rows") is rows


@pytest.mark.parametrize(
    "query, number, notice",
    [
        ({}, 1, None),
        ({"slide": "1"}, 1, None),
        ({"slide": "3"}, 3, None),
        ({"slide": "4"}, 1, "Ignored slide '4' in the address: must be between 1 and 3."),
        ({"slide": "0"}, 1, "Ignored slide '0' in the address: must be between 1 and 3."),
        ({"slide": "two"}, 1, "Ignored slide 'two' in the address: must be a whole number."),
    ],
)
def test_slide_number_from_the_address(query, number, notice):
    assert page.slide_number(query, 3) == (number, [notice] if notice else [])


def test_slide_search_step_and_pasted_addresses():
    assert [page.slide_search(n, 3) for n in (1, 2, 3)] == ["", "?slide=2", "?slide=3"]
    assert page.slide_search(1, 3, "my data") == "?dataset=my%20data"
    assert [page.step(n, 3, d) for n, d in ((1, -1), (1, 1), (2, 1), (3, 1), (3, -1))] == [1, 2, 3, 3, 2]
    assert page.local_address("https://explorer.example.ac.uk/barriers?sector=nhs") == "/barriers?sector=nhs"
    assert page.local_address("http://localhost:8050") == "/"
    assert page.local_address(" /network ") == "/network"
    assert page.local_address("ftp://x/y") == "ftp://x/y"  # left for the deck's own check to refuse
    assert page.local_address(None) == ""


def test_a_slide_shows_its_page_results_without_controls_and_with_projector_charts(raw):
    view = page.slide_view(raw, "/mobility?show=percent&present=1")
    graph = find(view, "mobility-matrix-graph")
    assert graph.figure["layout"]["font"] == {"size": 22.5}
    assert graph.figure["data"][0]["textfont"] == {"size": 24.0}
    assert graph.style == {"height": "max(calc(100vh - 15rem), 570px)"}  # a grid: 80 x 5 sectors + 170
    bars = find(view, "mobility-crossings-graph")
    assert bars.style == {"height": "max(calc(100vh - 15rem), 630px)"}  # bars: (60 x 5 + 120) x 1.5
    assert graph.figure["data"][0]["colorbar"] == {"title": {"text": "% of row"}}
    assert not [node for node in walk(view) if getattr(node, "id", None) == ids.MOBILITY_SHOW]


def test_a_slide_of_a_page_without_content_shows_its_layout(model):
    assert "Career pathways in biomedical data science" in text(page.slide_view(model, "/"))


def test_a_slide_whose_address_is_no_page_says_so(model):
    view = page.slide_view(model, "/nowhere?x=1")
    assert "is not a page of this explorer" in text(view) and "/nowhere?x=1" in text(view)


def test_the_deck_page_shows_slide_one_with_its_title_position_and_folded_notes(model):
    parts = page.slide_parts(DECK, 1, html.P("the view"), [], "Tiny (synthetic data)")
    shown = page.deck_view(DECK, parts)
    assert find(shown, ids.PRESENT_TITLE).children == "Who moves"
    assert find(shown, ids.PRESENT_POSITION).children == "Slide 1 of 3"
    assert find(shown, ids.PRESENT_DATA).children == "Tiny (synthetic data)"
    assert find(shown, ids.PRESENT_PREVIOUS).disabled is True
    assert find(shown, ids.PRESENT_NEXT).disabled is False
    assert text(find(shown, ids.PRESENT_SLIDE)) == "the view"
    assert [p.children for p in find(shown, ids.PRESENT_NOTES).children] == [
        "First paragraph.",
        "Second paragraph.",
    ]
    details = [node for node in walk(shown) if isinstance(node, html.Details)]
    assert len(details) == 1 and not getattr(details[0], "open", False)
    assert find(shown, ids.PRESENT_NOTICE).children is None
    assert find(shown, ids.PRESENT_EXIT).href == "/present/"


def test_the_last_slide_has_no_next_and_a_slide_without_notes_says_so():
    parts = page.slide_parts(DECK, 2, "view")
    assert parts[ids.PRESENT_NEXT] is False and parts[ids.PRESENT_PREVIOUS] is False
    assert [p.children for p in parts[ids.PRESENT_NOTES]] == ["No notes for this slide."]
    last = page.slide_parts(DECK, 3, "view")
    assert (last[ids.PRESENT_NEXT], last[ids.PRESENT_POSITION]) == (True, "Slide 3 of 3")


def test_an_invalid_slide_in_the_address_shows_slide_one_with_a_notice(model):
    number, messages = page.slide_number({"slide": "99"}, len(DECK.slides))
    shown = page.deck_view(DECK, page.slide_parts(DECK, number, "view", messages))
    assert find(shown, ids.PRESENT_POSITION).children == "Slide 1 of 3"
    assert "Ignored slide '99' in the address: must be between 1 and 3." in text(
        find(shown, ids.PRESENT_NOTICE)
    )


def test_data_label_says_synthetic_once(model):
    info = model.info
    assert (
        page.data_label(dataclasses.replace(info, name="Tiny", kind="synthetic")) == "Tiny (synthetic data)"
    )
    assert page.data_label(dataclasses.replace(info, name="Made up (synthetic)", kind="synthetic")) == (
        "Made up (synthetic)"
    )
    assert page.data_label(dataclasses.replace(info, name="Survey 2018", kind="survey")) == "Survey 2018"


def test_the_deck_list_links_each_deck_and_explains_broken_ones():
    listing = [("demo", DECK), ("broken", ["broken.yaml: not valid YAML (line 2)"])]
    shown = page.deck_list(listing)
    links = [node for node in walk(shown) if isinstance(node, html.A)]
    assert [(link.children, link.href) for link in links] == [("Demo deck", "/present/demo")]
    assert "(3 slides)" in text(shown)
    assert "broken: this deck cannot be shown." in text(shown).replace(" :", ":")
    assert "broken.yaml: not valid YAML (line 2)" in text(shown)
    assert "There are no decks yet" in text(page.deck_list([]))


def test_a_missing_deck_gets_a_friendly_page_with_the_decks_there_are():
    shown = page.missing_deck("nope", [("demo", DECK)])
    assert shown.children[0].children == "There is no deck called 'nope'"
    assert "Demo deck" in text(shown)
    broken = page.missing_deck("demo", [], ["demo.yaml: title is missing"])
    assert broken.children[0].children == "The deck 'demo' cannot be shown"
    assert "demo.yaml: title is missing" in text(broken)


def test_the_save_form_is_only_for_data_owners():
    locked = page.save_form(["demo"], "/mobility?show=percent", signed_in=False, password_set=True)
    assert "Only a data owner can save views" in text(locked)
    [link] = [node for node in walk(locked) if isinstance(node, html.A)]
    assert link.href == "/login?next=/present/%3Fsave%3D/mobility%253Fshow%253Dpercent"
    assert not [node for node in walk(locked) if getattr(node, "id", None) == ids.PRESENT_SAVE_SUBMIT]
    off = page.save_form([], "", signed_in=False, password_set=False)
    assert "set DATA_OWNER_PASSWORD" in text(off)
    assert not [node for node in walk(off) if isinstance(node, html.A)]


def test_the_save_form_for_a_data_owner_is_prefilled_with_the_address():
    form = page.save_form(["demo", "talk"], "/mobility?show=percent", signed_in=True, password_set=True)
    deck = find(form, ids.PRESENT_SAVE_DECK)
    assert [option["value"] for option in deck.options] == ["demo", "talk", page.NEW_DECK]
    assert deck.value == "demo"
    assert find(form, ids.PRESENT_SAVE_ADDRESS).value == "/mobility?show=percent"
    assert find(form, ids.PRESENT_SAVE_TITLE).maxLength == 200
    assert find(form, ids.PRESENT_SAVE_NOTES).maxLength == 5000
    labels = {node.html_for for node in walk(form) if getattr(node, "html_for", None)}
    for control in (
        ids.PRESENT_SAVE_DECK,
        ids.PRESENT_SAVE_NEW,
        ids.PRESENT_SAVE_ADDRESS,
        ids.PRESENT_SAVE_TITLE,
    ):
        assert control in labels
    assert find(page.save_form([], "", True, True), ids.PRESENT_SAVE_DECK).value == page.NEW_DECK


def test_save_target_and_messages():
    assert page.save_target("demo", "ignored") == "demo"
    assert page.save_target(page.NEW_DECK, " talk-2 ") == "talk-2"
    assert page.save_target(None, None) == ""
    saved = page.saved_message(Deck("talk", "Talk", slides=(Slide("/", "A"), Slide("/network", "B"))))
    assert "Saved as slide 2 of the deck 'Talk'." in text(saved)
    assert [n.href for n in walk(saved) if isinstance(n, html.A)] == ["/present/talk?slide=2"]
    refused = page.saved_message(problems=["slide 3: title is missing"])
    assert "Nothing was saved:" in text(refused) and "slide 3: title is missing" in text(refused)


def test_the_index_lists_decks_then_the_form():
    shown = page.index_view([("demo", DECK)], html.Div("form", id=ids.PRESENT_SAVE))
    assert shown.children[0].children[0].children == "Presentations"
    assert "Demo deck" in text(find(shown, ids.PRESENT_DECKS))
    assert find(shown, ids.PRESENT_SAVE).children == "form"


def test_the_layout_hands_the_deck_and_query_to_the_callback(model):
    shown = page.layout(model, {"slide": "2"}, "headlines/")
    assert find(shown, ids.PRESENT_REQUEST).data == {"deck": "headlines", "query": {"slide": "2"}}
    assert "Loading the presentation" in text(find(shown, ids.PRESENT_BODY))
    assert find(page.layout(model), ids.PRESENT_REQUEST).data == {"deck": "", "query": {}}


def test_every_slide_of_the_headlines_deck_shows_a_page_of_the_bundled_data():
    deck = load_deck(ROOT / "data" / "decks" / "headlines.yaml")
    bundled = CareerModel.build(load_dataset(ROOT / "data" / "illustrative"))
    for slide in deck.slides:
        module, query, rest = page.page_for_address(slide.address)
        _, messages = decode_state(module.fields(bundled), query)
        assert messages == [], f"{slide.address}: {messages}"
        view = page.slide_view(bundled, slide.address)
        assert [node for node in walk(view) if isinstance(node, dcc.Graph)], slide.address


def test_deck_errors_are_plain_value_errors():
    assert issubclass(DeckError, ValueError)
