"""Numbers as words people read: counts after disclosure control, shares, chances, years."""

import math

from pathways.disclosure import format_count


def count_text(value, rules):
    """A protected count for reading: '1,235' or 'fewer than 5'."""
    return format_count(value, rules)


def percent_text(value, digits=0):
    """'42%' for 42.0; 'not shown' where the share was withheld (too few answers)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not shown (too few people)"
    return f"{value:.{digits}f}%"


def interval_text(low, high, digits=0):
    """'95% interval 30% to 48%' or '' when withheld."""
    if low is None or high is None or any(isinstance(v, float) and math.isnan(v) for v in (low, high)):
        return ""
    return f"95% interval {low:.{digits}f}% to {high:.{digits}f}%"


def chance_in_words(probability):
    """A probability as 'about 1 in N' for people who do not read decimals.

    Examples
    --------
    >>> chance_in_words(0.05), chance_in_words(0.5), chance_in_words(0.012), chance_in_words(0.9)
    ('about 1 in 20', 'about 1 in 2', 'about 1 in 83', 'about 9 in 10')
    """
    if probability is None or not probability > 0:
        return "too rare to say"
    if probability >= 0.55:
        return f"about {round(probability * 10)} in 10"
    return f"about 1 in {round(1 / probability):,}"


def years_text(years):
    """'about 4 years' / 'about 1 year' / 'not known'."""
    if years is None or (isinstance(years, float) and math.isnan(years)):
        return "not known"
    rounded = round(float(years), 1)
    shown = int(rounded) if rounded.is_integer() else rounded
    return f"about {shown} year" + ("" if shown == 1 else "s")
