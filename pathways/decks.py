"""Decks: ordered lists of saved views (address, title, speaker notes) kept as YAML files.

A deck lives in ``<folder>/<deck_id>.yaml``::

    title: Headline findings
    description: What the bundled dataset says, in six views.
    slides:
    - address: /pathways?sector=education
      title: Where students go
      notes: |-
        What the room sees ...

Addresses are paths on this site (``/page?query``), never another site's, so
a deck cannot send the room elsewhere. Reading checks every field and reports
every problem at once; writing is deterministic (the same deck gives the same
bytes) and atomic (a temporary file renamed over the old one), so a reader
never sees half a file.
"""

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DECK_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
MAX_ID_LENGTH = 64
MAX_SLIDES = 50
MAX_ADDRESS_LENGTH = 2000
MAX_TITLE_LENGTH = 200
MAX_NOTES_LENGTH = 5000
MAX_FILE_BYTES = 1_000_000
DECK_KEYS = ("title", "description", "slides")
SLIDE_KEYS = ("address", "title", "notes")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class DeckError(ValueError):
    """A deck that cannot be read, saved or found; ``problems`` lists every reason."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Slide:
    """One saved view: the address it shows, its title and the presenter's notes."""

    address: str
    title: str
    notes: str = ""


@dataclass(frozen=True)
class Deck:
    """An ordered list of slides with a title; ``id`` is the file's name without ``.yaml``."""

    id: str
    title: str
    description: str = ""
    slides: tuple = ()


def check_deck_id(deck_id):
    """The problem with ``deck_id`` as a deck's name, or None when it is a good one.

    Examples
    --------
    >>> check_deck_id("headlines") is None
    True
    >>> check_deck_id("../secrets")
    "deck name '../secrets' may use only a-z, 0-9, '-' and '_', and must start with a letter or digit"
    """
    if not isinstance(deck_id, str) or not deck_id:
        return "a deck needs a name"
    if len(deck_id) > MAX_ID_LENGTH:
        return f"deck name is {len(deck_id)} characters long, over the limit of {MAX_ID_LENGTH}"
    if not DECK_ID.match(deck_id):
        return (
            f"deck name {deck_id!r} may use only a-z, 0-9, '-' and '_', and must start with a letter or digit"
        )
    return None


def check_address(address):
    """The problem with ``address`` as a slide's view, or None when it is a path on this site.

    Examples
    --------
    >>> check_address("/pathways?level=role&steps=3") is None
    True
    >>> print(check_address("https://example.org/pathways"))
    address 'https://example.org/pathways' must be a path on this site starting with '/',
    with no scheme or host
    >>> check_address("//example.org/x")
    "address '//example.org/x' must be a path on this site starting with '/', with no scheme or host"
    """
    if not isinstance(address, str) or not address.strip():
        return "address is missing"
    if len(address) > MAX_ADDRESS_LENGTH:
        return f"address is {len(address)} characters long, over the limit of {MAX_ADDRESS_LENGTH}"
    shown = address if len(address) <= 60 else address[:60] + "..."
    parts = urlsplit(address)
    if not address.startswith("/") or address.startswith("//") or parts.scheme or parts.netloc:
        return f"address {shown!r} must be a path on this site starting with '/', with no scheme or host"
    if "\\" in address or _CONTROL.search(address) or " " in address:
        return f"address {shown!r} may not hold spaces, backslashes or control characters"
    return None


def _text_problem(where, name, value, required, limit):
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"{where}{name} is missing" if required else None
    if not isinstance(value, str):
        return f"{where}{name} must be text, not {type(value).__name__}"
    if len(value) > limit:
        return f"{where}{name} is {len(value)} characters long, over the limit of {limit}"
    return None


def _unknown_keys(where, mapping, known):
    unknown = sorted(str(key) for key in mapping if key not in known)
    if not unknown:
        return []
    plural = "s" if len(unknown) > 1 else ""
    return [f"{where}unknown key{plural} {', '.join(unknown)} (known: {', '.join(known)})"]


