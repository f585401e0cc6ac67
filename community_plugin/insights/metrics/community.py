"""Study sessions, moderation, skill tags, feedback and costs."""

from __future__ import annotations

import importlib

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from community_plugin.discussions.models import Flag
from community_plugin.models import Attendance, Rsvp, StudySession

from .. import stats
from ..models import CompleterCount, CostEntry, FeedbackItem, Visit
from .base import Metric, local_day


def rsvp_attendance(scope, period):
    def sessions(p):
        attended = Attendance.objects.filter(
            session=OuterRef("session"), user=OuterRef("user"), attended=True
        )
        going = Rsvp.objects.filter(
            session__in=StudySession.objects.filter(
                scope.threads(), cancelled=False, starts_at__gte=p.since, starts_at__lt=p.until
            ),
            status=Rsvp.GOING,
        ).annotate(came=Exists(attended))
        return list(
            going.values("session_id", "session__title", "session__starts_at")
            .annotate(going=Count("pk"), came=Count("pk", filter=Q(came=True)))
            .order_by("session__starts_at")
        )

    now = sessions(period)
    going, came = sum(s["going"] for s in now), sum(s["came"] for s in now)
    before = sessions(period.previous())
    return Metric(
        "rsvp_attendance",
        _("Study sessions: RSVP → attendance"),
        _(
            "Of the people who answered 'going' to a session held in the period, "
            "the share who came."
        ),
        "percent",
        stats.share(came, going),
        stats.share(sum(s["came"] for s in before), sum(s["going"] for s in before)),
        chart="bar",
        points=[(s["session__title"], s["came"]) for s in now],
        headers=[_("Session"), _("Going"), _("Came")],
        rows=[(s["session__title"], s["going"], s["came"]) for s in now],
    )


def flags(scope, period, daily):
    def figures(p):
        window = Q(created__gte=p.since, created__lt=p.until)
        contributions = sum(n for _d, n in daily.series("contributions", p))
        flagged = Flag.objects.filter(scope.threads("thread__"), window)
        count = flagged.count()
        hours = [
            (resolved - created).total_seconds() / 3600
            for created, resolved in flagged.filter(resolved__isnull=False).values_list(
                "created", "resolved"
            )
        ]
        return count, contributions, hours

    count, contributions, hours = figures(period)
    b_count, b_contributions, b_hours = figures(period.previous())
    per_100 = 100 * count / contributions if contributions else None
    resolved = len(hours)
    return [
        Metric(
            "flags_per_100",
            _("Flags per 100 posts"),
            _("Flags raised in the period per 100 threads and replies posted in it."),
            "average",
            per_100,
            100 * b_count / b_contributions if b_contributions else None,
            chart="bar",
            points=[(_("Flags"), count), (_("Posts"), contributions)],
            headers=[_("Figure"), _("Count")],
            rows=[(_("Flags"), count), (_("Posts"), contributions)],
        ),
        Metric(
            "flag_resolution",
            _("Flag resolution time (median, hours)"),
            _("Hours from a flag raised in the period to its review by a moderator (median)."),
            "hours",
            stats.median(hours),
            stats.median(b_hours),
            chart="bar",
            points=[(_("Resolved"), resolved), (_("Open"), count - resolved)],
            headers=[_("Flags"), _("Count")],
            rows=[(_("Resolved"), resolved), (_("Open"), count - resolved)],
        ),
    ]


def skill_coverage(period, daily):
    def figures(p):
        total = sum(n for _d, n in daily.series("threads", p))
        return sum(n for _d, n in daily.series("tagged", p)), total

    tagged, total = figures(period)
    b_tagged, b_total = figures(period.previous())
    return Metric(
        "skill_coverage",
        _("Skill-tag coverage"),
        _("Threads started in the period that carry at least one DSS-P skill tag."),
        "percent",
        stats.share(tagged, total),
        stats.share(b_tagged, b_total),
        chart="bar",
        points=[(_("With a skill tag"), tagged), (_("Without"), total - tagged)],
        headers=[_("Threads"), _("Count")],
        rows=[(_("With a skill tag"), tagged), (_("Without"), total - tagged)],
    )


