"""The Sankey builder: hand-counted links from tests/fixtures/tiny, positions plotly takes, no zero links."""

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from layouts.chart import SECTOR_COLOURS
from layouts.sankey import (
    EDGE,
    FONT_SIZE,
    HEIGHT,
    MARGIN,
    _plotly_scale,
    is_inside,
    ordinal,
    sankey_figure,
    sankey_input,
    short_labels,
    step_text,
)
from pathways.disclosure_rules import RAW, DisclosureRules
from pathways.flows import step_flows
from pathways.schema import SECTOR_LABELS, SECTORS

SECTOR_NAMES = (dict(SECTOR_LABELS), {s: s for s in SECTORS})


@pytest.fixture(scope="module")
def roles(tiny):
    return tiny.roles["title"].to_dict(), tiny.roles["sector"].to_dict(), tiny.roles["stage"].to_dict()


def links_of(data):
    """``{(source node, target node): value}`` with nodes as ``(column, key)``."""
    nodes = data["nodes"]
    return {
        (nodes[s], nodes[t]): v for s, t, v in zip(data["source"], data["target"], data["value"], strict=True)
    }


def test_ordinals_and_step_words():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]
    assert step_text(2) == "step 2 (2nd to 3rd role)"


def test_short_labels_drop_brackets_unless_two_would_read_the_same():
    labels = short_labels(
        {
            "msc": "MSc student (bioinformatics or health data science)",
            "ds": "Data scientist (industry)",
            "charity": "Data scientist (charity or non-profit)",
            "head_ind": "Head of data science (industry)",
            "head_pub": "Head of data science (public sector)",
            "postdoc": "Postdoctoral research associate",
            "phd": "PhD student",
        }
    )
    assert labels["msc"] == "MSc student"
    assert labels["phd"] == "PhD student"
    # "Data scientist" twice would hide which is which; the qualifier is kept, shortened if need be.
    assert labels["ds"] == "Data scientist (industry)"
    assert labels["charity"] == "Data scientist (charity or…)"
    assert labels["head_ind"] == "Head of data science (industry)"
    assert labels["head_pub"] == "Head of data science (public…)"
    assert labels["postdoc"] == "Postdoctoral research associate"
    assert short_labels({"x": "Bioinformatics core-facility manager"})["x"] == "Bioinformatics core-facility…"
    assert all(len(label) <= 32 for label in labels.values())


def test_role_links_are_the_hand_counted_moves_of_each_step(tiny, roles):
    titles, sectors, stages = roles
    flows = step_flows(tiny, steps=4, level="role")
    data = sankey_input(flows, "role", titles, sectors, RAW, stages=stages)
    # careers.csv, stays merged: step 1 phd->postdoc p01 p02 p05 p07 p08; msc->ds p04 p12; one each
    # phd->ds (p03), msc->nhs_analyst (p06), msc->phd (p09), postdoc->founder (p10).
    # Step 2: postdoc->ds p02 p07; postdoc->lecturer p01; ds->senior_ds p04; postdoc->rse p05;
    # phd->postdoc p09.
    # Step 3: ds->senior_ds p02; ds->postdoc p07 (back to academia).
    assert links_of(data) == {
        ((1, "phd"), (2, "postdoc")): 5,
        ((1, "msc"), (2, "ds")): 2,
        ((1, "phd"), (2, "ds")): 1,
        ((1, "msc"), (2, "nhs_analyst")): 1,
        ((1, "msc"), (2, "phd")): 1,
        ((1, "postdoc"), (2, "founder")): 1,
        ((2, "postdoc"), (3, "ds")): 2,
        ((2, "postdoc"), (3, "lecturer")): 1,
        ((2, "ds"), (3, "senior_ds")): 1,
        ((2, "postdoc"), (3, "rse")): 1,
        ((2, "phd"), (3, "postdoc")): 1,
        ((3, "ds"), (4, "senior_ds")): 1,
        ((3, "ds"), (4, "postdoc")): 1,
    }
    assert data["columns"] == [1, 2, 3, 4]
    assert data["hidden"] == 0


