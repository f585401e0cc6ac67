"""Study sessions (勉強会): creating them, RSVPs within capacity, attendance, reminders.

Times are stored in UTC and shown in ``DXQ_COMMUNITY_TIME_ZONE`` (Asia/Tokyo). Community
masters of the space, operators and staff create sessions (members propose them in a thread);
the host or a master takes attendance. The meeting link is shown to members only.
"""

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import api, delivery, ics, platform
from .errors import NotAllowed, SessionClosed, SessionFull
from .models import Attendance, Membership, Rsvp, StudySession

log = logging.getLogger(__name__)

REMINDERS = (("reminded_24h", timedelta(hours=24)), ("reminded_1h", timedelta(hours=1)))


def zone():
    return ZoneInfo(settings.DXQ_COMMUNITY_TIME_ZONE)


def local_time(moment):
    """``moment`` in the community's time zone (Asia/Tokyo)."""
    return timezone.localtime(moment, zone())


def can_create(user, space):
    """Community masters of the space, operators and staff create sessions."""
    return api.can_moderate(user, space)


def can_manage(user, session):
    """The host, community masters of the space, operators and staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    return session.host_id == user.pk or api.can_moderate(user, session.space)


def can_answer(user, session):
    """Members of the space (and operators) answer invitations."""
    return api.is_member(user, session.space) or api.is_operator(user)


def can_see_link(user, session):
    """The online meeting link is for members of the space, and those who run it."""
    return api.is_member(user, session.space) or can_manage(user, session)


def create(space, actor, *, title, starts_at, ends_at, description="", meeting_url="", **extra):
    """A new session in ``space`` (checked: only those who may create)."""
    if not can_create(actor, space):
        raise NotAllowed(_("Only community masters and operators can create study sessions."))
    host = extra.pop("host", None) or actor
    return StudySession.objects.create(
        space=space,
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        meeting_url=meeting_url,
        capacity=extra.pop("capacity", None),
        host=host,
    )


def with_counts(sessions):
    """Annotate a session queryset with going / interested / not-going counts."""
    return sessions.annotate(
        going_count=Count("rsvps", filter=Q(rsvps__status=Rsvp.GOING), distinct=True),
        interested_count=Count("rsvps", filter=Q(rsvps__status=Rsvp.INTERESTED), distinct=True),
        not_going_count=Count("rsvps", filter=Q(rsvps__status=Rsvp.NOT_GOING), distinct=True),
    )


def counts(session):
    """``{"going", "interested", "not_going", "places_left"}`` (places_left None: no limit)."""
    found = dict(session.rsvps.values("status").annotate(n=Count("id")).values_list("status", "n"))
    going = found.get(Rsvp.GOING, 0)
    return {
        "going": going,
        "interested": found.get(Rsvp.INTERESTED, 0),
        "not_going": found.get(Rsvp.NOT_GOING, 0),
        "places_left": None if session.capacity is None else max(0, session.capacity - going),
    }


def upcoming(space, now=None):
    now = now or timezone.now()
    return with_counts(
        StudySession.objects.filter(space=space, ends_at__gte=now).select_related("host")
    ).order_by("starts_at")


def past(space, now=None):
    now = now or timezone.now()
    return with_counts(
        StudySession.objects.filter(space=space, ends_at__lt=now).select_related("host")
    ).order_by("-starts_at")


def answer_of(user, session):
    """The person's current answer, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return session.rsvps.filter(user=user).values_list("status", flat=True).first()


def answer(session, user, status):
    """Record ``user``'s RSVP; :class:`SessionFull` when going would exceed the capacity."""
    if status not in dict(Rsvp.STATUS_CHOICES):
        raise ValueError(status)
    if not can_answer(user, session):
        raise NotAllowed(_("Only members of this space can answer."))
    with transaction.atomic():
        locked = StudySession.objects.select_for_update().get(pk=session.pk)
        if locked.cancelled:
            raise SessionClosed(_("This study session was cancelled."))
        if locked.ends_at < timezone.now():
            raise SessionClosed(_("This study session is over: answers are closed."))
        if status == Rsvp.GOING and locked.capacity is not None:
            others = locked.rsvps.filter(status=Rsvp.GOING).exclude(user=user).count()
            if others >= locked.capacity:
                raise SessionFull(
                    _(
                        "All %(capacity)s places are taken. Answer “Interested” and you will "
                        "see if a place frees up."
                    )
                    % {"capacity": locked.capacity}
                )
        was_going = locked.rsvps.filter(user=user, status=Rsvp.GOING).exists()
        rsvp, _created = Rsvp.objects.update_or_create(
            session=locked, user=user, defaults={"status": status}
        )
        if was_going and status != Rsvp.GOING and locked.capacity is not None:
            going = locked.rsvps.filter(status=Rsvp.GOING).count()
            if going == locked.capacity - 1:  # the session was full: a place just freed up
                _tell_interested(locked, user)
    return rsvp


