"""Template context every DX Quest page can use."""

from . import platform


def user_display_name(request):
    """``dxq_user_name``: how the signed-in person is greeted (family name first in Japanese)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"dxq_user_name": platform.display_name(user)}
