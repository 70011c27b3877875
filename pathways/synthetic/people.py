"""People's attributes: UK proportions for this population, by where people are now.

Attributes are drawn after the careers, from the person's current role group
(and, for caring, from their cohort), so the cross-section matches published
staff statistics where each group has one, e.g. fewer women among professors
and RSEs than among students. They are not causes in the simulation.

Figures used (percentages of each group; "approximate" where no single
published figure was found and the value is a judgement):

- gender, academia: 47.9% of academic staff women; professors 29.7%; postgraduate
  researchers 51.3% (HESA 2021/22, Advance HE equality report 2023)
- gender, RSEs: 14% women (SSI RSE surveys, quoted by Chue Hong 2020)
- gender, NHS 55%, industry 30%, public sector 45%, other 49% women (approximate;
  UK tech workforce about 26% women); non-binary or other 1-2% (approximate)
- ethnicity, general: White 81.7, Asian 9.3, Black 4.0, Mixed 2.9, Other 2.1%
  (ONS Census 2021, England and Wales); academia about 17% minority ethnic
  (HESA academic staff, approximate); RSEs 5% (SSI, Chue Hong 2020)
- disability: 6% of academic staff declare one (HESA 2021/22); students about
  13% (approximate; HESA students 13-17%)
- caring: 8% to 45%, rising with years since the first episode (approximate;
  Census 2021 counts 8.9% unpaid carers, before parents of young children)
- first generation to attend university: 35% (approximate)
- contract: RSEs 44.3% fixed-term (SSI RSE survey 2018); other roles from the
  table :data:`CONTRACT` (approximate: academia early career mostly fixed-term)

"prefer not to say" is 2-5% of each attribute, as in staff surveys (approximate).
"""

import numpy as np

from pathways.calibration import RSE_ROLES, TARGETS_BY_KEY
from pathways.synthetic.draws import choose, cumulative_table, shift_to_mean, sigmoid, stratified_uniform

GROUPS = ("student", "academia", "professor", "rse", "nhs", "industry", "public", "other")
PREFER_NOT = "prefer not to say"

GENDERS = ("woman", "man", "non-binary or other", PREFER_NOT)
GENDER = {
    "student": (50, 47, 1.5, 1.5),
    "academia": (47, 50, 1, 2),
    "professor": (29, 68, 1, 2),
    "rse": (14, 82, 2, 2),
    "nhs": (55, 42, 1, 2),
    "industry": (30, 67, 1, 2),
    "public": (45, 52, 1, 2),
    "other": (49, 48, 1, 2),
}
ETHNICITIES = ("White", "Asian", "Black", "Mixed", "Other", PREFER_NOT)
ETHNICITY = {
    "student": (72, 15, 5, 3.5, 2.5, 2),
    "academia": (78, 11, 2.5, 2.5, 2, 4),
    "professor": (86, 6.5, 1, 1.5, 1, 4),
    "rse": (91, 2.5, 0.5, 1, 1, 4),
    "nhs": (77, 11, 5, 2.5, 1.5, 3),
    "industry": (75, 14, 3, 3, 2, 3),
    "public": (80, 9, 4, 3, 1.5, 2.5),
    "other": (80, 9, 4, 3, 2, 2),
}
YES_NO = ("yes", "no", PREFER_NOT)
DISABILITY = {group: (6, 90, 4) for group in GROUPS} | {"student": (13, 84, 3), "other": (9, 87, 4)}
# Caring by the 5-year band of the first episode (a proxy for age).
CARING_BY_COHORT = {1990: (45, 52, 3), 1995: (45, 52, 3), 2000: (40, 57, 3), 2005: (38, 59, 3),
                    2010: (30, 67, 3), 2015: (18, 79, 3), 2020: (8, 89, 3)}  # fmt: skip
FIRST_GENERATION = ("yes", "no")
FIRST_GENERATION_SHARE = (35, 65)

CONTRACTS = ("permanent", "fixed-term", "other")
# (fixed-term, other) probabilities of the current role; permanent is the rest.
CONTRACT = {
    "bsc_student": (0.0, 1.0), "msc_student": (0.0, 1.0), "phd_student": (0.1, 0.9),
    "nhs_stp_trainee": (0.95, 0.0), "hsst_trainee": (0.8, 0.0),
    "research_assistant": (0.85, 0.02), "postdoc": (0.9, 0.02), "research_fellow": (0.85, 0.02),
    "lecturer": (0.08, 0.0), "senior_lecturer": (0.03, 0.0), "professor": (0.02, 0.0),
    "rse": (0.55, 0.02), "senior_rse": (0.35, 0.02), "head_rse": (0.05, 0.0),
    "core_bioinformatician": (0.5, 0.02), "core_facility_manager": (0.1, 0.0),
    "research_data_manager": (0.4, 0.02), "staff_scientist": (0.35, 0.02),
    "consultant": (0.1, 0.3), "startup_founder": (0.0, 0.9), "startup_cto": (0.05, 0.6),
    "spinout_founder": (0.05, 0.8), "charity_data_scientist": (0.25, 0.03),
    "science_policy_officer": (0.15, 0.02), "outside_science": (0.12, 0.1),
}  # fmt: skip
DEFAULT_CONTRACT = (0.06, 0.03)


