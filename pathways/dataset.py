"""The in-memory dataset: validated tables and what is derived from them.

A :class:`Dataset` is what :func:`pathways.load_dataset` returns and what every
other function of the package takes. Its tables are pandas DataFrames with the
columns of ``data-spec.md``; derived tables (stays, transitions) are computed
once, on first use, and kept on the instance.
"""

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from pathways.disclosure_rules import DisclosureRules

ROLE_COLUMNS = ("title", "sector", "stage", "grade", "salary_min", "salary_max", "description", "aliases")
ITEM_COLUMNS = ("statement", "theme", "scale")
ADVICE_COLUMNS = ("title", "url", "provider", "kind", "summary", "sectors", "stages", "roles", "themes")


@dataclass(frozen=True)
class DatasetInfo:
    """The metadata of ``dataset.yaml``."""

    name: str
    kind: str
    description: str = ""
    source: str = ""
    licence: str = ""
    citation: str = ""
    collected: str = ""
    attributes: dict = field(default_factory=dict)
    disclosure: DisclosureRules = field(default_factory=DisclosureRules)

    @property
    def is_synthetic(self):
        """True for illustrative, generated data."""
        return self.kind == "synthetic"


def _empty(columns, index=None):
    frame = pd.DataFrame({column: pd.Series(dtype="object") for column in columns})
    if index:
        frame.index = pd.Index([], name=index, dtype="object")
    return frame


@dataclass(frozen=True, eq=False)
class Dataset:
    """A complete, consistent dataset.

    Attributes
    ----------
    info : DatasetInfo
    roles : DataFrame indexed by ``role_id``
        ``title, sector, stage, grade, salary_min, salary_max, description, aliases``.
    careers : DataFrame
        ``person_id, seq, role_id, start_year, end_year`` sorted by person and seq;
        years are nullable integers.
    people : DataFrame indexed by ``person_id``
        attribute columns plus ``sector`` and ``stage`` (from the last episode
        where ``people.csv`` does not give them).
    barrier_items : DataFrame indexed by ``barrier_id``
        ``statement, theme, scale``.
    barrier_responses : DataFrame
        ``person_id, barrier_id, response`` (integers).
    advice : DataFrame indexed by ``advice_id``
        ``title, url, provider, kind, summary, sectors, stages, roles, themes``
        with lists kept as ``;``-separated strings ("" when empty).
    notes : tuple of str
        Remarks from loading that are not errors (an unknown file ignored).
    """

    info: DatasetInfo
    roles: pd.DataFrame
    careers: pd.DataFrame
    people: pd.DataFrame = field(default_factory=lambda: _empty(("sector", "stage"), "person_id"))
    barrier_items: pd.DataFrame = field(default_factory=lambda: _empty(ITEM_COLUMNS, "barrier_id"))
    barrier_responses: pd.DataFrame = field(
        default_factory=lambda: _empty(("person_id", "barrier_id", "response"))
    )
    advice: pd.DataFrame = field(default_factory=lambda: _empty(ADVICE_COLUMNS, "advice_id"))
    notes: tuple = ()

    @cached_property
    def stays(self):
        """Consecutive episodes in one role merged into one stay (see :func:`pathways.careers.collapse_stays`)."""
        from pathways.careers import collapse_stays

        return collapse_stays(self.careers)

    @cached_property
    def transitions(self):
        """Moves between consecutive stays (see :func:`pathways.careers.stay_transitions`)."""
        from pathways.careers import stay_transitions

        return stay_transitions(self.stays)

    @property
    def attributes(self):
        """People attributes offered as filters: ``{column: label}``.

        The metadata's ``attributes`` where given, otherwise every column of
        ``people.csv`` except the derived ``sector`` and ``stage``.
        """
        if self.info.attributes:
            return {k: v for k, v in self.info.attributes.items() if k in self.people.columns}
        return {
            column: column.replace("_", " ").capitalize()
            for column in self.people.columns
            if column not in ("sector", "stage")
        }

    def summary(self):
        """Counts for a summary line: people, episodes, transitions, roles, responses."""
        people = set(self.people.index) | set(self.careers["person_id"])
        return {
            "people": len(people),
            "episodes": len(self.careers),
            "transitions": len(self.transitions),
            "roles": len(self.roles),
            "responses": len(self.barrier_responses),
        }