def _tell_interested(session, actor):
    """Interested people are the waiting list: tell them a place is free (first come)."""
    waiting = session.rsvps.filter(status=Rsvp.INTERESTED).values_list("user_id", flat=True)
    api.notify(
        list(waiting),
        kind=delivery.SESSION_REMINDER,
        actor=actor,
        space=session.space,
        title=_("A place is free: %(title)s") % {"title": session.title},
        url=reverse("dxq_community:session", args=[session.pk]),
    )


def cancel(session, actor):
    """Cancel the session and tell everyone going or interested."""
    if not can_manage(actor, session):
        raise NotAllowed(_("Only the host, community masters and operators can do this."))
    updated = StudySession.objects.filter(pk=session.pk, cancelled=False).update(cancelled=True)
    session.cancelled = True
    if updated:
        people = session.rsvps.filter(status__in=[Rsvp.GOING, Rsvp.INTERESTED]).values_list(
            "user_id", flat=True
        )
        api.notify(
            list(people),
            kind=delivery.SESSION_REMINDER,
            actor=actor,
            space=session.space,
            title=_("Cancelled: %(title)s") % {"title": session.title},
            url=reverse("dxq_community:session", args=[session.pk]),
        )
    return bool(updated)


def take_attendance(session, actor, present_ids):
    """Record who came: ``present_ids`` attended, the other invitees did not."""
    if not can_manage(actor, session):
        raise NotAllowed(_("Only the host, community masters and operators take attendance."))
    if session.starts_at > timezone.now():
        raise SessionClosed(_("Attendance can be taken once the session has started."))
    present = {int(pk) for pk in present_ids}
    members = set(Membership.objects.filter(space=session.space).values_list("user_id", flat=True))
    invited = set(session.rsvps.values_list("user_id", flat=True))
    unknown = present - members
    if unknown:
        raise NotAllowed(_("Only members of the space can be marked present."))
    with transaction.atomic():
        for user_id in sorted(present | invited):
            Attendance.objects.update_or_create(
                session=session,
                user_id=user_id,
                defaults={"attended": user_id in present, "marked_by": actor},
            )
    return len(present)


def attendees(session):
    """Ids of the people marked present."""
    return set(session.attendance.filter(attended=True).values_list("user_id", flat=True))


def invitees(session):
    """Members to list on the attendance form: everyone who answered, then the rest."""
    return api.members_of(session.space)


def ics_text(session):
    """An iCalendar file for the session (the meeting link only goes to members: see views)."""
    url = settings.DXQ_COMMUNITY_SITE_URL.rstrip("/") + reverse(
        "dxq_community:session", args=[session.pk]
    )
    return ics.calendar(
        uid=f"dxq-session-{session.pk}@dxquest",
        title=session.title,
        description=session.description,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        url=url,
        stamp=session.created or timezone.now(),
        location=session.meeting_url,
    )


def create_followup_thread(session, actor):
    """Open the notes thread of the session in discussions (once); returns its id.

    Raises discussions' ``DiscussionError`` kinds (for example a rate limit) with a message for
    the person who asked.
    """
    if session.followup_thread_id:
        return session.followup_thread_id
    from community_plugin.discussions import api as discussions

    title = _("Notes: %(title)s") % {"title": session.title}
    body = _("Share your notes, slides and questions from the study session here.")
    thread_id = discussions.create_thread(
        actor, session.space, kind="event", title=title, body=body
    )
    session.followup_thread_id = thread_id
    session.save(update_fields=["followup_thread_id"])
    return session.followup_thread_id


def send_reminders(now=None):
    """Notify going / interested people of sessions starting within 24 h and within 1 h.

    Each reminder is claimed with a conditional UPDATE first, so two workers never send twice.
    Returns the number of notifications created.
    """
    now = now or timezone.now()
    sent = 0
    for field, ahead in REMINDERS:
        window = StudySession.objects.filter(
            cancelled=False, starts_at__gt=now, starts_at__lte=now + ahead, **{field: None}
        )
        if field == "reminded_24h":
            window = window.filter(starts_at__gt=now + timedelta(hours=1))
        for session in window.select_related("space"):
            claimed = StudySession.objects.filter(pk=session.pk, **{field: None}).update(
                **{field: now}
            )
            if not claimed:
                continue
            people = session.rsvps.filter(status__in=[Rsvp.GOING, Rsvp.INTERESTED]).values_list(
                "user_id", flat=True
            )
            when = local_time(session.starts_at).strftime("%Y-%m-%d %H:%M")
            # The stored title and text are shown as they are: each person's in their language.
            for language, ids in _by_language(people).items():
                with translation.override(language):
                    sent += len(
                        api.notify(
                            ids,
                            kind=delivery.SESSION_REMINDER,
                            space=session.space,
                            title=_("Study session soon: %(title)s") % {"title": session.title},
                            url=reverse("dxq_community:session", args=[session.pk]),
                            text=_("Starts at %(when)s (Japan time).") % {"when": when},
                        )
                    )
    return sent


def _by_language(user_ids):
    """``{language: [user ids]}``: the people grouped by the language they read (``pref-lang``)."""
    groups = {}
    for user in get_user_model().objects.filter(pk__in=list(user_ids)).order_by("pk"):
        groups.setdefault(platform.preferred_language(user), []).append(user.pk)
    return dict(sorted(groups.items()))
