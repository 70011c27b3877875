"""The codes and columns of the dataset format (``shared/design/data-spec.md``).

This module is the single place where the contract's vocabularies live, so the
loader, the generator, the importers and the dashboard agree by construction.
"""

import re

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")

SECTORS = ("education", "academia", "nhs", "public", "industry", "entrepreneurship", "other")
SECTOR_LABELS = {
    "education": "Education",
    "academia": "Academia",
    "nhs": "NHS",
    "public": "Public sector",
    "industry": "Industry",
    "entrepreneurship": "Entrepreneurship",
    "other": "Other",
}

# Ordered: the position in this tuple is the career stage's rank.
STAGES = ("student", "early", "mid", "senior", "leader")
STAGE_LABELS = {
    "student": "Student or trainee",
    "early": "Early career",
    "mid": "Mid career",
    "senior": "Senior",
    "leader": "Leader",
}

THEMES = (
    "recognition",
    "contracts",
    "progression",
    "mobility",
    "mentoring",
    "entrepreneurship",
    "wellbeing",
    "equity",
    "other",
)
THEME_LABELS = {theme: theme.capitalize() for theme in THEMES}

SCALES = ("likert5", "binary")
SCALE_VALUES = {"likert5": (1, 2, 3, 4, 5), "binary": (0, 1)}
# A response counts as agreement when it is at least this value.
AGREE_FROM = {"likert5": 4, "binary": 1}

ADVICE_KINDS = (
    "guide",
    "case-study",
    "training",
    "mentoring",
    "funding",
    "network",
    "job-profiles",
    "policy",
    "tool",
)
URL_SCHEMES = ("https://", "http://", "mailto:")

DATASET_KINDS = ("synthetic", "survey", "records", "contributions")

# file name -> (required columns, optional columns); order is the written order.
FILES = {
    "roles.csv": (
        ("role_id", "title", "sector", "stage"),
        ("grade", "salary_min", "salary_max", "description", "aliases"),
    ),
    "careers.csv": (("person_id", "seq", "role_id"), ("start_year", "end_year")),
    "people.csv": (("person_id",), ()),
    "barrier_items.csv": (("barrier_id", "statement", "theme", "scale"), ()),
    "barrier_responses.csv": (("person_id", "barrier_id", "response"), ()),
    "advice.csv": (
        ("advice_id", "title", "url", "provider", "kind"),
        ("summary", "sectors", "stages", "roles", "themes"),
    ),
}
REQUIRED_FILES = ("dataset.yaml", "roles.csv", "careers.csv")
METADATA_FILE = "dataset.yaml"

MIN_YEAR = 1940

# Defaults of quality.md's disclosure control.
DEFAULT_MIN_COUNT = 5
DEFAULT_ROUND_TO = 5
DEFAULT_MIN_DENOMINATOR = 10
