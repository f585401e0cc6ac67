"""Threads, replies and what people do with them. Private to the package: call :mod:`.api`.

insights computes metrics from these tables with set-based queries: ``created`` is indexed on
Thread and Post, and ``space``, ``thread`` and ``author`` are plain foreign keys.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


def _created():
    """When the row was written; indexed, for lists and insights' counts by period."""
    return models.DateTimeField(_("created"), auto_now_add=True, db_index=True)


class Thread(models.Model):
    """A question, idea, showcase or event in a space; its body is the first post."""

    QUESTION = "question"
    IDEA = "idea"
    SHOWCASE = "showcase"
    EVENT = "event"
    KIND_CHOICES = [
        (QUESTION, _("Question")),
        (IDEA, _("Idea")),
        (SHOWCASE, _("Showcase")),
        (EVENT, _("Event")),
    ]

    space = models.ForeignKey(
        "dxq_community.Space", on_delete=models.CASCADE, related_name="dxq_threads"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES, default=QUESTION)
    title = models.CharField(_("title"), max_length=200)
    body_md = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(_("text (HTML)"), editable=False)
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="dxq_threads")
    created = _created()
    edited = models.DateTimeField(_("edited"), null=True, blank=True)
    last_activity = models.DateTimeField(_("last activity"), auto_now_add=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    closed = models.BooleanField(_("closed"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    accepted_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: When the asker accepted ``accepted_post`` (for "time to an accepted answer").
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    #: DSS-P skill ids (``casestudy_xblock.skills``), e.g. ``["dss-p/v1/DS-1-1"]``.
    skills = models.JSONField(_("skills"), default=list, blank=True)
    #: Visible replies (kept up to date on every write, so lists need no COUNT).
    reply_count = models.PositiveIntegerField(_("replies"), default=0)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            # A space's list for readers (hidden=False): count and order from the index alone.
            models.Index(
                fields=["space", "hidden", "pinned", "last_activity"], name="dxq_thread_list"
            ),
            models.Index(fields=["space", "kind", "created"], name="dxq_thread_kind"),
        ]

    def __str__(self):
        return self.title

    @property
    def answered(self):
        return self.accepted_post_id is not None


class Post(models.Model):
    """A reply in a thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="dxq_posts")
    body_md = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(_("text (HTML)"), editable=False)
    created = _created()
    edited = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        indexes = [models.Index(fields=["thread", "created"], name="dxq_post_thread")]

    def __str__(self):
        return f"#{self.pk} in {self.thread_id}"


def _reply_or_body(related_name):
    """The reply a row is about; empty when it is about the thread's body (the first post)."""
    return models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name=related_name
    )


class Reaction(models.Model):
    """A reaction to a thread's body (``post`` empty) or to a reply."""

    HELPFUL = "helpful"
    LEARNED = "learned"
    SAME_QUESTION = "same_question"
    WORKED = "worked"
    KIND_CHOICES = [
        (HELPFUL, _("Helpful")),
        (LEARNED, _("Learned something")),
        (SAME_QUESTION, _("Same question")),
        (WORKED, _("This worked for me")),
    ]

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reactions")
    post = _reply_or_body(related_name="reactions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="dxq_reactions")
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    created = _created()

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        # Unique also for a thread's body: the service checks first (NULL post ids are distinct).
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "post", "user", "kind"], name="dxq_unique_reaction"
            )
        ]

    def __str__(self):
        return f"{self.kind} by {self.user_id} on {self.thread_id}/{self.post_id}"


class Flag(models.Model):
    """Someone reports a thread or reply; enough open flags hide it until a master reviews it."""

    SPAM = "spam"
    RUDE = "rude"
    OFF_TOPIC = "off_topic"
    PRIVATE = "private"
    OTHER = "other"
    REASON_CHOICES = [
        (SPAM, _("Spam or advertising")),
        (RUDE, _("Rude or harassing")),
        (OFF_TOPIC, _("Off topic")),
        (PRIVATE, _("Shares private or confidential information")),
        (OTHER, _("Something else")),
    ]

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="flags")
    post = _reply_or_body(related_name="flags")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="dxq_flags")
    reason = models.CharField(_("reason"), max_length=16, choices=REASON_CHOICES)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created = _created()
    resolved = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self):
        return f"{self.reason} by {self.user_id} on {self.thread_id}/{self.post_id}"


