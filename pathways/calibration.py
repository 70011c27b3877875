"""Published figures the illustrative dataset is calibrated to, and how close it lands.

Each target says what the published figure is, where it comes from and the
exact definition used to measure it in a dataset of this project's format.
:func:`calibration_report` measures every figure from a dataset's stays,
transitions, people and barrier responses, never from the simulator, so the
table in the data README can be regenerated and stays true.

The sources describe different populations (all UK science PhD graduates,
alumni of one elite European institute, UK research software engineers), so
each figure is measured on the subpopulation closest to the source's.
"""

from typing import NamedTuple

import pandas as pd

PI_ROLES = ("research_fellow", "lecturer", "senior_lecturer", "professor")
PERMANENT_ACADEMIC_ROLES = ("lecturer", "senior_lecturer", "professor")
RSE_ROLES = ("rse", "senior_rse", "head_rse")
INDUSTRY_RESEARCH_ROLES = (
    "pharma_bioinformatician",
    "pharma_senior_scientist",
    "pharma_associate_director",
    "pharma_director",
    "healthtech_ml_engineer",
)
# Research careers outside universities: industrial R&D, clinical science,
# government data science and research-based companies.
RESEARCH_OUTSIDE_UNIVERSITIES = INDUSTRY_RESEARCH_ROLES + (
    "nhs_stp_trainee",
    "hsst_trainee",
    "clinical_bioinformatician",
    "principal_clinical_scientist",
    "consultant_clinical_scientist",
    "public_data_scientist",
    "public_senior_data_scientist",
    "public_head_data_science",
    "spinout_founder",
    "startup_founder",
    "startup_cto",
)
POSTDOC_ALUMNI_YEARS = 4
"""A postdoc counts as an alumnus when the postdoc started at least this many years before the data end."""

ROYAL_SOCIETY = "Royal Society (2010), The Scientific Century, fig. 1.6"
EMBL = "Lu et al. (2023), eLife 12:e78706"
SSI_2018 = "Software Sustainability Institute, UK RSE survey 2018"
SSI_2023 = "Software Sustainability Institute, RSE group leaders survey 2023"
WELLCOME = "Wellcome (2020), What researchers think about the culture they work in"

_PHD = "PhD graduates (people who moved on from a phd_student stay)"


class Target(NamedTuple):
    """A published figure: its name, value in percent, definition here and source."""

    key: str
    figure: str
    target: float
    definition: str
    source: str


