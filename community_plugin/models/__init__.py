"""The tables of community_plugin. Private to the package: other packages call :mod:`..api`."""

from .notifications import Notification, NotificationPreference
from .sessions import Attendance, Rsvp, StudySession
from .spaces import Membership, Space

__all__ = [
    "Attendance",
    "Membership",
    "Notification",
    "NotificationPreference",
    "Rsvp",
    "Space",
    "StudySession",
]