class EditRevision(models.Model):
    """The text of a thread or reply before an edit (the edit history everyone can read)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="revisions")
    post = _reply_or_body(related_name="revisions")
    editor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200, blank=True)
    body_md = models.TextField(_("text (Markdown)"))
    created = _created()

    class Meta:
        verbose_name = _("edit revision")
        verbose_name_plural = _("edit revisions")
        ordering = ["created", "pk"]

    def __str__(self):
        return f"revision {self.pk} of {self.thread_id}/{self.post_id}"


class Subscription(models.Model):
    """A person follows a thread (told about replies) or mutes it (told about nothing)."""

    FOLLOW = "follow"
    MUTE = "mute"
    STATE_CHOICES = [(FOLLOW, _("Following")), (MUTE, _("Muted"))]

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="dxq_subscriptions")
    state = models.CharField(_("state"), max_length=8, choices=STATE_CHOICES)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="dxq_unique_subscription")
        ]

    def __str__(self):
        return f"{self.user_id} {self.state} {self.thread_id}"


class Attachment(models.Model):
    """A file attached to a thread's body or a reply, checked by its magic bytes."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="attachments")
    post = _reply_or_body(related_name="attachments")
    uploader = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("file"), upload_to="dxq/discussions/%Y/%m/", max_length=200)
    name = models.CharField(_("file name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=8)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    created = _created()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class ModerationLog(models.Model):
    """One moderation action (the audit log): who did what to which thread or reply."""

    ACTION_CHOICES = [
        ("hide", _("Hidden")),
        ("restore", _("Restored")),
        ("auto_hide", _("Hidden automatically after flags")),
        ("dismiss", _("Flags dismissed")),
        ("pin", _("Pinned")),
        ("unpin", _("Unpinned")),
        ("close", _("Closed")),
        ("reopen", _("Reopened")),
        ("move", _("Moved")),
        ("escalate", _("Escalated to operators")),
        ("resolve", _("Escalation resolved")),
    ]

    space = models.ForeignKey("dxq_community.Space", on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="moderation_log")
    post = _reply_or_body(related_name="+")
    actor = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=ACTION_CHOICES)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created = _created()

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.action} {self.thread_id}/{self.post_id}"


class Escalation(models.Model):
    """Something a community master hands to the operators (the operators' queue)."""

    space = models.ForeignKey("dxq_community.Space", on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="escalations")
    post = _reply_or_body(related_name="+")
    raised_by = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=1000)
    created = _created()
    resolved_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolution = models.CharField(_("resolution"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self):
        return f"escalation {self.pk} of {self.thread_id}"


class SearchToken(models.Model):
    """One search token of a thread (title, body and visible replies), filled at write time.

    Hidden threads have no tokens (nobody finds them). ``key`` is a short hash of the token
    (ASCII, so MariaDB's case- and kana-insensitive collations cannot merge different tokens);
    ``space`` is copied from the thread so that a search filters by readable spaces without a
    join; ``weight`` counts occurrences (title ones count more) for ranking.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    space = models.ForeignKey("dxq_community.Space", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=20)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("search token")
        verbose_name_plural = _("search tokens")
        constraints = [
            models.UniqueConstraint(fields=["thread", "key"], name="dxq_unique_thread_token")
        ]
        # Covering index: a search reads only this index (no row lookups).
        indexes = [
            models.Index(fields=["key", "space", "thread", "weight"], name="dxq_token_search")
        ]

    def __str__(self):
        return f"{self.key} in {self.thread_id}"
