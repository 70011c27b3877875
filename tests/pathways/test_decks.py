"""Decks: reading, validating, writing and appending saved views, on files in a temporary folder."""

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways import decks
from pathways.decks import (
    MAX_SLIDES,
    Deck,
    DeckError,
    Slide,
    check_address,
    check_deck_id,
    deck_problems,
    dump_deck,
    list_decks,
    load_deck,
    parse_deck,
    save_view,
    write_deck,
)

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "decks"
DEMO = Deck(
    "demo",
    "Demo deck",
    "Two views.",
    (
        Slide("/pathways?level=role&steps=3", "Where people go", "First line.\nSecond line."),
        Slide("/roles/postdoc", "Postdocs"),
    ),
)
DEMO_YAML = """title: Demo deck
description: Two views.
slides:
- address: /pathways?level=role&steps=3
  title: Where people go
  notes: |-
    First line.
    Second line.
- address: /roles/postdoc
  title: Postdocs
"""


def slides(count):
    return [{"address": f"/network?min={n}", "title": f"Slide {n}"} for n in range(count)]


def test_a_deck_is_written_as_fixed_text():
    assert dump_deck(DEMO) == DEMO_YAML


def test_a_deck_survives_writing_and_reading(tmp_path):
    path = write_deck(tmp_path, DEMO)
    assert path == tmp_path / "demo.yaml"
    assert path.read_text(encoding="utf-8") == DEMO_YAML
    assert load_deck(path) == DEMO


def test_writing_the_same_deck_twice_gives_the_same_bytes(tmp_path):
    first = write_deck(tmp_path, DEMO).read_bytes()
    assert write_deck(tmp_path, DEMO).read_bytes() == first


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80).map(str.strip)


@settings(max_examples=300, deadline=None)
@given(title=text.filter(bool), notes=text)
def test_any_title_and_notes_survive_a_round_trip(title, notes):
    deck = Deck("prop", title, slides=(Slide("/mobility?show=percent", title, notes),))
    assert parse_deck(dump_deck(deck), "prop") == deck


@pytest.mark.parametrize(
    "address, problem",
    [
        ("/pathways?level=role", None),
        ("/", None),
        ("/roles/postdoc", None),
        ("pathways", "must be a path on this site"),
        ("https://example.org/pathways", "must be a path on this site"),
        ("//example.org/pathways", "must be a path on this site"),
        ("javascript:alert(1)", "must be a path on this site"),
        ("/pathways?q=a b", "may not hold spaces"),
        ("/\\\\example.org", "may not hold spaces, backslashes"),
        ("/x\nSet-Cookie: a", "control characters"),
        ("", "address is missing"),
        (None, "address is missing"),
        ("/" + "a" * 2000, "over the limit of 2000"),
    ],
)
def test_addresses_must_be_paths_on_this_site(address, problem):
    found = check_address(address)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(
    "deck_id, good",
    [
        ("headlines", True),
        ("workshop-2025_a", True),
        ("9lives", True),
        ("-leading", False),
        ("Capital", False),
        ("../etc", False),
        ("a/b", False),
        ("", False),
        ("x" * 65, False),
    ],
)
def test_deck_names(deck_id, good):
    assert (check_deck_id(deck_id) is None) == good


def test_every_problem_is_listed_at_once():
    data = {
        "titel": "typo",
        "description": 3,
        "slides": [
            {"address": "http://x.org/", "title": "A"},
            "not a mapping",
            {"address": "/ok", "title": "", "notes": "n" * 5001},
        ],
    }
    assert deck_problems(data) == [
        "unknown key titel (known: title, description, slides)",
        "title is missing",
        "description must be text, not int",
        "slide 1: address 'http://x.org/' must be a path on this site starting with '/', "
        "with no scheme or host",
        "slide 2: must be a mapping with address, title and notes",
        "slide 3: title is missing",
        "slide 3: notes is 5001 characters long, over the limit of 5000",
    ]


@pytest.mark.parametrize(
    "data, problem",
    [
        (None, "a deck must be a mapping"),
        (["a"], "a deck must be a mapping"),
        ({"title": "T"}, "slides must be a list of at least one slide"),
        ({"title": "T", "slides": []}, "slides must be a list of at least one slide"),
        ({"title": "T", "slides": "x"}, "slides must be a list of at least one slide"),
        ({"title": "T", "slides": slides(MAX_SLIDES + 1)}, "at most 50 slides; this one has 51"),
    ],
)
def test_deck_shapes_that_are_refused(data, problem):
    assert any(problem in found for found in deck_problems(data))


