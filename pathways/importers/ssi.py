"""Import a Software Sustainability Institute RSE survey file as a dataset (``data-spec.md``).

The SSI's surveys of research software engineers (RSEs) are public, one row
per respondent, under CC BY 2.5 Scotland. :func:`import_ssi` reads the 2016,
2017 or 2018 public file, keeps the respondents of one country and maps them
with a fixed mapping (:mod:`pathways.importers.ssi_answers`), so that figures
compare across years and with other tools: each respondent is a person with
at most two episodes, the previous job by sector (or ``first_job``) and then
the current research software role by sector, plus answers to the
recognition, progression, authorship and contract statements under their SSI
codes in lower case. ``docs/importing-ssi.md`` gives the mapping in full and
what each year lacks.
"""

import re
from pathlib import Path

import numpy as np
import pandas as pd

from pathways.dataset import ROLE_COLUMNS, Dataset, DatasetInfo
from pathways.importers.ssi_answers import (
    ANSWERS,
    ITEMS,
    REQUIRED_CODES,
    ROLES,
    RSE_OTHER_2016,
    SurveyError,
    clean_text,
)

__all__ = ["ROLES", "SurveyError", "import_ssi", "survey_format"]

# 2018 headers are "<code>._.<question>", 2016 and 2017 "<code>. <question>".
_HEADER_2018 = re.compile(r"^([A-Za-z][\w\[\]\-]*)\._\.")
_HEADER_2016 = re.compile(r"^([A-Za-z][\w\[\]\-]*)\. ")
# 2018 country-specific variants: currentEmp1quk, currentEmp13qde[SQ009], ...
_VARIANT = r"(?:q(?:uk|de|nl|us|zaf|nzl|can|aus|world))?"

_SOURCES = {
    "2016": "analysis/2016/uk/data/public_data.csv",
    "2017": "analysis/2017/uk/data/public_data.csv",
    "2018": "analysis/2018/data/public_data.csv",
}
_CITATIONS = {
    "2016": (
        "Software Sustainability Institute (2016) UK Research Software Engineer survey 2016, public data, "
        "softwaresaved/international-survey, https://github.com/softwaresaved/international-survey."
    ),
    "2017": (
        "Philippe O., Hammitzsch M., Janosch S., van der Walt A., van Werkhoven B., Hettrick S., et al. "
        "softwaresaved/international-survey: Public release for 2017 results. Zenodo. "
        "doi:10.5281/zenodo.2574123"
    ),
    "2018": (
        "Philippe O., Hammitzsch M., Janosch S., van der Walt A., van Werkhoven B., Hettrick S., et al. "
        "(2019) softwaresaved/international-survey: Public release for 2018 results (2018-v.1.0.2). Zenodo. "
        "doi:10.5281/zenodo.2585783"
    ),
}
_LIMITS = {
    "2016": (
        "The 2016 survey asked only whether the post is at a university (the rest are 'other') and "
        "whether it is the respondent's first job, not where the previous job was; the start year of the "
        "current post is kept. Its recognition questions (affRec) differ from 2018's and are left out; "
        "it asked no discipline of work."
    ),
    "2017": (
        "No dates. The 2017 survey asked no progression statements, and its recognition questions "
        "(affRec) differ from 2018's and are left out."
    ),
    "2018": "No dates.",
}
ATTRIBUTES = {"contract": "Contract type", "biomedical": "Works in biological sciences or medicine"}
_COUNTRY_ALIASES = {
    "uk": "united kingdom",
    "great britain": "united kingdom",
    "united kingdom of great britain and northern ireland": "united kingdom",
    "usa": "united states of america",
    "us": "united states of america",
    "united states": "united states of america",
}


def _codes(headers, pattern):
    """``{code: [column positions]}`` of the headers that follow ``pattern``."""
    codes = {}
    for position, header in enumerate(headers):
        match = pattern.match(header)
        if match:
            codes.setdefault(match.group(1), []).append(position)
    return codes


