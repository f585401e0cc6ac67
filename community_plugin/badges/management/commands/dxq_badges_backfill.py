"""``manage.py dxq_badges_backfill``: award everyone who already meets an active rule.

Sources of history: course passes and certificates (Open edX only), completed case units
(skills evidence), final deliverable grades, accepted answers in the discussions. Company
collaboration rules act on news only and are listed as "no history".
Idempotent: people who hold the badge keep it and are not awarded again.
"""

from django.core.management.base import BaseCommand, CommandError

from community_plugin.badges import rules
from community_plugin.badges.models import BadgeClass


class Command(BaseCommand):
    help = "Award badges to everyone who already meets an active award rule."

    def add_arguments(self, parser):
        parser.add_argument("--badge", help="slug of one badge class (default: all)")
        parser.add_argument(
            "--dry-run", action="store_true", help="count who would be awarded, award nobody"
        )

    def handle(self, *args, badge=None, dry_run=False, **options):
        badge_class_id = None
        if badge:
            found = BadgeClass.objects.filter(slug=badge).first()
            if found is None:
                raise CommandError(f"No badge class with slug {badge!r}.")
            badge_class_id = found.pk
        report = rules.backfill(badge_class_id, dry_run=dry_run)
        verb = "would award" if dry_run else "awarded"
        for entry in report.values():
            if entry["qualified"] is None:
                self.stdout.write(f"  {entry['rule']}: no history to read (acts on news only)")
                continue
            self.stdout.write(
                f"  {entry['rule']}: {entry['qualified']} qualified, {verb} {entry['awarded']}, "
                f"failed {entry['failed']}"
            )
        total = sum(entry["awarded"] for entry in report.values())
        self.stdout.write(self.style.SUCCESS(f"backfill: {verb} {total}"))
