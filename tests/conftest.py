"""Fixtures shared by the whole suite."""

from pathlib import Path

import pytest

from pathways.loading import load_dataset

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"


def _read_tiny():
    return load_dataset(TINY)


@pytest.fixture(scope="session")
def tiny():
    """The hand-counted fixture dataset in ``tests/fixtures/tiny``."""
    return _read_tiny()
