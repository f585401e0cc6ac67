"""Admin of peer review: settings, volunteers, standalone teams, gold items, flags, statistics."""

from django.contrib import admin

from .models import (
    DeliverableSettings,
    Escalation,
    Flag,
    PublishedGrade,
    ReviewerStats,
    RubricVersion,
    Submission,
    TeamMembership,
    Volunteer,
)


@admin.register(DeliverableSettings)
class DeliverableSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "block_key",
        "course_key",
        "required_reviews",
        "lease_minutes",
        "target_hours",
        "give_to_get",
        "team_mode",
    )
    list_filter = ("course_key", "team_mode", "give_to_get")
    search_fields = ("block_key", "course_key")


@admin.register(RubricVersion)
class RubricVersionAdmin(admin.ModelAdmin):
    """Read only: a version is immutable; Studio publishes a new one."""

    list_display = ("block_key", "number", "created")
    readonly_fields = ("block_key", "number", "criteria", "digest", "created")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "block_key",
        "author_key",
        "attempt",
        "state",
        "done",
        "need",
        "is_gold",
        "submitted_at",
    )
    list_filter = ("state", "is_gold")
    search_fields = ("block_key", "author_key", "uuid")
    readonly_fields = (
        "uuid",
        "block_key",
        "course_key",
        "author",
        "author_key",
        "attempt",
        "submitted_at",
        "done",
        "first_covered_at",
    )
    fields = readonly_fields + ("state", "need", "is_gold", "expert_scores")


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ("user", "course_key", "active")
    list_filter = ("active",)
    search_fields = ("user__username", "course_key")
    raw_id_fields = ("user",)


@admin.register(TeamMembership)
class TeamMembershipAdmin(admin.ModelAdmin):
    list_display = ("course_key", "team_id", "user")
    list_filter = ("course_key",)
    search_fields = ("team_id", "user__username")
    raw_id_fields = ("user",)


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("id", "review", "reason", "state", "created", "resolved_at")
    list_filter = ("state", "reason")


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ("submission", "kind", "created", "resolved_at", "notified")
    list_filter = ("kind",)


@admin.register(ReviewerStats)
class ReviewerStatsAdmin(admin.ModelAdmin):
    list_display = ("user", "reputation", "reliability", "bias", "helpfulness", "reviews")
    search_fields = ("user__username",)
    readonly_fields = (
        "user",
        "bias",
        "variance",
        "reliability",
        "gold_reviews",
        "reviews",
        "helpfulness",
        "helpfulness_count",
        "reputation",
    )


@admin.register(PublishedGrade)
class PublishedGradeAdmin(admin.ModelAdmin):
    list_display = (
        "submission",
        "points_earned",
        "points_possible",
        "low",
        "high",
        "published_at",
        "lms_sent_at",
    )
    readonly_fields = (
        "submission",
        "points_earned",
        "points_possible",
        "low",
        "high",
        "details",
        "published_at",
        "lms_sent_at",
    )
