"""The settings of disclosure control, kept apart so metadata can hold them."""

from dataclasses import dataclass

from pathways.schema import DEFAULT_MIN_COUNT, DEFAULT_MIN_DENOMINATOR, DEFAULT_ROUND_TO


@dataclass(frozen=True)
class DisclosureRules:
    """How small numbers are protected (``shared/design/quality.md``).

    Parameters
    ----------
    min_count : int
        Counts below this are shown as "fewer than ``min_count``".
    round_to : int
        Shown counts are rounded to the nearest multiple of this.
    min_denominator : int
        Percentages and intervals are hidden when their denominator is smaller.
    secondary : bool
        Hide a sibling too when a hidden cell could be recovered from a total.

    Examples
    --------
    >>> rules = DisclosureRules()
    >>> rules.min_count, rules.round_to, rules.min_denominator
    (5, 5, 10)
    >>> DisclosureRules(min_count=10).is_looser_than_default
    False
    >>> DisclosureRules(min_count=1, round_to=1).is_looser_than_default
    True
    """

    min_count: int = DEFAULT_MIN_COUNT
    round_to: int = DEFAULT_ROUND_TO
    min_denominator: int = DEFAULT_MIN_DENOMINATOR
    secondary: bool = True

    @property
    def is_looser_than_default(self):
        """True when any setting protects less than quality.md's defaults."""
        return (
            self.min_count < DEFAULT_MIN_COUNT
            or self.round_to < DEFAULT_ROUND_TO
            or self.min_denominator < DEFAULT_MIN_DENOMINATOR
            or not self.secondary
        )


RAW = DisclosureRules(min_count=1, round_to=1, min_denominator=1, secondary=False)
"""No protection at all: what ``--raw`` asks for."""
