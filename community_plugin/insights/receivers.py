"""Signal receivers of community_plugin.insights (listed in apps.py signals_config).

Account retirement: inside the LMS, ``USER_RETIRE_LMS_MISC`` (edx-platform's retirement
pipeline, sent with ``user``) removes or unlinks what insights holds about the person
(:func:`.retirement.retire_user`). The signal lives in edx-platform, which we never import:
:func:`connect_retirement` finds it lazily when the app is ready (nothing to connect standalone).
"""

from casestudy_xblock.platform import lms_attr

DISPATCH_UID = "dxq_insights.retire_user"
_RETIREMENT_SIGNALS = "openedx.core.djangoapps.user_api.accounts.signals"


def handle_user_retirement(sender, user=None, **kwargs):
    if user is None:
        return
    from .retirement import retire_user

    retire_user(user)


def connect_retirement(signal=None):
    """Connect :func:`handle_user_retirement` to the LMS's retirement signal; False outside it."""
    signal = signal if signal is not None else lms_attr(_RETIREMENT_SIGNALS, "USER_RETIRE_LMS_MISC")
    if signal is None:
        return False
    signal.connect(handle_user_retirement, dispatch_uid=DISPATCH_UID)
    return True
