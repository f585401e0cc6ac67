"""Typed errors of community_plugin.discussions. Pure Python: no Django.

Every error carries a message for the person (already translated by the caller's gettext,
or an English msgid translated where it is shown).
"""

__all__ = [
    "DiscussionError",
    "Forbidden",
    "Invalid",
    "NotFound",
    "RateLimited",
]


class DiscussionError(Exception):
    """Base of every error this app raises on purpose."""

    def __init__(self, message="", field=None):
        super().__init__(message)
        self.message = message
        self.field = field

    def shown(self, gettext):
        """The message in the person's language: ``gettext`` (the caller's) translates an
        English msgid and leaves a message translated at raise time as it is. An empty message
        stays empty (``gettext("")`` would give the catalogue's header)."""
        return gettext(str(self.message)) if self.message else ""


class NotFound(DiscussionError):
    """No such thread/post, or one the person may not see (the two are not told apart)."""


class Forbidden(DiscussionError):
    """The person may see it but may not do this."""


class Invalid(DiscussionError):
    """The input is refused (too long, empty, wrong file type...); ``field`` says where."""


class RateLimited(DiscussionError):
    """Too many posts in a short time; the draft must be kept."""
