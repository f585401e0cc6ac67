"""Django admin of the discussions (operators' last resort; the pages are the everyday tool)."""

from django.contrib import admin

from .models import Escalation, Flag, ModerationLog, Post, Thread


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "space", "kind", "author", "created", "hidden", "pinned", "closed"]
    list_filter = ["kind", "hidden", "pinned", "closed"]
    search_fields = ["title"]
    raw_id_fields = ["author", "accepted_post", "space"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["pk", "thread", "author", "created", "hidden"]
    raw_id_fields = ["author", "thread"]


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["thread", "post", "user", "reason", "created", "resolved"]
    raw_id_fields = ["thread", "post", "user"]


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ["thread", "raised_by", "created", "resolved"]
    raw_id_fields = ["thread", "post", "raised_by", "resolved_by", "space"]


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    list_display = ["created", "space", "thread", "actor", "action", "note"]
    raw_id_fields = ["thread", "post", "actor", "space"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