def _positions(codes, code):
    """Positions of the columns holding ``code``, country variants included (``currentEmp1quk``)."""
    base, bracket, option = code.partition("[")
    variant = re.compile(re.escape(base) + _VARIANT + re.escape(bracket + option) + "$")
    return sorted(position for name, found in codes.items() if variant.match(name) for position in found)


def _layout(headers):
    """``(year, {code: [column positions]})`` of a survey header, or SurveyError."""
    headers = [str(header).strip().removeprefix("\ufeff").strip() for header in headers]
    for pattern, years in ((_HEADER_2018, ("2018",)), (_HEADER_2016, ("2016", "2017"))):
        codes = _codes(headers, pattern)
        if "socio1" not in codes:
            continue
        if years == ("2018",):
            year = "2018"
        elif "currentEmp16b" in codes or "prevEmp1" in codes:
            year = "2016" if "currentEmp16b" in codes else "2017"
        else:
            raise SurveyError(
                "has the column names of an SSI RSE survey of 2016 or 2017 but neither currentEmp16b "
                "(2016) nor prevEmp1 (2017)"
            )
        layout = {code: _positions(codes, code) for code in REQUIRED_CODES[year]}
        missing = [code for code, positions in layout.items() if not positions]
        if missing:
            lacking = ", ".join(missing)
            raise SurveyError(f"looks like the SSI RSE survey of {year} but lacks the column(s) {lacking}")
        return year, layout
    raise SurveyError(
        "not an SSI RSE survey file: expected column names like 'socio1._.In which country do you work?' "
        "(2018) or 'socio1. In which country do you work?' (2016, 2017)"
    )


def survey_format(columns):
    """The year of the SSI RSE survey whose columns these are: ``"2016"``, ``"2017"`` or ``"2018"``.

    Parameters
    ----------
    columns : iterable of str
        The header of a survey file.

    Returns
    -------
    str

    Raises
    ------
    SurveyError
        A ``ValueError`` saying what was expected, when the columns are of no
        known format or lack one the importer needs.

    Examples
    --------
    >>> survey_format(["Unnamed: 0", "socio1. In which country do you work?", "currentEmp1. Do you work "
    ...                "for a university?", "currentEmp10. What type of contract?"])
    Traceback (most recent call last):
    ...
    pathways.importers.ssi_answers.SurveyError: has the column names of an SSI RSE survey of 2016 or 2017 ...
    >>> survey_format(["name", "age"])
    Traceback (most recent call last):
    ...
    pathways.importers.ssi_answers.SurveyError: not an SSI RSE survey file: expected column names like ...
    """
    return _layout(list(columns))[0]


def _read(path):
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise SurveyError(f"{path}: no such file") from error
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise SurveyError(f"{path.name}: cannot be read as a CSV file ({error})") from error
    try:
        year, layout = _layout(frame.columns)
    except SurveyError as error:
        raise SurveyError(f"{path.name}: {error}") from error
    return year, layout, frame


def _merged(frame, positions):
    """One answer per respondent from the columns at ``positions``.

    A 2018 respondent sees only their country's variant of a question, so the
    first answered variant is the answer.
    """
    values = [clean_text(frame.iloc[:, position].fillna("")) for position in positions]
    merged = values[0]
    for other in values[1:]:
        merged = merged.where(merged != "", other)
    return merged


def _country_keys(values):
    return values.str.casefold().str.split().str.join(" ").replace(_COUNTRY_ALIASES)


def _select(countries, country, file_name):
    """Boolean mask of the respondents of ``country`` (None or ``"all"``: everyone) and its label."""
    if country is None or country.strip().casefold() == "all":
        return np.ones(len(countries), dtype=bool), "all countries"
    wanted = _country_keys(pd.Series([country])).iloc[0]
    mask = (_country_keys(countries) == wanted).to_numpy()
    if not mask.any():
        counts = countries[countries != ""].value_counts(sort=False)
        ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
        listed = ", ".join(f"{name} ({count})" for name, count in ranked)
        raise SurveyError(f"{file_name}: no respondents work in {country!r}; the file has: {listed}")
    return mask, "UK" if wanted == "united kingdom" else str(countries[mask].iloc[0])


