"""BADGE_AWARDED / BADGE_REVOKED go out, after commit, with the award's data."""

from openedx_events.learning.signals import BADGE_AWARDED, BADGE_REVOKED

from community_plugin.badges import api, events


class Recorder:
    def __init__(self):
        self.events = []

    def __call__(self, signal, sender, badge=None, metadata=None, **kwargs):
        self.events.append((metadata.event_type, badge))


def test_awarded_and_revoked_events(badge_class, learner, django_capture_on_commit_callbacks):
    recorder = Recorder()
    BADGE_AWARDED.connect(recorder)
    BADGE_REVOKED.connect(recorder)
    try:
        with django_capture_on_commit_callbacks(execute=False) as pending:
            made = api.award(badge_class, learner, source="manual")
        assert recorder.events == []  # nothing before commit
        for callback in pending:
            callback()
        with django_capture_on_commit_callbacks(execute=True):
            api.award(badge_class, learner, source="manual")  # idempotent: no second event
            api.revoke(made, "取り消し")
            api.revoke(made, "again")  # already revoked: no second event
    finally:
        BADGE_AWARDED.disconnect(recorder)
        BADGE_REVOKED.disconnect(recorder)
    kinds = [kind for kind, _badge in recorder.events]
    assert kinds == [
        "org.openedx.learning.badge.awarded.v1",
        "org.openedx.learning.badge.revoked.v1",
    ]
    badge = recorder.events[0][1]
    assert badge.uuid == str(made.public_id)
    assert badge.user.id == learner.pk
    assert badge.user.pii.username == "hanako"
    assert badge.user.pii.email == learner.email
    assert badge.template.origin == "dxq_badges"
    assert badge.template.name == "ケーススタディ修了"
    assert badge.template.uuid == str(events.template_uuid(badge_class))
    assert badge.template.image_url == badge_class.image_url
    assert recorder.events[1][1].uuid == str(made.public_id)
