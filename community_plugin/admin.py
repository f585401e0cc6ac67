"""Django admin for community spaces (standalone mode manages membership here)."""

from django.contrib import admin

from .models import Membership, Space


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "course_key", "created"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "course_key"]
    inlines = [MembershipInline]
