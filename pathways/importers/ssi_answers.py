"""The fixed mapping of SSI RSE survey answers onto the dataset's codes.

Each survey year asked about careers in its own words, so each has a
function here that turns the columns of one year into the same
per-respondent table: current ``sector``, ``previous`` sector (``education``
for "this is my first job"), ``contract``, ``biomedical``, ``start_year`` and
one column per barrier statement, named by its SSI code in lower case.
Answers are compared after stripping a byte-order mark and spaces, without
regard to case; an answer the mapping does not know is an error rather than
a guess, so a new category never slips silently into the wrong sector.
"""

import numpy as np
import pandas as pd

from pathways.schema import MIN_YEAR


class SurveyError(ValueError):
    """A file that is not an SSI RSE survey of a known format, or a selection with no one in it."""


# Organisation types of currentEmp1 / prevEmp1 (all years and countries).
# The German research societies run publicly funded institutes, the nearest
# thing there to a national laboratory, hence public.
ORGANISATION_SECTORS = {
    "university": "academia",
    "university of applied sciences": "academia",
    "national laboratory": "public",
    "government": "public",
    "helmholtz association of german research centres": "public",
    "fraunhofer society": "public",
    "max planck society": "public",
    "leibniz association": "public",
    "private company": "industry",
    "non-profit organization": "other",
    "ngo": "other",
    "other": "other",
}
FIRST_JOB = "this is my first job"

LIKERT = {
    "strongly disagree": 1,
    "disagree": 2,
    "neither agree or disagree": 3,
    "neither agree nor disagree": 3,
    "agree": 4,
    "strongly agree": 5,
}
PAPER2MOD = {
    "not mentioned at all": 0,
    "acknowledged in acknowledgements section": 0,
    "acknowledged in the main text": 0,
    "named as co-author": 1,
    "named as main author": 1,
}
YES_NO = {"yes": 1, "no": 0}

# barrier_id -> (theme, scale, statement); the order of barrier_items.csv.
ITEMS = {
    "recog1": (
        "recognition",
        "likert5",
        "My contribution to research is recognised by my supervisor/line manager",
    ),
    "recog2": (
        "recognition",
        "likert5",
        "My contribution to research is recognised by the researchers I work with",
    ),
    "recog3": ("recognition", "likert5", "My contribution to research is recognised by my institution"),
    "progrse1": (
        "progression",
        "likert5",
        "It is likely that I will gain a promotion within my current group",
    ),
    "progrse2": (
        "progression",
        "likert5",
        "The process I have to complete to gain a promotion is clear and understandable",
    ),
    "progrse3": ("progression", "likert5", "There are many opportunities within my chosen career plan"),
    "progrse5": (
        "progression",
        "likert5",
        "It is likely that my next position will be a research software engineer role",
    ),
    "paper2mod": (
        "recognition",
        "binary",
        "I am named as an author (co- or main) when my software contributes to a paper",
    ),
    "currentemp10": ("contracts", "binary", "I am on a fixed-term contract"),
}

# role_id -> (title, sector, stage, description)
ROLES = {
    "first_job": (
        "Student or trainee, before a first job",
        "education",
        "student",
        "The respondent's current research software post is their first job.",
    ),
    "before_academia": (
        "Previous job at a university",
        "academia",
        "early",
        "Previous job based at a university.",
    ),
    "before_public": (
        "Previous job in government or a national laboratory",
        "public",
        "early",
        "Previous job based in government, a national laboratory or a public research society.",
    ),
    "before_industry": (
        "Previous job in a private company",
        "industry",
        "early",
        "Previous job based in a private company.",
    ),
    "before_other": (
        "Previous job at a non-profit or other organisation",
        "other",
        "early",
        "Previous job based at a non-profit organisation, an NGO or another organisation.",
    ),
    "rse_academia": (
        "Research software engineer at a university",
        "academia",
        "mid",
        "Current research software post at a university.",
    ),
    "rse_public": (
        "Research software engineer in government or a national laboratory",
        "public",
        "mid",
        "Current research software post in government, a national laboratory or a public research society.",
    ),
    "rse_industry": (
        "Research software engineer in a private company",
        "industry",
        "mid",
        "Current research software post in a private company.",
    ),
    "rse_other": (
        "Research software engineer at a non-profit or other organisation",
        "other",
        "mid",
        "Current research software post at a non-profit organisation, an NGO or another organisation.",
    ),
}
# 2016 only asked "Do you work for a university?", so its rse_other is everyone else.
RSE_OTHER_2016 = "Current research software post outside a university (the 2016 survey asked no more)."

