"""Live workshop contributions: a form checked into a payload, payloads turned into a dataset.

A participant's answers travel as a *payload*: a small dict that holds only
identifiers, codes and numbers, never free text, so nothing a person typed can
ever be shown (``quality.md``)::

    {"v": 1,
     "steps": [{"role": "phd", "start": 2012}, {"role": "other", "sector": "nhs", "stage": "mid"}],
     "answers": {"recognised": 4, "fixed_term": 1},
     "attributes": {"gender": "woman"}}

:func:`validate_contribution` checks what a form sent against a dataset's
roles, barrier statements and attribute values and returns the payload or the
problems in plain words. :func:`contributions_dataset` turns released payloads
into a :class:`~pathways.dataset.Dataset` that uses the base dataset's roles and
statements, and :func:`merge_datasets` puts it next to the base dataset.
"""

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd

from pathways.dataset import Dataset, DatasetInfo
from pathways.schema import MIN_YEAR, SCALE_VALUES, SECTOR_LABELS, SECTORS, STAGE_LABELS, STAGES

MAX_STEPS = 8
OTHER_ROLE = "other"
PREFER_NOT = "prefer-not-to-say"
MAX_TEXT = 80  # the longest identifier or code a form may send
PAYLOAD_VERSION = 1
UNREADABLE = "Your answers could not be read. Please reload the page and try again."
REFUSED = "Your answers could not be accepted. Please reload the page and try again."
CONSENT_NEEDED = "Please tick the box to agree to how your answers are used. Without it nothing is saved."
NOTHING_GIVEN = "Please choose at least one career step or answer at least one statement."


class _Unreadable(Exception):
    """The form holds something no form of ours sends (a bot, or a page from another version)."""


def _text(value):
    """A form value as stripped text; None when blank or the 'prefer not to say' choice."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Unreadable
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise _Unreadable
    return None if text in ("", PREFER_NOT, "skip") else text


def _whole(value):
    """A whole number from text, an int or an integral float; None when it is not one."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


def _check_step(number, step, role_ids, max_year, errors):
    """The payload of one form row (None when blank), adding its problems to ``errors``."""
    if not isinstance(step, dict):
        raise _Unreadable
    role, sector, stage, year = (_text(step.get(key)) for key in ("role", "sector", "stage", "start_year"))
    if role is None:
        if year is not None:
            errors.append(f"Step {number}: please choose a role for the year you gave, or clear the year.")
        return None
    entry = {"role": role}
    if role == OTHER_ROLE:
        if sector not in SECTORS:
            errors.append(f"Step {number}: please choose the sector of your other role.")
        if stage not in STAGES:
            errors.append(f"Step {number}: please choose the career stage of your other role.")
        entry.update(sector=sector, stage=stage)
    elif role not in role_ids:
        errors.append(f"Step {number}: please choose a role from the list.")
    if year is not None:
        given = step.get("start_year")
        start = _whole(given if isinstance(given, int | float) else year)
        if start is None:
            errors.append(f"Step {number}: the start year must be a year such as 2015.")
        elif not MIN_YEAR <= start <= max_year:
            errors.append(f"Step {number}: the start year must be from {MIN_YEAR} to {max_year}.")
        else:
            entry["start"] = start
    return entry


def _check_steps(rows, role_ids, max_year, errors):
    if not isinstance(rows, list | tuple) or len(rows) > 2 * MAX_STEPS:
        raise _Unreadable
    steps, numbers = [], []
    for number, row in enumerate(rows, start=1):
        entry = _check_step(number, row, role_ids, max_year, errors)
        if entry is not None:
            steps.append(entry)
            numbers.append(number)
    if len(steps) > MAX_STEPS:
        errors.append(f"Please give at most {MAX_STEPS} career steps.")
    last = None
    for number, entry in zip(numbers, steps):
        if "start" not in entry:
            continue
        if last is not None and entry["start"] < last[1]:
            errors.append(
                f"Step {number} starts before step {last[0]}: "
                "please put your steps in the order you held them."
            )
        last = (number, entry["start"])
    return steps


def _check_answers(given, items, errors):
    if not isinstance(given, dict) or len(given) > len(items):
        raise _Unreadable
    answers = {}
    for barrier_id, value in given.items():
        if barrier_id not in items.index:
            raise _Unreadable
        text = _text(value)
        if text is None:
            continue
        response = _whole(text)
        if response is None or response not in SCALE_VALUES.get(items.at[barrier_id, "scale"], ()):
            statement = items.at[barrier_id, "statement"] if "statement" in items else barrier_id
            errors.append(f'Please choose one of the answers offered for "{statement}".')
            continue
        answers[barrier_id] = response
    return answers


