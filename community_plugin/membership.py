"""Keeping space membership in line with Open edX, and standalone CSV imports.

Open edX tells us about enrollments, unenrollments and cohort moves by events, but not about a
removal from a cohort (nor does it resend a lost event): :func:`reconcile` compares synced
memberships with the LMS on a schedule and on demand. Only memberships Open edX owns (source
enrollment / cohort, and team in the space of an Open edX team) are ever removed; community
masters, manual, CSV and badge memberships survive. Open edX teams emit no ``openedx_events``
event: ``team_sync`` follows their membership rows' Django signals and calls :func:`sync_team`,
and the reconcile creates a team space for each team of a course that has a space and keeps
its members in line with the team (anything the signals missed).
"""

import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from . import api, csv_rows, platform
from .errors import InvalidCsv
from .models import Membership, Space

log = logging.getLogger(__name__)


def set_cohort(user_id, course_key, cohort_name, course_name=None):
    """The learner is now in ``cohort_name`` of the course: join its space, leave the others.

    Also joins the course-wide space (a cohort member is enrolled). Returns the joined slug.
    """
    api.add_course_member(user_id, course_key, course_name)
    space = api.cohort_space(course_key, cohort_name, course_name)
    with transaction.atomic():
        Membership.objects.filter(
            user_id=user_id,
            space__kind=Space.COHORT,
            space__course_key=str(course_key),
            source=Membership.COHORT,
            role=Membership.MEMBER,
        ).exclude(space=space).delete()
        api._join(space, user_id, Membership.COHORT)
    return space.slug


@dataclass
class ReconcileReport:
    """What a reconcile run did in one space."""

    slug: str
    removed: list = field(default_factory=list)
    added: list = field(default_factory=list)
    skipped: str = ""


def _synced(space):
    return Membership.objects.filter(
        space=space, source__in=Membership.SYNCED_SOURCES, role=Membership.MEMBER
    )


def _reconcile_course(space):
    report = ReconcileReport(space.slug)
    enrolled = platform.active_enrolled_user_ids(space.course_key)
    if enrolled is None:
        report.skipped = "standalone"
        return report
    current = set(_synced(space).values_list("user_id", flat=True))
    report.removed = sorted(current - enrolled)
    _synced(space).filter(user_id__in=report.removed).delete()
    for user_id in sorted(enrolled - set(space.memberships.values_list("user_id", flat=True))):
        if api._join(space, user_id, Membership.ENROLLMENT):
            report.added.append(user_id)
    return report


def _reconcile_cohort(space):
    report = ReconcileReport(space.slug)
    cohort_members = platform.cohort_member_ids(space.course_key, space.cohort)
    if cohort_members is None:
        report.skipped = "standalone"
        return report
    current = set(_synced(space).values_list("user_id", flat=True))
    report.removed = sorted(current - cohort_members)
    _synced(space).filter(user_id__in=report.removed).delete()
    for user_id in sorted(
        cohort_members - set(space.memberships.values_list("user_id", flat=True))
    ):
        if api._join(space, user_id, Membership.COHORT):
            report.added.append(user_id)
    return report


def _lms_teams(course_key, cache):
    """``{team_id: name}`` of the course's Open edX teams (None standalone), looked up once."""
    if course_key not in cache:
        teams = platform.course_teams(course_key) if course_key else None
        cache[course_key] = None if teams is None else dict(teams)
    return cache[course_key]


def _reconcile_team(space, teams_cache):
    report = ReconcileReport(space.slug)
    teams = _lms_teams(space.course_key, teams_cache)
    if teams is None:
        report.skipped = "standalone"
        return report
    if space.team_id not in teams:  # a team of our own (CSV, admin), or gone from Open edX
        report.skipped = "not an Open edX team"
        return report
    team_members = platform.team_member_ids(space.team_id) or set()
    synced = Membership.objects.filter(space=space, source=Membership.TEAM, role=Membership.MEMBER)
    current = set(synced.values_list("user_id", flat=True))
    report.removed = sorted(current - team_members)
    synced.filter(user_id__in=report.removed).delete()
    for user_id in sorted(team_members - set(space.memberships.values_list("user_id", flat=True))):
        if api._join(space, user_id, Membership.TEAM):
            report.added.append(user_id)
    return report


def _open_edx_team_space(team_id, name, course_key):
    """The space of an Open edX team, renamed when the team was renamed there."""
    space = api.team_space(team_id, name, course_key)
    fitted = api._fit_name(name)
    if name and space.name != fitted:
        Space.objects.filter(pk=space.pk).update(name=fitted)
        space.name = fitted
    return space


