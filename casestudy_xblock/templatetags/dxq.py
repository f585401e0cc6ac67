"""Template tags shared by every DX Quest page."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name, *args):
    """The URL named ``name``, or "" where the host project has no such page.

    Our pages render inside the LMS and in the standalone project; some links (the portal home,
    the language switch) exist in only one of them.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def workbench_student(context):
    """The signed workbench student id of the signed-in person ("" for visitors), so what they
    do in xblock-sdk's workbench is recorded as theirs."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    from casestudy_xblock.api import workbench_student_id

    return workbench_student_id(user)
