"""The public Python API of community_plugin. Other packages and views call only this.

Spaces and membership (program, course cohort, cohort group, team, alumni), who may read and
moderate them, notifications, study sessions. Models stay private to the package.
"""

import contextlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from casestudy_xblock import roles

from . import platform
from .errors import (  # noqa: F401  (re-exported: callers catch these from api)
    BadToken,
    CommunityError,
    InvalidCsv,
    NotAllowed,
    SessionClosed,
    SessionFull,
)
from .models import Membership, Space

#: Space kinds that belong to learners: company and hub users never see these.
LEARNER_KINDS = (Space.PROGRAM, Space.COURSE, Space.COHORT, Space.ALUMNI)


def _fit_name(name):
    """``name`` cut to what a space's name holds (Open edX names run to 255 characters)."""
    return str(name)[: Space._meta.get_field("name").max_length]


def _slug(prefix, text):
    return (prefix + "-" + slugify(str(text).replace(":", "-").replace("+", "-")))[:120]


def program_space():
    """The program-wide space every learner joins (created on first use)."""
    space, _created = Space.objects.get_or_create(
        slug=settings.DXQ_COMMUNITY_PROGRAM_SPACE_SLUG,
        defaults={"kind": Space.PROGRAM, "name": "マナビDX Quest"},
    )
    return space


def course_space(course_key, name=None):
    """The cohort space of a course (created on first use, named after the course)."""
    course_key = str(course_key)
    space, _created = Space.objects.get_or_create(
        slug=_slug("course", course_key)[:107],
        defaults={
            "kind": Space.COURSE,
            "course_key": course_key,
            "name": _fit_name(name or platform.course_name(course_key)),
        },
    )
    return space


def cohort_space(course_key, cohort_name, course_name=None):
    """The space of one Open edX cohort (group) of a course (created on first use)."""
    course_key = str(course_key)
    parent = course_space(course_key, course_name)
    slug = _slug(parent.slug, "cohort-" + (slugify(cohort_name, allow_unicode=False) or "x"))
    if not slugify(cohort_name):  # Japanese-only names slugify to nothing: keep them apart
        import hashlib

        slug = f"{parent.slug}-cohort-{hashlib.sha256(cohort_name.encode()).hexdigest()[:10]}"
    space, _created = Space.objects.get_or_create(
        slug=slug[:120],
        defaults={
            "kind": Space.COHORT,
            "course_key": course_key,
            "cohort": cohort_name,
            "name": _fit_name(f"{parent.name} / {cohort_name}"),
        },
    )
    return space


def team_space(team_id, name, course_key=""):
    """The space of a learner team (created on first use)."""
    space, _created = Space.objects.get_or_create(
        slug=_slug("team", team_id),
        defaults={
            "kind": Space.TEAM,
            "team_id": str(team_id),
            "course_key": str(course_key),
            "name": _fit_name(name),
        },
    )
    return space


def alumni_space():
    """The alumni space: people who completed the program (created on first use)."""
    space, _created = Space.objects.get_or_create(
        slug=settings.DXQ_COMMUNITY_ALUMNI_SPACE_SLUG,
        defaults={"kind": Space.ALUMNI, "name": "マナビDX Quest 修了生"},
    )
    return space


def space_by_slug(slug):
    """The space called ``slug``, or None."""
    return Space.objects.filter(slug=slug).first()


def _join(space, user_id, source, role=Membership.MEMBER):
    try:
        with transaction.atomic():
            _membership, created = Membership.objects.get_or_create(
                space=space, user_id=user_id, defaults={"source": source, "role": role}
            )
    except IntegrityError:  # a concurrent worker added the same person first
        return False
    return created


def add_member(user_id, space, source=Membership.MANUAL, master=False):
    """Put a person in ``space``; True when they were not there before (idempotent)."""
    created = _join(space, user_id, source, Membership.MASTER if master else Membership.MEMBER)
    if master and not created:
        set_community_master(user_id, space, True)
    return created


def remove_member(user_id, space):
    """Take a person out of ``space``; True when they were there."""
    deleted, _rows = Membership.objects.filter(space=space, user_id=user_id).delete()
    return bool(deleted)


def add_course_member(user_id, course_key, course_name=None):
    """Put an enrolled learner in the course's cohort space and the program space.

    Idempotent: returns the slugs of the spaces the learner newly joined.
    """
    joined = []
    for space in (course_space(course_key, course_name), program_space()):
        if _join(space, user_id, Membership.ENROLLMENT):
            joined.append(space.slug)
    return joined