def deck_problems(data):
    """Every problem with ``data``, a deck's parsed YAML, as a list of sentences (empty when valid).

    Examples
    --------
    >>> deck_problems({"title": "Demo", "slides": [{"address": "/mobility", "title": "Moves"}]})
    []
    >>> for problem in deck_problems({"slides": [{"address": "mobility", "titel": "Moves"}]}):
    ...     print(problem)
    title is missing
    slide 1: unknown key titel (known: address, title, notes)
    slide 1: address 'mobility' must be a path on this site starting with '/', with no scheme or host
    slide 1: title is missing
    """
    if not isinstance(data, dict):
        return ["a deck must be a mapping with title, description and slides"]
    problems = _unknown_keys("", data, DECK_KEYS)
    problems += [
        problem
        for problem in (
            _text_problem("", "title", data.get("title"), True, MAX_TITLE_LENGTH),
            _text_problem("", "description", data.get("description"), False, MAX_NOTES_LENGTH),
        )
        if problem
    ]
    slides = data.get("slides")
    if not isinstance(slides, list) or not slides:
        return [*problems, "slides must be a list of at least one slide"]
    if len(slides) > MAX_SLIDES:
        problems.append(f"a deck holds at most {MAX_SLIDES} slides; this one has {len(slides)}")
    for number, slide in enumerate(slides, start=1):
        where = f"slide {number}: "
        if not isinstance(slide, dict):
            problems.append(f"{where}must be a mapping with address, title and notes")
            continue
        problems += _unknown_keys(where, slide, SLIDE_KEYS)
        address = check_address(slide.get("address"))
        problems += [f"{where}{address}"] if address else []
        problems += [
            problem
            for problem in (
                _text_problem(where, "title", slide.get("title"), True, MAX_TITLE_LENGTH),
                _text_problem(where, "notes", slide.get("notes"), False, MAX_NOTES_LENGTH),
            )
            if problem
        ]
    return problems


def deck_from_mapping(deck_id, data):
    """Build a :class:`Deck` from parsed YAML; raise :class:`DeckError` listing every problem.

    Examples
    --------
    >>> deck = deck_from_mapping("demo", {"title": "Demo", "slides": [{"address": "/", "title": "Home"}]})
    >>> deck.slides[0]
    Slide(address='/', title='Home', notes='')
    >>> deck_from_mapping("demo", {"title": "Demo", "slides": []})
    Traceback (most recent call last):
    ...
    pathways.decks.DeckError: slides must be a list of at least one slide
    """
    problems = [problem for problem in (check_deck_id(deck_id),) if problem] + deck_problems(data)
    if problems:
        raise DeckError(problems)
    slides = tuple(
        Slide(slide["address"].strip(), slide["title"].strip(), (slide.get("notes") or "").strip())
        for slide in data["slides"]
    )
    return Deck(deck_id, data["title"].strip(), (data.get("description") or "").strip(), slides)


def deck_mapping(deck):
    """The YAML mapping of ``deck``, keys in a fixed order and empty notes left out."""
    mapping = {"title": deck.title}
    if deck.description:
        mapping["description"] = deck.description
    mapping["slides"] = [
        {"address": slide.address, "title": slide.title, **({"notes": slide.notes} if slide.notes else {})}
        for slide in deck.slides
    ]
    return mapping


class _DeckDumper(yaml.SafeDumper):
    """Safe YAML with multi-line text as literal blocks, so notes stay readable when edited by hand."""


def _represent_text(dumper, value):
    # Line breaks other than \n would be folded by a reader in plain or block style: quote them.
    if any(character in value for character in "\r\x85\u2028\u2029"):
        style = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_DeckDumper.add_representer(str, _represent_text)


def dump_deck(deck):
    """The YAML text of ``deck``: deterministic, so the same deck always gives the same bytes.

    Examples
    --------
    >>> deck = Deck("demo", "Demo", slides=(Slide("/mobility", "Moves", "Line one.\\nLine two."),))
    >>> print(dump_deck(deck), end="")
    title: Demo
    slides:
    - address: /mobility
      title: Moves
      notes: |-
        Line one.
        Line two.
    """
    return yaml.dump(
        deck_mapping(deck),
        Dumper=_DeckDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )


def parse_deck(text, deck_id):
    """Read a deck from YAML text; raise :class:`DeckError` listing every problem.

    Examples
    --------
    >>> parse_deck("title: Demo\\nslides:\\n- {address: /network, title: The map}\\n", "demo").title
    'Demo'
    >>> parse_deck("title: [unclosed", "demo")
    Traceback (most recent call last):
    ...
    pathways.decks.DeckError: not valid YAML (line 1)
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DeckError([f"not valid YAML (line {mark.line + 1})" if mark else "not valid YAML"]) from None
    return deck_from_mapping(deck_id, data)


def load_deck(path):
    """Read the deck in the YAML file ``path`` (its name, without ``.yaml``, is the deck's id).

    Raises
    ------
    DeckError
        The file is missing, too large, not UTF-8, not YAML, or a field is wrong
        (every problem is listed, prefixed with the file's name).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "demo.yaml").write_text("title: Demo\\nslides:\\n- {address: /, title: Home}\\n")
    >>> load_deck(folder / "demo.yaml")
    Deck(id='demo', title='Demo', description='', slides=(Slide(address='/', title='Home', notes=''),))
    >>> load_deck(folder / "nope.yaml")
    Traceback (most recent call last):
    ...
    pathways.decks.DeckError: nope.yaml: there is no such deck
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DeckError([f"{path.name}: file is {size} bytes, over the limit of {MAX_FILE_BYTES}"])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DeckError([f"{path.name}: there is no such deck"]) from None
    except UnicodeDecodeError:
        raise DeckError([f"{path.name}: not UTF-8 text"]) from None
    try:
        return parse_deck(text, path.stem)
    except DeckError as error:
        raise DeckError([f"{path.name}: {problem}" for problem in error.problems]) from None


def deck_path(folder, deck_id):
    """The file of deck ``deck_id`` in ``folder``; :class:`DeckError` for a name that is not allowed.

    The name is checked before it touches the file system, so an address like
    ``/present/../../etc`` can never name a file outside the folder.

    Examples
    --------
    >>> deck_path("data/decks", "headlines").as_posix()
    'data/decks/headlines.yaml'
    """
    problem = check_deck_id(deck_id)
    if problem:
        raise DeckError([problem])
    return Path(folder) / f"{deck_id}.yaml"


def list_decks(folder):
    """The ids of the decks in ``folder`` (files ``<id>.yaml`` with an allowed id), sorted.

    A missing folder has no decks. The files are not read: use :func:`load_deck`.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("b.yaml", "a.yaml", "Bad Name.yaml", "notes.txt"):
    ...     _ = (folder / name).write_text("title: x\\n")
    >>> list_decks(folder)
    ['a', 'b']
    >>> list_decks(folder / "missing")
    []
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(
        path.stem for path in folder.glob("*.yaml") if path.is_file() and check_deck_id(path.stem) is None
    )


def write_deck(folder, deck):
    """Write ``deck`` to ``<folder>/<deck.id>.yaml`` atomically (temporary file, then rename).

    Returns the path written. A crash part-way leaves the old file as it was.
    """
    path = deck_path(folder, deck.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{deck.id}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(dump_deck(deck))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _title_from_id(deck_id):
    words = re.split(r"[-_]+", deck_id)
    return " ".join(words).strip().capitalize() or deck_id


def save_view(folder, deck_id, address, title, notes="", deck_title=None):
    """Append a slide showing ``address`` to deck ``deck_id`` in ``folder``; create the deck if missing.

    Parameters
    ----------
    folder : path
        Where the decks live (``data/decks`` by default in the app).
    deck_id : str
        The deck's name: ``a-z``, ``0-9``, ``-`` and ``_``.
    address : str
        The view, a path on this site such as ``/pathways?level=role``.
    title, notes : str
        The slide's title (required) and the presenter's notes.
    deck_title : str, optional
        The title of a new deck (default: made from its name).

    Returns
    -------
    Deck
        The deck as saved.

    Raises
    ------
    DeckError
        Every problem with the name, address, title or notes, an existing deck
        that cannot be read, or a deck that already holds the most slides.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> deck = save_view(folder, "workshop-1", "/mobility?show=percent", "Who moves")
    >>> deck.title, len(deck.slides)
    ('Workshop 1', 1)
    >>> len(save_view(folder, "workshop-1", "/network", "The map", "Point at the NHS.").slides)
    2
    >>> save_view(folder, "workshop-1", "http://evil.example/", "")
    Traceback (most recent call last):
    ...
    pathways.decks.DeckError: slide 3: address 'http://evil.example/' must be ...; slide 3: title is missing
    """
    path = deck_path(folder, deck_id)
    if path.exists():
        deck = load_deck(path)
        mapping = deck_mapping(deck)
    else:
        mapping = {"title": deck_title or _title_from_id(deck_id), "slides": []}
    slide = {"address": address.strip() if isinstance(address, str) else address, "title": title}
    if notes:
        slide["notes"] = notes
    mapping["slides"] = [*mapping["slides"], slide]
    if len(mapping["slides"]) > MAX_SLIDES:
        raise DeckError([f"deck {deck_id!r} already holds {MAX_SLIDES} slides, the most a deck can hold"])
    deck = deck_from_mapping(deck_id, mapping)
    write_deck(folder, deck)
    return deck
