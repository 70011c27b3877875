"""The page table: which page an address shows, and which pages are kept per address."""

import pytest

from layouts.router import Page, parse_query, resolve


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("", {}),
        (None, {}),
        ("?a=1", {"a": "1"}),
        ("?a=1&a=2&b=x", {"a": "1", "b": "x"}),
        ("?roles=a%2Cb", {"roles": "a,b"}),
        ("?empty=&c=3", {"c": "3"}),
    ],
)
def test_parse_query_keeps_the_first_value_of_each_name(search, expected):
    assert parse_query(search) == expected


def page_table(calls):
    def home(model, query, rest):
        calls.append(("home", dict(query), rest))
        return f"home {query}"

    def role(model, query, rest):
        calls.append(("role", dict(query), rest))
        return f"role {rest}"

    def live(model, query, rest):
        calls.append(("live", dict(query), rest))
        return "live"

    return [
        Page("/", "Home", home, "Home", cache=True),
        Page("/roles/", "Role", role),
        Page("/live", "Live", live),
    ]


def test_exact_paths_prefixes_and_unknown_addresses():
    calls = []
    pages = page_table(calls)
    model = object()
    assert resolve(pages, "/", "?x=1", model) == ("Home", "home {'x': '1'}")
    assert resolve(pages, "/roles/postdoc", "", model) == ("Role", "role postdoc")
    assert resolve(pages, "/live/", "", model)[0] == "Live"
    title, component = resolve(pages, "/nowhere", "", model)
    assert title == "Page not found" and "/nowhere" in str(component)


def test_cached_pages_are_drawn_once_per_address_and_model_others_every_time():
    calls = []
    pages = page_table(calls)
    model, other = object(), object()
    for _ in range(3):
        resolve(pages, "/", "?b=2&a=1", model)
        resolve(pages, "/", "?a=1&b=2", model)  # the same address written in another order
        resolve(pages, "/live", "", model)
    resolve(pages, "/", "?a=1&b=2", other)
    assert [name for name, _, _ in calls].count("home") == 2  # once per model
    assert [name for name, _, _ in calls].count("live") == 3


def test_a_page_can_name_its_tab_after_what_it_shows():
    pages = [
        Page("/roles/", "Role profile", lambda m, q, r: r, page_title=lambda m, q, r: f"{r.upper()} profile")
    ]
    assert resolve(pages, "/roles/rse", "", object()) == ("RSE profile", "rse")