# fmt: off
TARGETS = (
    Target("phd_left_research", "science PhD graduates leaving science after the PhD", 53.0,
           f"{_PHD} whose next role is neither in academia nor a research role elsewhere "
           "(data science, software, consulting, analyst, policy, charity roles, work outside science)",
           ROYAL_SOCIETY),
    Target("phd_research_outside", "PhD graduates doing research outside universities", 17.0,
           f"{_PHD} whose next role is research in pharma, biotech or health tech, NHS clinical "
           "science (STP, HSST, clinical scientists), government data science, a start-up or a spin-out",
           ROYAL_SOCIETY),
    Target("phd_permanent_academic", "PhD graduates reaching a permanent academic research post", 3.5,
           f"{_PHD} who later held lecturer, senior_lecturer or professor", ROYAL_SOCIETY),
    Target("phd_chair", "PhD graduates reaching a chair", 0.45,
           f"{_PHD} who later held professor", ROYAL_SOCIETY),
    Target("postdoc_pi", "EMBL PhD and postdoc alumni who became PIs", 27.8,
           "postdoc alumni, the nearest group here to EMBL's: people whose first postdoc started at "
           f"least {POSTDOC_ALUMNI_YEARS} years before the last year of the data; share currently "
           "research_fellow, lecturer, senior_lecturer or professor", EMBL),
    Target("postdoc_industry_research", "EMBL alumni in industry research", 14.5,
           "the same postdoc alumni, currently in pharma, biotech or health-tech research roles", EMBL),
    Target("postdoc_still_postdoc", "EMBL alumni still postdocs", 10.7,
           "the same postdoc alumni, currently postdoc", EMBL),
    Target("pi_from_postdoc", "of alumni who became PIs, those who came straight from a postdoc", 75.3,
           "people who moved into a PI role (research_fellow or above), whose role just before their "
           "first PI role was postdoc", EMBL),
    Target("rse_fixed_term", "UK research software engineers on fixed-term contracts (2018)", 44.3,
           "people currently in rse, senior_rse or head_rse whose contract is fixed-term", SSI_2018),
    Target("rse_previous_university", "UK RSEs whose previous job was at a university", 65.0,
           "people who moved into an RSE role (rse, senior_rse, head_rse) from another role, whose "
           "role just before was in academia or education", SSI_2018),
    Target("rse_previous_private", "UK RSEs whose previous job was in a private company", 20.1,
           "the same people, whose role just before was in industry or entrepreneurship",
           SSI_2018),
    Target("rse_recognised_institution", "UK RSEs who agree their contribution is recognised by their "
           "institution", 39.2, "current RSEs answering recog_institution with 4 or 5", SSI_2018),
    Target("rse_recognised_manager", "UK RSEs who agree their contribution is recognised by their line "
           "manager", 82.0, "current RSEs answering recog_line_manager with 4 or 5", SSI_2018),
    Target("rse_promotion_clear", "UK RSEs who find the promotion process clear (agree)", 24.6,
           "current RSEs answering promotion_clear with 4 or 5", SSI_2018),
    Target("rse_promotion_unclear", "UK RSEs who find the promotion process clear (disagree)", 52.8,
           "current RSEs answering promotion_clear with 1 or 2", SSI_2018),
    Target("rse_coauthor", "UK RSEs named as co-author when their software contributes to a paper", 51.2,
           "current RSEs answering credit_coauthor with 1 (yes)", SSI_2018),
    Target("rse_not_mentioned", "UK RSEs not mentioned when their software contributes to a paper", 19.1,
           "current RSEs answering credit_not_mentioned with 1 (yes)", SSI_2018),
    Target("rse_leavers_industry", "leavers from UK RSE groups, with a known destination, who went to "
           "industry", 50.0, "moves from an RSE role to a non-RSE role whose new role is in industry",
           SSI_2023),
    Target("researchers_secure", "researchers who feel secure pursuing a research career", 29.0,
           "people currently in academia answering feel_secure with 4 or 5", WELLCOME),
)
# fmt: on
TARGETS_BY_KEY = {target.key: target for target in TARGETS}


def _percent(mask):
    return float(mask.mean() * 100) if len(mask) else float("nan")


