"""Celery tasks of insights: reply emails, survey reminders and the daily activity rollup."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _


def _absolute(path):
    return settings.DXQ_INSIGHTS_SITE_URL.rstrip("/") + path


def recipient_language(user):
    """The language ``user`` reads email in: the LMS ``pref-lang`` preference (through
    :func:`community_plugin.platform.preferred_language`, as the community's emails do), as one
    of the site's languages; else ``settings.LANGUAGE_CODE``."""
    from community_plugin import platform

    code = str(platform.preferred_language(user) or "").lower().replace("_", "-")
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


def _send(person, language, subject, body):
    message = EmailMessage(
        subject, body, None, [person.email], headers={"Content-Language": language}
    )
    return message.send()


@shared_task(name="dxq_insights.send_feedback_reply")
def send_feedback_reply(item_id):
    """Email the secretariat's reply to the sender (and to senders of merged duplicates), each
    in their own language."""
    from django.urls import reverse

    from .models import FeedbackItem

    item = FeedbackItem.objects.filter(pk=item_id).select_related("author").first()
    if item is None or not item.reply:
        return 0
    people = {item.author} | {d.author for d in item.duplicates.select_related("author")}
    sent = 0
    for person in sorted((p for p in people if p is not None and p.email), key=lambda p: p.pk):
        language = recipient_language(person)
        with translation.override(language):
            subject = _("[DX Quest] A reply to your feedback #%(id)s") % {"id": item.pk}
            body = _(
                "Thank you for your feedback.\n\nStatus: %(status)s\n\n%(reply)s\n\n"
                "All your feedback and our replies: %(url)s\n"
            ) % {
                "status": item.get_status_display(),
                "reply": item.reply,
                "url": _absolute(reverse("dxq_insights:my_feedback")),
            }
        sent += _send(person, language, subject, body)
    return sent


@shared_task(name="dxq_insights.send_survey_reminders")
def send_survey_reminders(survey_id):
    """Email every targeted person who has not answered an open survey, in their language
    (the survey's English title for English readers when it has one)."""
    from django.urls import reverse

    from . import surveys
    from .models import Survey

    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None or not survey.is_open():
        return 0
    url = _absolute(reverse("dxq_insights:answer", args=[survey.token]))
    sent, texts = 0, {}
    for person in surveys.reminder_recipients(survey):
        language = recipient_language(person)
        if language not in texts:
            with translation.override(language):
                title = survey.title
                texts[language] = (
                    _("[DX Quest] Reminder: %(title)s") % {"title": title},
                    _(
                        'We would value your answers to the survey "%(title)s".\n\n'
                        "Answer here: %(url)s\n"
                        "You can save your answers and come back later."
                    )
                    % {"title": title, "url": url},
                )
        sent += _send(person, language, *texts[language])
    Survey.objects.filter(pk=survey.pk).update(last_reminder=timezone.now())
    return sent


@shared_task(name="dxq_insights.remind_open_surveys")
def remind_open_surveys():
    """Beat: remind for every open targeted survey not reminded in the last week."""
    from .models import Survey

    week_ago = timezone.now() - dt.timedelta(days=settings.DXQ_INSIGHTS_REMINDER_DAYS)
    count = 0
    for survey in Survey.objects.exclude(target=Survey.LINK):
        if survey.is_open() and (survey.last_reminder is None or survey.last_reminder < week_ago):
            send_survey_reminders.delay(survey.pk)
            count += 1
    return count


@shared_task(name="dxq_insights.rollup_daily_activity")
def rollup_daily_activity(day=None):
    """Beat: store the daily figures of the program and every space.

    Recomputes the ``DXQ_INSIGHTS_ROLLUP_REFRESH_DAYS`` days ending on ``day`` (default:
    yesterday), so a post backdated or hidden within that window is counted.
    """
    from community_plugin.models import Space

    from .metrics import activity
    from .metrics.base import Scope

    day = dt.date.fromisoformat(day) if day else activity.today() - dt.timedelta(days=1)
    activity.refresh(Scope(None), day)
    for space in Space.objects.all():
        activity.refresh(Scope(space), day)
    return day.isoformat()
