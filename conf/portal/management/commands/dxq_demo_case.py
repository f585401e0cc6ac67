"""``manage.py dxq_demo_case``: store and profile the demo case's datasets (idempotent).

The datasets are generated deterministically (casestudy_xblock.demo), so their sha256, which the
demo blocks refer to, is the same on every machine. Uploading the same bytes again returns the
dataset already stored.
"""

import io

from django.core.management.base import BaseCommand, CommandError

from casestudy_xblock import api
from casestudy_xblock.demo import generate


class Command(BaseCommand):
    help = "Store and profile the demo case's datasets (やまなみ精工)."

    def handle(self, *args, **options):
        for slug, data in generate.generate().items():
            filename = generate.FILENAMES[slug]
            try:
                info = api.upload_dataset(io.BytesIO(data), filename)
            except api.DatasetRejected as error:
                raise CommandError(f"{filename}: {error}") from error
            current = api.get_dataset(info["sha256"]) or info
            rows = current.get("rows")
            rows = "?" if rows is None else rows
            self.stdout.write(
                f"  {slug:<13} {filename:<36} {current['status']:<10} rows={rows} "
                f"sha256={info['sha256'][:12]}…"
            )
