"""Django admin for community spaces: membership (standalone), CSV import, masters, reconcile."""

from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import api
from .errors import InvalidCsv
from .forms import MembersCsvForm
from .models import Attendance, Membership, Notification, Rsvp, Space, StudySession


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "source", "joined"]
    readonly_fields = ["joined"]


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "course_key", "cohort", "created"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "course_key", "cohort"]
    inlines = [MembershipInline]
    actions = ["reconcile_now"]
    change_form_template = "admin/community_plugin/space_change_form.html"

    @admin.action(description=gettext_lazy("Reconcile membership with Open edX now"))
    def reconcile_now(self, request, queryset):
        removed = added = skipped = 0
        for space in queryset:
            report = api.reconcile(space)[space.slug]
            removed += len(report.removed)
            added += len(report.added)
            skipped += bool(report.skipped)
        self.message_user(
            request,
            _("Reconciled: %(added)s added, %(removed)s removed, %(skipped)s spaces managed here.")
            % {"added": added, "removed": removed, "skipped": skipped},
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/import-members/",
                self.admin_site.admin_view(self.import_members),
                name="dxq_community_space_import_members",
            ),
            *super().get_urls(),
        ]

    def import_members(self, request, object_id):
        """Upload a CSV of members: good rows are kept, bad rows listed in the user's language."""
        space = get_object_or_404(Space, pk=object_id)
        if not self.has_change_permission(request, space):
            return redirect("admin:index")
        form = MembersCsvForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                report = api.import_members_csv(
                    space, form.cleaned_data["file"].read(), actor=request.user
                )
            except InvalidCsv as error:
                form.add_error("file", str(error))
            else:
                messages.success(
                    request,
                    _("%(added)s added, %(already)s already members, %(errors)s rows refused.")
                    % {
                        "added": len(report.added),
                        "already": len(report.already),
                        "errors": len(report.errors),
                    },
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": space,
            "form": form,
            "report": report,
            "title": _("Import members from CSV"),
            "back_url": reverse("admin:dxq_community_space_change", args=[space.pk]),
        }
        return render(request, "admin/community_plugin/import_members.html", context)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "space", "role", "source", "joined"]
    list_filter = ["role", "source", "space__kind"]
    search_fields = ["user__username", "user__email", "space__name"]
    raw_id_fields = ["user", "space"]
    actions = ["make_masters", "make_members"]

    @admin.action(description=gettext_lazy("Make community masters"))
    def make_masters(self, request, queryset):
        changed = queryset.update(role=Membership.MASTER)
        self.message_user(request, _("%(count)s community masters set.") % {"count": changed})

    @admin.action(description=gettext_lazy("Make plain members"))
    def make_members(self, request, queryset):
        changed = queryset.update(role=Membership.MEMBER)
        self.message_user(request, _("%(count)s memberships changed.") % {"count": changed})


class RsvpInline(admin.TabularInline):
    model = Rsvp
    extra = 0
    raw_id_fields = ["user"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["user", "marked_by"]


@admin.register(StudySession)
class StudySessionAdmin(admin.ModelAdmin):
    list_display = ["title", "space", "starts_at", "capacity", "cancelled"]
    list_filter = ["cancelled", "space__kind"]
    search_fields = ["title", "space__name"]
    raw_id_fields = ["host", "space"]
    inlines = [RsvpInline, AttendanceInline]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "kind", "created", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "user__username"]
    raw_id_fields = ["user", "actor", "space"]
