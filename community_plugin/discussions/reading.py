"""Reading: a space's thread list (filtered or searched) and everything a thread page shows."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import get_language

from casestudy_xblock import skills as skill_standard

from . import search
from .models import Attachment, EditRevision, Post, Reaction, SearchToken, Subscription, Thread

KINDS = {code for code, _label in Thread.KIND_CHOICES}


@dataclass
class Filters:
    """What a thread list is narrowed to (unknown values are ignored, never an error)."""

    q: str = ""
    kind: str = ""
    skill: str = ""
    answered: bool | None = None

    @classmethod
    def from_query(cls, params):
        answered = {"yes": True, "no": False}.get(params.get("answered", ""))
        kind = params.get("kind", "")
        return cls(
            q=(params.get("q") or "").strip()[:200],
            kind=kind if kind in KINDS else "",
            skill=(params.get("skill") or "").strip()[:60],
            answered=answered,
        )


def thread_list(viewer, space_ids, filters, page_number=1, page_size=None):
    """A page of threads that ``viewer`` (an :class:`access.Viewer`) may read, in ``space_ids``
    (None: every readable space): searched and ranked when there is a query, else listed
    pinned first, then by last activity."""
    page_size = page_size or settings.DXQ_DISCUSSIONS_PAGE_SIZE
    if filters.q:
        spaces = viewer.spaces()
        if space_ids is not None:
            spaces = spaces.filter(pk__in=list(space_ids))
        ids = search.matching_ids(
            filters.q,
            spaces,
            kind=filters.kind,
            skill=filters.skill,
            answered=filters.answered,
        )
        page = Paginator(ids, page_size).get_page(page_number)
        by_id = Thread.objects.select_related("author", "space").in_bulk(list(page.object_list))
        page.object_list = [by_id[i] for i in page.object_list if i in by_id]
        return page
    threads = viewer.threads(space_ids).select_related("author", "space")
    if filters.kind:
        threads = threads.filter(kind=filters.kind)
    if filters.skill:
        skill_key = search.key(search.skill_token(filters.skill))
        threads = threads.filter(pk__in=SearchToken.objects.filter(key=skill_key).values("thread"))
    if filters.answered is True:
        threads = threads.filter(accepted_post__isnull=False)
    elif filters.answered is False:
        threads = threads.filter(kind=Thread.QUESTION, accepted_post__isnull=True)
    threads = threads.order_by("-pinned", "-last_activity", "-pk")
    return Paginator(threads, page_size).get_page(page_number)


@dataclass
class Target:
    """The thread body or one reply, with what the page shows around it."""

    thread: Thread
    post: Post | None
    counts: dict = field(default_factory=dict)
    mine: set = field(default_factory=set)
    attachments: list = field(default_factory=list)
    revisions: list = field(default_factory=list)

    @property
    def key(self):
        return self.post.pk if self.post else None

    @property
    def author(self):
        return self.post.author if self.post else self.thread.author

    @property
    def hidden(self):
        return self.post.hidden if self.post else self.thread.hidden

    @property
    def reactions(self):
        """``[(kind, label, count, mine)]`` of the reactions this text offers."""
        if self.post is None:
            kinds = [Reaction.HELPFUL, Reaction.LEARNED]
            if self.thread.kind == Thread.QUESTION:
                kinds.append(Reaction.SAME_QUESTION)
        else:
            kinds = [Reaction.HELPFUL, Reaction.LEARNED, Reaction.WORKED]
        labels = dict(Reaction.KIND_CHOICES)
        return [(k, labels[k], self.counts.get(k, 0), k in self.mine) for k in kinds]


def skill_names(ids):
    """``[(id, name in the page's language)]`` of DSS-P skill ids (unknown ids shown as is)."""
    lang = get_language() or "ja"
    found = []
    for skill_id in ids or ():
        node = skill_standard.find(skill_id)
        found.append((skill_id, node.name(lang) if node else skill_id))
    return found


def thread_page(viewer, thread):
    """Everything the thread page shows, in a fixed number of queries."""
    user = viewer.user
    moderator = viewer.can_moderate(thread.space)
    posts = list(Post.objects.filter(thread=thread).select_related("author").order_by("created"))
    targets = {None: Target(thread, None)}
    for post in posts:
        targets[post.pk] = Target(thread, post)
    for row in Reaction.objects.filter(thread=thread).values("post", "kind", "user"):
        target = targets.get(row["post"])
        if target is None:
            continue
        target.counts[row["kind"]] = target.counts.get(row["kind"], 0) + 1
        if row["user"] == user.pk:
            target.mine.add(row["kind"])
    for attachment in Attachment.objects.filter(thread=thread).order_by("pk"):
        if attachment.post_id in targets:
            targets[attachment.post_id].attachments.append(attachment)
    revisions = defaultdict(list)
    for revision in EditRevision.objects.filter(thread=thread).select_related("editor"):
        revisions[revision.post_id].append(revision)
    for key, items in revisions.items():
        if key in targets:
            targets[key].revisions = items
    subscription = (
        Subscription.objects.filter(thread=thread, user=user)
        .values_list("state", flat=True)
        .first()
    )
    replies = [targets[p.pk] for p in posts]
    accepted = targets.get(thread.accepted_post_id) if thread.accepted_post_id else None
    return {
        "thread": thread,
        "skill_names": skill_names(thread.skills),
        "opening": targets[None],
        "replies": replies,
        "accepted": accepted,
        "moderator": moderator,
        "subscription": subscription,
    }
