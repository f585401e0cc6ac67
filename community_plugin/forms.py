"""Forms of the community pages. Messages are translatable; a failed form keeps what was typed."""

from datetime import datetime

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from . import delivery
from .models.notifications import KIND_CHOICES, NotificationPreference
from .study_sessions import zone


def clean_meeting_url(value):
    """An https:// link or nothing; anything else is refused with an example."""
    url = (value or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["https"])(url)
    except forms.ValidationError:
        raise forms.ValidationError(
            _(
                "Enter a full link that starts with https:// "
                "(for example https://meet.example.jp/abc)."
            )
        ) from None
    return url


class StudySessionForm(forms.Form):
    """A new study session; the date and times are Japan time (stored in UTC)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What you will do"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("Starts (Japan time)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end = forms.TimeField(
        label=_("Ends (Japan time)"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    meeting_url = forms.CharField(
        label=_("Online meeting link"),
        max_length=500,
        required=False,
        help_text=_("An https:// link; only members of the space see it."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("Leave empty for no limit."),
    )

    def clean_meeting_url(self):
        return clean_meeting_url(self.cleaned_data["meeting_url"])

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start") and data.get("end"):
            starts = datetime.combine(data["date"], data["start"], tzinfo=zone())
            ends = datetime.combine(data["date"], data["end"], tzinfo=zone())
            if ends <= starts:
                self.add_error("end", _("The end time must be after the start time."))
            data["starts_at"], data["ends_at"] = starts, ends
        return data


class PreferencesForm(forms.Form):
    """One choice per notification kind: email at once, in the weekly digest, or no email."""

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(KIND_CHOICES)
        names = dict(NotificationPreference.DELIVERY_CHOICES)
        for kind in delivery.KINDS:
            choices = [(value, names[value]) for value in delivery.choices_for(kind)]
            if kind == delivery.DIGEST:
                choices = [
                    (delivery.IMMEDIATE, _("Send me the weekly digest")),
                    (delivery.OFF, _("No digest")),
                ]
            self.fields[kind] = forms.ChoiceField(
                label=labels[kind],
                choices=choices,
                widget=forms.RadioSelect,
                initial=(current or {}).get(kind, delivery.DEFAULTS[kind]),
            )


class MembersCsvForm(forms.Form):
    """Upload a CSV of members for a space (admin)."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: username or email, and optionally role (member or master). "
            "UTF-8 or Shift_JIS."
        ),
    )
