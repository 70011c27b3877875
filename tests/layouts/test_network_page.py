"""The Network page on the tiny fixture: layout, disclosure, minimum flow, figure, text, address, CSV.

Moves between roles in tiny (people who moved; holders of the source role in brackets):

    phd -> postdoc 6 (8)     ds -> senior_ds 2 (5)    msc -> ds 2 (4)        postdoc -> ds 2 (7)
    ds -> postdoc 1 (5)      msc -> nhs_analyst 1     msc -> phd 1           phd -> ds 1
    postdoc -> founder 1     postdoc -> lecturer 1    postdoc -> rse 1
"""

import dataclasses
import random

import networkx as nx
import pandas as pd
import pytest
from dash import dcc, html

from layouts import ids
from layouts import network_page as page
from pathways.disclosure_rules import RAW, DisclosureRules
from pathways.model import CareerModel
from tests.component_tree import text_of


def with_rules(dataset, rules):
    return CareerModel.build(
        dataclasses.replace(dataset, info=dataclasses.replace(dataset.info, disclosure=rules))
    )


@pytest.fixture(scope="module")
def model(tiny):
    return CareerModel.build(tiny)


@pytest.fixture(scope="module")
def raw(tiny):
    return with_rules(tiny, RAW)


def walk(component):
    yield component
    children = getattr(component, "children", None)
    if children is None:
        return
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from walk(child)


def state(model, **query):
    return page.read_state(model, query)[0]


# The layout of the map


def test_roles_sit_at_their_stage_in_their_sector_band(raw):
    positions = page.network_layout(raw.graph)
    assert positions == {
        # education (top band 4), student: MSc before PhD by title, down and to the left
        "msc": (pytest.approx(0.03), pytest.approx(4.0875)),
        "phd": (pytest.approx(-0.03), pytest.approx(3.9125)),
        # academia (band 3), early: Postdoctoral ... before Research software engineer
        "postdoc": (pytest.approx(1.03), pytest.approx(3.0875)),
        "rse": (pytest.approx(0.97), pytest.approx(2.9125)),
        "lecturer": (2, 3),
        "nhs_analyst": (1, 2),
        "ds": (1, 1),
        "senior_ds": (3, 1),
        "founder": (4, 0),
    }


def test_the_layout_is_the_same_whatever_order_the_graph_holds_its_roles(raw):
    nodes = list(raw.graph.nodes(data=True))
    random.Random(7).shuffle(nodes)
    shuffled = nx.DiGraph()
    shuffled.add_nodes_from(nodes)
    assert page.network_layout(shuffled) == page.network_layout(raw.graph)
    assert page.network_layout(raw.graph) == page.network_layout(raw.graph)


def test_many_roles_in_one_cell_stay_inside_their_band():
    G = nx.DiGraph()
    for i in range(6):
        G.add_node(f"r{i}", title=f"Role {i}", sector="nhs", stage_rank=2)
    G.add_node("x", title="Other", sector="academia", stage_rank=0)
    positions = page.network_layout(G)
    ys = sorted(y for role, (_, y) in positions.items() if role != "x")
    assert len(set(ys)) == 6
    assert ys[-1] - ys[0] == pytest.approx(page.MAX_SPREAD)
    # nhs is the lower of the two bands (0); academia is on top (1)
    assert all(-0.5 < y < 0.5 for y in ys)
    assert positions["x"] == (0, 1)


# Disclosure and the minimum flow


def test_edges_are_counted_by_hand_without_disclosure_control(raw):
    edges = page.edge_table(raw)
    top = edges.head(4)[["source", "target", "people"]].values.tolist()
    assert top == [["phd", "postdoc", 6], ["ds", "senior_ds", 2], ["msc", "ds", 2], ["postdoc", "ds", 2]]
    share = dict(zip(zip(edges["source"], edges["target"]), edges["share"]))
    assert share[("phd", "postdoc")] == pytest.approx(75.0)  # 6 of the 8 PhD students
    assert share[("postdoc", "ds")] == pytest.approx(200 / 7)  # 2 of the 7 postdocs
    assert len(edges) == 11


