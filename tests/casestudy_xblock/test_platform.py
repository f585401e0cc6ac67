"""Outside the LMS, the platform adapter answers from standalone fallbacks."""

from django.contrib.auth.models import AnonymousUser

from casestudy_xblock import platform

COURSE = "course-v1:DXQuest+CS101+2026"


def test_not_in_lms():
    assert platform.in_lms() is False


def test_anonymous_id_is_stable_per_course_and_reveals_nothing(demo_accounts):
    user = demo_accounts["learner1"]
    first = platform.anonymous_id(user, COURSE)
    assert first == platform.anonymous_id(user, COURSE)
    assert first != platform.anonymous_id(user, "course-v1:DXQuest+CS102+2026")
    assert first != platform.anonymous_id(demo_accounts["learner2"], COURSE)
    assert len(first) == 32
    assert user.username not in first


def test_course_name_uses_configured_names(settings):
    settings.DXQ_STANDALONE_COURSE_NAMES = {COURSE: "みどり精密工業のDX"}
    assert platform.course_name(COURSE) == "みどり精密工業のDX"
    assert platform.course_name("course-v1:Other+X+1") == "course-v1:Other+X+1"


def test_enrollment_and_cohort_fallbacks(demo_accounts):
    assert platform.is_enrolled(demo_accounts["learner1"], COURSE) is True
    assert platform.is_enrolled(AnonymousUser(), COURSE) is False
    assert platform.cohort_name(demo_accounts["learner1"], COURSE) is None


def test_lms_attr_is_none_for_missing_modules():
    assert platform.lms_attr("lms.djangoapps.courseware.courses", "get_course") is None
    assert platform.lms_attr("json", "dumps") is not None


def test_display_name_puts_japanese_family_names_first(demo_accounts):
    from django.contrib.auth import get_user_model

    assert platform.display_name(demo_accounts["hub"]) == "高橋 さくら"
    english = get_user_model()(username="ann", first_name="Ann", last_name="Lee")
    assert platform.display_name(english) == "Ann Lee"
    assert platform.display_name(get_user_model()(username="nobody")) == "nobody"