def test_the_same_role_at_two_steps_is_two_nodes(tiny, roles):
    titles, sectors, stages = roles
    data = sankey_input(step_flows(tiny, steps=4, level="role"), "role", titles, sectors, RAW, stages=stages)
    assert (
        (2, "postdoc") in data["nodes"]
        and (3, "postdoc") in data["nodes"]
        and (4, "postdoc") in data["nodes"]
    )
    assert len(data["nodes"]) == len(set(data["nodes"]))


def test_sector_links_are_hand_counted(tiny):
    titles, sectors = SECTOR_NAMES
    data = sankey_input(step_flows(tiny, steps=3, level="sector"), "sector", titles, sectors, RAW)
    assert links_of(data) == {
        ((1, "education"), (2, "academia")): 5,
        ((1, "education"), (2, "industry")): 3,
        ((1, "education"), (2, "nhs")): 1,
        ((1, "education"), (2, "education")): 1,
        ((1, "academia"), (2, "entrepreneurship")): 1,
        ((2, "academia"), (3, "academia")): 2,
        ((2, "academia"), (3, "industry")): 2,
        ((2, "education"), (3, "academia")): 1,
        ((2, "industry"), (3, "industry")): 1,
    }
    assert data["label"][data["nodes"].index((1, "education"))] == "Education"


def test_every_position_is_strictly_inside_the_unit_square(tiny, roles):
    titles, sectors, stages = roles
    for steps in (2, 3, 4, 5):
        data = sankey_input(
            step_flows(tiny, steps=steps, level="role"), "role", titles, sectors, RAW, stages=stages
        )
        assert len(data["x"]) == len(data["y"]) == len(data["nodes"])
        assert is_inside(data["x"]) and is_inside(data["y"])
        assert min(data["x"]) == pytest.approx(EDGE) and max(data["x"]) == pytest.approx(1 - EDGE)


def test_nodes_are_ordered_by_sector_then_stage_then_title_and_do_not_overlap(tiny, roles):
    titles, sectors, stages = roles
    data = sankey_input(step_flows(tiny, steps=3, level="role"), "role", titles, sectors, RAW, stages=stages)
    column_2 = [(key, y) for (column, key), y in zip(data["nodes"], data["y"], strict=True) if column == 2]
    # education (phd), academia (postdoc), nhs (nhs_analyst), industry (ds), entrepreneurship (founder)
    assert [key for key, _ in column_2] == ["phd", "postdoc", "nhs_analyst", "ds", "founder"]
    heights = [y for _, y in column_2]
    assert heights == sorted(heights)
    # Node sizes 1, 5, 1, 3, 1 people at plotly's scale: the drawn boxes must not touch.
    plot = HEIGHT - MARGIN["t"] - MARGIN["b"]
    links = [
        (data["nodes"][s], data["nodes"][t]) for s, t in zip(data["source"], data["target"], strict=True)
    ]
    sizes = {node: 0 for node in data["nodes"]}
    for (source, target), value in zip(links, data["value"], strict=True):
        sizes[source] += value
    for (source, target), value in zip(links, data["value"], strict=True):
        sizes[target] = max(sizes[target], sum(v for (s, t), v in zip(links, data["value"]) if t == target))
    scale, _ = _plotly_scale(sizes, links, plot)
    boxes = [
        (y * plot - sizes[(2, key)] * scale / 2, y * plot + sizes[(2, key)] * scale / 2)
        for key, y in column_2
    ]
    assert [sizes[(2, key)] for key, _ in column_2] == [1, 5, 1, 3, 1]
    for (_, bottom), (top, _) in zip(boxes, boxes[1:]):
        assert top - bottom >= 1


def test_suppressed_flows_are_dropped_and_counted_never_zero_width(tiny):
    titles, sectors = SECTOR_NAMES
    flows = step_flows(tiny, steps=3, level="sector", rules=DisclosureRules())
    data = sankey_input(flows, "sector", titles, sectors, DisclosureRules())
    # Only education -> academia (5 people) survives the default rules; 8 flows are hidden.
    assert links_of(data) == {((1, "education"), (2, "academia")): 5}
    assert data["hidden"] == 8
    assert 0 not in data["value"]
    assert data["link_hover"] == ["Step 1 (1st to 2nd role)<br>Education → Academia<br>5 people"]


