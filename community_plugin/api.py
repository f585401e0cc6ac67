"""The public Python API of community_plugin. Other packages and views call only this."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import platform
from .models import Membership, Space


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
    slug = "course-" + slugify(course_key.replace(":", "-").replace("+", "-"))[:100]
    space, _created = Space.objects.get_or_create(
        slug=slug,
        defaults={
            "kind": Space.COURSE,
            "course_key": course_key,
            "name": name or platform.course_name(course_key),
        },
    )
    return space


def _join(space, user_id, source):
    try:
        with transaction.atomic():
            _membership, created = Membership.objects.get_or_create(
                space=space, user_id=user_id, defaults={"source": source}
            )
    except IntegrityError:  # a concurrent worker added the same person first
        return False
    return created


def add_course_member(user_id, course_key, course_name=None):
    """Put an enrolled learner in the course's cohort space and the program space.

    Idempotent: returns the slugs of the spaces the learner newly joined.
    """
    joined = []
    for space in (course_space(course_key, course_name), program_space()):
        if _join(space, user_id, Membership.ENROLLMENT):
            joined.append(space.slug)
    return joined


def spaces_of(user):
    """The spaces ``user`` belongs to, with member counts, in display order."""
    from django.db.models import Count

    return list(
        Space.objects.filter(pk__in=Membership.objects.filter(user=user).values("space"))
        .annotate(member_count=Count("memberships"))
        .order_by("kind", "name")
    )


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


def home_links(user, roles):
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