# Likert statements by year: barrier_id -> the survey's column code.
LIKERT_CODES = {
    "2016": {"progrse1": "progRSE1", "progrse2": "progRSE2", "progrse3": "progRSE3", "progrse5": "progRSE5"},
    "2017": {},
    "2018": {
        "recog1": "likert4[recog1]",
        "recog2": "likert4[recog2]",
        "recog3": "likert4[recog3]",
        "progrse1": "likert5[progRSE1]",
        "progrse2": "likert5[progRSE2]",
        "progrse3": "likert5[progRSE3]",
        "progrse5": "likert5[progRSE5]",
    },
}
BIOLOGY, MEDICINE = "currentEmp13[SQ009]", "currentEmp13[SQ045]"

# Every column code a year's file must have (country variants count, see ssi.py).
REQUIRED_CODES = {
    "2016": (
        "socio1",
        "currentEmp1",
        "currentEmp10",
        "currentEmp16a",
        "currentEmp16b",
        "paper4",
        "paper5",
        *LIKERT_CODES["2016"].values(),
    ),
    "2017": (
        "socio1",
        "currentEmp1",
        "currentEmp10",
        "prevEmp1",
        BIOLOGY,
        MEDICINE,
        "paper2",
        "paper3",
        "paper4",
    ),
    "2018": (
        "socio1",
        "currentEmp1",
        "currentEmp10",
        "prevEmp1",
        BIOLOGY,
        MEDICINE,
        "paper2mod",
        *LIKERT_CODES["2018"].values(),
    ),
}


def clean_text(values):
    """Strings without surrounding spaces or a leading byte-order mark.

    Examples
    --------
    >>> clean_text(pd.Series([" \\ufeff1 (None at all) ", "Agree", ""])).tolist()
    ['1 (None at all)', 'Agree', '']
    """
    return values.str.strip().str.removeprefix("\ufeff").str.strip()


def _unexpected(code, key, known, expected):
    odd = sorted(set(key[(key != "") & ~known]))
    if odd:
        shown = ", ".join(repr(value) for value in odd[:5])
        known = ", ".join(expected)
        raise SurveyError(f"column {code}: unexpected answer(s) {shown}; expected one of {known}")


def coded(values, mapping, code):
    """Answers mapped through ``mapping`` (keys in lower case) as nullable integers; empty = missing.

    Raises
    ------
    SurveyError
        Naming ``code`` and the answers ``mapping`` does not know.

    Examples
    --------
    >>> coded(pd.Series(["Strongly Agree", "", "neither agree or disagree"]), LIKERT, "recog3").tolist()
    [5, <NA>, 3]
    >>> coded(pd.Series(["Maybe"]), YES_NO, "paper4")
    Traceback (most recent call last):
    ...
    pathways.importers.ssi_answers.SurveyError: column paper4: unexpected answer(s) 'maybe'; expected ...
    """
    key = values.str.casefold()
    mapped = key.map(mapping)
    _unexpected(code, key, mapped.notna(), list(mapping))
    return mapped.astype("Int64")


def sectors(values, code, first_job=False):
    """Sector codes of organisation types; ``education`` for "This is my first job" where allowed.

    Examples
    --------
    >>> sectors(pd.Series(["University - within an HPC group", "Private Company", "NGO", ""]), "x").tolist()
    ['academia', 'industry', 'other', nan]
    """
    key = values.str.casefold()
    mapping = {**ORGANISATION_SECTORS, **({FIRST_JOB: "education"} if first_job else {})}
    sector = key.map(mapping).astype(object)
    sector[key.str.startswith("university").to_numpy()] = "academia"
    _unexpected(code, key, sector.notna(), [*mapping, "University - ..."])
    return sector


def contracts(values):
    """``fixed-term``, ``permanent`` or ``other`` from any year's contract categories.

    Examples
    --------
    >>> answers = pd.Series(["Fixed term -- funded by project funds", "Permanent", "Agency staff", ""])
    >>> contracts(answers).tolist()
    ['fixed-term', 'permanent', 'other', None]
    """
    key = values.str.casefold()
    fixed, permanent = key.str.startswith("fixed").to_numpy(), key.str.startswith("permanent").to_numpy()
    labels = np.select(
        [fixed, permanent, (key != "").to_numpy()],
        ["fixed-term", "permanent", "other"],
        default=None,
    )
    return pd.Series(labels, index=values.index, dtype=object)


