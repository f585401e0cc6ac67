"""``manage.py dxq_demo``: load the whole demo, area by area, in dependency order (idempotent).

`make demo` runs it after migrating. Each area's own command can also be run alone.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

#: Accounts first, then the case (datasets), then what builds on them.
STEPS = [
    "dxq_demo_accounts",
    "dxq_demo_case",
    "dxq_demo_community",
    "dxq_demo_discussions",
    "dxq_demo_deliverable",
    "dxq_demo_peer_review",
    "dxq_demo_badges",
    "dxq_demo_insights",
    # The insights demo writes weeks of past threads straight into the tables: index them.
    "dxq_discussions_reindex",
]


class Command(BaseCommand):
    help = "Load every area's demo data (accounts, case, community, deliverable, badges, insights)."

    def handle(self, *args, **options):
        for step in STEPS:
            self.stdout.write(self.style.MIGRATE_HEADING(step))
            call_command(step, stdout=self.stdout, stderr=self.stderr)
