"""Account retirement in the LMS: edx-platform's ``USER_RETIRE_LMS_MISC`` retires the learner's
peer-review data. The signal module is edx-platform's (two lines: a ``Signal()``), recreated here
under its real import path; our code finds it only through ``platform.retirement_signal``."""

import sys
import types

import pytest
from django.apps import apps
from django.dispatch import Signal

from casestudy_xblock.platform import lms_attr
from deliverable_xblock import api, platform, receivers
from deliverable_xblock.models import Draft, Review
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, scores, submit_all

PATH = "openedx.core.djangoapps.user_api.accounts.signals"


@pytest.fixture
def lms_signals(monkeypatch):
    """edx-platform's accounts signals module, as the LMS defines it."""
    parts = PATH.split(".")
    for depth in range(1, len(parts)):
        monkeypatch.setitem(sys.modules, ".".join(parts[:depth]), types.ModuleType("pkg"))
    module = types.ModuleType(PATH)
    module.USER_RETIRE_MAILINGS = Signal()
    module.USER_RETIRE_LMS_CRITICAL = Signal()
    module.USER_RETIRE_LMS_MISC = Signal()
    monkeypatch.setitem(sys.modules, PATH, module)
    lms_attr.cache_clear()  # LMS look-ups are cached per process
    yield module
    lms_attr.cache_clear()


def test_outside_the_lms_there_is_nothing_to_connect():
    assert platform.retirement_signal() is None
    assert receivers.connect_retirement() is False


def test_the_lms_retirement_signal_retires_peer_review_data(
    lms_signals, deliverable, learners, django_capture_on_commit_callbacks
):
    # The app connects when it is ready, as in the LMS at start-up.
    apps.get_app_config("dxq_deliverable").ready()
    assert lms_signals.USER_RETIRE_LMS_MISC.has_listeners()
    submit_all(learners[:4])
    with django_capture_on_commit_callbacks(execute=True):
        for user in learners[:4]:
            for _ in range(3):
                lease = api.request_review(BLOCK, user)
                api.submit_review(
                    lease.id, user, scores=scores(3), comments=COMMENTS, overall_comment="名前入り"
                )
    api.save_draft(BLOCK, learners[0], "<p>下書き</p>")

    # edx-platform's LMSAccountRetirementView sends it like this.
    lms_signals.USER_RETIRE_LMS_MISC.send(
        sender=object, email="learner001@example.com", new_email="retired@x", user=learners[0]
    )

    assert not Draft.objects.filter(user=learners[0]).exists()
    assert not Review.objects.filter(reviewer=learners[0]).exists()
    assert Review.objects.filter(assignment__reviewer=learners[0], overall_comment="").count() == 3
    assert Review.objects.filter(overall_comment="名前入り").count() == 9  # others keep theirs
    lms_signals.USER_RETIRE_LMS_MISC.disconnect(dispatch_uid=receivers.DISPATCH_UID)
