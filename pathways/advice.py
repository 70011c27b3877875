"""Finding advice: search the advice list by words and filter it by sector, stage, theme, kind and role.

The advice list is ``dataset.advice``: one row per resource, indexed by
``advice_id``, with the lists ``sectors``, ``stages``, ``roles`` and
``themes`` kept as ``;``-separated codes ("" when empty). An empty list means
the resource was not tagged for any particular value because it is general:
a resource with no stages is for every stage. So a filter keeps the
resources tagged with its value *and* the general ones, and ranks the tagged
ones first, so that a student filtering by stage sees what was written for
students before what was written for everyone.
"""

import numpy as np
import pandas as pd

SEARCHED_COLUMNS = ("title", "provider", "summary")
TAG_FILTERS = (("sector", "sectors"), ("stage", "stages"), ("theme", "themes"), ("role", "roles"))


def _column(advice, name):
    """``advice[name]`` as clean strings; an absent column reads as empty everywhere."""
    if name not in advice.columns:
        return pd.Series("", index=advice.index, dtype="object")
    return advice[name].fillna("").astype(str)


def has_tag(tags, code):
    """Whether each ``;``-separated list in ``tags`` holds ``code`` exactly.

    Parameters
    ----------
    tags : Series of str
        Lists such as ``"early;mid"``; spaces around a code are ignored.
    code : str
        The code looked for.

    Returns
    -------
    ndarray of bool

    Examples
    --------
    >>> has_tag(pd.Series(["early;mid", "mid", "", "midway"]), "mid").tolist()
    [True, True, False, False]
    """
    padded = ";" + tags.fillna("").astype(str).str.replace(r"\s*;\s*", ";", regex=True).str.strip() + ";"
    return padded.str.contains(f";{code};", regex=False).to_numpy(dtype=bool)


def search_advice(advice, text="", sector=None, stage=None, theme=None, kind=None, role=None):
    """The advice resources that match a search and filters, best matches first.

    Parameters
    ----------
    advice : DataFrame
        ``dataset.advice``: ``title, url, provider, kind, summary, sectors,
        stages, roles, themes`` indexed by ``advice_id``, lists as
        ``;``-separated codes ("" when empty).
    text : str
        Words to look for, case-insensitively, in the title, provider and
        summary. Every word must appear (in any of the three, in any order);
        each word matches as a substring, so ``"fellow"`` finds
        ``"Fellowships"``. Empty: no search.
    sector, stage, theme, role : str, optional
        Keep resources whose ``sectors``, ``stages``, ``themes`` or ``roles``
        list holds this code, or is empty. An empty list means the resource is
        general, relevant to every value, so it is kept, but ranked after the
        resources tagged with the value. None or "": no filter.
    kind : str, optional
        Keep resources of this kind only (``kind`` is always filled in).

    Returns
    -------
    DataFrame
        The matching rows of ``advice``, with its columns and index, ordered
        by how many of the filters they are tagged for (most first); ties keep
        the order of ``advice``. An empty frame when nothing matches.

    Examples
    --------
    >>> advice = pd.DataFrame(
    ...     {"title": ["Fellowships guide", "STP", "RSE society"],
    ...      "url": ["https://a.org", "https://b.org", "https://c.org"],
    ...      "provider": ["UKRI", "NHS", "Society of RSE"],
    ...      "kind": ["funding", "training", "network"],
    ...      "summary": ["Apply for a fellowship.", "Paid NHS training.", "A society for RSEs."],
    ...      "sectors": ["academia", "nhs", ""], "stages": ["early;mid", "student", ""],
    ...      "roles": ["postdoc", "", "rse"], "themes": ["contracts", "mobility", "recognition"]},
    ...     index=pd.Index(["fellows", "stp", "society"], name="advice_id"))
    >>> search_advice(advice, "FELLOW").index.tolist()
    ['fellows']
    >>> search_advice(advice, "nhs training").index.tolist()
    ['stp']
    >>> search_advice(advice, sector="academia").index.tolist()
    ['fellows', 'society']
    >>> search_advice(advice, stage="student").index.tolist()
    ['stp', 'society']
    >>> search_advice(advice, sector="nhs", kind="network").index.tolist()
    ['society']
    >>> search_advice(advice, theme="wellbeing").index.tolist()
    []
    """
    keep = np.ones(len(advice), dtype=bool)
    words = str(text or "").casefold().split()
    if words:
        # Joined with a line break so that a word cannot match across two fields.
        haystack = _column(advice, SEARCHED_COLUMNS[0])
        for name in SEARCHED_COLUMNS[1:]:
            haystack = haystack + "\n" + _column(advice, name)
        haystack = haystack.str.casefold()
        for word in words:
            keep &= haystack.str.contains(word, regex=False).to_numpy(dtype=bool)
    tagged = np.zeros(len(advice), dtype=int)
    chosen = {"sector": sector, "stage": stage, "theme": theme, "role": role}
    for name, column in TAG_FILTERS:
        code = chosen[name]
        if not code:
            continue
        tags = _column(advice, column)
        exact = has_tag(tags, str(code))
        keep &= exact | (tags.str.strip() == "").to_numpy(dtype=bool)
        tagged += exact
    if kind:
        keep &= (_column(advice, "kind") == str(kind)).to_numpy(dtype=bool)
    position = np.flatnonzero(keep)
    order = np.lexsort((position, -tagged[position]))
    return advice.iloc[position[order]]
