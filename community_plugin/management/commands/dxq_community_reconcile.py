"""``manage.py dxq_community_reconcile [--space SLUG]``: reconcile membership with Open edX now.

Open edX emits no event when a learner leaves a cohort or joins or leaves a team (and events
can be lost); celery beat
runs the same reconcile every six hours. Standalone (no LMS), membership is managed here and
nothing changes.
"""

from django.core.management.base import BaseCommand, CommandError

from community_plugin import api


class Command(BaseCommand):
    help = (
        "Remove memberships Open edX no longer has (unenrolled, moved cohort, left a team); "
        "add missing ones and create the spaces of Open edX teams."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--space", help="slug of one space (default: every course, cohort and team space)"
        )

    def handle(self, *args, **options):
        space = None
        if options["space"]:
            space = api.space_by_slug(options["space"])
            if space is None:
                raise CommandError(f"No space with slug {options['space']!r}.")
        for slug, report in api.reconcile(space).items():
            if report.skipped:
                self.stdout.write(f"  {slug}: skipped ({report.skipped})")
            else:
                self.stdout.write(f"  {slug}: +{len(report.added)} -{len(report.removed)}")
