"""The alumni space is fed by the badges app: a completion badge puts its holder there.

End to end: the LMS's CERTIFICATE_CREATED event -> the badges receiver and rule (Celery task,
eager here) -> the completion badge -> ``community_plugin.api.join_alumni`` -> the learner
reads the alumni space. A badge that does not mark completion changes nothing.
"""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache

from community_plugin import api
from community_plugin.badges import api as badges
from community_plugin.badges.models import AwardRule, BadgeClass, Issuer
from community_plugin.models import Membership

from .world import COURSE


@pytest.fixture
def issuer(community_world):
    cache.clear()
    made = Issuer.objects.create(
        slug="dxq-alumni-test",
        name="マナビDX Quest 事務局",
        url="https://dxq.example.jp/",
        email="badges@dxq.example.jp",
    )
    badges.setup_issuer(made)
    yield made
    cache.clear()


def _badge_class(issuer, slug, marks_completion):
    badge_class = BadgeClass.objects.create(
        issuer=issuer,
        slug=slug,
        name_ja="プログラム修了",
        name_en="Program completed",
        description_ja="修了しました。",
        description_en="Completed.",
        criteria_ja="修了証を得ること。",
        criteria_en="Earn the certificate.",
        marks_completion=marks_completion,
    )
    AwardRule.objects.create(badge_class=badge_class, kind=AwardRule.CERTIFICATE, course_key=COURSE)
    return badge_class


def _send_certificate_created(user):
    from opaque_keys.edx.keys import CourseKey
    from openedx_events.learning.data import CertificateData, CourseData, UserData, UserPersonalData
    from openedx_events.learning.signals import CERTIFICATE_CREATED

    return CERTIFICATE_CREATED.send_event(
        certificate=CertificateData(
            user=UserData(
                id=user.pk,
                is_active=True,
                pii=UserPersonalData(username=user.username, email=user.email, name=""),
            ),
            course=CourseData(course_key=CourseKey.from_string(COURSE), display_name="DX"),
            mode="honor",
            grade="0.9",
            download_url="",
            name="",
            current_status="downloadable",
        ),
        time=datetime.now(UTC),
    )


def test_completion_badge_puts_the_learner_in_the_alumni_space(
    community_world, issuer, client, django_capture_on_commit_callbacks
):
    learner = community_world.user("learner")
    _badge_class(issuer, "program-completed", marks_completion=True)
    assert not api.is_member(learner, api.alumni_space())
    with django_capture_on_commit_callbacks(execute=True):
        responses = _send_certificate_created(learner)
    assert [error for _receiver, error in responses if error] == []
    assert badges.awards_of(learner).count() == 1
    alumni = api.alumni_space()
    membership = Membership.objects.get(space=alumni, user=learner)
    assert membership.source == Membership.BADGE
    client.force_login(learner)
    assert "マナビDX Quest 修了生" in client.get("/dxq/community/spaces/").content.decode()
    assert client.get(f"/dxq/community/spaces/{alumni.slug}/").status_code == 200
    # Another learner without the badge still cannot read it.
    client.force_login(community_world.user("outsider"))
    assert client.get(f"/dxq/community/spaces/{alumni.slug}/").status_code == 404


def test_a_badge_that_does_not_mark_completion_leaves_the_alumni_space_alone(
    community_world, issuer, django_capture_on_commit_callbacks
):
    learner = community_world.user("learner")
    _badge_class(issuer, "course-passed", marks_completion=False)
    with django_capture_on_commit_callbacks(execute=True):
        _send_certificate_created(learner)
    assert badges.awards_of(learner).count() == 1
    assert not api.is_member(learner, api.alumni_space())
