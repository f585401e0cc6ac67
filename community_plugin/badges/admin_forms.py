"""Forms of the badges admin pages (award by hand / CSV, bulk issue, revoke)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from casestudy_xblock import skills

from .image_check import check_image


class AwardForm(forms.Form):
    """Award one badge class to people typed in or listed in a CSV file."""

    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Usernames or email addresses, one per line."),
    )
    csv_file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_("First column: username or email address (UTF-8 or Shift_JIS)."),
    )
    course_key = forms.CharField(
        label=_("Everyone who passed this course"),
        required=False,
        help_text=_("A course key, e.g. course-v1:DXQuest+CS101+2026 (Open edX only)."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence URL"), required=False, max_length=500, assume_scheme="https"
    )
    evidence_narrative = forms.CharField(
        label=_("Evidence narrative"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if not (
            data.get("recipients", "").strip() or data.get("csv_file") or data.get("course_key")
        ):
            raise forms.ValidationError(
                _("Type at least one recipient, upload a CSV file or give a course key.")
            )
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class BadgeClassAdminForm(forms.ModelForm):
    """Checks the DSS-P skill ids, the tags and the image (:mod:`.image_check`)."""

    def clean_skills(self):
        value = self.cleaned_data.get("skills") or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise forms.ValidationError(_("Give a list of DSS-P skill ids."))
        unknown = skills.validate_ids(value)
        if unknown:
            raise forms.ValidationError(
                _("Unknown DSS-P skill ids: %(ids)s") % {"ids": ", ".join(map(str, unknown))}
            )
        return value

    def clean_tags(self):
        value = self.cleaned_data.get("tags") or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise forms.ValidationError(_("Give a list of tags (text)."))
        return value

    def clean_image(self):
        return _checked_image(self.cleaned_data.get("image"))


class IssuerAdminForm(forms.ModelForm):
    """Checks the issuer's image like a badge image (it is shown beside every badge)."""

    def clean_image(self):
        return _checked_image(self.cleaned_data.get("image"))


def _checked_image(image):
    """A newly uploaded image must be a real PNG or SVG a badge can be baked into; an image
    already stored (the form saved again without a new file) is kept as it is."""
    if isinstance(image, UploadedFile):
        check_image(image)
    return image