def role_groups(roles, sectors, stages):
    """The attribute group of each role (indices into :data:`GROUPS`).

    Examples
    --------
    >>> role_groups(["postdoc", "rse", "professor", "phd_student"],
    ...             ["academia", "academia", "academia", "education"],
    ...             ["early", "early", "leader", "student"]).tolist()
    [1, 3, 2, 0]
    """
    roles, sectors, stages = (np.asarray(a, dtype=object) for a in (roles, sectors, stages))
    conditions = [
        stages == "student",
        roles == "professor",
        np.isin(roles, RSE_ROLES),
        sectors == "academia",
        sectors == "nhs",
        np.isin(sectors, ["industry", "entrepreneurship"]),
        sectors == "public",
    ]
    named = ("student", "professor", "rse", "academia", "nhs", "industry", "public")
    choices = [GROUPS.index(group) for group in named]
    return np.select(conditions, choices, default=GROUPS.index("other")).astype(np.int64)


def _categorical(rng, groups, table, labels):
    cumulative = cumulative_table([table[g] for g in GROUPS] if isinstance(table, dict) else table)
    picks = choose(stratified_uniform(rng, groups), groups, cumulative)
    return np.asarray(labels, dtype=object)[picks]


def contracts(rng, role_ids, role):
    """Contract type of each person's current role, RSEs calibrated to the SSI 2018 figure.

    Parameters
    ----------
    rng : numpy.random.Generator
    role_ids : sequence of str
        The role of each index in ``role``.
    role : array of int
        Each person's current role.

    Examples
    --------
    >>> ids = ("postdoc", "rse", "professor")
    >>> values = contracts(np.random.default_rng(1), ids, np.repeat([0, 1, 2], 1000))
    >>> [round(float((values[i * 1000:(i + 1) * 1000] == "fixed-term").mean()), 2) for i in range(3)]
    [0.9, 0.44, 0.02]
    """
    table = np.array([CONTRACT.get(r, DEFAULT_CONTRACT) for r in role_ids])
    fixed, other = table[role, 0], table[role, 1]
    rse = np.isin(np.asarray(role_ids, dtype=object)[role], RSE_ROLES)
    if rse.any():
        logits = np.log(fixed[rse]) - np.log1p(-fixed[rse])
        target = TARGETS_BY_KEY["rse_fixed_term"].target / 100
        fixed[rse] = sigmoid(logits + shift_to_mean(logits, target))
    u = stratified_uniform(rng, role)
    labels = np.asarray(CONTRACTS, dtype=object)
    return labels[np.where(u < fixed, 1, np.where(u < fixed + other, 2, 0))]


def cohorts(start_years):
    """The 5-year band of each first-episode year, e.g. ``"2005-2009"``.

    Examples
    --------
    >>> cohorts(np.array([1990, 2004, 2024])).tolist()
    ['1990-1994', '2000-2004', '2020-2024']
    """
    bands, index = np.unique(start_years - start_years % 5, return_inverse=True)
    return np.array([f"{band}-{band + 4}" for band in bands.tolist()], dtype=object)[index]


def assign_attributes(rng, groups, first_years, role_ids, role):
    """Every attribute column of ``people.csv``, as object arrays keyed by column.

    Parameters
    ----------
    rng : numpy.random.Generator
    groups : array of int
        Each person's attribute group (:func:`role_groups` of the current role).
    first_years : array of int
        Start year of each person's first episode.
    role_ids : sequence of str
    role : array of int
        Each person's current role, an index into ``role_ids``.

    Returns
    -------
    dict of str to ndarray
        ``gender, ethnicity, disability, caring, first_generation, contract, cohort``.

    Examples
    --------
    >>> columns = assign_attributes(np.random.default_rng(1), np.zeros(100, dtype=int),
    ...                             np.full(100, 2012), ("phd_student",), np.zeros(100, dtype=int))
    >>> list(columns)
    ['gender', 'ethnicity', 'disability', 'caring', 'first_generation', 'contract', 'cohort']
    >>> int((columns["gender"] == "woman").sum()), columns["cohort"][0]
    (50, '2010-2014')
    """
    band = np.clip(first_years - first_years % 5, 1990, 2020)
    bands = sorted(CARING_BY_COHORT)
    caring_rows = np.searchsorted(bands, band)
    everyone = np.zeros(len(groups), dtype=np.int64)
    return {
        "gender": _categorical(rng, groups, GENDER, GENDERS),
        "ethnicity": _categorical(rng, groups, ETHNICITY, ETHNICITIES),
        "disability": _categorical(rng, groups, DISABILITY, YES_NO),
        "caring": _categorical(rng, caring_rows, [CARING_BY_COHORT[b] for b in bands], YES_NO),
        "first_generation": _categorical(rng, everyone, [FIRST_GENERATION_SHARE], FIRST_GENERATION),
        "contract": contracts(rng, role_ids, role),
        "cohort": cohorts(first_years),
    }