def _check_attributes(given, attributes, errors):
    if not isinstance(given, dict) or len(given) > len(attributes):
        raise _Unreadable
    chosen = {}
    for name, value in given.items():
        if name not in attributes:
            raise _Unreadable
        text = _text(value)
        if text is None:
            continue
        if text not in {str(v) for v in attributes[name]}:
            errors.append(f"Please choose one of the answers offered for {str(name).replace('_', ' ')}.")
            continue
        chosen[name] = text
    return chosen


def validate_contribution(form, roles, items, attributes, max_year=None):
    """Check a contribution form and return its payload, or the problems in plain words.

    Parameters
    ----------
    form : dict
        ``steps`` (a list of up to 8 rows, each a dict of ``role``, and for
        ``role="other"`` a ``sector`` and ``stage``, and an optional
        ``start_year``; blank rows are skipped), ``answers``
        (``{barrier_id: response}``, blank or ``"skip"`` for no answer),
        ``attributes`` (``{column: value}``, blank or ``"prefer-not-to-say"``
        for no answer), ``consent`` (must be True) and ``honeypot`` (a field
        people never see: it must be empty).
    roles : DataFrame indexed by role_id
        The roles a step may name (a dataset's ``roles``).
    items : DataFrame indexed by barrier_id
        The statements, with ``scale`` (and ``statement``, for messages).
    attributes : dict
        ``{column: allowed values}`` of the people attributes asked about.
    max_year : int, optional
        The latest start year accepted; next year by default (as ``data-spec.md``).

    Returns
    -------
    (dict or None, list of str)
        The payload and no errors, or None and every problem found. A filled
        honeypot, or a value no form of ours sends (an unknown statement, text
        longer than 80 characters), gives one neutral message and nothing else.

    Examples
    --------
    >>> roles = pd.DataFrame({"sector": ["education", "academia"], "stage": ["student", "early"]},
    ...                      index=pd.Index(["phd", "postdoc"], name="role_id"))
    >>> items = pd.DataFrame({"statement": ["I am on a fixed-term contract"], "scale": ["binary"]},
    ...                      index=pd.Index(["fixed_term"], name="barrier_id"))
    >>> form = {"steps": [{"role": "phd", "start_year": "2012"}, {"role": "other", "sector": "nhs",
    ...         "stage": "mid"}, {"role": ""}], "answers": {"fixed_term": "1"},
    ...         "attributes": {"gender": "prefer-not-to-say"}, "consent": True, "honeypot": ""}
    >>> genders = {"gender": ["man", "woman"]}
    >>> payload, errors = validate_contribution(form, roles, items, genders)
    >>> payload["steps"], payload["answers"], payload["attributes"]
    ([{'role': 'phd', 'start': 2012}, {'role': 'other', 'sector': 'nhs', 'stage': 'mid'}],
     {'fixed_term': 1}, {})
    >>> for error in validate_contribution({**form, "answers": {"fixed_term": "3"}, "consent": False},
    ...                                    roles, items, genders)[1]:
    ...     print(error)
    Please choose one of the answers offered for "I am on a fixed-term contract".
    Please tick the box to agree to how your answers are used. Without it nothing is saved.
    >>> validate_contribution({**form, "honeypot": "http://spam.example"}, roles, items, genders)
    (None, ['Your answers could not be accepted. Please reload the page and try again.'])
    """
    max_year = date.today().year + 1 if max_year is None else max_year
    if not isinstance(form, dict):
        return None, [UNREADABLE]
    try:
        if _text(form.get("honeypot")) is not None:
            return None, [REFUSED]
        errors = []
        steps = _check_steps(form.get("steps") or [], set(roles.index), max_year, errors)
        answers = _check_answers(form.get("answers") or {}, items, errors)
        chosen = _check_attributes(form.get("attributes") or {}, attributes, errors)
    except _Unreadable:
        return None, [UNREADABLE]
    if form.get("consent") is not True:
        errors.append(CONSENT_NEEDED)
    if not errors and not steps and not answers:
        errors.append(NOTHING_GIVEN)
    if errors:
        return None, errors
    return {"v": PAYLOAD_VERSION, "steps": steps, "answers": answers, "attributes": chosen}, []


def other_role_id(sector, stage):
    """The role id of 'other role' in a sector at a stage: ``other-nhs-mid``."""
    return f"{OTHER_ROLE}-{sector}-{stage}"


