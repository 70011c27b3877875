"""Who is a data owner: a password from the environment, remembered in the signed session cookie."""

import hmac

from flask import current_app, session

SESSION_KEY = "data_owner"


def owner_password_set():
    """True when ``DATA_OWNER_PASSWORD`` is configured (data-owner pages are locked otherwise)."""
    return bool(current_app.config.get("DATA_OWNER_PASSWORD"))


def is_data_owner():
    """True when this browser has signed in as a data owner."""
    return owner_password_set() and session.get(SESSION_KEY) is True


def sign_in(password):
    """Sign in when ``password`` matches; return whether it did (compared in constant time)."""
    expected = current_app.config.get("DATA_OWNER_PASSWORD") or ""
    if not expected or not isinstance(password, str):
        return False
    if not hmac.compare_digest(password.encode("utf-8"), expected.encode("utf-8")):
        return False
    session[SESSION_KEY] = True
    return True


def sign_out():
    """Forget this browser's data-owner sign-in."""
    session.pop(SESSION_KEY, None)
