"""``dataset.yaml``: the metadata of a dataset, checked key by key.

Problems name the key as their column and the key's line where the key is
there (``dataset.yaml:3: kind: unknown kind 'synthetc'; did you mean
'synthetic'?``), no line where it is missing (``dataset.yaml: name:
required``). Keys this version does not know are kept out of the
:class:`~pathways.dataset.DatasetInfo` with a note, so a newer dataset still loads.
"""

import yaml

from pathways.dataset import DatasetInfo
from pathways.disclosure_rules import DisclosureRules
from pathways.problems import Problem, did_you_mean
from pathways.schema import DATASET_KINDS, METADATA_FILE

TEXT_KEYS = ("name", "kind", "description", "source", "licence", "citation", "collected")
KEYS = (*TEXT_KEYS, "attributes", "disclosure")
DISCLOSURE_NUMBERS = ("min_count", "round_to", "min_denominator")
DERIVED_PEOPLE_COLUMNS = ("sector", "stage")


def _compose(text, problems):
    """``(value, node)`` of the YAML document, or None (with a problem) when it is not YAML."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(METADATA_FILE, line, None, f"not valid YAML: {reason}"))
        return None
    finally:
        loader.dispose()
    return value, node


def _key_lines(node):
    """Line of each key of a YAML mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def _child(node, key):
    """The value node of ``key`` in a mapping node, or None."""
    for key_node, value_node in node.value if isinstance(node, yaml.MappingNode) else ():
        if key_node.value == key:
            return value_node
    return None


def _text(value):
    """A scalar as text; None for lists and mappings."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return None
    return str(value)


def _attributes(value, node, line, people_columns, problems):
    if value is None:
        return {}
    if not isinstance(value, dict):
        message = "must be a mapping of people.csv columns to labels"
        problems.append(Problem(METADATA_FILE, line, "attributes", message))
        return {}
    lines = _key_lines(node)
    known = None if people_columns is None else [*people_columns, *DERIVED_PEOPLE_COLUMNS]
    attributes = {}
    for column, label in value.items():
        where = lines.get(str(column), line)
        if known is not None and str(column) not in known:
            hint = did_you_mean(column, known)
            message = f"{str(column)!r} is not a column of people.csv{hint}"
            problems.append(Problem(METADATA_FILE, where, "attributes", message))
        elif _text(label) is None:
            problems.append(Problem(METADATA_FILE, where, f"attributes.{column}", "the label must be text"))
        else:
            attributes[str(column)] = _text(label) or str(column).replace("_", " ").capitalize()
    return attributes


def _disclosure(value, node, line, problems):
    if value is None:
        return DisclosureRules()
    if not isinstance(value, dict):
        message = "must be a mapping of settings (min_count, round_to, min_denominator)"
        problems.append(Problem(METADATA_FILE, line, "disclosure", message))
        return DisclosureRules()
    lines = _key_lines(node)
    settings = {}
    for key, setting in value.items():
        where = lines.get(str(key), line)
        if key in DISCLOSURE_NUMBERS:
            if isinstance(setting, int) and not isinstance(setting, bool) and setting >= 1:
                settings[key] = setting
            else:
                message = f"must be a whole number of at least 1, not {setting!r}"
                problems.append(Problem(METADATA_FILE, where, f"disclosure.{key}", message))
        elif key == "secondary":
            if isinstance(setting, bool):
                settings[key] = setting
            else:
                message = f"must be true or false, not {setting!r}"
                problems.append(Problem(METADATA_FILE, where, "disclosure.secondary", message))
        else:
            hint = did_you_mean(key, (*DISCLOSURE_NUMBERS, "secondary"))
            problems.append(Problem(METADATA_FILE, where, "disclosure", f"unknown setting {key!r}{hint}"))
    return DisclosureRules(**settings)


def parse_metadata(text, people_columns, problems, notes):
    """The :class:`~pathways.dataset.DatasetInfo` of a ``dataset.yaml`` text.

    Parameters
    ----------
    text : str
    people_columns : collection of str or None
        Columns of ``people.csv`` (empty when there is none) that
        ``attributes`` may name; None skips that check (``people.csv`` could
        not be read).
    problems, notes : list
        Problems and notes found are appended to these.

    Returns
    -------
    DatasetInfo or None
        None when there are problems.

    Examples
    --------
    >>> problems, notes = [], []
    >>> text = "name: Demo\\nkind: survey\\ndisclosure:\\n  min_count: 10\\n"
    >>> info = parse_metadata(text, (), problems, notes)
    >>> info.name, info.kind, info.disclosure.min_count, info.disclosure.round_to
    ('Demo', 'survey', 10, 5)
    >>> parse_metadata("name: Demo\\nkind: synthetc\\nlicense: MIT\\n", (), problems, notes) is None
    True
    >>> print(problems[0])
    dataset.yaml:2: kind: unknown kind 'synthetc'; did you mean 'synthetic'?
    >>> notes
    ["dataset.yaml: unknown key 'license' ignored; did you mean 'licence'?"]
    """
    found = []
    composed = _compose(text, found)
    if composed is None:
        problems.extend(found)
        return None
    value, node = composed
    if not isinstance(value, dict):
        problems.append(
            Problem(METADATA_FILE, None, None, "must be a mapping of keys to values (name: ..., kind: ...)")
        )
        return None
    lines = _key_lines(node)
    fields = {}
    for key in TEXT_KEYS:
        text_value = _text(value.get(key))
        if text_value is None:
            found.append(Problem(METADATA_FILE, lines.get(key), key, "must be text"))
        elif key in ("name", "kind") and not text_value.strip():
            found.append(Problem(METADATA_FILE, lines.get(key), key, "required"))
        else:
            fields[key] = text_value
    kind = fields.get("kind")
    if kind and kind not in DATASET_KINDS:
        message = f"unknown kind {kind!r}{did_you_mean(kind, DATASET_KINDS)}"
        found.append(Problem(METADATA_FILE, lines.get("kind"), "kind", message))
    attributes = _attributes(
        value.get("attributes"), _child(node, "attributes"), lines.get("attributes"), people_columns, found
    )
    disclosure = _disclosure(
        value.get("disclosure"), _child(node, "disclosure"), lines.get("disclosure"), found
    )
    for key in value:
        if key not in KEYS:
            notes.append(f"{METADATA_FILE}: unknown key {str(key)!r} ignored{did_you_mean(key, KEYS)}")
    if disclosure.is_looser_than_default:
        notes.append(f"{METADATA_FILE}: disclosure: looser than the defaults of disclosure control")
    problems.extend(found)
    if found:
        return None
    return DatasetInfo(**fields, attributes=attributes, disclosure=disclosure)
