"""The Celery app of the worker that the kill-and-restart test starts itself.

It is the project's app with Redis redelivery made quick (an unacknowledged task comes back
after 20 s instead of an hour) and batches of 100 (each one transaction), so the test can kill
the worker while a batch is in flight.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from conf.celery import app  # noqa: E402

settings.DXQ_BADGES_BULK_BATCH = int(os.environ.get("DXQ_BADGES_TEST_BATCH", "100"))
app.conf.broker_transport_options = {
    "visibility_timeout": int(os.environ.get("DXQ_BADGES_TEST_VISIBILITY", "20")),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
app.conf.worker_prefetch_multiplier = 1

__all__ = ["app"]
