"""Fixtures shared by the whole suite."""

import dataclasses
from pathlib import Path

import pytest

from pathways.disclosure_rules import RAW
from pathways.loading import load_dataset
from pathways.model import CareerModel

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"


def _read_tiny():
    return load_dataset(TINY)


@pytest.fixture(scope="session")
def tiny():
    """The hand-counted fixture dataset in ``tests/fixtures/tiny``."""
    return _read_tiny()


@pytest.fixture(scope="session")
def raw_model(tiny):
    """The tiny fixture as a ``CareerModel`` under ``pathways.disclosure_rules.RAW``: every count shown."""
    return CareerModel.build(dataclasses.replace(tiny, info=dataclasses.replace(tiny.info, disclosure=RAW)))


@pytest.fixture(scope="session", autouse=True)
def isolated_database(tmp_path_factory):
    """Apps built in tests store workshops and uploads in a throwaway SQLite file, not in instance/."""
    import os

    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('db') / 'pathways.sqlite3'}"
    yield
    if previous is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = previous