def _other_roles(sectors, stages):
    """Roles for the 'other' choices used: one per sector and stage, titled in words."""
    pairs = pd.DataFrame({"sector": sectors, "stage": stages}).drop_duplicates()
    titles = [
        f"Other role ({SECTOR_LABELS[s]}, {STAGE_LABELS[t].lower()})"
        for s, t in zip(pairs["sector"], pairs["stage"])
    ]
    ids = [other_role_id(s, t) for s, t in zip(pairs["sector"], pairs["stage"])]
    return pd.DataFrame(
        {"title": titles, "sector": pairs["sector"].to_numpy(), "stage": pairs["stage"].to_numpy()},
        index=pd.Index(ids, name="role_id", dtype="str"),
    )


def _steps_frame(documents, person_ids, roles, max_year):
    """``person_id, role_id, start_year`` of the known steps, in order, with the roles table they need."""
    rows = [
        (person, step.get("role"), step.get("sector"), step.get("stage"), step.get("start"))
        for person, document in zip(person_ids, documents)
        for step in (document.get("steps") or [])
        if isinstance(step, dict)
    ]
    steps = pd.DataFrame(rows, columns=["person_id", "role", "sector", "stage", "start"], dtype=object)
    for column in ("role", "sector", "stage"):
        steps[column] = steps[column].where(steps[column].map(type).eq(str))
    other = steps["role"].eq(OTHER_ROLE) & steps["sector"].isin(SECTORS) & steps["stage"].isin(STAGES)
    extra = _other_roles(steps.loc[other, "sector"], steps.loc[other, "stage"])
    roles = pd.concat([roles, extra[~extra.index.isin(roles.index)]])
    role_id = steps["role"].where(~other, OTHER_ROLE + "-" + steps["sector"] + "-" + steps["stage"])
    start = pd.to_numeric(steps["start"], errors="coerce")
    start = start.where(start.between(MIN_YEAR, max_year) & (start % 1 == 0)).astype("Int64")
    steps = pd.DataFrame({"person_id": steps["person_id"], "role_id": role_id, "start_year": start})
    return steps[steps["role_id"].isin(roles.index)].reset_index(drop=True), roles


def _careers(steps):
    person = steps["person_id"]
    seq = steps.groupby(person, sort=False).cumcount() + 1
    following = steps.groupby(person, sort=False)["start_year"].shift(-1)
    # A step ends when the next one starts, where both years are known and in order.
    end = following.where(following >= steps["start_year"]).astype("Int64")
    return pd.DataFrame(
        {
            "person_id": person.astype("str"),
            "seq": seq.astype("int64"),
            "role_id": steps["role_id"].astype("str"),
            "start_year": steps["start_year"].astype("Int64"),
            "end_year": end,
        }
    )


def _answers(documents, person_ids, items):
    rows = [
        (person, barrier_id, response)
        for person, document in zip(person_ids, documents)
        for barrier_id, response in (document.get("answers") or {}).items()
    ]
    frame = pd.DataFrame(rows, columns=["person_id", "barrier_id", "response"], dtype=object)
    response = pd.to_numeric(frame["response"], errors="coerce")
    scale = frame["barrier_id"].where(frame["barrier_id"].map(type).eq(str)).map(items["scale"])
    valid = pd.Series(False, index=frame.index)
    for kind, values in SCALE_VALUES.items():
        valid |= scale.eq(kind) & response.isin(values)
    kept = frame[valid]
    return pd.DataFrame(
        {
            "person_id": kept["person_id"].astype("str"),
            "barrier_id": kept["barrier_id"].astype("str"),
            "response": response[valid].astype("int64"),
        }
    ).reset_index(drop=True)


def _people(documents, person_ids, careers, roles, base):
    index = pd.Index(person_ids, name="person_id", dtype="str")
    given = pd.DataFrame([d.get("attributes") or {} for d in documents], index=index, dtype=object)
    people = pd.DataFrame(index=index)
    for column in base.attributes:
        values = given[column] if column in given else pd.Series(np.nan, index=index, dtype=object)
        known = base.people[column].dropna().astype(str).unique()
        people[column] = values.where(values.isin(known)).astype("str")
    last = careers.drop_duplicates("person_id", keep="last").set_index("person_id")["role_id"]
    for column in ("sector", "stage"):
        people[column] = last.map(roles[column]).reindex(index).astype("str")
    return people


