"""Who may review without having submitted, and the "please review" notices a person has open.

The coverage task (:mod:`.coverage`) widens the pool to learners who finished their reviews and
to volunteers (alumni and others marked in the admin) and leaves each a :class:`Notification`.
A volunteer has no submission of their own, yet must be able to answer: :func:`may_review`.
The block shows the open notices and marks them read when the person asks for work.
"""

from django.db.models import Q
from django.utils import timezone

from .models import Notification, Volunteer

REVIEW_WANTED = "review_wanted"


def is_volunteer(course_key, user):
    """True when ``user`` is an active volunteer reviewer for the course (or for every course)."""
    if user is None or not getattr(user, "pk", None):
        return False
    return (
        Volunteer.objects.filter(user_id=user.pk, active=True)
        .filter(Q(course_key=str(course_key)) | Q(course_key=""))
        .exists()
    )


def open_invitations(block_key, user):
    """How many unread "a peer's work is waiting for your review" notices ``user`` has here."""
    return Notification.objects.filter(
        user_id=user.pk, block_key=str(block_key), kind=REVIEW_WANTED, read_at__isnull=True
    ).count()


def mark_invitations_read(block_key, user, *, now=None):
    """The person answered (asked for work): their open notices for this block are read."""
    return Notification.objects.filter(
        user_id=user.pk, block_key=str(block_key), kind=REVIEW_WANTED, read_at__isnull=True
    ).update(read_at=now or timezone.now())
