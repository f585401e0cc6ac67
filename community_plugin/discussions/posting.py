"""Writing: threads, replies, edits, attachments, and who is told about them."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from casestudy_xblock import skills as skill_standard
from casestudy_xblock.text import sanitize_plain
from community_plugin import api as community

from . import access, markup, mentions, notifying, ratelimit, search
from .errors import Forbidden, Invalid
from .files import KINDS, sniff
from .models import Attachment, EditRevision, Post, Subscription, Thread

KINDS_OF_THREAD = {code for code, _label in Thread.KIND_CHOICES}


def clean_skills(ids):
    ids = [str(i) for i in ids or () if str(i).strip()]
    unknown = skill_standard.validate_ids(ids)
    if unknown:
        raise Invalid(
            _("Unknown skill: %(ids)s") % {"ids": ", ".join(map(str, unknown))}, field="skills"
        )
    return list(dict.fromkeys(ids))[:10]


def check_files(files):
    """Read and check uploaded files; return ``[(name, kind, data)]`` or raise :class:`Invalid`."""
    files = list(files or ())
    limit = settings.DXQ_DISCUSSIONS_MAX_ATTACHMENTS
    if len(files) > limit:
        raise Invalid(_("Attach at most %(max)s files.") % {"max": limit}, field="attachments")
    checked = []
    max_bytes = settings.DXQ_DISCUSSIONS_MAX_ATTACHMENT_BYTES
    for upload in files:
        name = sanitize_plain(getattr(upload, "name", "") or "file", 150, single_line=True)
        name = name.replace("/", "_").replace("\\", "_")
        if (getattr(upload, "size", 0) or 0) > max_bytes:
            raise Invalid(
                _("“%(name)s” is too large: files may be at most %(mb)s MB.")
                % {"name": name, "mb": max_bytes // (1024 * 1024)},
                field="attachments",
            )
        data = upload.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise Invalid(
                _("“%(name)s” is too large: files may be at most %(mb)s MB.")
                % {"name": name, "mb": max_bytes // (1024 * 1024)},
                field="attachments",
            )
        kind = sniff(name, data)
        if kind is None:
            raise Invalid(
                _(
                    "“%(name)s” cannot be attached: its type is not allowed or its contents do "
                    "not match its name. Allowed: PNG, JPEG, GIF, PDF, Excel, PowerPoint, Word, "
                    "CSV and text files."
                )
                % {"name": name},
                field="attachments",
            )
        checked.append((name, kind, data))
    return checked


def _store_files(user, thread, post, checked):
    for name, kind, data in checked:
        attachment = Attachment(
            thread=thread,
            post=post,
            uploader=user,
            name=name,
            kind=kind,
            content_type=KINDS[kind].content_type,
            size=len(data),
        )
        attachment.file.save(f"{kind}-{name}"[-120:], ContentFile(data), save=False)
        attachment.save()


def _mentioned_ids(thread, text):
    found = mentions.parse(text)
    if not found:
        return set()
    handles = [*found.usernames, *found.groups]
    return set(community.resolve_mentions(thread.space, handles))


def _muted_ids(thread):
    return set(
        Subscription.objects.filter(thread=thread, state=Subscription.MUTE).values_list(
            "user_id", flat=True
        )
    )


def _follow(user, thread):
    Subscription.objects.get_or_create(
        thread=thread, user=user, defaults={"state": Subscription.FOLLOW}
    )


def _check_can_post(user, space, rate_limited=True):
    if not access.can_read(user, space):
        raise Forbidden(_("You cannot post in this space."))
    if rate_limited and not access.is_operator(user):
        ratelimit.check(user)


def create_thread(user, space, *, kind, title, body, skills=(), files=(), rate_limited=True):
    """Start a thread; every check runs before anything is stored (the draft stays the caller's).

    ``rate_limited=False`` is for loading demo data only.
    """
    _check_can_post(user, space, rate_limited)
    if kind not in KINDS_OF_THREAD:
        raise Invalid(_("Choose what kind of thread this is."), field="kind")
    title = markup.clean_title(title)
    body = markup.clean_body(body)
    skills = clean_skills(skills)
    checked = check_files(files)
    with transaction.atomic():
        thread = Thread.objects.create(
            space=space,
            kind=kind,
            title=title,
            body_md=body,
            body_html=markup.render(body),
            author=user,
            skills=skills,
        )
        _store_files(user, thread, None, checked)
        _follow(user, thread)
        search.index_thread(thread)
    ratelimit.count(user)
    muted = _muted_ids(thread)
    mentioned = _mentioned_ids(thread, body) - muted
    notifying.send(mentioned, kind="mention", actor=user, thread=thread, text=body)
    return thread


def reply(user, thread, *, body, files=(), rate_limited=True):
    """Reply in ``thread`` (not when it is closed)."""
    _check_can_post(user, thread.space, rate_limited)
    if thread.closed and not access.can_moderate(user, thread.space):
        raise Forbidden(_("This thread is closed: no new replies."))
    body = markup.clean_body(body)
    checked = check_files(files)
    with transaction.atomic():
        post = Post.objects.create(
            thread=thread, author=user, body_md=body, body_html=markup.render(body)
        )
        _store_files(user, thread, post, checked)
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_activity=post.created
        )
        thread.refresh_from_db(fields=["reply_count", "last_activity"])
        _follow(user, thread)
        search.index_thread(thread)
    ratelimit.count(user)
    muted = _muted_ids(thread)
    mentioned = _mentioned_ids(thread, body) - muted
    notifying.send(mentioned, kind="mention", actor=user, thread=thread, post=post, text=body)
    if thread.author_id not in muted | mentioned:
        kind = "answer" if thread.kind == Thread.QUESTION else "reply"
        notifying.send(
            [thread.author_id], kind=kind, actor=user, thread=thread, post=post, text=body
        )
    followers = set(
        Subscription.objects.filter(thread=thread, state=Subscription.FOLLOW).values_list(
            "user_id", flat=True
        )
    )
    followers -= mentioned | {thread.author_id}
    notifying.send(followers, kind="reply", actor=user, thread=thread, post=post, text=body)
    return post


def edit_thread(user, thread, *, title, body, skills=None):
    if thread.author_id != user.pk:
        raise Forbidden(_("Only the author can edit this."))
    title = markup.clean_title(title)
    body = markup.clean_body(body)
    skills = thread.skills if skills is None else clean_skills(skills)
    if (title, body, skills) == (thread.title, thread.body_md, thread.skills):
        return thread
    with transaction.atomic():
        EditRevision.objects.create(
            thread=thread, editor=user, title=thread.title, body_md=thread.body_md
        )
        thread.title, thread.body_md, thread.skills = title, body, skills
        thread.body_html = markup.render(body)
        thread.edited = timezone.now()
        thread.save(update_fields=["title", "body_md", "body_html", "skills", "edited"])
        search.index_thread(thread)
    return thread


def edit_post(user, post, *, body):
    if post.author_id != user.pk:
        raise Forbidden(_("Only the author can edit this."))
    body = markup.clean_body(body)
    if body == post.body_md:
        return post
    with transaction.atomic():
        EditRevision.objects.create(
            thread_id=post.thread_id, post=post, editor=user, body_md=post.body_md
        )
        post.body_md, post.body_html, post.edited = body, markup.render(body), timezone.now()
        post.save(update_fields=["body_md", "body_html", "edited"])
        search.index_thread(post.thread)
    return post


def set_subscription(user, thread, state):
    """Follow (``"follow"``), mute (``"mute"``) or neither (``None``) a thread."""
    if state is None:
        Subscription.objects.filter(thread=thread, user=user).delete()
        return None
    if state not in (Subscription.FOLLOW, Subscription.MUTE):
        raise Invalid(_("Unknown choice."), field="state")
    Subscription.objects.update_or_create(thread=thread, user=user, defaults={"state": state})
    return state
