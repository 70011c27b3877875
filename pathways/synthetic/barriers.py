"""Answers to the barrier statements of ``resources/barrier_items.csv``.

Each statement has a reference distribution of answers and shifts on the
logit scale (an ordered logit for five-point items) for where a person works,
their career stage, a fixed-term contract and their attributes, in the
directions the published surveys report: fixed-term contracts lower security,
RSEs find promotion criteria blind to software, women, minority-ethnic and
disabled people report fewer equal opportunities. Where a source gives a
figure for a group (RSEs in the SSI 2018 survey, researchers in Wellcome
2020), the group's level is shifted so its expected agreement equals the
figure in :mod:`pathways.calibration`; the individual differences stay.

About 85% of people answer; each answers most statements, skipping a few.
"""

from typing import NamedTuple

import numpy as np

from pathways.calibration import PI_ROLES, RSE_ROLES, TARGETS_BY_KEY
from pathways.synthetic.draws import choose, cumulative_table, shift_to_mean, sigmoid, stratified_uniform

RESPONSE_RATE = 0.85
SKIP_RATE = 0.04


class Item(NamedTuple):
    """How one statement is answered.

    ``reference``: percentages of answers 1..5 (likert5) or no/yes (binary)
    for a person with no shifts; ``effects``: feature -> logit shift;
    ``calibrate``: (group, agreement target key, disagreement target key).
    """

    reference: tuple
    effects: dict
    calibrate: tuple = ()
    staff_only: bool = False


_INSECURE = {"fixed_term": -1.0, "stage:student": -0.2, "stage:early": -0.5, "stage:senior": 0.6,
             "stage:leader": 0.9, "sector:industry": 0.3, "sector:nhs": 0.4}  # fmt: skip
