"""Django admin for case datasets (read-only: a dataset's file is immutable) and skills
evidence (read-only: blocks record it)."""

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Dataset, SkillEvidence


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    """Operators upload through the upload page; the admin shows what processing found."""

    list_display = ["original_filename", "kind", "status", "size_bytes", "rows", "created"]
    list_filter = ["status", "kind"]
    search_fields = ["original_filename", "sha256"]
    readonly_fields = [
        "sha256",
        "original_filename",
        "kind",
        "encoding",
        "size_bytes",
        "status",
        "error_code",
        "error_message",
        "warnings_display",
        "profile_display",
        "uploaded_by",
        "created",
        "updated",
    ]
    exclude = ["profile", "warnings", "error_params"]

    @admin.display(description=_("rows"))
    def rows(self, obj):
        return (obj.profile or {}).get("row_count")

    @admin.display(description=_("profile"))
    def profile_display(self, obj):
        if not obj.profile:
            return "-"
        text = json.dumps(obj.profile, ensure_ascii=False, indent=2)
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', text)

    @admin.display(description=_("warnings"))
    def warnings_display(self, obj):
        if not obj.warnings:
            return "-"
        return format_html("<pre>{}</pre>", json.dumps(obj.warnings, ensure_ascii=False, indent=2))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SkillEvidence)
class SkillEvidenceAdmin(admin.ModelAdmin):
    """What learners practised, as the case-study blocks recorded it. Rows can be deleted (for
    a learner who asks), not added or changed."""

    list_display = ["skill_id", "user", "anonymous_user_id", "source", "block_usage_id", "created"]
    # A date filter, not date_hierarchy: that one needs MySQL's time-zone tables loaded.
    list_filter = ["source", "created"]
    list_select_related = ["user"]
    search_fields = ["skill_id", "user__username", "anonymous_user_id", "block_usage_id"]
    readonly_fields = [
        "user",
        "anonymous_user_id",
        "skill_id",
        "source",
        "block_usage_id",
        "question_id",
        "created",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
