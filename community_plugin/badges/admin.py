"""Django admin of the badges app: issuers (keys, rotation), badge classes with their rules,
awarding by hand / CSV / course passers (as a bulk job in Celery), awards (revoke; re-sign with
the current keys, also a bulk job), bulk jobs with their progress.

Every page and action is the admin's: staff only, and each action checks the model permission
it needs (``change`` for issuers and awards, ``add`` on awards to issue).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import api, csv_import, platform
from .admin_forms import AwardForm, BadgeClassAdminForm, IssuerAdminForm, RevokeForm
from .models import Award, AwardRule, BadgeClass, BulkJob, Issuer, IssuerKey


class IssuerKeyInline(admin.TabularInline):
    model = IssuerKey
    extra = 0
    can_delete = False
    fields = ["kind", "key_id", "created", "retired_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    form = IssuerAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "slug", "email", "key_status", "created"]
    search_fields = ["name", "slug"]
    inlines = [IssuerKeyInline]
    actions = ["generate_keys", "rotate_keys"]

    def get_readonly_fields(self, request, obj=None):
        # Ids and the did:web are built from the slug: it cannot change once in use.
        return ["slug"] if obj is not None else []

    @admin.display(description=gettext_lazy("signing keys"))
    def key_status(self, obj):
        active = obj.keys.filter(retired_at__isnull=True).count()
        retired = obj.keys.filter(retired_at__isnull=False).count()
        return _("%(active)d active, %(retired)d retired") % {
            "active": active,
            "retired": retired,
        }

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        created = api.setup_issuer(obj)
        if created:
            self.message_user(request, _("Signing keys (Ed25519 and RSA) were generated."))

    @admin.action(description=gettext_lazy("Generate missing signing keys"), permissions=["change"])
    def generate_keys(self, request, queryset):
        count = sum(len(api.setup_issuer(issuer)) for issuer in queryset)
        self.message_user(
            request, ngettext("%d key generated.", "%d keys generated.", count) % count
        )

    @admin.action(
        description=gettext_lazy("Rotate signing keys (old keys stay published)"),
        permissions=["change"],
    )
    def rotate_keys(self, request, queryset):
        for issuer in queryset:
            api.rotate_keys(issuer)
        self.message_user(
            request,
            _("Keys rotated. Badges signed with the old keys still verify."),
            messages.SUCCESS,
        )


class AwardRuleInline(admin.TabularInline):
    model = AwardRule
    extra = 0
    fields = ["kind", "course_key", "threshold", "active"]


@admin.register(BadgeClass)
class BadgeClassAdmin(admin.ModelAdmin):
    form = BadgeClassAdminForm
    list_display = ["slug", "name_ja", "name_en", "issuer", "active", "award_link"]
    list_filter = ["issuer", "active", "marks_completion"]
    search_fields = ["slug", "name_ja", "name_en"]
    inlines = [AwardRuleInline]
    actions = ["backfill"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.awards.exists():
            return ["slug", "issuer"]  # in every issued credential
        return []

    @admin.display(description=gettext_lazy("award"))
    def award_link(self, obj):
        url = reverse("admin:dxq_badges_badgeclass_award", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Award…"))

    def get_urls(self):
        custom = [
            path(
                "<int:pk>/award/",
                self.admin_site.admin_view(self.award_view),
                name="dxq_badges_badgeclass_award",
            )
        ]
        return custom + super().get_urls()

    @admin.action(
        description=gettext_lazy("Backfill: award everyone who already meets a rule"),
        permissions=["change"],
    )
    def backfill(self, request, queryset):
        from .tasks import backfill_task  # noqa: PLC0415

        for badge_class in queryset:
            backfill_task.delay(badge_class.pk, created_by_id=request.user.pk)
        self.message_user(
            request,
            _(
                "Backfill queued: one bulk issue job per rule with people to award, each "
                "showing its progress here."
            ),
        )
        return redirect(reverse("admin:dxq_badges_bulkjob_changelist"))

    def award_view(self, request, pk):
        """Award by hand (one person, at once), or many (CSV, course passers) as a bulk job."""
        if not request.user.has_perm("dxq_badges.add_award"):
            raise PermissionDenied
        badge_class = get_object_or_404(BadgeClass.objects.select_related("issuer"), pk=pk)
        form = AwardForm(request.POST or None, request.FILES or None)
        row_errors = []
        if request.method == "POST" and form.is_valid():
            row_errors, done = self._award_from_form(request, badge_class, form)
            if done and not row_errors:
                return redirect(self._after_award_url(done))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Award “%(badge)s”") % {"badge": badge_class.name_ja},
            "badge_class": badge_class,
            "form": form,
            "row_errors": row_errors,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/dxq_badges/award_form.html", context)

    def _after_award_url(self, done):
        if isinstance(done, BulkJob):
            return reverse("admin:dxq_badges_bulkjob_change", args=[done.pk])
        return reverse("admin:dxq_badges_award_changelist")

    def _award_from_form(self, request, badge_class, form):
        """Returns ``(row errors, what was done)``; messages tell the rest."""
        data = form.cleaned_data
        values = [
            (number, line.strip())
            for number, line in enumerate(data["recipients"].splitlines(), start=1)
            if line.strip()
        ]
        found = csv_import.resolve(values) if values else csv_import.Recipients([], [])
        errors = list(found.errors)
        users = list(found.users)
        source = Award.SOURCE_MANUAL
        if data.get("csv_file"):
            source = Award.SOURCE_CSV
            try:
                from_file = csv_import.read(data["csv_file"].read())
            except ValueError as error:
                form.add_error("csv_file", str(error))
                return [], None
            errors += from_file.errors
            users += [user for user in from_file.users if user not in users]
        user_ids = [user.pk for user in users]
        if data.get("course_key"):
            passers = platform.course_passer_ids(data["course_key"])
            if passers is None:
                form.add_error("course_key", _("Course grades are only available inside Open edX."))
                return errors, None
            source = Award.SOURCE_BULK
            user_ids += [user_id for user_id in passers if user_id not in user_ids]
        if not user_ids:
            if not errors:
                form.add_error(None, _("Nobody to award."))
            return errors, None
        if len(user_ids) == 1 and source == Award.SOURCE_MANUAL:
            try:
                made = api.award(
                    badge_class,
                    users[0],
                    source=source,
                    evidence_url=data.get("evidence_url") or "",
                    evidence_narrative=data.get("evidence_narrative") or "",
                )
            except api.BadgeRuleError as error:
                form.add_error(None, error.message)
                return errors, None
            self.message_user(
                request, _("Awarded to %(user)s.") % {"user": made.recipient}, messages.SUCCESS
            )
            return errors, made
        job = api.start_bulk_job(
            badge_class,
            user_ids,
            created_by=request.user,
            description=_("%(count)d recipients (%(source)s)")
            % {"count": len(user_ids), "source": source},
            source=source,
            evidence_url=data.get("evidence_url") or "",
            evidence_narrative=data.get("evidence_narrative") or "",
        )
        self.message_user(
            request,
            ngettext(
                "Issuing to %(count)d person in the background.",
                "Issuing to %(count)d people in the background.",
                len(user_ids),
            )
            % {"count": len(user_ids)},
            messages.SUCCESS,
        )
        if errors:
            self.message_user(
                request,
                ngettext(
                    "%(count)d row was skipped (see below); the others are being issued.",
                    "%(count)d rows were skipped (see below); the others are being issued.",
                    len(errors),
                )
                % {"count": len(errors)},
                messages.WARNING,
            )
        return errors, job


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "public_id",
        "badge_class",
        "recipient",
        "issued_on",
        "expires",
        "status",
        "source",
    ]
    list_filter = ["badge_class", "source", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["public_id", "recipient__username", "recipient_email"]
    list_select_related = ["badge_class", "recipient"]
    raw_id_fields = ["recipient"]
    actions = ["revoke", "reissue"]
    fields = [
        "public_id",
        "badge_class",
        "issuer",
        "recipient",
        "recipient_email",
        "salt",
        "issued_on",
        "expires",
        "source",
        "rule",
        "evidence_url",
        "evidence_narrative",
        "public",
        "status_index",
        "language",
        "revoked_at",
        "revocation_reason",
        "credential",
        "credential_jwt",
        "ob2_jws",
        "verify_link",
    ]
    # Everything but the privacy switch is part of what was signed at issue.
    readonly_fields = [name for name in fields if name != "public"]

    def has_add_permission(self, request):
        return False  # awards are issued from a badge class ("Award…"), signed at issue

    @admin.display(description=gettext_lazy("status"))
    def status(self, obj):
        if obj.is_revoked:
            return _("revoked")
        if obj.is_expired:
            return _("expired")
        return _("valid")

    @admin.display(description=gettext_lazy("verification page"))
    def verify_link(self, obj):
        return format_html('<a href="{0}">{0}</a>', obj.verify_url)

    @admin.action(description=gettext_lazy("Revoke selected badges"), permissions=["change"])
    def revoke(self, request, queryset):
        form = RevokeForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            count = 0
            for award_obj in queryset.filter(revoked_at__isnull=True):
                api.revoke(award_obj, form.cleaned_data["reason"])
                count += 1
            self.message_user(
                request,
                ngettext("%d badge revoked.", "%d badges revoked.", count) % count,
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke badges"),
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/dxq_badges/revoke.html", context)

    @admin.action(
        description=gettext_lazy("Re-sign selected badges with the current keys"),
        permissions=["change"],
    )
    def reissue(self, request, queryset):
        """Re-signing is a bulk job per badge class (Celery batches, progress on its page)."""
        jobs = api.start_reissue_jobs(queryset, created_by=request.user)
        count = sum(job.total for job in jobs)
        if not count:
            self.message_user(request, _("Revoked badges are not re-signed."), messages.WARNING)
            return None
        self.message_user(
            request,
            ngettext(
                "Re-signing %(count)d badge in the background.",
                "Re-signing %(count)d badges in the background.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        if len(jobs) == 1:
            return redirect(reverse("admin:dxq_badges_bulkjob_change", args=[jobs[0].pk]))
        return redirect(reverse("admin:dxq_badges_bulkjob_changelist"))


def _error_subject(item: dict) -> str:
    """Whom or what a bulk job error is about: a user id, an award id, or "-" (a whole batch)."""
    if item.get("user_id"):
        return _("user %(id)s") % {"id": item["user_id"]}
    if item.get("award_id"):
        return _("award %(id)s") % {"id": item["award_id"]}
    return "-"


@admin.register(BulkJob)
class BulkJobAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "badge_class",
        "action",
        "description",
        "state",
        "progress",
        "created",
        "finished",
    ]
    list_filter = ["state", "action", "badge_class"]
    readonly_fields = [
        "badge_class",
        "action",
        "created_by",
        "description",
        "source",
        "state",
        "progress",
        "total",
        "done",
        "failed",
        "error_list",
        "created",
        "finished",
    ]
    exclude = ["recipients", "award_ids", "errors", "evidence_url", "evidence_narrative"]
    actions = ["rerun"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, obj):
        return format_html(
            '<progress max="100" value="{0}">{0}%</progress> {1} / {2} ({3})',
            obj.progress_percent,
            obj.done,
            obj.total,
            ngettext("%d failed", "%d failed", obj.failed) % obj.failed,
        )

    @admin.display(description=gettext_lazy("errors"))
    def error_list(self, obj):
        if not obj.errors:
            return "-"
        items = format_html_join(
            "",
            "<li>{}: {}</li>",
            ((_error_subject(item), item.get("error", "")) for item in obj.errors[:200]),
        )
        return format_html("<ul>{}</ul>", items)

    @admin.action(
        description=gettext_lazy("Run again (already issued badges are kept, not doubled)"),
        permissions=["change"],
    )
    def rerun(self, request, queryset):
        from .tasks import start_bulk  # noqa: PLC0415

        for job in queryset:
            BulkJob.objects.filter(pk=job.pk).update(state=BulkJob.QUEUED)
            start_bulk.delay(job.pk)
        self.message_user(request, _("Queued again."))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = BulkJob.objects.filter(pk=object_id).first()
        extra = {**(extra_context or {})}
        extra["auto_refresh"] = job is not None and job.state in (BulkJob.QUEUED, BulkJob.RUNNING)
        return super().change_view(request, object_id, form_url, extra)