# fmt: off
ITEMS = {
    "recog_institution": Item((8, 20, 27, 35, 10), {
        "sector:industry": 0.4, "sector:academia": -0.2, "stage:senior": 0.4, "stage:leader": 0.7,
        "fixed_term": -0.3}, ("rse", "rse_recognised_institution", None), True),
    "recog_line_manager": Item((4, 8, 18, 45, 25), {
        "stage:leader": 0.3, "fixed_term": -0.2, "disabled": -0.3},
        ("rse", "rse_recognised_manager", None), True),
    "recog_supporting_roles": Item((12, 28, 25, 27, 8), {
        "sector:academia": -0.3, "sector:industry": 0.4, "rse": -0.4, "role:core_bioinformatician": -0.3}),
    "credit_coauthor": Item((), {}),  # drawn with credit_not_mentioned, see CREDIT
    "credit_not_mentioned": Item((), {}),
    "fixed_term": Item((), {}, (), True),  # the person's contract
    "feel_secure": Item((15, 28, 22, 27, 8), _INSECURE, ("academia", "researchers_secure", None)),
    "contract_worry": Item((15, 25, 20, 25, 15), {
        "fixed_term": 1.2, "stage:senior": -0.5, "stage:leader": -0.8, "caring": 0.2}, (), True),
    "promotion_clear": Item((12, 28, 25, 28, 7), {
        "sector:academia": -0.3, "sector:nhs": 0.5, "sector:public": 0.4, "sector:industry": 0.2},
        ("rse", "rse_promotion_clear", "rse_promotion_unclear"), True),
    "promotion_criteria": Item((15, 30, 25, 23, 7), {
        "rse": -0.7, "role:core_bioinformatician": -0.5, "role:staff_scientist": -0.3,
        "sector:industry": 0.5, "sector:nhs": 0.3}, (), True),
    "career_path_visible": Item((10, 25, 25, 30, 10), {
        "fixed_term": -0.6, "sector:industry": 0.4, "sector:nhs": 0.5, "stage:senior": 0.4,
        "stage:leader": 0.6, "rse": -0.3}),
    "move_sector_easy": Item((15, 35, 25, 20, 5), {"sector:industry": 0.2, "sector:nhs": -0.2}),
    "return_to_academia": Item((15, 30, 25, 22, 8), {
        "sector:industry": -0.3, "sector:entrepreneurship": -0.2, "sector:academia": 0.3}),
    "skills_valued_elsewhere": Item((4, 12, 24, 42, 18), {"sector:academia": -0.3, "rse": 0.4}),
    "have_mentor": Item((55, 45), {
        "stage:student": 0.5, "stage:senior": -0.2, "woman": 0.1, "first_generation": -0.3,
        "sector:academia": 0.2}),
    "advice_beyond_academia": Item((20, 32, 22, 20, 6), {
        "stage:student": 0.2, "sector:academia": -0.2, "first_generation": -0.2}),
    "entrepreneurship_training": Item((85, 15), {
        "sector:entrepreneurship": 1.5, "sector:industry": 0.3, "woman": -0.2}),
    "startup_support": Item((12, 25, 33, 24, 6), {
        "sector:industry": 0.3, "sector:entrepreneurship": 1.0, "sector:nhs": -0.4}),
    "workload_manageable": Item((12, 28, 22, 30, 8), {
        "sector:academia": -0.4, "stage:senior": -0.3, "stage:leader": -0.3, "caring": -0.3}),
    "wellbeing_positive": Item((10, 22, 28, 32, 8), {
        "fixed_term": -0.4, "disabled": -0.5, "sector:academia": -0.2}),
    "equal_opportunities": Item((6, 14, 22, 40, 18), {
        "woman": -0.5, "non_binary": -0.8, "minority_ethnic": -0.6, "disabled": -0.7, "caring": -0.3,
        "first_generation": -0.3}),
    "flexible_working": Item((6, 14, 20, 42, 18), {
        "sector:nhs": -0.4, "sector:industry": 0.3, "caring": -0.3, "fixed_term": -0.2}),
    "training_time": Item((12, 30, 25, 27, 6), {
        "stage:student": 0.6, "sector:industry": 0.2, "sector:academia": -0.2}),
    "funding_own_name": Item((80, 20), {
        "pi": 2.5, "role:postdoc": -0.5, "sector:industry": -1.0, "sector:nhs": -0.3, "stage:senior": 1.0,
        "stage:leader": 1.5, "stage:student": -2.0}),
}
# Percentages of (co-author, acknowledged only, not mentioned, not sure) by attribute group.
CREDIT = {
    "student": (55, 25, 10, 10), "academia": (70, 18, 6, 6), "professor": (92, 4, 1, 3),
    "nhs": (40, 30, 20, 10), "industry": (30, 25, 30, 15), "public": (35, 30, 25, 10),
    "other": (30, 25, 30, 15),
    # SSI 2018: 51.2% co-author and 19.1% not mentioned; the remainder split as reported.
    "rse": (TARGETS_BY_KEY["rse_coauthor"].target, 22.7, TARGETS_BY_KEY["rse_not_mentioned"].target, 7.0),
}
# fmt: on


class Respondents(NamedTuple):
    """What the answers depend on, one entry per person."""

    role: np.ndarray  # int, index into role_ids
    role_ids: tuple
    sector: np.ndarray  # object
    stage: np.ndarray  # object
    group: np.ndarray  # int, attribute group (people.GROUPS)
    groups: tuple  # the names of the attribute groups
    attributes: dict  # column -> object array


def _feature(people, name):
    current = np.asarray(people.role_ids, dtype=object)[people.role]
    attributes = people.attributes
    kind, _, value = name.partition(":")
    if kind == "sector":
        return people.sector == value
    if kind == "stage":
        return people.stage == value
    if kind == "role":
        return current == value
    return {
        "rse": lambda: np.isin(current, RSE_ROLES),
        "pi": lambda: np.isin(current, PI_ROLES),
        "fixed_term": lambda: attributes["contract"] == "fixed-term",
        "woman": lambda: attributes["gender"] == "woman",
        "non_binary": lambda: attributes["gender"] == "non-binary or other",
        "minority_ethnic": lambda: np.isin(attributes["ethnicity"], ["Asian", "Black", "Mixed", "Other"]),
        "disabled": lambda: attributes["disability"] == "yes",
        "caring": lambda: attributes["caring"] == "yes",
        "first_generation": lambda: attributes["first_generation"] == "yes",
    }[name]()