def test_fifty_slides_are_allowed():
    assert deck_problems({"title": "T", "slides": slides(MAX_SLIDES)}) == []


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"title: Demo\nslides: :\n", "demo.yaml: not valid YAML (line 2)"),
        (b"title: caf\xe9\n", "demo.yaml: not UTF-8 text"),
        (b"- just\n- a list\n", "demo.yaml: a deck must be a mapping with title, description and slides"),
    ],
)
def test_broken_files_are_reported_with_their_name(tmp_path, content, problem):
    (tmp_path / "demo.yaml").write_bytes(content)
    with pytest.raises(DeckError) as raised:
        load_deck(tmp_path / "demo.yaml")
    assert raised.value.problems[0] == problem


def test_a_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(decks, "MAX_FILE_BYTES", 10)
    (tmp_path / "big.yaml").write_text("title: far too long\n", encoding="utf-8")
    with pytest.raises(DeckError, match="big.yaml: file is 20 bytes, over the limit of 10"):
        load_deck(tmp_path / "big.yaml")


def test_list_decks_names_only_yaml_files_with_allowed_names(tmp_path):
    for name in ("b.yaml", "a.yaml", "Upper.yaml", ".hidden.yaml", "c.yml", "d.txt"):
        (tmp_path / name).write_text("title: x\n", encoding="utf-8")
    (tmp_path / "e.yaml").mkdir()
    assert list_decks(tmp_path) == ["a", "b"]
    assert list_decks(tmp_path / "nowhere") == []


def test_save_view_creates_a_deck_then_appends_to_it(tmp_path):
    first = save_view(tmp_path, "workshop-1", " /mobility?show=percent ", "Who moves")
    assert first == Deck("workshop-1", "Workshop 1", "", (Slide("/mobility?show=percent", "Who moves"),))
    second = save_view(tmp_path, "workshop-1", "/network", "The map", "Point at the NHS.")
    assert [slide.title for slide in second.slides] == ["Who moves", "The map"]
    assert load_deck(tmp_path / "workshop-1.yaml") == second
    assert save_view(tmp_path / "new", "x", "/", "Home", deck_title="My talk").title == "My talk"


def test_save_view_keeps_the_title_and_description_of_an_existing_deck(tmp_path):
    write_deck(tmp_path, DEMO)
    deck = save_view(tmp_path, "demo", "/barriers", "Barriers")
    assert (deck.title, deck.description, len(deck.slides)) == ("Demo deck", "Two views.", 3)


def test_a_refused_save_changes_nothing(tmp_path):
    path = write_deck(tmp_path, DEMO)
    before = path.read_bytes()
    with pytest.raises(DeckError) as raised:
        save_view(tmp_path, "demo", "https://evil.example/", " ")
    assert raised.value.problems == [
        "slide 3: address 'https://evil.example/' must be a path on this site starting with '/', "
        "with no scheme or host",
        "slide 3: title is missing",
    ]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.yaml"]


def test_a_bad_deck_name_never_touches_the_file_system(tmp_path):
    with pytest.raises(DeckError, match="may use only"):
        save_view(tmp_path / "sub", "../escape", "/", "Home")
    assert not (tmp_path / "sub").exists()
    assert not (tmp_path / "escape.yaml").exists()


def test_a_full_deck_takes_no_more_slides(tmp_path):
    path = tmp_path / "full.yaml"
    path.write_text(
        dump_deck(Deck("full", "Full", slides=tuple(Slide(f"/n{n}", f"S{n}") for n in range(MAX_SLIDES)))),
        encoding="utf-8",
    )
    with pytest.raises(DeckError, match="already holds 50 slides"):
        save_view(tmp_path, "full", "/", "One more")


def test_a_broken_deck_is_not_overwritten_by_a_save(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(DeckError, match="not valid YAML"):
        save_view(tmp_path, "broken", "/", "Home")
    assert path.read_text(encoding="utf-8") == "title: [unclosed\n"


def test_a_write_that_fails_half_way_leaves_the_old_deck_and_no_temporary_file(tmp_path, monkeypatch):
    path = write_deck(tmp_path, DEMO)

    def crash(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        save_view(tmp_path, "demo", "/network", "The map")
    assert path.read_text(encoding="utf-8") == DEMO_YAML
    assert [p.name for p in tmp_path.iterdir()] == ["demo.yaml"]


def test_the_new_file_appears_whole_by_rename(tmp_path, monkeypatch):
    renamed = []
    real_replace = os.replace

    def spy(source, target):
        # At the moment of the rename the temporary file already holds the whole deck.
        renamed.append((Path(source).parent, Path(source).read_text(encoding="utf-8"), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    deck = save_view(tmp_path, "demo", "/network", "The map")
    [(folder, content, target)] = renamed
    assert folder == tmp_path and target == tmp_path / "demo.yaml"
    assert content == dump_deck(deck)


def test_the_bundled_headlines_deck_is_valid_and_written_as_save_view_would_write_it():
    path = BUNDLED / "headlines.yaml"
    deck = load_deck(path)
    assert 5 <= len(deck.slides) <= 7
    assert all(slide.notes for slide in deck.slides)
    assert path.read_text(encoding="utf-8") == dump_deck(deck)
    assert "headlines" in list_decks(BUNDLED)
