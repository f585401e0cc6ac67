"""DRF serializers of the community API (what the pages show, as JSON)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema_field,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers

from . import delivery, platform
from .models import Notification, Rsvp, Space


class SpaceSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Space
        fields = ["slug", "name", "kind", "course_key", "cohort", "team_id", "member_count", "url"]

    def get_url(self, space) -> str:
        return reverse("dxq_community:space", args=[space.slug])


class SpaceDetailSerializer(SpaceSerializer):
    """A space with what the person asking may do there."""

    is_member = serializers.BooleanField(read_only=True)
    is_master = serializers.BooleanField(read_only=True, help_text="Its community master.")
    can_moderate = serializers.BooleanField(read_only=True)

    class Meta(SpaceSerializer.Meta):
        fields = [*SpaceSerializer.Meta.fields, "is_member", "is_master", "can_moderate"]


class MemberSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField()


class MentionTargetSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["person", "group"])
    handle = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField(required=False)


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    meeting_url = serializers.CharField(max_length=500, required=False, allow_blank=True)
    capacity = serializers.IntegerField(
        min_value=1, max_value=10000, required=False, allow_null=True
    )
    cancelled = serializers.BooleanField(read_only=True)
    host = serializers.CharField(read_only=True)
    counts = serializers.DictField(read_only=True)
    my_answer = serializers.CharField(read_only=True, allow_null=True)
    url = serializers.CharField(read_only=True)

    def validate_meeting_url(self, value):
        from django.core.exceptions import ValidationError

        from .forms import clean_meeting_url

        try:
            return clean_meeting_url(value)
        except ValidationError as error:
            raise serializers.ValidationError(list(error.messages)) from error

    def validate(self, data):
        if data["ends_at"] <= data["starts_at"]:
            raise serializers.ValidationError(
                {"ends_at": [_("The end time must be after the start time.")]}
            )
        return data


def session_data(session, user, counts, my_answer, show_link):
    return {
        "id": session.pk,
        "title": session.title,
        "description": session.description,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "meeting_url": session.meeting_url if show_link else "",
        "capacity": session.capacity,
        "cancelled": session.cancelled,
        "host": platform.display_name(session.host),
        "counts": counts,
        "my_answer": my_answer,
        "url": reverse("dxq_community:session", args=[session.pk]),
    }


class RsvpSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Rsvp.STATUS_CHOICES)


class AttendanceSerializer(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)


class NotificationSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "text", "url", "actor", "space", "created", "read"]

    def get_actor(self, notification) -> str:
        return platform.display_name(notification.actor) if notification.actor else ""

    def get_read(self, notification) -> bool:
        return notification.read_at is not None


@extend_schema_serializer(many=False)  # one page object, not an array
class NotificationPageSerializer(serializers.Serializer):
    """One page of notifications, newest first, with the unread count of them all."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = NotificationSerializer(many=True)
    unread = serializers.IntegerField()


class MarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="Notifications marked read now.")
    unread = serializers.IntegerField(help_text="Unread notifications left.")


@extend_schema_field(
    {"type": "string", "enum": list(delivery.choices_for(delivery.MENTION))},
    component_name="Delivery",  # one named choice set (drf-spectacular would name it per kind)
)
class _DeliveryField(serializers.ChoiceField):
    pass


@extend_schema_field(
    {"type": "string", "enum": list(delivery.choices_for(delivery.DIGEST))},
    component_name="DigestDelivery",
)
class _DigestDeliveryField(serializers.ChoiceField):
    pass


def _preference_fields(required):
    return {
        kind: (_DigestDeliveryField if kind == delivery.DIGEST else _DeliveryField)(
            choices=delivery.choices_for(kind), required=required
        )
        for kind in delivery.KINDS
    }


#: The schema of the preferences (PreferencesSerializer checks them with its own messages):
#: every kind in answers; any of them in a PUT or PATCH.
PREFERENCES_SCHEMA = inline_serializer("Preferences", _preference_fields(True))
PREFERENCES_CHANGE_SCHEMA = inline_serializer("PreferencesChange", _preference_fields(False))


class PreferencesSerializer(serializers.Serializer):
    """``{kind: "immediate" | "digest" | "off"}``; the digest kind takes immediate or off."""

    def to_representation(self, instance):
        return dict(instance)

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(_("Send an object of kind: delivery."))
        errors, clean = {}, {}
        for kind, value in data.items():
            if kind not in delivery.KINDS:
                errors[kind] = [_("Unknown kind of notification.")]
            elif value not in delivery.choices_for(kind):
                errors[kind] = [
                    _("Choose one of: %(choices)s.")
                    % {"choices": ", ".join(delivery.choices_for(kind))}
                ]
            else:
                clean[kind] = value
        if errors:
            raise serializers.ValidationError(errors)
        return clean
