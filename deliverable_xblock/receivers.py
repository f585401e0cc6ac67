"""Signal receivers of deliverable_xblock.

Account retirement: inside the LMS, ``USER_RETIRE_LMS_MISC`` (edx-platform's retirement
pipeline, sent with ``user``) removes the learner's personal data from peer review
(:func:`deliverable_xblock.api.retire_user`). The signal lives in edx-platform, which we never
import: :func:`connect_retirement` finds it lazily through :mod:`.platform` when the app is ready.
"""

from . import platform

DISPATCH_UID = "dxq_deliverable.retire_user"


def handle_user_retirement(sender, user=None, **kwargs):
    """Retire ``user``'s peer-review data (drafts, notices, comments and names on reviews)."""
    if user is None:
        return
    from . import api

    api.retire_user(user)


def connect_retirement(signal=None):
    """Connect :func:`handle_user_retirement` to the LMS's retirement signal; False outside it."""
    signal = signal if signal is not None else platform.retirement_signal()
    if signal is None:
        return False
    signal.connect(handle_user_retirement, dispatch_uid=DISPATCH_UID)
    return True