def _roles(role_ids, year):
    used = [role_id for role_id in ROLES if role_id in set(role_ids)]
    rows = [ROLES[role_id] for role_id in used]
    roles = pd.DataFrame(
        {
            "title": [row[0] for row in rows],
            "sector": [row[1] for row in rows],
            "stage": [row[2] for row in rows],
            "grade": None,
            "salary_min": pd.array([pd.NA] * len(rows), dtype="Int64"),
            "salary_max": pd.array([pd.NA] * len(rows), dtype="Int64"),
            "description": [
                RSE_OTHER_2016 if (year, r) == ("2016", "rse_other") else ROLES[r][3] for r in used
            ],
            "aliases": None,
        },
        index=pd.Index(used, name="role_id"),
    )
    return roles[list(ROLE_COLUMNS)]


def _careers(ids, answers):
    """Previous job (seq 1, where known) then the current research software role, for those with a sector."""
    sector, previous = answers["sector"], answers["previous"]
    current = sector.notna().to_numpy()
    before = current & previous.notna().to_numpy()
    previous_roles = np.where(previous == "education", "first_job", "before_" + previous.fillna(""))
    missing_years = pd.array([pd.NA] * int(before.sum()), dtype="Int64")
    episodes = pd.concat(
        [
            pd.DataFrame(
                {
                    "person_id": ids[before],
                    "seq": 1,
                    "role_id": previous_roles[before],
                    "start_year": missing_years,
                }
            ),
            pd.DataFrame(
                {
                    "person_id": ids[current],
                    "seq": 1 + before[current].astype(np.int64),
                    "role_id": ("rse_" + sector[current]).to_numpy(dtype=object),
                    "start_year": answers["start_year"].array[current],
                }
            ),
        ],
        ignore_index=True,
    )
    episodes["end_year"] = pd.array([pd.NA] * len(episodes), dtype="Int64")
    episodes = episodes.sort_values(["person_id", "seq"], kind="stable", ignore_index=True)
    return episodes.astype({"seq": "int64", "start_year": "Int64"})


def _responses(ids, answers):
    """One row per answered statement, by person and then in the order of ``ITEMS``."""
    item_ids = [item for item in ITEMS if item in answers and answers[item].notna().any()]
    values = answers[item_ids].set_axis(pd.Index(ids, name="person_id"))
    long = values.reset_index().melt(id_vars="person_id", var_name="barrier_id", value_name="response")
    long = long[long["response"].notna()]
    rank = long["barrier_id"].map({barrier_id: rank for rank, barrier_id in enumerate(item_ids)})
    long = long.assign(rank=rank).sort_values(["person_id", "rank"], kind="stable", ignore_index=True)
    items = pd.DataFrame(
        [ITEMS[barrier_id] for barrier_id in item_ids],
        columns=["theme", "scale", "statement"],
        index=pd.Index(item_ids, name="barrier_id"),
    )
    responses = long[["person_id", "barrier_id", "response"]].astype({"response": "int64"})
    return items[["statement", "theme", "scale"]], responses


def _info(year, label, file_name, attributes):
    return DatasetInfo(
        name=f"SSI RSE survey {year} ({label})",
        kind="survey",
        description=(
            f"Respondents to the Software Sustainability Institute's {year} survey of research software "
            f"engineers ({label}): the sector of their previous job and of their current research software "
            "post, their contract, and their answers to statements on recognition, progression, authorship "
            "and fixed-term contracts, mapped by python -m pathways import-ssi (docs/importing-ssi.md). "
            "Each person has at most two episodes. " + _LIMITS[year]
        ),
        source=(
            f"Software Sustainability Institute, RSE survey {year}, public anonymised data: {file_name} "
            f"(softwaresaved/international-survey, {_SOURCES[year]}). Data (c) The University of Edinburgh "
            "on behalf of the Software Sustainability Institute."
        ),
        licence="CC BY 2.5 Scotland",
        citation=_CITATIONS[year],
        collected=f"{year} survey",
        attributes={column: label for column, label in ATTRIBUTES.items() if column in attributes},
    )