def contributions_dataset(payloads, base, info=None, prefix="room", max_year=None):
    """The people, careers and barrier answers of released payloads, as a dataset.

    Parameters
    ----------
    payloads : list of dict
        As :func:`validate_contribution` returns them (in any order: the
        order carries no meaning and people are numbered in it).
    base : Dataset
        Gives the roles, barrier statements, attribute columns and disclosure
        rules. Steps, answers and attribute values it does not know are left
        out, so no text a payload could hold is ever shown.
    info : DatasetInfo, optional
        Default: "Workshop contributions", kind ``contributions``, with the
        base's attribute labels and disclosure rules.
    prefix : str
        People are ``{prefix}-001``, ``{prefix}-002`` ...
    max_year : int, optional
        Later start years are left out (default: next year).

    Returns
    -------
    Dataset
        The base's roles plus an ``other-SECTOR-STAGE`` role for each 'other'
        choice used, its statements, and one person per payload (with a
        step's ``end_year`` the next step's start where both are known).

    Examples
    --------
    >>> from pathways.synthetic import generate_dataset
    >>> base = generate_dataset(people=30, seed=1)
    >>> payloads = [{"steps": [{"role": "phd_student", "start": 2010}, {"role": "postdoc", "start": 2014}],
    ...              "answers": {"fixed_term": 1}},
    ...             {"steps": [{"role": "other", "sector": "nhs", "stage": "mid"}],
    ...              "attributes": {"gender": "woman"}}]
    >>> data = contributions_dataset(payloads, base)
    >>> data.careers.values.tolist()
    [['room-001', 1, 'phd_student', 2010, 2014], ['room-001', 2, 'postdoc', 2014, <NA>],
     ['room-002', 1, 'other-nhs-mid', <NA>, <NA>]]
    >>> data.roles.at["other-nhs-mid", "title"], data.people.at["room-002", "gender"], data.info.kind
    ('Other role (NHS, mid career)', 'woman', 'contributions')
    >>> data.barrier_responses.values.tolist()
    [['room-001', 'fixed_term', 1]]
    """
    max_year = date.today().year + 1 if max_year is None else max_year
    documents = [payload if isinstance(payload, dict) else {} for payload in payloads]
    width = max(3, len(str(len(documents))))
    person_ids = [f"{prefix}-{number:0{width}d}" for number in range(1, len(documents) + 1)]
    steps, roles = _steps_frame(documents, person_ids, base.roles, max_year)
    careers = _careers(steps)
    if info is None:
        info = DatasetInfo(
            name="Workshop contributions",
            kind="contributions",
            attributes=dict(base.attributes),
            disclosure=base.info.disclosure,
        )
    return Dataset(
        info,
        roles,
        careers,
        _people(documents, person_ids, careers, roles, base),
        base.barrier_items,
        _answers(documents, person_ids, base.barrier_items),
    )


def merge_datasets(base, extra, info=None):
    """One dataset holding the people of both: ``base`` first, then ``extra``.

    Roles and statements are the base's plus those only ``extra`` has; the
    advice is the base's. The disclosure rules are the base's unless ``info``
    says otherwise.

    Parameters
    ----------
    base, extra : Dataset
    info : DatasetInfo, optional
        Default: the base's, named "<base> with <extra>".

    Returns
    -------
    Dataset

    Raises
    ------
    ValueError
        When a person id is in both.

    Examples
    --------
    >>> from pathways.synthetic import generate_dataset
    >>> base = generate_dataset(people=20, seed=4)
    >>> room = contributions_dataset([{"steps": [{"role": "phd_student"}, {"role": "postdoc"}]}], base)
    >>> merged = merge_datasets(base, room)
    >>> len(merged.people) == len(base.people) + 1, len(merged.careers) == len(base.careers) + 2
    (True, True)
    >>> merged.info.kind, merged.info.name.endswith("with Workshop contributions")
    ('synthetic', True)
    """
    overlap = base.people.index.intersection(extra.people.index).union(
        pd.Index(base.careers["person_id"]).intersection(pd.Index(extra.careers["person_id"]))
    )
    if len(overlap):
        raise ValueError(f"{len(overlap)} person ids are in both datasets, for example {overlap[0]!r}")

    def union(first, second):
        return pd.concat([first, second[~second.index.isin(first.index)]])

    info = info or replace(base.info, name=f"{base.info.name} with {extra.info.name}")
    return Dataset(
        info,
        union(base.roles, extra.roles),
        pd.concat([base.careers, extra.careers], ignore_index=True),
        pd.concat([base.people, extra.people]),
        union(base.barrier_items, extra.barrier_items),
        pd.concat([base.barrier_responses, extra.barrier_responses], ignore_index=True),
        base.advice,
    )
