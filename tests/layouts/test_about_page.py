"""The About page states the rules the data in use applies."""

import dataclasses

from layouts.about_page import layout
from pathways.disclosure_rules import DisclosureRules
from pathways.model import CareerModel


def test_about_shows_the_datasets_own_protection_rules(tiny):
    strict = dataclasses.replace(
        tiny, info=dataclasses.replace(tiny.info, disclosure=DisclosureRules(min_count=10))
    )
    text = str(layout(CareerModel.build(strict)))
    assert "fewer than 10 people is shown as 'fewer than 10'" in text
    assert "Accessibility statement" in text
    assert "Tiny hand-counted fixture" in text
    assert "Synthetic (illustrative, not real people)" in text
