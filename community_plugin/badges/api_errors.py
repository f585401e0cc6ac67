"""Typed errors of the badges API (:mod:`.api`). Each carries a message for people, translated
in the language active when it was raised (Japanese first)."""

from django.utils.translation import gettext as _


class BadgeApiError(Exception):
    """Base of every error :mod:`.api` raises on purpose."""

    def __init__(self, message: str = ""):
        self.message = message or self.default_message()
        super().__init__(self.message)

    def default_message(self) -> str:
        return _("The badge request could not be completed.")


class AwardNotFound(BadgeApiError):
    """No award with that public id (or it is private and the caller may not see it)."""

    def default_message(self) -> str:
        return _("This badge does not exist or is not public.")


class NotAllowed(BadgeApiError):
    """The caller may not do this to this award or badge class."""

    def default_message(self) -> str:
        return _("You are not allowed to do this.")


class BadgeRuleError(BadgeApiError):
    """A badge cannot be awarded as asked (inactive class, issuer without keys, no email...)."""

    def default_message(self) -> str:
        return _("This badge cannot be awarded.")


class IssuerNotReady(BadgeRuleError):
    """The issuer has no active signing keys yet (set it up in admin first)."""

    def default_message(self) -> str:
        return _("The issuer has no signing keys yet. Generate its keys in the admin first.")
