"""Fixtures shared by the whole suite."""

from pathlib import Path

import pandas as pd
import pytest

from pathways.dataset import Dataset, DatasetInfo

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"


def _read_tiny():
    # Stand-in reader until pathways.load_dataset lands; same shapes as the loader's.
    import yaml

    meta = yaml.safe_load((TINY / "dataset.yaml").read_text())
    roles = pd.read_csv(TINY / "roles.csv", dtype=str).set_index("role_id")
    for column in ("salary_min", "salary_max"):
        roles[column] = pd.to_numeric(roles[column]).astype("Int64")
    careers = pd.read_csv(TINY / "careers.csv", dtype={"person_id": str, "role_id": str})
    for column in ("start_year", "end_year"):
        careers[column] = careers[column].astype("Int64")
    people = pd.read_csv(TINY / "people.csv", dtype=str).set_index("person_id")
    last = careers.sort_values(["person_id", "seq"]).groupby("person_id").last()["role_id"]
    people["sector"] = last.map(roles["sector"]).reindex(people.index)
    people["stage"] = last.map(roles["stage"]).reindex(people.index)
    items = pd.read_csv(TINY / "barrier_items.csv", dtype=str).set_index("barrier_id")
    responses = pd.read_csv(TINY / "barrier_responses.csv", dtype={"person_id": str, "barrier_id": str})
    advice = pd.read_csv(TINY / "advice.csv", dtype=str, keep_default_na=False).set_index("advice_id")
    info = DatasetInfo(
        name=meta["name"],
        kind=meta["kind"],
        description=meta["description"],
        source=meta["source"],
        licence=meta["licence"],
        citation=meta["citation"],
        collected=meta["collected"],
        attributes=meta["attributes"],
    )
    return Dataset(info, roles, careers, people, items, responses, advice)


@pytest.fixture(scope="session")
def tiny():
    """The hand-counted fixture dataset in ``tests/fixtures/tiny``."""
    return _read_tiny()
