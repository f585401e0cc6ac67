"""Who is using a deliverable block, and may they take part.

- **In the LMS** the ``user`` service gives the Django user id (``edx-platform.user_id``).
- **In xblock-sdk's workbench** the person is the request's signed-in Django user (django-crum,
  as edx-platform also runs it). A workbench student id signed for *another* user
  (``casestudy_xblock.api.workbench_student_id``) is refused, so nobody acts as someone else by
  opening their link.
"""

from django.contrib.auth import get_user_model

from casestudy_xblock import platform
from casestudy_xblock.api import workbench_student_id

from .handlers import HandlerError

WORKBENCH_COURSE = "course-v1:dxq+workbench+demo"


def _attrs(block):
    service = block.runtime.service(block, "user")
    current = service.get_current_user() if service is not None else None
    return getattr(current, "opt_attrs", None) or {}


def in_lms(block):
    return "edx-platform.user_id" in _attrs(block)


def current_user(block):
    """The Django user behind this request, or None (anonymous, or a borrowed student id)."""
    attrs = _attrs(block)
    if "edx-platform.user_id" in attrs:
        if not attrs.get("edx-platform.is_authenticated", True):
            return None
        user_id = attrs.get("edx-platform.user_id")
        return get_user_model().objects.filter(pk=user_id, is_active=True).first()
    from crum import get_current_user

    user = get_current_user()
    if user is None or not user.is_authenticated:
        return None
    student = str(block.scope_ids.user_id or "")
    if ":" in student and student != workbench_student_id(user):
        return None  # a link made for someone else
    return user


def course_key(block):
    key = getattr(block.scope_ids.usage_id, "course_key", None)
    return str(key) if key is not None else WORKBENCH_COURSE


def block_key(block):
    return str(block.scope_ids.usage_id)


def participant(block):
    """The signed-in, enrolled learner, or :class:`HandlerError` (403) saying what is missing."""
    user = current_user(block)
    if user is None:
        raise HandlerError("not_signed_in", 403)
    if not platform.is_enrolled(user, course_key(block)):
        raise HandlerError("not_enrolled", 403)
    return user
