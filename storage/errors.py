"""The exceptions that storage raises: plain messages a page can show as they are."""

UNAVAILABLE_MESSAGE = (
    "The contributions database is not reachable right now; your answers were not saved. "
    "Please try again in a minute."
)


class StorageError(Exception):
    """Base class of every storage exception."""


class StorageUnavailable(StorageError):
    """The database cannot be reached or written; nothing was saved.

    ``str(error)`` is a message for participants; the driver's error is kept as
    ``__cause__`` for the log, never for the page.
    """

    def __init__(self, message=UNAVAILABLE_MESSAGE):
        super().__init__(message)


class UnknownWorkshop(StorageError, LookupError):
    """No workshop has this code."""

    def __init__(self, code):
        super().__init__(f"There is no workshop with the code {code!r}.")
        self.code = code


class WorkshopClosed(StorageError):
    """The workshop no longer takes contributions."""

    def __init__(self, code):
        super().__init__(f"The workshop {code!r} is closed and no longer takes contributions.")
        self.code = code


class UnknownContribution(StorageError, LookupError):
    """No contribution has this id."""

    def __init__(self, contribution_id):
        super().__init__(f"There is no contribution with the id {contribution_id!r}.")
        self.contribution_id = contribution_id


class UnknownDataset(StorageError, LookupError):
    """No uploaded dataset has this key."""

    def __init__(self, key):
        super().__init__(f"There is no uploaded dataset with the key {key!r}.")
        self.key = key