def test_zero_counts_are_never_drawn():
    flows = pd.DataFrame(
        {"step": [1, 1], "source": ["academia", "academia"], "target": ["nhs", "industry"], "count": [0, 10]}
    ).astype({"count": "Int64"})
    data = sankey_input(flows, "sector", *SECTOR_NAMES, DisclosureRules())
    assert data["value"] == [10] and data["hidden"] == 0
    assert (2, "nhs") not in data["nodes"]


def test_everything_hidden_draws_nothing(tiny, roles):
    titles, sectors, stages = roles
    flows = step_flows(tiny, steps=3, level="role", rules=DisclosureRules())
    data = sankey_input(flows, "role", titles, sectors, DisclosureRules(), stages=stages)
    assert data["nodes"] == [] and data["value"] == [] and data["hidden"] == 11
    figure = go.Figure(sankey_figure(data, empty_message="Nothing here."))
    assert figure.layout.annotations[0].text == "Nothing here."


def test_percentages_size_the_links_and_withheld_shares_are_not_drawn():
    flows = pd.DataFrame(
        {
            "step": [1, 1, 2],
            "source": ["education", "education", "academia"],
            "target": ["academia", "industry", "nhs"],
            "count": [30, 10, 5],
            "share": [75.0, 25.0, float("nan")],
        }
    ).astype({"count": "Int64"})
    data = sankey_input(flows, "sector", *SECTOR_NAMES, DisclosureRules(), measure="percent")
    assert data["value"] == [75.0, 25.0]
    assert data["withheld"] == 1
    assert data["link_hover"][0].endswith("30 people (75% of the people moving at this step)")


def test_colours_come_from_the_sector_of_the_node_and_of_the_source(tiny, roles):
    titles, sectors, stages = roles
    data = sankey_input(step_flows(tiny, steps=2, level="role"), "role", titles, sectors, RAW, stages=stages)
    founder = data["nodes"].index((2, "founder"))
    assert data["node_colour"][founder] == SECTOR_COLOURS["entrepreneurship"]
    link = data["target"].index(founder)
    assert data["link_colour"][link] == "rgba(0, 114, 178, 0.45)"  # from a postdoc: academia's blue
    assert (
        "Start-up founder<br>Entrepreneurship, leader<br>2nd role in the career"
        == data["node_hover"][founder]
    )


def test_the_figure_is_fixed_readable_and_carries_the_node_keys(tiny, roles):
    titles, sectors, stages = roles
    data = sankey_input(step_flows(tiny, steps=3, level="role"), "role", titles, sectors, RAW, stages=stages)
    # Given to dcc.Graph as a dict, for speed; plotly.py must still accept every property.
    figure = go.Figure(sankey_figure(data))
    trace = figure.data[0]
    assert trace.type == "sankey"
    assert trace.arrangement == "fixed"  # 'snap' swallows clicks on nodes
    assert trace.meta == {"keys": [key for _, key in data["nodes"]], "level": "role"}
    assert figure.layout.font.size >= 14 and FONT_SIZE >= 14
    assert figure.layout.height == HEIGHT
    assert figure.layout.title.text is None
    assert [a.text for a in figure.layout.annotations] == [
        "<b>1st role</b>",
        "<b>2nd role</b>",
        "<b>3rd role</b>",
    ]
    assert list(trace.link.value) == data["value"] and min(trace.link.value) > 0


def test_the_same_input_gives_the_same_figure(tiny, roles):
    titles, sectors, stages = roles
    flows = step_flows(tiny, steps=5, level="role")
    first = json.dumps(sankey_figure(sankey_input(flows, "role", titles, sectors, RAW, stages=stages)))
    again = json.dumps(sankey_figure(sankey_input(flows, "role", titles, sectors, RAW, stages=stages)))
    assert first == again
