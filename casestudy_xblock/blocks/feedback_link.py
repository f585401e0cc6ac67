"""The "send feedback to the secretariat" link of a block inside the LMS.

Standalone and in the workbench our pages' footer (``dxq/base.html``) carries the link. Inside
the LMS a block renders within Open edX's courseware, where that footer is not: the block shows
the link itself, so the feedback entry is reachable from every page of the suite. The page it
came from is the unit's ``jump_to`` address, which the LMS redirects to the unit. Without the
insights app (no ``dxq_insights:feedback`` URL) there is no link.
"""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from .. import platform


def feedback_url(usage_id, preview=False):
    """The feedback form's URL with this unit as the page it came from, or "" where not needed."""
    if preview or not platform.in_lms():
        return ""
    try:
        url = reverse("dxq_insights:feedback")
    except NoReverseMatch:
        return ""
    course_key = getattr(usage_id, "course_key", None) or getattr(usage_id, "context_key", None)
    if course_key is None:
        return url
    return f"{url}?{urlencode({'from': f'/courses/{course_key}/jump_to/{usage_id}'})}"
