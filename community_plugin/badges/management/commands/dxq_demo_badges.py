"""``manage.py dxq_demo_badges``: the demo badge issuer, badge classes and awards (idempotent).

Runs after ``dxq_demo_accounts`` (and ``dxq_demo_case``): the issuer マナビDX Quest 事務局 with
its keys; the badge classes ケーススタディ修了 (rule: all six units of the demo case
「やまなみ精工のDX」, or passing the demo course) and 地域企業協働プログラム修了 (rule: a
company collaboration completed; valid three years), aligned to DSS-P skills; learner1 holds
both (the case-study one with evidence); learner2 holds a revoked one.
"""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from community_plugin.badges import api, images
from community_plugin.badges.models import Award, AwardRule, BadgeClass, Issuer

DEMO_COURSE_KEY = "course-v1:DXQuest+CS101+2026"
#: Every demo unit's workbench block id contains this (and LMS ids contain the course key).
DEMO_CASE_FILTER = "yamanami-seikos-dx"
DEMO_UNITS = 6
USERNAMES = ("learner1", "learner2")

CLASSES = [
    {
        "slug": "dxq-case-study",
        "name_ja": "ケーススタディ修了",
        "name_en": "Case study completed",
        "description_ja": (
            "マナビDX Quest のケーススタディ「やまなみ精工のDX」の全6ユニットを修了し、"
            "現状把握から経営層への提案までを実データで演習したことを証明します。"
        ),
        "description_en": (
            "Completed all six units of the Manabi DX Quest case study “Yamanami Seiko's DX”, "
            "practising every stage from understanding the situation to a proposal to "
            "management on real data."
        ),
        "criteria_ja": (
            "- 6つのユニットすべてを修了する\n- 各ユニットの設問に正答する（各設問3回まで）"
        ),
        "criteria_en": (
            "- Complete all six units\n- Answer each unit's questions correctly (3 attempts each)"
        ),
        "skills": ["dss-p/v1/BT-1-1", "dss-p/v1/BT-2-3", "dss-p/v1/DU-1-1", "dss-p/v1/PS-2-3"],
        "tags": ["マナビDX Quest", "ケーススタディ", "DX"],
        "expiry_days": None,
        "marks_completion": True,
        "color": (0, 94, 162),
        "rules": [
            {"kind": AwardRule.CASE_COMPLETED, "course_key": DEMO_CASE_FILTER, "threshold": 6},
            {"kind": AwardRule.COURSE_PASSED, "course_key": DEMO_COURSE_KEY, "threshold": None},
        ],
    },
    {
        "slug": "dxq-collaboration",
        "name_ja": "地域企業協働プログラム修了",
        "name_en": "Regional company collaboration program completed",
        "description_ja": (
            "地域の中小企業とチームで協働し、データに基づく課題解決の提案を完成させたことを"
            "証明します。"
        ),
        "description_en": (
            "Worked in a team with a regional company and completed a data-driven proposal "
            "for one of its problems."
        ),
        "criteria_ja": "協働先企業への最終提案を完了し、企業担当者の確認を受ける。",
        "criteria_en": "Deliver the final proposal to the partner company, confirmed by it.",
        "skills": ["dss-p/v1/BT-1-3", "dss-p/v1/PS-1-1", "dss-p/v1/PS-2-1"],
        "tags": ["マナビDX Quest", "企業協働"],
        "expiry_days": 365 * 3,
        "marks_completion": True,
        "color": (0, 128, 96),
        "rules": [{"kind": AwardRule.COLLABORATION_COMPLETED, "course_key": "", "threshold": None}],
    },
]


class Command(BaseCommand):
    help = "Load the demo Open Badges: issuer with keys, two badge classes, awards."

    def handle(self, *args, **options):
        users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
        missing = [name for name in USERNAMES if name not in users]
        if missing:
            raise CommandError(f"Run dxq_demo_accounts first (missing: {', '.join(missing)}).")
        with transaction.atomic():
            issuer = self._issuer()
            classes = {spec["slug"]: self._badge_class(issuer, spec) for spec in CLASSES}
            case, collaboration = classes["dxq-case-study"], classes["dxq-collaboration"]
            learner1, learner2 = users["learner1"], users["learner2"]
            api.award(
                case,
                learner1,
                source=Award.SOURCE_MANUAL,
                evidence_url="https://dxquest.example/portfolio/learner1/yamanami-seiko",
                evidence_narrative=(
                    "受注・生産データから需要予測モデルを作成し、経営層への提案書を提出した。"
                ),
            )
            api.award(collaboration, learner1, source=Award.SOURCE_MANUAL)
            if not Award.objects.filter(badge_class=case, recipient=learner2).exists():
                mistaken = api.award(case, learner2, source=Award.SOURCE_MANUAL)
                api.revoke(mistaken, "デモ: 修了要件を満たす前に発行したため取り消し")
        held = Award.objects.filter(issuer=issuer)
        self.stdout.write(
            f"  badges: issuer {issuer.name} ({issuer.did}), {len(classes)} classes, "
            f"{held.filter(revoked_at__isnull=True).count()} valid and "
            f"{held.filter(revoked_at__isnull=False).count()} revoked awards"
        )

    def _issuer(self):
        issuer, created = Issuer.objects.get_or_create(
            slug="dxq",
            defaults={
                "name": "マナビDX Quest 事務局",
                "url": "https://dxquest.example/",
                "email": "badges@dxquest.example",
                "description": "経済産業省「マナビDX Quest」の運営事務局（デモ）。",
            },
        )
        if created or not issuer.image:
            issuer.image.save("dxq-issuer.png", ContentFile(images.disc_png((40, 40, 40))))
        api.setup_issuer(issuer)
        return issuer

    def _badge_class(self, issuer, spec):
        spec = dict(spec)
        rules, color = spec.pop("rules"), spec.pop("color")
        badge_class, _created = BadgeClass.objects.update_or_create(
            slug=spec["slug"], defaults={**spec, "issuer": issuer, "active": True}
        )
        if not badge_class.image:
            badge_class.image.save(f"{badge_class.slug}.png", ContentFile(images.disc_png(color)))
        for rule in rules:
            AwardRule.objects.update_or_create(
                badge_class=badge_class,
                kind=rule["kind"],
                course_key=rule["course_key"],
                defaults={"threshold": rule["threshold"], "active": True},
            )
        return badge_class
