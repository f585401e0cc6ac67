"""``manage.py dxq_demo_insights``: demo history for the insights pages (idempotent).

Runs after ``dxq_demo_accounts`` and ``dxq_demo_case`` (and the community demos when present).
"""

from django.core.management.base import BaseCommand, CommandError

from community_plugin.insights import demo


class Command(BaseCommand):
    help = "Load six weeks of community activity, feedback, costs and surveys for the demo."

    def handle(self, *args, **options):
        try:
            summary = demo.load()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary)