def _measures(dataset):
    stays = dataset.stays
    transitions = dataset.transitions
    sector = dataset.roles["sector"]
    current = stays.drop_duplicates("person_id", keep="last").set_index("person_id")["role_id"]
    years = pd.concat([dataset.careers["start_year"], dataset.careers["end_year"]]).dropna()
    last_year = int(years.max()) if len(years) else 0

    phd_exit = transitions[transitions["source"] == "phd_student"].drop_duplicates("person_id")
    after = stays.merge(phd_exit[["person_id", "step"]], on="person_id", suffixes=("", "_phd"))
    after = after[after["step"] > after["step_phd"]]
    graduates = pd.Index(phd_exit["person_id"])
    permanent = graduates.isin(after.loc[after["role_id"].isin(PERMANENT_ACADEMIC_ROLES), "person_id"])
    chair = graduates.isin(after.loc[after["role_id"] == "professor", "person_id"])
    first_sector = phd_exit["target"].map(sector)
    outside = phd_exit["target"].isin(RESEARCH_OUTSIDE_UNIVERSITIES)

    postdocs = stays[(stays["role_id"] == "postdoc")].drop_duplicates("person_id")
    alumni = postdocs.loc[postdocs["start_year"] <= last_year - POSTDOC_ALUMNI_YEARS, "person_id"]
    outcome = current.reindex(alumni).to_numpy()

    into_pi = transitions[transitions["target"].isin(PI_ROLES)].drop_duplicates("person_id")

    rses = current.index[current.isin(RSE_ROLES)]
    contract = dataset.people["contract"] if "contract" in dataset.people else pd.Series(dtype=object)
    into_rse = transitions[transitions["target"].isin(RSE_ROLES) & ~transitions["source"].isin(RSE_ROLES)]
    into_rse = into_rse.drop_duplicates("person_id")
    previous = into_rse["source"].map(sector)
    leavers = transitions[transitions["source"].isin(RSE_ROLES) & ~transitions["target"].isin(RSE_ROLES)]

    responses = dataset.barrier_responses
    rse_answers = responses[responses["person_id"].isin(rses)]
    academics = current.index[current.map(sector) == "academia"]

    def answers(frame, item):
        return frame.loc[frame["barrier_id"] == item, "response"].astype(int)

    return {
        "phd_left_research": _percent(~first_sector.eq("academia") & ~outside),
        "phd_research_outside": _percent(outside & ~first_sector.eq("academia")),
        "phd_permanent_academic": _percent(permanent),
        "phd_chair": _percent(chair),
        "postdoc_pi": _percent(pd.Series(outcome).isin(PI_ROLES)),
        "postdoc_industry_research": _percent(pd.Series(outcome).isin(INDUSTRY_RESEARCH_ROLES)),
        "postdoc_still_postdoc": _percent(pd.Series(outcome) == "postdoc"),
        "pi_from_postdoc": _percent(into_pi["source"] == "postdoc"),
        "rse_fixed_term": _percent(contract.reindex(rses) == "fixed-term"),
        "rse_previous_university": _percent(previous.isin(["academia", "education"])),
        "rse_previous_private": _percent(previous.isin(["industry", "entrepreneurship"])),
        "rse_recognised_institution": _percent(answers(rse_answers, "recog_institution") >= 4),
        "rse_recognised_manager": _percent(answers(rse_answers, "recog_line_manager") >= 4),
        "rse_promotion_clear": _percent(answers(rse_answers, "promotion_clear") >= 4),
        "rse_promotion_unclear": _percent(answers(rse_answers, "promotion_clear") <= 2),
        "rse_coauthor": _percent(answers(rse_answers, "credit_coauthor") == 1),
        "rse_not_mentioned": _percent(answers(rse_answers, "credit_not_mentioned") == 1),
        "rse_leavers_industry": _percent(leavers["target"].map(sector) == "industry"),
        "researchers_secure": _percent(
            answers(responses[responses["person_id"].isin(academics)], "feel_secure") >= 4
        ),
    }


def calibration_report(dataset):
    """Each published figure beside the value measured in ``dataset``.

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    DataFrame
        ``figure, target, achieved, source``, one row per :data:`TARGETS`
        entry, values in percent; ``achieved`` is NaN where the dataset has
        nobody to measure it on.

    Examples
    --------
    >>> from pathways.synthetic import generate_dataset
    >>> report = calibration_report(generate_dataset(people=300, seed=1))
    >>> list(report.columns), len(report) == len(TARGETS)
    (['figure', 'target', 'achieved', 'source'], True)
    """
    achieved = _measures(dataset)
    return pd.DataFrame(
        {
            "figure": [t.figure for t in TARGETS],
            "target": [t.target for t in TARGETS],
            "achieved": [round(achieved[t.key], 2) for t in TARGETS],
            "source": [t.source for t in TARGETS],
        }
    )


def _format(value):
    if value != value:
        return "n/a"
    return f"{value:.2f}%" if value < 1 else f"{value:.1f}%"


def calibration_markdown(dataset):
    """The calibration report as a Markdown table, with each figure's definition in this data.

    Examples
    --------
    >>> from pathways.synthetic import generate_dataset
    >>> text = calibration_markdown(generate_dataset(people=300, seed=1))
    >>> text.splitlines()[0]
    '| figure | target | achieved | definition in this data | source |'
    """
    report = calibration_report(dataset)
    lines = [
        "| figure | target | achieved | definition in this data | source |",
        "| --- | --- | --- | --- | --- |",
    ]
    for target, row in zip(TARGETS, report.itertuples(index=False), strict=True):
        lines.append(
            f"| {row.figure} | {_format(row.target)} | {_format(row.achieved)} "
            f"| {target.definition} | {row.source} |"
        )
    return "\n".join(lines) + "\n"
