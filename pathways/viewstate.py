"""A page's view state and its address: pure helpers that read and write the query string.

The address is the whole state of a view. Each page declares its fields; a
query dict decodes into a complete state (unknown names ignored, invalid values
replaced by the default with a notice) and a state encodes into a query string
holding only what differs from the default, so old links keep working and
short links stay short.
"""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Field:
    """One setting of a view.

    Parameters
    ----------
    name : str
        The query parameter.
    default : object
        The value when the address does not give one.
    choices : tuple or None
        Allowed values (strings); None allows any value that ``kind`` parses.
    kind : {"str", "int", "bool", "list"}
        How the value is written in the address. ``list`` is comma separated.
    low, high : int or None
        Inclusive bounds for ``int``.
    max_items : int or None
        Most items for ``list``.
    label : str
        What the setting is, for notices.
    """

    name: str
    default: object = None
    choices: tuple | None = None
    kind: str = "str"
    low: int | None = None
    high: int | None = None
    max_items: int | None = None
    label: str = ""

    def parse(self, text):
        """Return the value ``text`` stands for; raise ValueError when it is not valid.

        Examples
        --------
        >>> Field("steps", 3, kind="int", low=2, high=5).parse("4")
        4
        >>> Field("steps", 3, kind="int", low=2, high=5).parse("9")
        Traceback (most recent call last):
        ...
        ValueError: must be between 2 and 5
        >>> Field("roles", (), kind="list", choices=("a", "b"), max_items=2).parse("b,a")
        ('b', 'a')
        """
        if self.kind == "int":
            try:
                value = int(text)
            except (TypeError, ValueError):
                raise ValueError("must be a whole number") from None
            if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
                raise ValueError(f"must be between {self.low} and {self.high}")
            return value
        if self.kind == "bool":
            if text in ("1", "true", "yes"):
                return True
            if text in ("0", "false", "no"):
                return False
            raise ValueError("must be 1 or 0")
        if self.kind == "list":
            items = tuple(item for item in (part.strip() for part in str(text).split(",")) if item)
            if self.max_items is not None and len(items) > self.max_items:
                raise ValueError(f"at most {self.max_items} allowed")
            if len(set(items)) != len(items):
                raise ValueError("an item is repeated")
            unknown = [item for item in items if self.choices is not None and item not in self.choices]
            if unknown:
                raise ValueError(f"unknown value {unknown[0]!r}")
            return items
        value = str(text)
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"unknown value {value!r}")
        return value

    def format(self, value):
        """The address text for ``value`` (the inverse of :meth:`parse`)."""
        if self.kind == "bool":
            return "1" if value else "0"
        if self.kind == "list":
            return ",".join(value)
        return str(value)


def decode_state(fields, query):
    """Read a complete state from a query dict.

    Returns
    -------
    state : dict
        A value for every field.
    notices : list of str
        One plain sentence per value that was ignored.

    Examples
    --------
    >>> fields = [Field("level", "role", choices=("role", "sector")), Field("steps", 3, kind="int", low=2, high=5)]
    >>> decode_state(fields, {"level": "sector", "utm": "x"})
    ({'level': 'sector', 'steps': 3}, [])
    >>> decode_state(fields, {"level": "galaxy", "steps": "ten"})
    ({'level': 'role', 'steps': 3}, ["Ignored level 'galaxy' in the address: unknown value 'galaxy'.", "Ignored steps 'ten' in the address: must be a whole number."])
    """
    state, notices = {}, []
    for field in fields:
        text = query.get(field.name)
        if text is None or text == "":
            state[field.name] = field.default
            continue
        try:
            state[field.name] = field.parse(text)
        except ValueError as error:
            state[field.name] = field.default
            shown = text if len(text) <= 40 else text[:40] + "..."
            notices.append(f"Ignored {field.label or field.name} {shown!r} in the address: {error}.")
    return state, notices


def encode_state(fields, state):
    """Write the query string for ``state``, holding only what differs from the defaults.

    Examples
    --------
    >>> fields = [Field("level", "role", choices=("role", "sector")), Field("steps", 3, kind="int")]
    >>> encode_state(fields, {"level": "role", "steps": 4})
    '?steps=4'
    >>> encode_state(fields, {"level": "role", "steps": 3})
    ''
    """
    pairs = [
        (field.name, field.format(state[field.name]))
        for field in fields
        if field.name in state
        and state[field.name] != field.default
        and state[field.name] not in (None, "", ())
    ]
    return "?" + urlencode(pairs, safe=",") if pairs else ""
