"""The datasets an app can serve, each built into a :class:`~pathways.model.CareerModel` on demand.

The bundled dataset is always there; uploaded datasets and workshop
contributions come from sources the app injects (functions, so this module
knows nothing of storage). Models are built on first use and kept in a small
cache per process; a source's *version* (for example the number of released
workshop contributions) is part of the cache key, so a model is rebuilt when
its data change and any worker on any host serves the same data.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from pathways.model import CareerModel


@dataclass(frozen=True)
class Source:
    """A kind of dataset: how to list its keys, load one and tell its version.

    Parameters
    ----------
    list_keys : callable() -> list of (key, label)
    load : callable(key) -> Dataset
        Raises ``KeyError`` for an unknown key.
    version : callable(key) -> hashable
        Changes whenever the dataset behind ``key`` changes.
    """

    list_keys: Callable
    load: Callable
    version: Callable = field(default=lambda key: 0)


class Catalogue:
    """The bundled dataset plus any injected sources.

    Examples
    --------
    >>> from pathways.synthetic import generate_dataset
    >>> catalogue = Catalogue("illustrative", "Illustrative", lambda: generate_dataset(people=50, seed=2))
    >>> catalogue.choices()
    [('illustrative', 'Illustrative')]
    >>> catalogue.model().info.kind
    'synthetic'
    >>> model, notice = catalogue.model_for({"dataset": "nope"})
    >>> notice
    "Ignored dataset 'nope' in the address: there is no such dataset."
    """

    def __init__(self, default_key, default_label, load_default, sources=(), max_models=6, preloaded=None):
        self.default_key = default_key
        self._default = (default_label, load_default)
        self._sources = tuple(sources)
        self._models = OrderedDict()
        if preloaded is not None:
            self._models[(default_key, 0)] = preloaded
        self._lock = threading.Lock()
        self._max = max_models

    def choices(self):
        """Every dataset that can be chosen, as ``(key, label)``, the bundled one first."""
        found = [(self.default_key, self._default[0])]
        for source in self._sources:
            found.extend(source.list_keys())
        return found

    def _source_of(self, key):
        if key == self.default_key:
            return None
        for source in self._sources:
            if any(known == key for known, _ in source.list_keys()):
                return source
        raise KeyError(key)

    def model(self, key=None):
        """The model for ``key`` (default: the bundled dataset); ``KeyError`` when unknown."""
        key = key or self.default_key
        source = self._source_of(key)
        version = 0 if source is None else source.version(key)
        cache_key = (key, version)
        with self._lock:
            if cache_key in self._models:
                self._models.move_to_end(cache_key)
                return self._models[cache_key]
        dataset = self._default[1]() if source is None else source.load(key)
        model = CareerModel.build(dataset)
        if source is not None:
            # Views write it into their download links, so a CSV serves the dataset it came from.
            model.extras["dataset_key"] = key
        with self._lock:
            self._models[cache_key] = model
            for stale in [k for k in self._models if k[0] == key and k != cache_key]:
                del self._models[stale]
            evictable = [k for k in self._models if k[0] != self.default_key]
            while len(self._models) > self._max and evictable:
                del self._models[evictable.pop(0)]
        return model

    def model_for(self, query):
        """``(model, notice)`` for the query's ``dataset``; the default, with a notice, when unknown."""
        key = (query or {}).get("dataset") or self.default_key
        try:
            return self.model(key), None
        except KeyError:
            shown = key if len(key) <= 40 else key[:40] + "..."
            return self.model(), f"Ignored dataset {shown!r} in the address: there is no such dataset."
