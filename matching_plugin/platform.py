"""What matching_plugin needs from the LMS, called lazily, with standalone fallbacks."""
from casestudy_xblock.platform import lms_attr

__all__ = ["display_name"]


def display_name(user):
    """The name a person gave in their LMS profile (standalone: Django's full name)."""
    profile_model = lms_attr("common.djangoapps.student.models", "UserProfile")
    if profile_model is not None:
        profile = profile_model.objects.filter(user=user).first()
        if profile and profile.name:
            return profile.name
    return user.get_full_name() or user.username