def test_under_the_default_rules_every_tiny_move_is_hidden(model):
    edges = page.edge_table(model)
    # 10 moves of 1 or 2 people, and phd -> postdoc (6) hidden with its only sibling phd -> ds (1).
    assert edges["people"].isna().all()
    assert edges["share"].isna().all()
    assert page.drawn_edges(model, 5).empty


def test_the_minimum_flow_is_never_below_the_disclosure_threshold(tiny, model, raw):
    assert page.flow_choices(model) == (5, 10, 20, 50, 100, 200, 500, 1000)
    assert page.flow_choices(raw)[:3] == (1, 2, 3)
    assert page.flow_choices(with_rules(tiny, DisclosureRules(min_count=10)))[0] == 10
    assert page.flow_choices(with_rules(tiny, DisclosureRules(min_count=5000))) == (5000,)
    assert page.default_min_flow(model) == 5
    assert page.default_min_flow(raw) == 1
    # Asking for less than the threshold still draws nothing hidden.
    assert page.drawn_edges(model, 1).empty


def test_the_minimum_flow_filters_moves_by_their_shown_count(tiny, raw):
    assert len(page.drawn_edges(raw, 1)) == 11
    assert page.drawn_edges(raw, 2)[["source", "target"]].values.tolist() == [
        ["phd", "postdoc"],
        ["ds", "senior_ds"],
        ["msc", "ds"],
        ["postdoc", "ds"],
    ]
    assert page.drawn_edges(raw, 5)[["source", "target"]].values.tolist() == [["phd", "postdoc"]]
    assert page.drawn_edges(raw, 10).empty
    # Rounded to 5, phd -> postdoc (6) reads 5, so it is drawn from a minimum of 5, not 10.
    rounded = with_rules(tiny, DisclosureRules(min_count=2, round_to=5, min_denominator=1, secondary=False))
    assert page.flow_choices(rounded)[0] == 2
    drawn = page.drawn_edges(rounded, 2)
    assert drawn["people"].tolist() == [5, 5, 5, 5]
    assert page.drawn_edges(rounded, 10).empty


# The address


def test_the_address_holds_only_what_differs_from_the_default(model):
    assert page.to_query(model, "5", "all") == ""
    assert page.to_query(model, "20", "nhs") == "?min=20&sector=nhs"
    assert page.to_query(model, None, None) == ""
    assert state(model, min="20", sector="nhs") == {"min": "20", "sector": "nhs"}


def test_invalid_address_values_fall_back_with_a_notice(model):
    decoded, messages = page.read_state(model, {"min": "2", "sector": "galaxy"})
    assert decoded == {"min": "5", "sector": "all"}
    assert messages == [
        "Ignored smallest move shown '2' in the address: unknown value '2'.",
        "Ignored highlighted sector 'galaxy' in the address: unknown value 'galaxy'.",
    ]
    shown = page.layout(model, {"min": "2"})
    assert "Ignored smallest move shown '2'" in text_of(shown)


# The figure


def test_the_figure_draws_each_sector_with_its_colour_symbol_and_roles(model):
    figure = page.network_figure(model, state(model))
    nodes = [trace for trace in figure["data"] if trace["mode"] == "markers+text"]
    assert [trace["name"] for trace in nodes] == [
        "Education",
        "Academia",
        "NHS",
        "Industry",
        "Entrepreneurship",
    ]
    assert [trace["marker"]["symbol"] for trace in nodes] == [
        "circle",
        "square",
        "diamond",
        "hexagon",
        "star",
    ]
    assert nodes[1]["customdata"] == ["postdoc", "rse", "lecturer"]
    hover = dict(zip(nodes[0]["customdata"], nodes[0]["hovertext"]))
    assert "Held by fewer than 5 people" in hover["msc"]
    assert "Held by 10 people" in hover["phd"]  # 8 PhD students, rounded to 5
    # Sizes from the protected counts: the largest (10) is biggest, hidden ones smallest.
    sizes = dict(zip(nodes[0]["customdata"], nodes[0]["marker"]["size"]))
    assert sizes == {"msc": 14, "phd": 36}
    assert dict(zip(nodes[1]["customdata"], nodes[1]["marker"]["size"]))["postdoc"] == pytest.approx(29.6)
    # Nothing can be drawn safely, so there is no line at all.
    assert all(trace["mode"] == "markers+text" for trace in figure["data"])


