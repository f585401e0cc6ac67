"""DRF serializers of the discussions API (input checking stays in the services)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from .models import Attachment, EditRevision, Flag, ModerationLog, Post, Reaction, Thread


class DiscussionSpaceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "kind", "content_type", "size", "url"]

    def get_url(self, obj) -> str:
        return reverse("dxq_discussions:attachment", args=[obj.pk])


class ThreadSerializer(serializers.ModelSerializer):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    answered = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Thread
        fields = [
            "id",
            "space",
            "kind",
            "title",
            "body_md",
            "body_html",
            "author",
            "created",
            "edited",
            "last_activity",
            "pinned",
            "closed",
            "hidden",
            "accepted_post",
            "skills",
            "reply_count",
            "answered",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        return reverse("dxq_discussions:thread", args=[obj.pk])


@extend_schema_serializer(many=False)  # the list action's answer, one object and not an array
class ThreadPageSerializer(serializers.Serializer):
    """One page of the thread list (a page number past the end gives the last page)."""

    count = serializers.IntegerField(help_text="Threads on every page together.")
    page = serializers.IntegerField(help_text="This page's number, from 1.")
    pages = serializers.IntegerField(help_text="How many pages there are (at least 1).")
    results = ThreadSerializer(many=True)


class PostSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Post
        fields = [
            "id",
            "thread",
            "author",
            "body_md",
            "body_html",
            "created",
            "edited",
            "hidden",
            "attachments",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.hidden and not self.context.get("moderator"):
            user = self.context.get("request").user if self.context.get("request") else None
            if getattr(user, "pk", None) != instance.author_id:
                data["body_md"] = data["body_html"] = ""
                data["attachments"] = []
        return data


class ThreadCreateSerializer(serializers.Serializer):
    space = serializers.CharField(help_text="Slug of the space.")
    kind = serializers.ChoiceField(choices=Thread.KIND_CHOICES)
    title = serializers.CharField(max_length=1000, allow_blank=True)
    body = serializers.CharField(allow_blank=True)
    skills = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, write_only=True
    )


class ThreadEditSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=1000, allow_blank=True)
    body = serializers.CharField(allow_blank=True)
    skills = serializers.ListField(child=serializers.CharField(), required=False)


class ReplySerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, write_only=True
    )


class PostEditSerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True)


class ReactionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Reaction.KIND_CHOICES)
    post = serializers.IntegerField(required=False, allow_null=True, default=None)


class ReactionResultSerializer(serializers.Serializer):
    active = serializers.BooleanField()


class AcceptSerializer(serializers.Serializer):
    post = serializers.IntegerField(allow_null=True, help_text="Reply id; null withdraws.")


class ThreadSubscriptionSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["follow", "mute", "none"])


class FlagSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Flag.REASON_CHOICES)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    post = serializers.IntegerField(required=False, allow_null=True, default=None)


class FlagResultSerializer(serializers.Serializer):
    hidden = serializers.BooleanField()


class ModerateSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=["hide", "restore", "dismiss", "pin", "unpin", "close", "reopen", "move"]
    )
    post = serializers.IntegerField(required=False, allow_null=True, default=None)
    space = serializers.CharField(required=False, default="", help_text="Target slug of a move.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class EscalateSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)
    post = serializers.IntegerField(required=False, allow_null=True, default=None)


class EscalationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    space = serializers.CharField(source="space.slug")
    thread = serializers.IntegerField(source="thread_id")
    post = serializers.IntegerField(source="post_id", allow_null=True)
    raised_by = serializers.CharField(source="raised_by.username")
    reason = serializers.CharField()
    created = serializers.DateTimeField()


class EscalationResolveSerializer(serializers.Serializer):
    resolution = serializers.CharField(required=False, allow_blank=True, default="")


class FlaggedItemSerializer(serializers.Serializer):
    thread = serializers.IntegerField(source="thread.pk")
    post = serializers.IntegerField(source="post.pk", allow_null=True, default=None)
    count = serializers.IntegerField()
    hidden = serializers.BooleanField()


class ModerationQueueSerializer(serializers.Serializer):
    flagged = FlaggedItemSerializer(many=True)
    escalations = EscalationSerializer(many=True)


class RevisionSerializer(serializers.ModelSerializer):
    editor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = EditRevision
        fields = ["id", "post", "editor", "title", "body_md", "created"]
        read_only_fields = fields


class ModerationLogSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ModerationLog
        fields = ["id", "space", "thread", "post", "actor", "action", "note", "created"]
        read_only_fields = fields


class DiscussionSkillSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    category = serializers.CharField()


class DiscussionMentionSerializer(serializers.Serializer):
    type = serializers.CharField()
    handle = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField(required=False)


class DiscussionErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    field = serializers.CharField(allow_null=True)
