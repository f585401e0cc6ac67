"""Forms of the insights pages (every message translated; a failed form keeps what was typed)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from casestudy_xblock import roles

from . import options
from .models import CompleterCount, CostEntry, FeedbackItem, Question, Survey

MAX_PERIOD_DAYS = 366


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackItem
        fields = ["category", "program", "text", "contact", "page_url"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
            "page_url": forms.TextInput(attrs={"readonly": "readonly"}),
        }
        help_texts = {
            "contact": _(
                "An email address or phone number if you want us to reach you another way."
            ),
            "page_url": _("Filled in from the page you came from."),
        }


def secretariat_users():
    return (
        get_user_model()
        .objects.filter(
            Q(is_staff=True) | Q(groups__name=roles.GROUPS[roles.OPERATOR]), is_active=True
        )
        .distinct()
        .order_by("username")
    )


class TriageForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackItem.STATUS_CHOICES)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=get_user_model().objects.none(), required=False
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Separate tags with commas.")
    )
    duplicate_of = forms.IntegerField(
        label=_("Duplicate of item number"),
        required=False,
        min_value=1,
        help_text=_("Merge this item into an earlier one with the same request."),
    )
    reply = forms.CharField(
        label=_("Reply to the sender"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent by email and shown on the sender's 'My feedback' page."),
    )
    published = forms.BooleanField(label=_("Publish on 'You said, we did'"), required=False)
    public_said = forms.CharField(
        label=_("You said (public summary, no personal details)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    public_did = forms.CharField(
        label=_("We did (what changed and why)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["owner"].queryset = secretariat_users()

    def clean_duplicate_of(self):
        number = self.cleaned_data.get("duplicate_of")
        if not number:
            return None
        original = FeedbackItem.objects.filter(pk=number).first()
        if original is None:
            raise forms.ValidationError(_("There is no feedback item #%(n)s.") % {"n": number})
        if self.item is not None and original.pk == self.item.pk:
            raise forms.ValidationError(_("An item cannot be a duplicate of itself."))
        original = original.duplicate_of or original  # merge into the original (one level)
        if self.item is not None and original.pk == self.item.pk:
            raise forms.ValidationError(
                _("Item #%(n)s is already merged into this one.") % {"n": number}
            )
        return original

    def clean(self):
        data = super().clean()
        if data.get("published"):
            if data.get("status") != FeedbackItem.DONE:
                self.add_error("published", _("Only items that are done can be published."))
            if not data.get("public_said") or not data.get("public_did"):
                self.add_error(
                    "public_did", _("Write both 'You said' and 'We did' before publishing.")
                )
        return data


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title_ja",
            "title_en",
            "intro_ja",
            "intro_en",
            "target",
            "space",
            "anonymous",
            "opens",
            "closes",
        ]
        widgets = {
            "intro_ja": forms.Textarea(attrs={"rows": 3}),
            "intro_en": forms.Textarea(attrs={"rows": 3}),
            "opens": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def clean(self):
        data = super().clean()
        if data.get("target") == Survey.SPACE and not data.get("space"):
            self.add_error("space", _("Choose the space whose members are asked."))
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            self.add_error("closes", _("The survey must close after it opens."))
        return data

    def save(self, commit=True):
        survey = super().save(commit=False)
        if not survey.slug:
            base = slugify(survey.title_en or "") or "survey"
            slug, number = base[:80], 2
            while Survey.objects.filter(slug=slug).exists():
                slug, number = f"{base[:80]}-{number}", number + 1
            survey.slug = slug
        if commit:
            survey.save()
        return survey


class QuestionForm(forms.ModelForm):
    """A question; its options are edited as lines and keep their keys (see :mod:`.options`)."""

    choices_text = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For single and multiple choice: one option a line, as 'Japanese | English'. "
            "You may reorder, add or reword options (one language at a time): answers already "
            "given stay with their option. An option you take off the list keeps its answers "
            "and shows in the results as removed."
        ),
    )

    class Meta:
        model = Question
        fields = ["kind", "text_ja", "text_en", "required", "min_value", "max_value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.removed_options = []
        if self.instance.pk and self.instance.choices:
            self.initial["choices_text"] = "\n".join(
                f"{c.get('ja', '')} | {c.get('en', '')}"
                for c in options.active(self.instance.choices)
            )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        pairs = options.parse(data.get("choices_text"))
        before = list(self.instance.choices or []) if self.instance.pk else []
        if kind in (Question.SINGLE, Question.MULTIPLE):
            if len(pairs) < 2:
                self.add_error("choices_text", _("Give at least two options, one a line."))
            for wording in options.repeated(pairs):
                self.add_error(
                    "choices_text",
                    _("Each option must differ: “%(option)s” is given twice.")
                    % {"option": wording},
                )
            data["choices"] = options.merge(before, pairs)
        else:
            data["choices"] = []
        self.removed_options = options.newly_removed(before, data["choices"])
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The largest number must not be below the smallest."))
        return data

    def save(self, commit=True):
        question = super().save(commit=False)
        question.choices = self.cleaned_data["choices"]
        if commit:
            question.save()
        return question


class CostForm(forms.ModelForm):
    class Meta:
        model = CostEntry
        fields = [
            "category",
            "program",
            "space",
            "period_start",
            "period_end",
            "amount_jpy",
            "note",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].empty_label = _("The whole program")

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its first day."))
        return data


class CompleterForm(forms.ModelForm):
    class Meta:
        model = CompleterCount
        fields = ["period_start", "period_end", "count", "note"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its first day."))
        return data


class PeriodForm(forms.Form):
    """The dashboard's choice: which space (or the program) and which days."""

    space = forms.ChoiceField(label=_("Space"), required=False)
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, spaces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].choices = [("", _("The whole program"))] + [
            (str(s.pk), s.name) for s in spaces
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The period must end on or after its first day."))
            elif (end - start).days + 1 > MAX_PERIOD_DAYS:
                self.add_error("end", _("Choose a period of at most 366 days."))
        return data


def default_period(today):
    """The last 28 days up to ``today``."""
    return today - dt.timedelta(days=27), today