def test_lines_are_grouped_by_width_and_carry_an_arrow_in_the_middle(raw):
    figure = page.network_figure(raw, state(raw))
    lines = [trace for trace in figure["data"] if trace["mode"] == "lines+markers"]
    assert [trace["name"] for trace in lines] == ["1 to 1 people", "2 to 4 people", "5 to 9 people"]
    assert [trace["line"]["width"] for trace in lines] == [1.5, 3, 5]
    points = page.CURVE_POINTS + 1
    assert [len(trace["x"]) // points for trace in lines] == [7, 3, 1]
    only = lines[2]
    positions = page.network_layout(raw.graph)
    assert (only["x"][0], only["y"][0]) == pytest.approx(positions["phd"])
    assert (only["x"][-2], only["y"][-2]) == pytest.approx(positions["postdoc"])
    assert only["x"][-1] is None
    arrows = [i for i, size in enumerate(only["marker"]["size"]) if size]
    assert arrows == [page.CURVE_POINTS // 2]
    assert only["marker"]["symbol"] == "arrow" and only["marker"]["angleref"] == "previous"
    hover = next(trace for trace in figure["data"] if trace["name"] == "moves")
    assert hover["hovertext"][0] == (
        "<b>PhD student → Postdoctoral research associate</b><br>6 people moved"
        "<br>75% of everyone who held the PhD student role"
    )


def test_highlighting_a_sector_fades_the_rest(raw):
    figure = page.network_figure(raw, state(raw, sector="industry"))
    nodes = {trace["name"]: trace for trace in figure["data"] if trace["mode"] == "markers+text"}
    assert nodes["Industry"]["marker"]["opacity"] == 1
    assert nodes["Academia"]["marker"]["opacity"] == 0.3
    lines = [trace for trace in figure["data"] if trace["mode"] == "lines+markers"]
    strong = [t for t in lines if t["line"]["color"].startswith("rgba(20,")]
    # msc->ds, phd->ds, postdoc->ds, ds->postdoc, ds->senior_ds touch industry.
    assert sum(len(t["x"]) // (page.CURVE_POINTS + 1) for t in strong) == 5


def test_the_figure_is_deterministic_and_readable(raw):
    first = page.network_figure(raw, state(raw, sector="academia"))
    assert first == page.network_figure(raw, state(raw, sector="academia"))
    layout = first["layout"]
    assert "title" not in layout
    assert layout["font"]["size"] >= 14
    assert layout["template"]["layout"]["plot_bgcolor"] == "white"
    assert layout["xaxis"]["ticktext"][0] == "Student or trainee"
    assert layout["yaxis"]["ticktext"][0] == "<b>Education</b>"


# Text, table, page


def test_the_summary_names_the_busiest_move_and_the_most_connected_sector(raw):
    edges = page.drawn_edges(raw, 1)
    assert page.summary_text(raw, state(raw), edges) == (
        "The map shows 9 roles and the 11 moves between them made by at least 1 person. "
        "The busiest move is from PhD student to Postdoctoral research associate: 6 people, "
        "75% of everyone who held the PhD student role. "
        "Through the moves drawn, Education connects to 3 other sectors: Academia, NHS and Industry."
    )
    focused = page.summary_text(raw, state(raw, min="2", sector="academia"), page.drawn_edges(raw, 2))
    assert "Through the moves drawn, Academia connects to 2 other sectors: Education and Industry." in focused
    assert (
        "7 other moves are not drawn: made by fewer than 2 people, or hidden to protect privacy." in focused
    )


def test_the_summary_reads_protected_numbers(tiny, model):
    assert page.summary_text(model, state(model), page.drawn_edges(model, 5)).startswith(
        "The map shows 9 roles. No move between two roles was made by at least 5 people, so no lines"
    )
    rounded = with_rules(tiny, DisclosureRules(min_count=1, round_to=5, min_denominator=1, secondary=False))
    text = page.summary_text(rounded, state(rounded), page.drawn_edges(rounded, 1))
    # Every move reads 5 once rounded, so phd -> postdoc (6) is not singled out.
    assert (
        "The busiest moves, each made by 5 people, are from Data scientist to Postdoctoral research" in text
    )


def test_the_table_lists_the_moves_drawn(raw, model):
    table = page.edge_display(raw, page.drawn_edges(raw, 2))
    assert list(table.columns) == [
        "From",
        "From sector",
        "To",
        "To sector",
        "People who moved",
        "Share of the people in the 'From' role",
    ]
    assert table.iloc[0].tolist() == [
        "PhD student",
        "Education",
        "Postdoctoral research associate",
        "Academia",
        "6",
        "75%",
    ]
    assert table.iloc[3].tolist()[4:] == ["2", "29%"]
    assert page.edge_display(model, page.drawn_edges(model, 5)).empty


def test_the_page_has_its_heading_controls_map_and_links_to_every_profile(model):
    shown = page.layout(model, {"min": "10", "sector": "nhs"})
    assert shown.children[0].children[0].children == "Network of roles"
    assert shown[ids.NETWORK_MIN_FLOW].value == "10"
    assert shown[ids.NETWORK_SECTOR].value == "nhs"
    content = shown[page.CONTENT_ID]
    assert content.children.children[1].id == ids.NETWORK_CHART
    assert shown[f"{ids.NETWORK_CHART}-csv"].href == "/download/network.csv?min=10&sector=nhs"
    links = [node for node in walk(shown[ids.NETWORK_ROLES]) if isinstance(node, dcc.Link)]
    assert len(links) == 9
    assert {link.href for link in links} == {f"/roles/{role}" for role in model.graph}
    assert "Postdoctoral research associate (5 people)" in text_of(shown[ids.NETWORK_ROLES])
    headings = [node.children for node in walk(shown[ids.NETWORK_ROLES]) if isinstance(node, html.H3)]
    assert headings == ["Education", "Academia", "NHS", "Industry", "Entrepreneurship"]


def test_a_click_on_a_role_opens_its_profile(model):
    assert page.profile_address(model, {"points": [{"customdata": "postdoc"}]}) == ("/roles/postdoc", "")
    assert page.profile_address(model, {"points": [{"customdata": ["ds"]}]}) == ("/roles/ds", "")
    assert page.profile_address(model, {"points": [{"curveNumber": 0, "pointNumber": 3}]}) is None
    assert page.profile_address(model, {"points": [{"customdata": "nobody"}]}) is None
    assert page.profile_address(model, None) is None


# Downloads


def test_the_csv_has_the_moves_drawn_protected(raw, model):
    frame = page.download(raw, {"min": "2"})
    assert list(frame.columns) == [
        "source",
        "source_title",
        "source_sector",
        "target",
        "target_title",
        "target_sector",
        "people",
        "percent_of_source",
    ]
    assert frame.iloc[0].tolist() == [
        "phd",
        "PhD student",
        "education",
        "postdoc",
        "Postdoctoral research associate",
        "academia",
        "6",
        75.0,
    ]
    assert frame["percent_of_source"].tolist() == [75.0, 40.0, 50.0, 28.6]
    assert page.download(model, {}).empty


def test_the_roles_csv_reads_hidden_counts_as_fewer_than(model):
    frame = page.download(model, {"table": "roles"})
    assert list(frame.columns) == ["role_id", "title", "sector", "stage", "people"]
    people = dict(zip(frame["role_id"], frame["people"]))
    assert people == {
        "msc": "<5",  # 4 MSc students
        "phd": "10",  # 8
        "postdoc": "5",  # 7
        "rse": "<5",
        "lecturer": "<5",
        "nhs_analyst": "<5",
        "ds": "5",  # 5
        "senior_ds": "<5",
        "founder": "<5",
    }
    assert isinstance(frame, pd.DataFrame)
