"""``manage.py dxq_demo_deliverable``: submissions and reviews of the workbench deliverable
「課題マップと改善計画：やまなみ精工」 by demo accounts (idempotent; after dxq_demo_accounts)."""

from django.core.management.base import BaseCommand, CommandError

from deliverable_xblock.blocks import demo


class Command(BaseCommand):
    help = "Demo submissions and peer reviews of the deliverable about やまなみ精工."

    def handle(self, *args, **options):
        try:
            demo.load(self.stdout)
        except LookupError as error:
            raise CommandError(str(error)) from error
