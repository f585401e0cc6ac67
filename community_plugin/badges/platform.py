"""What the badges app needs from the LMS, looked up lazily, with standalone fallbacks.

No edx-platform import at module level (import-linter enforces it). Outside the LMS there are
no course grades or certificates: the functions answer "none" and the docs say so.
"""

from __future__ import annotations

from casestudy_xblock.platform import lms_attr

PREFERENCE_LANGUAGE = "pref-lang"


def user_language(user) -> str:
    """``"en"`` or ``"ja"``: the learner's language preference in the LMS; Japanese otherwise."""
    get_preference = lms_attr(
        "openedx.core.djangoapps.user_api.preferences.api", "get_user_preference"
    )
    value = None
    if get_preference is not None:
        try:
            value = get_preference(user, PREFERENCE_LANGUAGE)
        except Exception:  # noqa: BLE001 - a missing preference must never stop an award
            value = None
    return "en" if (value or "").lower().startswith("en") else "ja"


def course_passer_ids(course_key: str) -> list[int] | None:
    """Ids of users who passed ``course_key`` (persistent grades with a pass date); ``None``
    standalone, where there are no course grades."""
    grade_model = lms_attr("lms.djangoapps.grades.models", "PersistentCourseGrade")
    if grade_model is None:
        return None
    from opaque_keys.edx.keys import CourseKey  # noqa: PLC0415

    rows = grade_model.objects.filter(
        course_id=CourseKey.from_string(str(course_key)), passed_timestamp__isnull=False
    )
    return sorted(set(rows.values_list("user_id", flat=True)))


def certificate_holder_ids(course_key: str | None = None) -> list[tuple[int, str]] | None:
    """``(user id, course key)`` of downloadable certificates (of one course when given);
    ``None`` standalone."""
    certificate_model = lms_attr("lms.djangoapps.certificates.models", "GeneratedCertificate")
    if certificate_model is None:
        return None
    rows = certificate_model.objects.filter(status="downloadable")
    if course_key:
        from opaque_keys.edx.keys import CourseKey  # noqa: PLC0415

        rows = rows.filter(course_id=CourseKey.from_string(str(course_key)))
    return [(user_id, str(key)) for user_id, key in rows.values_list("user_id", "course_id")]