def biomedical(biology, medicine):
    """``yes`` when Biological Sciences or Medicine is ticked, ``no`` when neither, missing when not shown."""
    ticked = (coded(biology, YES_NO, BIOLOGY) == 1) | (coded(medicine, YES_NO, MEDICINE) == 1)
    shown = (biology != "") | (medicine != "")
    labels = np.where(ticked.fillna(False).to_numpy(), "yes", np.where(shown.to_numpy(), "no", None))
    return pd.Series(labels, index=biology.index, dtype=object)


def _binary(named, not_named):
    """1 where ``named``, 0 where ``not_named``, missing otherwise."""
    named, not_named = named.fillna(False).to_numpy(bool), not_named.fillna(False).to_numpy(bool)
    values = pd.array(np.where(named, 1, 0), dtype="Int64")
    values[~named & ~not_named] = pd.NA
    return values


def _items(column, year, answers):
    for barrier_id, code in LIKERT_CODES[year].items():
        answers[barrier_id] = coded(column(code), LIKERT, code)
    contract = answers["contract"]
    answers["currentemp10"] = contract.map({"fixed-term": 1, "permanent": 0}).astype("Int64")
    return answers


def answers_2016(column):
    """The 2016 UK survey: university or not, first job or not, start year of the current post."""
    works_at_university = coded(column("currentEmp1"), YES_NO, "currentEmp1")
    first_job = coded(column("currentEmp16b"), YES_NO, "currentEmp16b")
    years = pd.to_numeric(column("currentEmp16a"), errors="coerce")
    valid = years.notna() & (years % 1 == 0) & (years >= MIN_YEAR) & (years <= 2016)
    co_author = coded(column("paper4"), YES_NO, "paper4")
    lead_author = coded(column("paper5"), YES_NO, "paper5")
    answers = pd.DataFrame(
        {
            "sector": works_at_university.map({1: "academia", 0: "other"}).astype(object),
            "previous": first_job.map({1: "education"}).astype(object),
            "contract": contracts(column("currentEmp10")),
            "start_year": years.where(valid).astype("Int64"),
        }
    )
    answers = _items(column, "2016", answers)
    named, not_named = (co_author == 1) | (lead_author == 1), (co_author == 0) & (lead_author == 0)
    answers["paper2mod"] = _binary(named, not_named)
    return answers


def answers_2017(column):
    """The 2017 UK survey: organisation types, previous job (or first job), branching authorship questions."""
    acknowledged = coded(column("paper2"), YES_NO, "paper2")
    main_author = coded(column("paper3"), YES_NO, "paper3")
    co_author = coded(column("paper4"), YES_NO, "paper4")
    answers = pd.DataFrame(
        {
            "sector": sectors(column("currentEmp1"), "currentEmp1"),
            "previous": sectors(column("prevEmp1"), "prevEmp1", first_job=True),
            "contract": contracts(column("currentEmp10")),
            "biomedical": biomedical(column(BIOLOGY), column(MEDICINE)),
            "start_year": pd.array([pd.NA] * len(acknowledged), dtype="Int64"),
        }
    )
    answers = _items(column, "2017", answers)
    # paper3 (main author) is asked of those acknowledged, paper4 (co-author) of those not main author.
    answers["paper2mod"] = _binary(
        (main_author == 1) | (co_author == 1), (acknowledged == 0) | ((main_author == 0) & (co_author == 0))
    )
    return answers


def answers_2018(column):
    """The 2018 international survey, country variants already merged into one column each."""
    answers = pd.DataFrame(
        {
            "sector": sectors(column("currentEmp1"), "currentEmp1"),
            "previous": sectors(column("prevEmp1"), "prevEmp1", first_job=True),
            "contract": contracts(column("currentEmp10")),
            "biomedical": biomedical(column(BIOLOGY), column(MEDICINE)),
            "start_year": pd.array([pd.NA] * len(column("socio1")), dtype="Int64"),
        }
    )
    answers = _items(column, "2018", answers)
    answers["paper2mod"] = coded(column("paper2mod"), PAPER2MOD, "paper2mod")
    return answers


ANSWERS = {"2016": answers_2016, "2017": answers_2017, "2018": answers_2018}
