"""Template context for the header: the unread notification count (the badge)."""


def notifications(request):
    """``dxq_unread_notifications`` for signed-in people (one COUNT query per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .notifications import unread_count

    return {"dxq_unread_notifications": unread_count(user)}