def remove_course_member(user_id, course_key):
    """The learner left the course: leave its course and cohort spaces (masters stay).

    Only memberships Open edX gave (enrollment, cohort) are removed; returns the slugs left.
    """
    synced = Membership.objects.filter(
        user_id=user_id,
        space__kind__in=[Space.COURSE, Space.COHORT],
        space__course_key=str(course_key),
        source__in=Membership.SYNCED_SOURCES,
        role=Membership.MEMBER,
    )
    slugs = sorted(synced.values_list("space__slug", flat=True))
    Membership.objects.filter(pk__in=list(synced.values_list("pk", flat=True))).delete()
    return slugs


def set_cohort(user_id, course_key, cohort_name, course_name=None):
    """COHORT_MEMBERSHIP_CHANGED: the learner is in ``cohort_name`` now (and no other cohort)."""
    from . import membership

    return membership.set_cohort(user_id, course_key, cohort_name, course_name)


def join_alumni(user_id, source="badge"):
    """Put a person who completed the program in the alumni space; True when newly added."""
    return _join(alumni_space(), user_id, source)


def reconcile(space=None):
    """Bring synced memberships back in line with Open edX (removals emit no event).

    ``space``: one space, or every course, cohort and team space (team spaces are created
    first for the Open edX teams of every course). Returns a report dict per space slug.
    """
    from . import membership

    return membership.reconcile(space)


def sync_team(team_id, name, course_key):
    """An Open edX team changed: its space (created when the course has a space) follows it
    now. Returns the reconcile report, or None when the course has no space."""
    from . import membership

    return membership.sync_team(team_id, name, course_key)


def import_members_csv(space, data, actor=None):
    """Add members to ``space`` from CSV text (standalone); returns a :class:`CsvReport`."""
    from . import membership

    return membership.import_csv(space, data, actor=actor)


def spaces_of(user):
    """The spaces ``user`` belongs to, with member counts, in display order."""
    return list(
        Space.objects.filter(pk__in=Membership.objects.filter(user=user).values("space"))
        .annotate(member_count=Count("memberships"))
        .order_by("kind", "name")
    )


def _roles(user):
    """The user's roles, read once per user object (a request's user lives one request)."""
    found = getattr(user, "_dxq_community_roles", None)
    if found is None:
        found = frozenset(roles.roles_of(user))
        with contextlib.suppress(AttributeError):  # objects without attributes: no cache
            user._dxq_community_roles = found
    return found


def _is_operator(user):
    return bool(_roles(user) & {roles.OPERATOR, roles.ADMINISTRATOR})


def _is_outsider(user):
    """Company and hub users who are not also learners, operators or staff."""
    found = _roles(user)
    return bool(found & {roles.COMPANY, roles.HUB}) and not (
        found & {roles.LEARNER, roles.OPERATOR, roles.ADMINISTRATOR}
    )


def visible_spaces(user):
    """The spaces ``user`` may read, as a queryset.

    Members read their spaces; operators and staff read all; company and hub users read none of
    the learner spaces (a team space they were added to, yes); anonymous people read none.
    """
    if not getattr(user, "is_authenticated", False):
        return Space.objects.none()
    if _is_operator(user):
        return Space.objects.all()
    spaces = Space.objects.filter(pk__in=Membership.objects.filter(user=user).values("space"))
    if _is_outsider(user):
        spaces = spaces.exclude(kind__in=LEARNER_KINDS)
    return spaces


def can_read(user, space):
    """Whether ``user`` may read ``space`` (see :func:`visible_spaces`)."""
    if space is None or not getattr(user, "is_authenticated", False):
        return False
    return visible_spaces(user).filter(pk=space.pk).exists()


