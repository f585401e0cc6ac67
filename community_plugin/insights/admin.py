"""Django admin for insights (anonymous survey responses are listed without any person)."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from .models import CompleterCount, CostEntry, FeedbackItem, Question, Survey
from .models.surveys import ANSWERED_NOT_DELETED


@admin.register(FeedbackItem)
class FeedbackItemAdmin(admin.ModelAdmin):
    list_display = ("pk", "created", "program", "category", "status", "owner", "published")
    list_filter = ("status", "program", "category", "published")
    search_fields = ("text", "public_said", "public_did")
    raw_id_fields = ("author", "owner", "duplicate_of")


class QuestionFormSet(BaseInlineFormSet):
    """Refuses to delete a question that has answers (it would vanish from the results)."""

    def clean(self):
        super().clean()
        if any(form.instance.has_answers() for form in self.deleted_forms):
            raise ValidationError(ANSWERED_NOT_DELETED)


class QuestionInline(admin.StackedInline):
    model = Question
    formset = QuestionFormSet
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("title_ja", "target", "anonymous", "opens", "closes")
    inlines = [QuestionInline]
    raw_id_fields = ("space", "created_by")


@admin.register(CostEntry)
class CostEntryAdmin(admin.ModelAdmin):
    list_display = ("category", "program", "space", "period_start", "period_end", "amount_jpy")
    list_filter = ("category", "program")
    raw_id_fields = ("space",)


admin.site.register(CompleterCount)
