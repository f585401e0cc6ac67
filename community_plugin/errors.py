"""Typed errors of community_plugin: callers catch these, never a bare Exception."""


class CommunityError(Exception):
    """Base of every error community_plugin raises on purpose."""


class NotAllowed(CommunityError):
    """The person may not do this in this space."""


class SessionFull(CommunityError):
    """Every place of the study session is taken."""


class SessionClosed(CommunityError):
    """The study session was cancelled or is over: answers are closed."""


class InvalidCsv(CommunityError):
    """A membership CSV file that cannot be read at all (not one bad row)."""


class BadToken(CommunityError):
    """An unsubscribe link whose signature does not check out."""