def _open_edx_team_spaces(teams_cache):
    """Create (or rename) the team spaces of the Open edX teams of every course with a space."""
    course_keys = (
        Space.objects.filter(kind=Space.COURSE)
        .exclude(course_key="")
        .values_list("course_key", flat=True)
        .distinct()
    )
    for course_key in sorted(course_keys):
        for team_id, name in sorted((_lms_teams(course_key, teams_cache) or {}).items()):
            _open_edx_team_space(team_id, name, course_key)


def sync_team(team_id, name, course_key):
    """One Open edX team changed (``team_sync``): its space, created when its course has a
    space, follows the team now. Returns the report, or None when the course has no space."""
    if not Space.objects.filter(kind=Space.COURSE, course_key=str(course_key)).exists():
        return None
    space = _open_edx_team_space(team_id, name, course_key)
    report = _reconcile_team(space, {})
    if report.removed or report.added:
        log.info("team %s changed: +%s -%s", space.slug, report.added, report.removed)
    return report


def reconcile(space=None):
    """Reconcile one space, or every course, cohort and team space; returns reports by slug.

    Without ``space``, team spaces are first created for the Open edX teams of every course.
    """
    teams_cache = {}
    if space is not None:
        spaces = [space]
    else:
        _open_edx_team_spaces(teams_cache)
        spaces = Space.objects.filter(kind__in=[Space.COURSE, Space.COHORT, Space.TEAM]).order_by(
            "pk"
        )
    reports = {}
    for each in spaces:
        if each.kind == Space.COURSE:
            reports[each.slug] = _reconcile_course(each)
        elif each.kind == Space.COHORT:
            reports[each.slug] = _reconcile_cohort(each)
        elif each.kind == Space.TEAM:
            reports[each.slug] = _reconcile_team(each, teams_cache)
        else:
            reports[each.slug] = ReconcileReport(each.slug, skipped="not synced")
        report = reports[each.slug]
        if report.removed or report.added:
            log.info("reconciled %s: +%s -%s", each.slug, report.added, report.removed)
    return reports


@dataclass
class CsvReport:
    """What a CSV import did: people added, masters set, and refused rows in words."""

    added: list = field(default_factory=list)
    already: list = field(default_factory=list)
    masters: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _problem_text(problem):
    messages = {
        "no_identity": _("Line %(line)s: give a username or an email address."),
        "bad_role": _(
            "Line %(line)s: unknown role “%(value)s” (use member or master, "
            "メンバー or コミュニティマスター)."
        ),
        "bad_email": _("Line %(line)s: “%(value)s” is not an email address."),
        "no_user": _("Line %(line)s: no account “%(value)s” exists."),
        "ambiguous": _("Line %(line)s: several accounts use the email address “%(value)s”."),
    }
    return messages[problem.code] % {"line": problem.line, "value": problem.value}


def import_csv(space, data, actor=None):
    """Add the people listed in a CSV file to ``space``; bad rows are reported, good rows kept."""
    from django.conf import settings

    if isinstance(data, bytes) and len(data) > settings.DXQ_COMMUNITY_CSV_MAX_BYTES:
        raise InvalidCsv(_("The file is too large (at most 1 MB)."))
    text = csv_rows.decode(data)
    if text is None:
        raise InvalidCsv(_("The file is not text in UTF-8 or Shift_JIS."))
    try:
        parsed = csv_rows.parse(text)
    except (ValueError, csv_rows.csv.Error) as error:
        raise InvalidCsv(
            _("The first line must name the columns: username or email, and optionally role.")
        ) from error
    problems = list(parsed.problems)
    report = CsvReport()
    users = get_user_model().objects.filter(is_active=True)
    for row in parsed.rows:
        if row.username:
            found = list(users.filter(username=row.username)[:2])
            value = row.username
        else:
            found = list(users.filter(email__iexact=row.email)[:2])
            value = row.email
        if not found:
            problems.append(csv_rows.CsvProblem(row.line, "no_user", value))
            continue
        if len(found) > 1:
            problems.append(csv_rows.CsvProblem(row.line, "ambiguous", value))
            continue
        user = found[0]
        master = row.role == "master"
        if api.add_member(user.pk, space, Membership.CSV, master=master):
            report.added.append(user.username)
        else:
            report.already.append(user.username)
        if master:
            report.masters.append(user.username)
    report.errors = [_problem_text(p) for p in sorted(problems, key=lambda p: p.line)]
    log.info("CSV import into %s by %s: %s", space.slug, actor, report)
    return report
