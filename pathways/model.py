"""Everything the explorer needs about one dataset, built once.

A :class:`CareerModel` holds the dataset, its role graph and sector graph and
the barrier answers joined to people. Views take the model and a view state;
they touch roles and edges, never every person, except through the cached
functions here whose results depend only on the state.
"""

from dataclasses import dataclass, field
from functools import cached_property

from pathways.schema import SECTORS, STAGES


@dataclass(frozen=True, eq=False)
class CareerModel:
    """A dataset with what is derived from it, for the dashboard and reports.

    Build it with :meth:`build`; it is hashable by identity, so functions can
    cache results per model and state.

    Examples
    --------
    >>> from pathways.synthetic import generate_dataset
    >>> model = CareerModel.build(generate_dataset(people=200, seed=3))
    >>> model.graph.number_of_nodes() == len(model.dataset.roles)
    True
    """

    dataset: object
    graph: object
    sector_graph: object
    extras: dict = field(default_factory=dict)

    @classmethod
    def build(cls, dataset):
        """Build the graphs for ``dataset`` (and the cached tables on first use)."""
        from pathways.graph import build_sector_graph, build_transition_graph

        graph = build_transition_graph(dataset)
        model = cls(dataset=dataset, graph=graph, sector_graph=build_sector_graph(dataset))
        # Built here, once per dataset, so that no visitor's first view pays for them.
        model.answer_counts  # noqa: B018
        model.step_index  # noqa: B018
        return model

    @property
    def info(self):
        """The dataset's metadata."""
        return self.dataset.info

    @property
    def rules(self):
        """The dataset's disclosure control rules."""
        return self.dataset.info.disclosure

    @cached_property
    def role_choices(self):
        """``(role_id, title)`` pairs ordered by sector, then stage, then title."""
        roles = self.dataset.roles
        order = roles.assign(
            _sector=roles["sector"].map({s: i for i, s in enumerate(SECTORS)}),
            _stage=roles["stage"].map({s: i for i, s in enumerate(STAGES)}),
        ).sort_values(["_sector", "_stage", "title"])
        return tuple(zip(order.index, order["title"], strict=True))

    @cached_property
    def role_titles(self):
        """``{role_id: title}``."""
        return dict(zip(self.dataset.roles.index, self.dataset.roles["title"], strict=True))

    @cached_property
    def attribute_values(self):
        """``{attribute: sorted values}`` for each people attribute offered as a filter."""
        people = self.dataset.people
        return {
            column: tuple(sorted(people[column].dropna().astype(str).unique()))
            for column in self.dataset.attributes
        }

    @cached_property
    def agreement(self):
        """Every barrier answer with whether it agrees, joined to its item's theme."""
        from pathways.barriers import agreement

        return agreement(self.dataset)

    @cached_property
    def protected_summary(self):
        """The dataset's summary counts (people, episodes, ...) after disclosure control, counted once.

        A Series of nullable integers indexed like :meth:`pathways.dataset.Dataset.summary`.
        """
        import pandas as pd

        from pathways.disclosure import protect_counts

        return protect_counts(pd.Series(self.dataset.summary()), self.rules)

    @cached_property
    def answer_counts(self):
        """Answers and agreements per statement and combination of people values.

        Pass it as ``counts=`` to the functions of :mod:`pathways.barriers`, so a
        view sums this small table instead of every answer.
        """
        from pathways.barriers import answer_counts

        return answer_counts(self.dataset)

    @cached_property
    def step_index(self):
        """Barrier answers arranged by person and movers by move (see :func:`pathways.step_barriers.index_steps`)."""
        from pathways.step_barriers import index_steps

        return index_steps(self.dataset, self.agreement)

    @cached_property
    def cohort_range(self):
        """(first, last) start year of people's first stays, or None when years are unknown."""
        starts = self.dataset.stays.loc[self.dataset.stays["step"] == 1, "start_year"].dropna()
        if starts.empty:
            return None
        return int(starts.min()), int(starts.max())
