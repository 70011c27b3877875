"""The hand-set career model: how long people hold each role and where they go next.

Each role has a duration (a gamma distribution of years, rounded, at least
one) and weights for the next role. A weight on the role itself means, for a
*renewable* role (fixed-term posts such as postdoc or RSE), a new contract in
the same role, written as a separate episode; for any other role it means the
person stays on and the episode continues. Weights are relative within a row.

The weights were set by hand from the published figures listed in
:mod:`pathways.calibration` and adjusted until the generated data lands on
them; the comments say which figure each group of weights mainly serves.
Roles that did not exist yet (RSE before the term was coined in 2012, the NHS
Scientist Training Programme before 2011) fall back to the role people held
instead in those years.
"""

from typing import NamedTuple


class Role(NamedTuple):
    """One row of the career model."""

    years: float
    shape: float
    renewable: bool
    moves: dict


START_YEAR, END_YEAR = 1990, 2024

# fmt: off
ROLES = {
    # Education. PhD destinations serve the Royal Society 2010 split:
    # 30% stay in university research, 17% research elsewhere, 53% leave research.
    "bsc_student": Role(3.2, 20, False, {
        "msc_student": 34, "phd_student": 20, "industry_data_scientist": 8, "industry_software_engineer": 6,
        "nhs_data_analyst": 7, "public_analyst": 5, "research_assistant": 7, "nhs_stp_trainee": 5,
        "pharma_bioinformatician": 2, "outside_science": 6}),
    "msc_student": Role(1.2, 10, False, {
        "phd_student": 30, "industry_data_scientist": 14, "nhs_data_analyst": 10, "nhs_stp_trainee": 8,
        "research_assistant": 9, "pharma_bioinformatician": 6, "public_analyst": 5,
        "core_bioinformatician": 4,
        "rse": 5, "industry_software_engineer": 4, "healthtech_ml_engineer": 2, "consultant": 2,
        "outside_science": 2}),
    "phd_student": Role(3.8, 15, False, {
        # university research (30)
        "postdoc": 13, "research_assistant": 5, "rse": 7, "core_bioinformatician": 3.5,
        "research_fellow": 1.5, "staff_scientist": 0.5,
        # research outside universities (17)
        "pharma_bioinformatician": 9.5, "healthtech_ml_engineer": 2, "nhs_stp_trainee": 2,
        "clinical_bioinformatician": 1, "public_data_scientist": 4, "pharma_senior_scientist": 1.2,
        "spinout_founder": 0.5, "startup_cto": 0.3,
        # outside research (53)
        "industry_data_scientist": 17.5, "industry_software_engineer": 6, "consultant": 6,
        "nhs_data_analyst": 4,
        "public_analyst": 3, "public_statistician": 2, "science_policy_officer": 3,
        "charity_data_scientist": 2, "outside_science": 6}),
    # NHS: MSc or BSc -> STP trainee -> clinical bioinformatician -> principal -> consultant; HSST.
    "nhs_stp_trainee": Role(3.0, 60, False, {
        "clinical_bioinformatician": 85, "nhs_data_scientist": 5, "pharma_bioinformatician": 4,
        "industry_data_scientist": 4, "outside_science": 2}),
    "hsst_trainee": Role(5.0, 30, False, {
        "consultant_clinical_scientist": 60, "principal_clinical_scientist": 35, "senior_lecturer": 3,
        "pharma_associate_director": 2}),
    "nhs_data_analyst": Role(2.5, 4, False, {
        "nhs_data_analyst": 25, "nhs_senior_analyst": 35, "nhs_data_scientist": 10,
        "industry_data_scientist": 10, "public_analyst": 5, "nhs_stp_trainee": 4, "msc_student": 4,
        "research_assistant": 2, "rse": 5, "outside_science": 5}),
    "nhs_senior_analyst": Role(4.0, 3, False, {
        "nhs_senior_analyst": 40, "nhs_principal_analyst": 20, "nhs_data_scientist": 12,
        "industry_data_scientist": 8, "public_statistician": 4, "charity_data_scientist": 3,
        "outside_science": 5}),
    "nhs_data_scientist": Role(4.0, 3, False, {
        "nhs_data_scientist": 35, "nhs_principal_analyst": 15, "industry_senior_data_scientist": 12,
        "healthtech_ml_engineer": 10, "public_data_scientist": 5, "clinical_bioinformatician": 2,
        "startup_founder": 2, "postdoc": 2, "rse": 4, "outside_science": 4}),
    "nhs_principal_analyst": Role(6.0, 3, False, {
        "nhs_principal_analyst": 50, "nhs_head_analytics": 25, "industry_principal_data_scientist": 8,
        "public_senior_data_scientist": 6, "consultant": 5, "outside_science": 4}),
    "nhs_head_analytics": Role(8.0, 3, False, {
        "nhs_head_analytics": 70, "industry_head_data_science": 8, "public_head_data_science": 8,
        "startup_founder": 4, "consultant": 5, "outside_science": 5}),
    "clinical_bioinformatician": Role(5.0, 3, False, {
        "clinical_bioinformatician": 50, "principal_clinical_scientist": 20, "hsst_trainee": 10,
        "pharma_senior_scientist": 5, "healthtech_ml_engineer": 5, "nhs_data_scientist": 3,
        "industry_senior_data_scientist": 4, "postdoc": 2, "startup_founder": 1, "outside_science": 2}),
    "principal_clinical_scientist": Role(7.0, 3, False, {
        "principal_clinical_scientist": 55, "consultant_clinical_scientist": 25,
        "pharma_associate_director": 5, "healthtech_ml_engineer": 3, "industry_head_data_science": 2,
        "senior_lecturer": 2, "startup_founder": 2, "outside_science": 3}),
    "consultant_clinical_scientist": Role(12.0, 3, False, {
        "consultant_clinical_scientist": 85, "startup_founder": 3, "professor": 3, "nhs_head_analytics": 3,
        "pharma_director": 3, "outside_science": 3}),
    # Academia: fixed-term churn (renewed postdoc and RSE contracts). Postdoc exits serve
    # Lu et al. 2023 (PIs, industry research, still postdocs); PI entries mostly from postdocs.
    "research_assistant": Role(2.0, 4, True, {
        "research_assistant": 25, "phd_student": 20, "postdoc": 8, "rse": 10, "core_bioinformatician": 6,
        "industry_data_scientist": 12, "nhs_data_analyst": 5, "nhs_stp_trainee": 4,
        "research_data_manager": 4, "pharma_bioinformatician": 4, "outside_science": 4}),
    "postdoc": Role(2.5, 3, True, {
        "postdoc": 77, "research_fellow": 27, "lecturer": 5.5, "staff_scientist": 4, "rse": 8,
        "core_bioinformatician": 2.5, "research_data_manager": 1, "pharma_bioinformatician": 8.5,
        "pharma_senior_scientist": 2, "industry_data_scientist": 5, "healthtech_ml_engineer": 2,
        "clinical_bioinformatician": 1, "public_data_scientist": 2, "science_policy_officer": 2,
        "spinout_founder": 1, "charity_data_scientist": 1, "outside_science": 3}),
    "research_fellow": Role(4.0, 6, True, {
        "research_fellow": 40, "lecturer": 28, "senior_lecturer": 3, "postdoc": 5, "staff_scientist": 6,
        "pharma_senior_scientist": 6, "industry_senior_data_scientist": 4, "spinout_founder": 3,
        "science_policy_officer": 3, "outside_science": 3}),
    "lecturer": Role(6.0, 3, False, {
        "lecturer": 40, "senior_lecturer": 40, "professor": 0.5, "pharma_senior_scientist": 3,
        "industry_senior_data_scientist": 2, "spinout_founder": 2, "science_policy_officer": 1,
        "outside_science": 1}),
    "senior_lecturer": Role(7.0, 3, False, {
        "senior_lecturer": 55, "professor": 26, "pharma_associate_director": 4, "spinout_founder": 4,
        "core_facility_manager": 2, "science_policy_officer": 2, "outside_science": 2}),
    "professor": Role(10.0, 3, False, {
        "professor": 87, "spinout_founder": 5, "pharma_director": 3, "science_policy_officer": 3,
        "outside_science": 4}),
    # RSE routes: SSI 2018 (previous job: 65% university, 20% private company) and
    # the 2023 group leaders survey (half of leavers with a known destination go to industry).
    "rse": Role(2.5, 5, True, {
        "rse": 45, "senior_rse": 25, "industry_software_engineer": 13, "industry_data_scientist": 6,
        "healthtech_ml_engineer": 3, "consultant": 2, "research_data_manager": 4, "postdoc": 4,
        "core_bioinformatician": 4, "startup_cto": 1, "public_data_scientist": 4, "nhs_data_scientist": 3,
        "outside_science": 3}),
    "senior_rse": Role(4.0, 4, True, {
        "senior_rse": 45, "head_rse": 12, "industry_senior_data_scientist": 6,
        "industry_software_engineer": 4,
        "healthtech_ml_engineer": 4, "startup_cto": 3, "research_data_manager": 4, "lecturer": 3,
        "staff_scientist": 4, "consultant": 2, "public_senior_data_scientist": 4, "outside_science": 3}),
    "head_rse": Role(8.0, 3, False, {
        "head_rse": 60, "industry_head_data_science": 8, "core_facility_manager": 6,
        "public_head_data_science": 6, "startup_cto": 3, "professor": 3, "outside_science": 3}),
    "core_bioinformatician": Role(3.0, 4, True, {
        "core_bioinformatician": 35, "core_facility_manager": 8, "staff_scientist": 8, "rse": 10,
        "pharma_bioinformatician": 12, "clinical_bioinformatician": 6, "industry_data_scientist": 8,
        "research_data_manager": 4, "postdoc": 4, "outside_science": 3}),
    "core_facility_manager": Role(8.0, 3, False, {
        "core_facility_manager": 60, "pharma_associate_director": 10, "head_rse": 3,
        "industry_head_data_science": 5, "professor": 2, "outside_science": 3}),
    "research_data_manager": Role(4.0, 3, False, {
        "research_data_manager": 40, "public_data_scientist": 10, "industry_data_scientist": 10,
        "nhs_senior_analyst": 8, "charity_data_scientist": 5, "science_policy_officer": 5, "rse": 5,
        "outside_science": 5}),
    "staff_scientist": Role(5.0, 3, False, {
        "staff_scientist": 50, "core_facility_manager": 8, "senior_lecturer": 3, "lecturer": 3,
        "research_fellow": 2, "pharma_senior_scientist": 10, "industry_senior_data_scientist": 6,
        "senior_rse": 5, "outside_science": 3}),
    # Public sector (government analysts and data scientists).
    "public_analyst": Role(3.0, 4, False, {
        "public_analyst": 20, "public_statistician": 25, "public_data_scientist": 20,
        "nhs_senior_analyst": 5, "industry_data_scientist": 12, "consultant": 5, "phd_student": 3,
        "science_policy_officer": 5, "rse": 4, "outside_science": 5}),
    "public_statistician": Role(4.0, 3, False, {
        "public_statistician": 40, "public_senior_data_scientist": 25, "public_data_scientist": 10,
        "industry_senior_data_scientist": 8, "science_policy_officer": 5, "outside_science": 4}),
    "public_data_scientist": Role(4.0, 3, False, {
        "public_data_scientist": 35, "public_senior_data_scientist": 25, "industry_senior_data_scientist": 15,
        "healthtech_ml_engineer": 6, "nhs_data_scientist": 4, "postdoc": 3, "rse": 3, "startup_cto": 2,
        "outside_science": 4}),
    "public_senior_data_scientist": Role(5.0, 3, False, {
        "public_senior_data_scientist": 45, "public_head_data_science": 25,
        "industry_principal_data_scientist": 12, "consultant": 5, "charity_data_scientist": 3,
        "outside_science": 4}),
    "public_head_data_science": Role(8.0, 3, False, {
        "public_head_data_science": 70, "industry_head_data_science": 10, "consultant": 8,
        "startup_founder": 4, "outside_science": 6}),
    # Industry: data science, pharma and biotech, health tech; start-ups from senior roles.
    "industry_data_scientist": Role(2.5, 4, False, {
        "industry_data_scientist": 25, "industry_senior_data_scientist": 35, "healthtech_ml_engineer": 8,
        "pharma_bioinformatician": 4, "consultant": 5, "industry_software_engineer": 4, "phd_student": 4,
        "postdoc": 1, "rse": 3, "public_data_scientist": 3, "nhs_data_scientist": 2, "startup_founder": 1,
        "outside_science": 5}),
    "industry_senior_data_scientist": Role(3.5, 3, False, {
        "industry_senior_data_scientist": 35, "industry_principal_data_scientist": 25,
        "industry_head_data_science": 5, "healthtech_ml_engineer": 7, "pharma_senior_scientist": 5,
        "startup_founder": 3, "startup_cto": 3, "consultant": 5, "public_senior_data_scientist": 2,
        "lecturer": 1.5, "research_fellow": 1.5, "outside_science": 4}),
    "industry_principal_data_scientist": Role(5.0, 3, False, {
        "industry_principal_data_scientist": 45, "industry_head_data_science": 25, "pharma_director": 3,
        "startup_founder": 5, "startup_cto": 5, "consultant": 4, "outside_science": 4}),
    "industry_head_data_science": Role(7.0, 3, False, {
        "industry_head_data_science": 70, "startup_founder": 8, "startup_cto": 4, "pharma_director": 4,
        "consultant": 5, "outside_science": 5}),
    "pharma_bioinformatician": Role(3.0, 4, False, {
        "pharma_bioinformatician": 30, "pharma_senior_scientist": 40, "industry_data_scientist": 6,
        "healthtech_ml_engineer": 5, "postdoc": 3, "phd_student": 3, "clinical_bioinformatician": 3,
        "core_bioinformatician": 2, "rse": 2, "startup_cto": 1, "outside_science": 3}),
    "pharma_senior_scientist": Role(4.0, 3, False, {
        "pharma_senior_scientist": 40, "pharma_associate_director": 25,
        "industry_principal_data_scientist": 5,
        "healthtech_ml_engineer": 5, "startup_founder": 3, "startup_cto": 2, "staff_scientist": 2,
        "research_fellow": 2, "lecturer": 2, "consultant": 4, "outside_science": 4}),
    "pharma_associate_director": Role(5.0, 3, False, {
        "pharma_associate_director": 50, "pharma_director": 25, "startup_founder": 5, "consultant": 5,
        "industry_head_data_science": 5, "outside_science": 4}),
    "pharma_director": Role(8.0, 3, False, {
        "pharma_director": 70, "startup_founder": 8, "consultant": 8, "professor": 2, "outside_science": 6}),
    "healthtech_ml_engineer": Role(3.0, 3, False, {
        "healthtech_ml_engineer": 35, "industry_senior_data_scientist": 15,
        "industry_principal_data_scientist": 10, "startup_cto": 8, "startup_founder": 4,
        "pharma_senior_scientist": 5, "phd_student": 2, "senior_rse": 1, "outside_science": 4}),
    "industry_software_engineer": Role(3.0, 3, False, {
        "industry_software_engineer": 35, "industry_data_scientist": 10, "healthtech_ml_engineer": 15,
        "rse": 5, "industry_senior_data_scientist": 8, "startup_cto": 4, "consultant": 4,
        "outside_science": 8}),
    "consultant": Role(4.0, 3, False, {
        "consultant": 45, "industry_principal_data_scientist": 8, "industry_head_data_science": 5,
        "startup_founder": 6, "public_senior_data_scientist": 4, "pharma_associate_director": 4,
        "outside_science": 8}),
    # Entrepreneurship: spin-outs from academia, start-ups from industry; serial founders renew.
    "startup_founder": Role(5.0, 3, True, {
        "startup_founder": 35, "industry_head_data_science": 15, "consultant": 15, "startup_cto": 5,
        "industry_principal_data_scientist": 8, "outside_science": 10}),
    "startup_cto": Role(4.0, 3, False, {
        "startup_cto": 30, "industry_head_data_science": 20, "startup_founder": 10,
        "industry_principal_data_scientist": 15, "consultant": 8, "outside_science": 8}),
    "spinout_founder": Role(6.0, 3, False, {
        "spinout_founder": 40, "professor": 5, "senior_lecturer": 10, "startup_founder": 10,
        "pharma_director": 8, "industry_head_data_science": 8, "consultant": 5, "outside_science": 4}),
    # Other: charities, policy, and work outside science (with some returns).
    "charity_data_scientist": Role(4.0, 3, False, {
        "charity_data_scientist": 40, "public_data_scientist": 10, "industry_senior_data_scientist": 10,
        "science_policy_officer": 8, "nhs_data_scientist": 5, "outside_science": 8}),
    "science_policy_officer": Role(5.0, 3, False, {
        "science_policy_officer": 50, "public_senior_data_scientist": 8, "charity_data_scientist": 5,
        "consultant": 5, "research_data_manager": 3, "outside_science": 10}),
    "outside_science": Role(6.0, 3, False, {
        "outside_science": 76, "industry_data_scientist": 5, "msc_student": 5, "public_analyst": 3, "rse": 2,
        "nhs_data_analyst": 2, "research_assistant": 1, "phd_student": 2}),
}