def feedback_counts(period):
    def rows(p):
        return list(
            FeedbackItem.objects.filter(created__gte=p.since, created__lt=p.until)
            .values("program", "category")
            .annotate(n=Count("pk"))
            .order_by("program", "category")
        )

    now = rows(period)
    programs = dict(FeedbackItem._meta.get_field("program").choices)
    categories = dict(FeedbackItem.CATEGORY_CHOICES)
    by_program = {}
    for row in now:
        by_program[row["program"]] = by_program.get(row["program"], 0) + row["n"]
    return Metric(
        "feedback",
        _("Feedback received"),
        _("Feedback items sent in the period, by program and category (the whole program)."),
        "count",
        sum(r["n"] for r in now),
        sum(r["n"] for r in rows(period.previous())),
        chart="bar",
        points=[(str(programs.get(k, k)), n) for k, n in by_program.items()],
        headers=[_("Program"), _("Category"), _("Items")],
        rows=[
            (
                str(programs.get(r["program"], r["program"])),
                str(categories.get(r["category"], r["category"])),
                r["n"],
            )
            for r in now
        ],
    )


def completers(period):
    """(completers in the period, where the figure comes from).

    The badges app is asked first (``community_plugin.badges.api.completion_count(since,
    until)``, when it defines a completion badge); else operator-entered counts, prorated by
    days.
    """
    try:
        badges = importlib.import_module("community_plugin.badges.api")
    except ImportError:
        badges = None
    count_fn = getattr(badges, "completion_count", None)
    if callable(count_fn):
        counted = count_fn(period.since, period.until)
        if counted is not None:  # None: no completion badge is defined
            return counted, "badges"
    entries = CompleterCount.objects.filter(
        period_start__lte=period.end, period_end__gte=period.start
    ).values_list("period_start", "period_end", "count")
    if not entries:
        return None, "none"
    return stats.prorated_cost(entries, period.start, period.end), "operator"


def _cost_entries(scope, period):
    """The cost entries overlapping ``period`` that ``scope`` counts: every entry for the
    program, only the entries recorded against the space for a space."""
    entries = CostEntry.objects.filter(period_start__lte=period.end, period_end__gte=period.start)
    return entries.filter(space=scope.space) if scope.space is not None else entries


def costs(scope, period):
    """Cost per active member and per completer.

    The program counts every cost (program-wide and per space) over everyone active. A space
    counts only the costs recorded against it over its own active members: program-wide costs
    are not shared out among spaces, since no rule for that would be true. Completers are
    counted for the whole program only, so a space shows no cost per completer.
    """
    in_space = scope.space is not None

    def figures(p):
        entries = _cost_entries(scope, p).values_list("period_start", "period_end", "amount_jpy")
        total = stats.prorated_cost(entries, p.start, p.end)
        active = (
            Visit.objects.filter(scope.members(), day__range=(p.start, p.end))
            .values("user")
            .distinct()
            .count()
        )
        done, source = (None, "space") if in_space else completers(p)
        return total, active, done, source

    total, active, done, source = figures(period)
    b_total, b_active, b_done, _b_source = figures(period.previous())
    by_category = dict(CostEntry.CATEGORY_CHOICES)
    merged = {}
    for category, first, last, amount in _cost_entries(scope, period).values_list(
        "category", "period_start", "period_end", "amount_jpy"
    ):
        label = str(by_category.get(category, category))
        merged[label] = merged.get(label, 0) + stats.prorated_cost(
            [(first, last, amount)], period.start, period.end
        )
    sources = {
        "badges": _("completers from the badges app"),
        "operator": _("completers entered by an operator"),
        "none": _("no completer figure for this period: enter one on the costs page"),
    }
    if in_space:
        active_note = _(
            "Only the costs recorded against this space on the costs page, prorated by days, "
            "divided by the space's active members. Program-wide costs are not shared out "
            "among spaces: choose the whole program to see them."
        )
        completer_note = _(
            "Completers are counted for the whole program only: choose the whole program to "
            "see the cost per completer."
        )
    else:
        active_note = completer_note = _(
            "Program-wide costs, including those recorded against a space, prorated by days; "
            "%(source)s."
        ) % {"source": sources[source]}
    return [
        Metric(
            "cost_per_active",
            _("Cost per active community member"),
            _("Costs of the period (yen) divided by the people active in it."),
            "yen",
            total / active if active else None,
            b_total / b_active if b_active else None,
            chart="bar",
            points=sorted(merged.items()),
            headers=[_("Category"), _("Yen")],
            rows=sorted(merged.items()) + [(_("Total"), total), (_("Active members"), active)],
            note=active_note,
        ),
        Metric(
            "cost_per_completer",
            _("Cost per completer"),
            _("Costs of the period (yen) divided by the people who completed the program in it."),
            "yen",
            total / done if done else None,
            b_total / b_done if b_done else None,
            chart="bar",
            points=[(_("Total cost"), total)],
            headers=[_("Figure"), _("Value")],
            rows=[(_("Total"), total), (_("Completers"), done if done is not None else "")],
            note=completer_note,
        ),
    ]


__all__ = ["costs", "feedback_counts", "flags", "local_day", "rsvp_attendance", "skill_coverage"]
