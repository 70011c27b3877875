"""Workshop codes, client hashes and payloads: the values checked before they are stored."""

import hashlib
import hmac
import json
import re
import secrets

# No 0/O, 1/I/L: a code is read off a projector and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_PAYLOAD_CHARS = 64_000
_CODE = re.compile(r"[A-Z0-9]{1,16}")
_CLIENT_HASH = re.compile(r"[0-9a-f]{16,128}")
_DATASET_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def new_code():
    """A random workshop code of six letters and digits.

    Examples
    --------
    >>> code = new_code()
    >>> len(code), set(code) <= set(CODE_ALPHABET)
    (6, True)
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code):
    """The stored form of a workshop code as typed, or None when it cannot be one.

    Examples
    --------
    >>> normalise_code(" ab3k9q ")
    'AB3K9Q'
    >>> normalise_code("no spaces!") is None
    True
    """
    text = str(code).strip().upper()
    return text if _CODE.fullmatch(text) else None


def hash_client(address, secret):
    """A keyed hash of a client address for rate limiting, so the address itself is never stored.

    Examples
    --------
    >>> digest = hash_client("192.0.2.7", "app-secret")
    >>> len(digest), digest == hash_client("192.0.2.7", "app-secret")
    (64, True)
    >>> digest == hash_client("192.0.2.8", "app-secret")
    False
    """
    key = secret.encode() if isinstance(secret, str) else bytes(secret)
    return hmac.new(key, str(address).encode(), hashlib.sha256).hexdigest()


def check_client_hash(client_hash):
    """``client_hash`` if it is a hex digest; a raw IP address (dots, colons) is refused."""
    if not isinstance(client_hash, str) or not _CLIENT_HASH.fullmatch(client_hash):
        raise ValueError("client_hash must be a hex digest (see storage.hash_client), never a raw address")
    return client_hash


def encode_payload(payload):
    """The JSON text stored for a contribution's payload (a dict, at most 64,000 characters)."""
    if not isinstance(payload, dict):
        raise ValueError("a contribution payload must be a dict")
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if len(text) > MAX_PAYLOAD_CHARS:
        raise ValueError(f"a contribution payload must be at most {MAX_PAYLOAD_CHARS} characters of JSON")
    return text


def check_dataset_key(key):
    """``key`` if it is a valid dataset key: lower-case letters, digits, ``-`` and ``_``, at most 64."""
    if not isinstance(key, str) or not _DATASET_KEY.fullmatch(key):
        raise ValueError(f"invalid dataset key {key!r}: use a-z, 0-9, '-' and '_' (at most 64)")
    return key


def check_name(name):
    """``name`` without surrounding spaces, if it has 1 to 200 characters."""
    text = str(name).strip()
    if not 0 < len(text) <= 200:
        raise ValueError("a name must have 1 to 200 characters")
    return text
