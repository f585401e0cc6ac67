"""Records that a signed-in person used the suite today (for DAU/MAU): one row per day.

The day already recorded is kept in the session, so a person costs one write per day.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

SESSION_KEY = "dxq_insights_visit"


class VisitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            today = timezone.localdate().isoformat()
            if request.session.get(SESSION_KEY) != today:
                from .models import Visit

                try:
                    with transaction.atomic():
                        Visit.objects.get_or_create(user=user, day=today)
                except IntegrityError:
                    pass
                request.session[SESSION_KEY] = today
        return self.get_response(request)
