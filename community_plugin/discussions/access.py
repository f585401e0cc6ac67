"""Who may read, write and moderate what. Reads spaces only through ``community_plugin.api``."""

import functools

from django.db.models import Q
from django.utils.translation import gettext as _

from casestudy_xblock import roles
from community_plugin import api as community
from community_plugin.models import Membership, Space

from .errors import Forbidden, NotFound
from .models import Post, Thread


def visible_spaces(user):
    """Spaces ``user`` may read (a queryset; empty for anonymous people)."""
    return community.visible_spaces(user)


def can_read(user, space):
    return community.can_read(user, space)


def can_moderate(user, space):
    return community.can_moderate(user, space)


def is_operator(user):
    return bool(community.is_operator(user))


def readable_threads(user):
    """Threads in readable spaces; hidden ones only where ``user`` moderates."""
    return Viewer(user).threads()


def get_thread(user, pk, viewer=None):
    """The thread ``pk`` if ``user`` may read it, else :class:`NotFound`."""
    viewer = viewer or Viewer(user)
    try:
        thread = Thread.objects.select_related("space", "author").get(pk=pk)
    except (Thread.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("No such thread.")) from None
    if not viewer.can_read(thread.space):
        raise NotFound(_("No such thread."))
    if thread.hidden and thread.author_id != user.pk and not viewer.can_moderate(thread.space):
        raise NotFound(_("No such thread."))
    return thread


def get_post(user, pk, viewer=None):
    """The reply ``pk`` if ``user`` may read its thread, else :class:`NotFound`."""
    try:
        post = Post.objects.select_related("thread", "thread__space", "author").get(pk=pk)
    except (Post.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("No such reply.")) from None
    get_thread(user, post.thread_id, viewer)
    return post


def check_moderate(user, space):
    if not can_moderate(user, space):
        raise Forbidden(_("Only community masters and operators can do this."))


class Viewer:
    """What one person may read and moderate, worked out once per request in two queries.

    The rules are community_plugin's (:func:`community_plugin.api.visible_spaces`,
    :func:`~community_plugin.api.can_moderate`); a test checks that both agree for every
    role. Pages build one per request; services keep calling the api (writes are rare).
    """

    def __init__(self, user):
        self.user = user

    @functools.cached_property
    def roles(self):
        return set(roles.roles_of(self.user))

    @functools.cached_property
    def operator(self):
        return bool(self.roles & {roles.OPERATOR, roles.ADMINISTRATOR})

    @functools.cached_property
    def _memberships(self):
        if not getattr(self.user, "is_authenticated", False):
            return {}
        rows = Membership.objects.filter(user=self.user).values_list(
            "space_id", "role", "space__kind"
        )
        return {space_id: (role, kind) for space_id, role, kind in rows}

    @functools.cached_property
    def outsider(self):
        return bool(self.roles & {roles.COMPANY, roles.HUB}) and not (
            self.roles & {roles.LEARNER, roles.OPERATOR, roles.ADMINISTRATOR}
        )

    @functools.cached_property
    def member_ids(self):
        """Ids of the spaces read as a member (operators read every space besides)."""
        return sorted(
            space_id
            for space_id, (_role, kind) in self._memberships.items()
            if not (self.outsider and kind in community.LEARNER_KINDS)
        )

    def spaces(self):
        """Readable spaces, as a queryset."""
        if not getattr(self.user, "is_authenticated", False):
            return Space.objects.none()
        if self.operator:
            return Space.objects.all()
        return Space.objects.filter(pk__in=self.member_ids)

    def threads(self, space_ids=None):
        """Threads of readable spaces (of ``space_ids`` if given) for lists: hidden ones only
        in the spaces the person moderates (authors open theirs by address, not in lists)."""
        threads = Thread.objects.all()
        if space_ids is not None:
            threads = threads.filter(space_id__in=list(space_ids))
        if self.operator:
            return threads
        readable = self.member_ids if space_ids is None else set(space_ids) & set(self.member_ids)
        moderated = set(self.moderated_ids()) & set(readable)
        threads = threads.filter(space_id__in=sorted(readable))
        if not moderated:
            return threads.filter(hidden=False)
        if moderated == set(readable):
            return threads
        return threads.filter(Q(hidden=False) | Q(space_id__in=sorted(moderated)))

    def can_read(self, space):
        return self.operator or space.pk in self.member_ids

    def can_moderate(self, space):
        if not getattr(self.user, "is_authenticated", False):
            return False
        if self.operator:
            return True
        return self._memberships.get(space.pk, (None, None))[0] == Membership.MASTER

    def moderated_ids(self):
        """Ids of the spaces this person moderates (None: every space, for operators)."""
        if self.operator:
            return None
        return [i for i in self.member_ids if self._memberships[i][0] == Membership.MASTER]
