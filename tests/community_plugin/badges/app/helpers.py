"""Helpers of the badges Django tests."""

from community_plugin.badges.models import BadgeClass


def make_badge_class(issuer, slug="case-study", **extra):
    values = {
        "issuer": issuer,
        "slug": slug,
        "name_ja": "ケーススタディ修了",
        "name_en": "Case study completed",
        "description_ja": "ケーススタディを修了しました。",
        "description_en": "Completed the case study.",
        "criteria_ja": "全ユニットを修了すること。",
        "criteria_en": "Complete every unit.",
        "skills": ["dss-p/v1/BT-1-1"],
        "tags": ["DX"],
    }
    values.update(extra)
    return BadgeClass.objects.create(**values)