# Where people start: students, or an early role (postdocs arriving with a PhD from elsewhere).
STARTING_ROLES = {
    "bsc_student": 22, "msc_student": 18, "phd_student": 28, "research_assistant": 5, "postdoc": 12,
    "nhs_data_analyst": 4, "industry_data_scientist": 4, "industry_software_engineer": 3,
    "pharma_bioinformatician": 3, "public_analyst": 2, "rse": 4, "core_bioinformatician": 2,
}

# role: (first year it exists under this title, the role people held instead before then).
# Approximate years: the RSE title (2012) and first RSE groups, the STP (2011), HSST (2014),
# "data scientist" job titles spreading in industry (late 2000s) and government (mid 2010s).
INTRODUCED = {
    "rse": (2012, "core_bioinformatician"),
    "senior_rse": (2013, "staff_scientist"),
    "head_rse": (2014, "core_facility_manager"),
    "nhs_stp_trainee": (2011, "nhs_data_analyst"),
    "hsst_trainee": (2014, "principal_clinical_scientist"),
    "nhs_data_scientist": (2015, "nhs_senior_analyst"),
    "healthtech_ml_engineer": (2012, "industry_software_engineer"),
    "industry_data_scientist": (2008, "industry_software_engineer"),
    "industry_senior_data_scientist": (2010, "pharma_senior_scientist"),
    "industry_principal_data_scientist": (2012, "pharma_associate_director"),
    "industry_head_data_science": (2013, "pharma_director"),
    "public_data_scientist": (2014, "public_statistician"),
    "public_senior_data_scientist": (2015, "public_statistician"),
    "public_head_data_science": (2017, "public_statistician"),
}
# fmt: on

ROLE_IDS = tuple(ROLES)
