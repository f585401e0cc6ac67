"""``manage.py dxq_discussions_reindex [--space SLUG]``: rebuild the search tokens."""

from django.core.management.base import BaseCommand, CommandError

from community_plugin import api as community
from community_plugin.discussions import api


class Command(BaseCommand):
    help = "Rebuild the discussions search index (all threads, or one space's)."

    def add_arguments(self, parser):
        parser.add_argument("--space", help="slug of one space")

    def handle(self, *args, space=None, **options):
        target = None
        if space:
            target = community.space_by_slug(space)
            if target is None:
                raise CommandError(f"No space {space!r}.")
        count = api.reindex(target)
        self.stdout.write(f"  discussions: {count} threads indexed")
