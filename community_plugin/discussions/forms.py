"""Forms of the discussion pages. The services check everything again; forms keep the draft."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from casestudy_xblock import skills as skill_standard

from .models import Flag, Thread


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def skill_choices():
    """DSS-P skill items, grouped by category, named in the page's language."""
    lang = get_language() or "ja"
    groups = []
    for category in skill_standard.categories():
        items = [
            (item.id, f"{item.name(lang)} ({item.id.rsplit('/', 1)[-1]})")
            for item in skill_standard.all()
            if item.id.rsplit("/", 1)[-1].startswith(category.id.rsplit("/", 1)[-1] + "-")
        ]
        if items:
            groups.append((category.name(lang), items))
    return groups


def _attachments_help():
    return _(
        "Up to %(count)s files of at most %(mb)s MB: PNG, JPEG, GIF, PDF, Excel, PowerPoint, "
        "Word, CSV or text."
    ) % {
        "count": settings.DXQ_DISCUSSIONS_MAX_ATTACHMENTS,
        "mb": settings.DXQ_DISCUSSIONS_MAX_ATTACHMENT_BYTES // (1024 * 1024),
    }


class ThreadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Thread.KIND_CHOICES)
    title = forms.CharField(label=_("Title"), max_length=1000)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown. Mention people with @username, everyone with @cohort or @team."),
    )
    skills = forms.MultipleChoiceField(
        label=_("DSS-P skills"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = skill_choices()
        self.fields["attachments"].help_text = _attachments_help()


class EditThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=1000)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    skills = forms.MultipleChoiceField(
        label=_("DSS-P skills"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = skill_choices()


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. Mention people with @username, everyone with @cohort or @team."),
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _attachments_help()


class EditPostForm(forms.Form):
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Flag.REASON_CHOICES)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)
