"""Questions and answers: first response, unanswered, resolution, peer answers, reciprocity,
contributor concentration."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from community_plugin.discussions.models import Post, Thread

from .. import stats
from .base import Metric, staff_ids

#: SQLite accepts at most 32766 parameters in one statement.
_MAX_LISTED_IDS = 30_000


def _first_replies(scope, since, until):
    """[(thread id, kind, created, author, accepted?, first reply time, first replier)] for the
    visible threads created from ``since`` to ``until``; the first reply is the earliest visible
    reply by someone other than the thread's author.

    Two queries: the threads, then the first replies themselves, selected by primary key from
    one correlated subquery per thread (through the ``(thread, created)`` index of posts).
    """
    threads = Thread.objects.filter(
        scope.threads(), hidden=False, created__gte=since, created__lt=until
    ).order_by()
    replies = (
        Post.objects.filter(thread=OuterRef("pk"), hidden=False)
        .exclude(author=OuterRef("author"))
        .order_by("created", "pk")
    )
    rows = list(
        threads.annotate(first=Subquery(replies.values("pk")[:1])).values_list(
            "pk", "kind", "created", "author_id", "accepted_post_id", "first"
        )
    )
    ids = [row[5] for row in rows if row[5] is not None]
    # Primary-key lookups from a list (MariaDB scans every post for "IN (subquery)" here);
    # a list too long for SQLite's parameter limit becomes the subquery again.
    if len(ids) > _MAX_LISTED_IDS:
        ids = threads.annotate(first=Subquery(replies.values("pk")[:1])).values("first")
    first = {
        thread: (created, author)
        for thread, created, author in Post.objects.filter(pk__in=ids)
        .order_by()
        .values_list("thread_id", "created", "author_id")
    }
    return [(*row[:5], *first.get(row[0], (None, None))) for row in rows]


class AnswerFacts:
    """The per-thread facts of a period, fetched once and shared by several metrics."""

    def __init__(self, period, rows, now=None):
        self.now = now or timezone.now()
        since, until = period.since, period.until
        self.rows = [r for r in rows if since <= r[2] < until]
        self.questions = [r for r in self.rows if r[1] == Thread.QUESTION]

    def response_hours(self, rows=None):
        return [
            (first - created).total_seconds() / 3600
            for _pk, _k, created, _a, _acc, first, _by in (self.rows if rows is None else rows)
            if first is not None
        ]

    def unanswered_share(self, hours):
        """Share of questions old enough to tell that had no reply within ``hours``."""
        window = dt.timedelta(hours=hours)
        decidable = [r for r in self.questions if r[2] + window <= self.now]
        late = [r for r in decidable if r[5] is None or r[5] - r[2] > window]
        return stats.share(len(late), len(decidable)), len(late), len(decidable)


def response_metrics(scope, period, now=None):
    previous = period.previous()
    rows = _first_replies(scope, previous.since, period.until)
    facts, before = AnswerFacts(period, rows, now), AnswerFacts(previous, rows, now)
    hours = facts.response_hours()
    buckets = stats.bucket_hours(hours)
    labels = {
        "<1h": _("< 1 hour"),
        "1-4h": _("1–4 hours"),
        "4-24h": _("4–24 hours"),
        ">24h": _("> 24 hours"),
    }
    no_reply = sum(1 for r in facts.rows if r[5] is None)
    first_response = Metric(
        "first_response",
        _("Time to first response (median, hours)"),
        _(
            "For threads started in the period: hours until the first reply by someone other "
            "than the author (median; Discourse reports the same measure as an average)."
        ),
        "hours",
        stats.median(hours),
        stats.median(before.response_hours()),
        chart="bar",
        points=[(labels[k], n) for k, n in buckets] + [(_("No reply yet"), no_reply)],
        headers=[_("Time to first response"), _("Threads")],
        rows=[(labels[k], n) for k, n in buckets] + [(_("No reply yet"), no_reply)],
    )
    metrics = [first_response]
    for hours_window in (24, 72):
        value, late, decidable = facts.unanswered_share(hours_window)
        metrics.append(
            Metric(
                f"unanswered_{hours_window}h",
                _("Unanswered at %(hours)s h") % {"hours": hours_window},
                _(
                    "Questions started in the period with no reply from anyone else within "
                    "%(hours)s hours, among the questions at least %(hours)s hours old."
                )
                % {"hours": hours_window},
                "percent",
                value,
                before.unanswered_share(hours_window)[0],
                chart="bar",
                points=[(_("No reply in time"), late), (_("Answered in time"), decidable - late)],
                headers=[_("Question threads"), _("Count")],
                rows=[(_("No reply in time"), late), (_("Answered in time"), decidable - late)],
            )
        )
    metrics.append(_resolution(facts, before))
    metrics.append(_peer_answers(facts, before))
    return metrics


def _resolution(facts, before):
    def rate(f):
        accepted = sum(1 for r in f.questions if r[4] is not None)
        return stats.share(accepted, len(f.questions)), accepted

    value, accepted = rate(facts)
    return Metric(
        "resolution",
        _("Resolution rate"),
        _("Questions started in the period whose asker accepted an answer."),
        "percent",
        value,
        rate(before)[0],
        chart="bar",
        points=[
            (_("Accepted answer"), accepted),
            (_("Not resolved"), len(facts.questions) - accepted),
        ],
        headers=[_("Question threads"), _("Count")],
        rows=[
            (_("Accepted answer"), accepted),
            (_("Not resolved"), len(facts.questions) - accepted),
        ],
    )


def _peer_answers(facts, before):
    staff = staff_ids()

    def rate(f):
        answered = [r for r in f.questions if r[6] is not None]
        peer = sum(1 for r in answered if r[6] not in staff)
        return stats.share(peer, len(answered)), peer, len(answered) - peer

    value, peer, by_staff = rate(facts)
    return Metric(
        "peer_answers",
        _("Peer-answer rate"),
        _(
            "Questions whose first reply came from a peer (not staff or a course operator), "
            "among the questions that got a reply."
        ),
        "percent",
        value,
        rate(before)[0],
        chart="bar",
        points=[(_("First reply by a peer"), peer), (_("First reply by staff"), by_staff)],
        headers=[_("Question threads"), _("Count")],
        rows=[(_("First reply by a peer"), peer), (_("First reply by staff"), by_staff)],
    )


def people(daily, period):
    """{user id: [visible questions asked, answers to someone else's question]} of the period
    and of the previous one, from the per-day rollups (one query for both)."""
    daily.load_people([period, period.previous()])
    return daily.questions_and_answers(period), daily.questions_and_answers(period.previous())


def reciprocity(people):
    def rate(figures):
        askers = [user for user, (asked, _answered) in figures.items() if asked]
        both = sum(1 for user in askers if figures[user][1])
        return stats.share(both, len(askers)), both, len(askers)

    value, both, askers = rate(people[0])
    return Metric(
        "reciprocity",
        _("Reciprocity"),
        _("Askers in the period who also answered someone else's question in the period."),
        "percent",
        value,
        rate(people[1])[0],
        chart="bar",
        points=[(_("Askers who also answered"), both), (_("Askers who only asked"), askers - both)],
        headers=[_("Askers"), _("Count")],
        rows=[(_("Askers who also answered"), both), (_("Askers who only asked"), askers - both)],
    )


def concentration(people):
    def counts(figures):
        return sorted((answered for _asked, answered in figures.values() if answered), reverse=True)

    now = counts(people[0])
    value = stats.top_share(now)
    top = max(1, -(-len(now) // 10)) if now else 0
    ranked = [(f"#{i}", n) for i, n in enumerate(now[:20], start=1)]
    return Metric(
        "concentration",
        _("Contributor concentration"),
        _(
            "Share of all answers given by the top 10%% of answerers (%(top)s of %(all)s people); "
            "high values mean a few people carry the community."
        )
        % {"top": top, "all": len(now)},
        "percent",
        value,
        stats.top_share(counts(people[1])),
        chart="bar",
        points=ranked,
        headers=[_("Answerer rank"), _("Answers")],
        rows=[(f"#{i}", n) for i, n in enumerate(now, start=1)],
    )
