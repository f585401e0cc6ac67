"""``manage.py dxq_demo_accounts``: create the demo accounts (idempotent) and print them."""

from django.core.management.base import BaseCommand

from conf.portal import demo


class Command(BaseCommand):
    help = "Create or refresh one demo account per role and print the logins."

    def handle(self, *args, **options):
        rows = demo.ensure_demo_accounts()
        self.stdout.write("")
        self.stdout.write(
            "DX Quest demo accounts / デモ用アカウント (password / パスワード: "
            f"{demo.DEMO_PASSWORD})"
        )
        for account, user in rows:
            self.stdout.write(
                f"  {account.username:<10} {account.role:<14} {user.last_name} {user.first_name}"
            )
        self.stdout.write("")
