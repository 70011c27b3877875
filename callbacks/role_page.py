"""Role profile wiring: nothing to register.

The profile has no controls: the role is in the path, chosen by following a
link (the index of roles, the network, routes, the compare table), and the
router draws the page for each address. The charts' image buttons are wired
for every page by :mod:`callbacks.charts`.
"""


def register(app, models):
    """Register the role profile's callbacks: there are none (see the module's note)."""
    return None