def readers_among(space, user_ids):
    """The ids among ``user_ids`` of people who may read ``space`` (as :func:`visible_spaces`).

    Set-based (two or three queries whatever the number of people): notifications use it so
    nobody hears about a space they may not read (a company user added to a learner space, a
    learner who left the course but still follows a thread).
    """
    ids = {int(user_id) for user_id in user_ids}
    if not ids or space is None:
        return set()
    users = get_user_model().objects.filter(pk__in=ids)
    operators = set(
        users.filter(
            Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name=roles.GROUPS[roles.OPERATOR])
        ).values_list("pk", flat=True)
    )
    members = (
        set(
            Membership.objects.filter(space=space, user_id__in=ids).values_list(
                "user_id", flat=True
            )
        )
        - operators
    )
    if members and space.kind in LEARNER_KINDS:
        outsiders = set(
            users.filter(
                pk__in=members,
                groups__name__in=[roles.GROUPS[roles.COMPANY], roles.GROUPS[roles.HUB]],
            )
            .exclude(groups__name=roles.GROUPS[roles.LEARNER])
            .values_list("pk", flat=True)
        )
        members -= outsiders
    return operators | members


def can_moderate(user, space):
    """Community masters of ``space``, operators and staff moderate it."""
    if space is None or not getattr(user, "is_authenticated", False):
        return False
    return _is_operator(user) or is_community_master(user, space)


def is_operator(user):
    """Course operators and staff (they see and run every space)."""
    return getattr(user, "is_authenticated", False) and _is_operator(user)


def is_member(user, space):
    """Whether ``user`` belongs to ``space`` (anonymous people belong nowhere)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(space=space, user=user).exists()


def is_community_master(user, space):
    """Whether ``user`` is a community master (volunteer moderator) of ``space``."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(space=space, user=user, role=Membership.MASTER).exists()


def set_community_master(user_id, space, master=True):
    """Make a member of ``space`` a community master, or a plain member again."""
    return Membership.objects.filter(space=space, user_id=user_id).update(
        role=Membership.MASTER if master else Membership.MEMBER
    )


def members_of(space):
    """The people in ``space`` (a user queryset, by username)."""
    return (
        get_user_model()
        .objects.filter(dxq_memberships__space=space, is_active=True)
        .order_by("username")
    )


def masters_of(space):
    """The community masters of ``space`` (a user queryset)."""
    return members_of(space).filter(dxq_memberships__role=Membership.MASTER)


def mention_targets(space, query="", limit=10):
    """Who can be @mentioned in ``space`` whose handle or name starts with ``query``.

    People (``{"type": "person", "handle": username, "name": display name}``) and the groups of
    the space (``{"type": "group", "handle": "cohort"|"team", "name": ..., "count": n}``).
    """
    query = (query or "").lstrip("@").strip()
    targets = []
    group = _group_handle(space)
    if group and group.startswith(query.lower()):
        targets.append(
            {
                "type": "group",
                "handle": group,
                "name": space.name,
                "count": space.memberships.count(),
            }
        )
    people = members_of(space)
    if query:
        people = people.filter(
            Q(username__istartswith=query)
            | Q(first_name__istartswith=query)
            | Q(last_name__istartswith=query)
        )
    for person in people[:limit]:
        targets.append(
            {"type": "person", "handle": person.username, "name": platform.display_name(person)}
        )
    return targets[:limit]


def _group_handle(space):
    if space.kind in (Space.COURSE, Space.COHORT):
        return "cohort"
    if space.kind == Space.TEAM:
        return "team"
    return None


def resolve_mentions(space, handles):
    """User ids behind @handles in ``space``: people who are members, or the whole group."""
    handles = {str(handle).lstrip("@") for handle in handles}
    ids = set()
    group = _group_handle(space)
    if group and group in handles:
        ids.update(members_of(space).values_list("pk", flat=True))
        handles.discard(group)
    if handles:
        ids.update(members_of(space).filter(username__in=handles).values_list("pk", flat=True))
    return sorted(ids)


def notify(user_ids, *, kind, actor=None, space=None, title, url, text=""):
    """Tell people something happened: in-app rows now, email by Celery per their preferences.

    The actor is never notified of their own act, and with a ``space`` only people who may read
    it are told (:func:`readers_among`). Returns the notifications created.
    """
    from . import notifications

    return notifications.notify(
        user_ids, kind=kind, actor=actor, space=space, title=title, url=url, text=text
    )


def unread_count(user):
    """How many notifications ``user`` has not read yet (0 for anonymous people)."""
    from . import notifications

    return notifications.unread_count(user)


def home_links(user, user_roles):
    """Links this package adds to a person's home page (see conf.portal)."""
    from django.urls import reverse

    if not user.is_authenticated:
        return []
    return [
        {
            "title": _("My community spaces"),
            "text": _("The cohort and program spaces you belong to, and who is in them."),
            "url": reverse("dxq_community:spaces"),
        }
    ]