def _linear(people, effects, features):
    eta = np.zeros(len(people.role))
    for name, shift in effects.items():
        if name not in features:  # each feature is computed once per dataset, shared by the items
            features[name] = _feature(people, name)
        eta += shift * features[name]
    return eta


def _calibration_group(people, group):
    if group == "rse":
        return np.isin(np.asarray(people.role_ids, dtype=object)[people.role], RSE_ROLES)
    return people.sector == group


def _logit(p):
    return np.log(p) - np.log1p(-p)


def answer_item(rng, people, item, asked, strata, features=None):
    """Answers of the people in ``asked`` (a boolean mask) to one modelled statement.

    ``strata`` groups people whose answers are drawn stratified together;
    ``features`` caches the person features the shifts use.
    Returns an int array over the asked people: 1-5 for likert5, 0/1 for binary.
    """
    reference = np.asarray(item.reference, dtype=float) / sum(item.reference)
    at_least = np.cumsum(reference[::-1])[::-1][1:]  # P(answer >= k) for k = 2.. (or P(yes))
    thresholds = np.tile(_logit(np.clip(at_least, 1e-6, 1 - 1e-6)), (int(asked.sum()), 1))
    eta = _linear(people, item.effects, {} if features is None else features)[asked]
    if item.calibrate:
        group, agree, disagree = item.calibrate
        members = _calibration_group(people, group)[asked]
        agree_column = thresholds.shape[1] - 2 if thresholds.shape[1] > 1 else 0
        base = thresholds[members, agree_column] + eta[members]
        eta[members] += shift_to_mean(base, TARGETS_BY_KEY[agree].target / 100)
        if disagree:
            neutral = thresholds[members, 1] + eta[members]
            gap = shift_to_mean(neutral, 1 - TARGETS_BY_KEY[disagree].target / 100)
            thresholds[members, 1] = np.maximum(thresholds[members, 1] + gap, thresholds[members, 2])
            thresholds[members, 0] = np.maximum(thresholds[members, 0], thresholds[members, 1])
    chances = sigmoid(thresholds + eta[:, None])
    u = stratified_uniform(rng, strata[asked])
    return (u[:, None] < chances).sum(axis=1) + (1 if len(reference) == 5 else 0)


def simulate_responses(rng, people, item_ids):
    """Every answer of every person who responds, person by person in statement order.

    Parameters
    ----------
    rng : numpy.random.Generator
    people : Respondents
    item_ids : sequence of str
        The statements, each a key of :data:`ITEMS`.

    Returns
    -------
    (person, item, response) : tuple of int arrays
        ``item`` indexes ``item_ids``; rows sorted by person, then statement.

    Raises
    ------
    ValueError
        If a statement has no model here.
    """
    unknown = [item for item in item_ids if item not in ITEMS]
    if unknown:
        raise ValueError(f"barrier statements without an answer model: {', '.join(unknown)}")
    n = len(people.role)
    responds = stratified_uniform(rng, people.role) < RESPONSE_RATE
    staff = people.stage != "student"
    # Stratify within role and contract, the strongest shifts, so group totals sit on expectation.
    strata = people.role * 2 + (people.attributes["contract"] == "fixed-term")
    answers = np.full((n, len(item_ids)), -1, dtype=np.int8)
    credit = None
    features = {}
    for column, item_id in enumerate(item_ids):
        item = ITEMS[item_id]
        asked = responds & (rng.random(n) >= SKIP_RATE)
        if item.staff_only:
            asked &= staff
        if item_id == "fixed_term":
            answers[asked, column] = people.attributes["contract"][asked] == "fixed-term"
        elif item_id in ("credit_coauthor", "credit_not_mentioned"):
            if credit is None:  # one draw answers both statements consistently
                credit_asked = asked
                table = cumulative_table([CREDIT[g] for g in people.groups])
                rows = people.group[asked]
                credit = choose(stratified_uniform(rng, people.role[asked]), rows, table)
            answers[credit_asked, column] = credit == (0 if item_id == "credit_coauthor" else 2)
        else:
            answers[asked, column] = answer_item(rng, people, item, asked, strata, features)
    person, item = np.nonzero(answers >= 0)
    return person, item, answers[person, item].astype(np.int64)
