"""Account retirement: what insights holds about a person is removed or unlinked.

Kept, with no link to the person: the counts and choices the program's figures are made of
(a feedback item's category, program and triage; a named survey response's choices, scales
and numbers; the stored daily figures). Removed: the words and contact details they wrote
(feedback text and contact, free-text answers of named surveys), unsubmitted drafts, the
"has answered" marks and the daily visit rows. Anonymous survey responses are untouched: by
design nothing links them to anyone.
"""

from __future__ import annotations

from django.db import transaction

from .models import FeedbackItem, Question, Response, SurveyCompletion, Visit


def retire_user(user):
    with transaction.atomic():
        FeedbackItem.objects.filter(author=user).update(author=None, text="", contact="")
        Response.objects.filter(user=user, submitted_on__isnull=True).delete()
        for response in Response.objects.filter(user=user):
            texts = Question.objects.filter(survey_id=response.survey_id, kind=Question.TEXT)
            for key in map(str, texts.values_list("pk", flat=True)):
                response.answers.pop(key, None)
            response.user = None
            response.save(update_fields=["answers", "user"])
        SurveyCompletion.objects.filter(user=user).delete()
        Visit.objects.filter(user=user).delete()