def import_ssi(path, country="United Kingdom"):
    """Read an SSI RSE survey file (2016, 2017 or 2018 public format) as a dataset.

    Parameters
    ----------
    path : str or Path
        The survey's public CSV file, e.g. ``2018_public_data.csv``.
    country : str or None
        Keep the respondents who work in this country (``socio1``), compared
        without regard to case; ``"United Kingdom"`` and ``"UK"`` also match
        2018's "United Kingdom of Great Britain and Northern Ireland". None or
        ``"all"`` keeps everyone.

    Returns
    -------
    Dataset
        ``people`` (``sector``, ``contract``, ``biomedical`` where the year
        asked), ``careers``, ``roles`` (those used), ``barrier_items`` and
        ``barrier_responses``; person ids are ``ssi<year>-<row>``, numbered by
        the respondent's row in the file. Write it with
        :func:`pathways.writing.write_dataset`.

    Raises
    ------
    SurveyError
        (a ``ValueError``) when the file is not a survey of a known format,
        holds an answer the mapping does not know, or has no one from ``country``.

    Examples
    --------
    >>> import csv, tempfile
    >>> from pathways.importers.ssi_answers import REQUIRED_CODES
    >>> answers = {"socio1": ["United Kingdom of Great Britain and Northern Ireland", "Germany"],
    ...            "currentEmp1quk": ["University", ""], "currentEmp1qde": ["", "Max Planck Society"],
    ...            "prevEmp1quk": ["Private company", ""], "currentEmp10": ["Fixed term -- funded by project "
    ...            "funds", "Permanent -- funded by Institution core funding"],
    ...            "likert4[recog3]": ["\\ufeffstrongly agree", "Disagree"],
    ...            "paper2mod": ["Named as co-author", ""]}
    >>> header = list(dict.fromkeys([*answers, *REQUIRED_CODES["2018"]]))
    >>> path = Path(tempfile.mkdtemp()) / "2018.csv"
    >>> with path.open("w", newline="") as handle:
    ...     writer = csv.writer(handle)
    ...     _ = writer.writerow([f"{code}._.question" for code in header])
    ...     writer.writerows([answers.get(code, ["", ""])[row] for code in header] for row in (0, 1))
    >>> dataset = import_ssi(path)
    >>> dataset.info.name, dataset.careers["role_id"].tolist()
    ('SSI RSE survey 2018 (UK)', ['before_industry', 'rse_academia'])
    >>> dataset.barrier_responses
          person_id    barrier_id  response
    0  ssi2018-0001        recog3         5
    1  ssi2018-0001     paper2mod         1
    2  ssi2018-0001  currentemp10         1
    >>> import_ssi(path, country="germany").people.to_dict("index")
    {'ssi2018-0002': {'sector': 'public', 'contract': 'permanent', 'biomedical': None}}
    """
    year, layout, frame = _read(path)
    file_name = Path(path).name
    mask, label = _select(_merged(frame, layout["socio1"]), country, file_name)

    def column(code):
        return _merged(frame, layout[code])[mask].reset_index(drop=True)

    try:
        answers = ANSWERS[year](column)
    except SurveyError as error:
        raise SurveyError(f"{file_name}: {error}") from error
    width = max(4, len(str(len(frame))))
    rows = pd.Series(np.flatnonzero(mask) + 1).astype(str).str.zfill(width)
    ids = (f"ssi{year}-" + rows).to_numpy(dtype=object)
    careers = _careers(ids, answers)
    attributes = [c for c in ("contract", "biomedical") if c in answers]
    people = answers[["sector", *attributes]].set_axis(pd.Index(ids, name="person_id")).astype(object)
    people = people.where(people.notna(), None)
    items, responses = _responses(ids, answers)
    return Dataset(
        info=_info(year, label, file_name, attributes),
        roles=_roles(careers["role_id"], year),
        careers=careers,
        people=people,
        barrier_items=items,
        barrier_responses=responses,
    )
