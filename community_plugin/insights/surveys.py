"""Surveys: who is asked, drafts and resume tokens, validation, submission, results.

Anonymity rule: for an anonymous survey, nothing written here links a person to a response.
The draft is found by the SHA-256 of a random token that only the respondent's browser holds;
on submission the response keeps the day only, and the separate :class:`SurveyCompletion`
records that the person answered (for reminders) without pointing at the response.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casestudy_xblock import roles

from . import options, stats
from .errors import AlreadyAnswered, InvalidAnswers, NotTargeted, SurveyClosed
from .models import Question, Response, Survey, SurveyCompletion

LIKERT = [str(n) for n in range(1, 6)]
NPS = [str(n) for n in range(0, 11)]


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_resume_token():
    return secrets.token_urlsafe(24)


def uses_token(survey, user):
    """Whether drafts are kept by resume token (anonymous surveys, signed-out respondents)."""
    return survey.anonymous or not getattr(user, "is_authenticated", False)


def targeted_users(survey):
    """The people a survey asks (a user queryset); None for "anyone with the link"."""
    users = get_user_model().objects.filter(is_active=True)
    if survey.target == Survey.LINK:
        return None
    if survey.target == Survey.COMPANIES:
        return users.filter(groups__name=roles.GROUPS[roles.COMPANY])
    if survey.target == Survey.ALUMNI:
        from community_plugin import api as community

        return users.filter(pk__in=community.members_of(community.alumni_space()).values("pk"))
    if survey.space_id is None:
        return users.none()
    return users.filter(dxq_memberships__space_id=survey.space_id)


def may_answer(survey, user):
    if survey.target == Survey.LINK:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return targeted_users(survey).filter(pk=user.pk).exists()


def has_answered(survey, user):
    if not getattr(user, "is_authenticated", False):
        return False
    return SurveyCompletion.objects.filter(survey=survey, user=user).exists()


def check_can_answer(survey, user):
    if not survey.is_open():
        raise SurveyClosed(survey.pk)
    if not may_answer(survey, user):
        raise NotTargeted(survey.pk)


def find_draft(survey, user, token=None):
    """The respondent's unsubmitted response, or None."""
    if uses_token(survey, user):
        if not token:
            return None
        return Response.objects.filter(
            survey=survey, resume_hash=_hash(token), submitted_on__isnull=True
        ).first()
    return Response.objects.filter(survey=survey, user=user, submitted_on__isnull=True).first()


def clean_answers(survey, data, *, final):
    """Validate posted answers ({question id str: value}); drafts may leave required ones empty.

    Returns (answers, errors) where errors maps question ids to translated messages.
    """
    answers, errors = {}, {}
    for question in survey.offered_questions():
        key = str(question.pk)
        raw = data.get(key)
        value, error = _clean_one(question, raw)
        if error:
            errors[key] = error
        elif value in (None, "", []):
            if final and question.required:
                errors[key] = _("Please answer this question.")
        else:
            answers[key] = value
    return answers, errors


def _clean_one(question, raw):
    kind = question.kind
    if kind == Question.MULTIPLE:
        values = [v for v in (raw or []) if v]
        allowed = {key for key, _label in question.localized_choices()}
        if any(v not in allowed for v in values):
            return None, _("Choose from the options given.")
        return values, None
    raw = (raw[0] if isinstance(raw, list) and raw else raw) or ""
    raw = raw.strip() if isinstance(raw, str) else raw
    if raw in ("", None):
        return None, None
    if kind == Question.SINGLE:
        if raw not in {key for key, _label in question.localized_choices()}:
            return None, _("Choose from the options given.")
        return raw, None
    if kind in (Question.LIKERT, Question.NPS):
        if raw not in (LIKERT if kind == Question.LIKERT else NPS):
            return None, _("Choose from the options given.")
        return int(raw), None
    if kind == Question.NUMBER:
        try:
            number = float(raw.replace(",", ""))
        except ValueError:
            return None, _("Enter a number, for example 3 or 2.5.")
        if question.min_value is not None and number < question.min_value:
            return None, _("Enter %(min)s or more.") % {"min": question.min_value}
        if question.max_value is not None and number > question.max_value:
            return None, _("Enter %(max)s or less.") % {"max": question.max_value}
        return int(number) if number.is_integer() else number, None
    text = str(raw)
    if len(text) > 4000:
        return None, _("Keep the answer under 4,000 characters.")
    return text, None


def save(survey, user, data, *, token=None, final=False):
    """Save a draft (``final`` False) or submit. Returns (response, token).

    ``token`` is the respondent's resume token (for token-kept drafts); a new one is made when
    needed. Answers that do not fit raise :class:`InvalidAnswers` after every valid answer has
    been kept in the draft, so nothing typed is lost.
    """
    check_can_answer(survey, user)
    if has_answered(survey, user):
        raise AlreadyAnswered(survey.pk)
    answers, errors = clean_answers(survey, data, final=final)
    with transaction.atomic():
        response = find_draft(survey, user, token)
        if response is None:
            if uses_token(survey, user):
                token = token or new_resume_token()
                response = Response(survey=survey, resume_hash=_hash(token))
            else:
                response = Response(survey=survey, user=user)
        response.answers = answers if final else {**response.answers, **answers}
        if errors:
            response.save()
        else:
            if final:
                _submit(survey, user, response)
            response.save()
    if errors:
        raise InvalidAnswers(errors)
    return response, token


def _submit(survey, user, response):
    response.submitted_on = timezone.localdate()
    response.resume_hash = None  # the token no longer opens anything
    if getattr(user, "is_authenticated", False):
        try:
            with transaction.atomic():
                SurveyCompletion.objects.create(survey=survey, user=user)
        except IntegrityError:
            raise AlreadyAnswered(survey.pk) from None


def results(survey):
    """Per question: (question, chart points, table headers, table rows, summary); the
    questions taken off the survey come last, with their answers.

    Free-text answers are listed in the order of the random response ids, as the exports are:
    the order of submission (SQLite's natural order) would match the order of the "has
    answered" rows, which name people.
    """
    submitted = list(
        survey.responses.filter(submitted_on__isnull=False)
        .order_by("id")
        .values_list("answers", flat=True)
    )
    out = []
    for question in survey.result_questions():
        values = [a[str(question.pk)] for a in submitted if str(question.pk) in a]
        out.append(_result(question, values))
    return len(submitted), out


def _result(question, values):
    kind = question.kind
    summary = ""
    if kind in (Question.SINGLE, Question.MULTIPLE):
        labels = question.answer_labels()
        points = [
            (Question.label_of(key, labels), n)
            for key, n in stats.tally(values, _keys(question, values))
        ]
    elif kind in (Question.LIKERT, Question.NPS):
        scale = LIKERT if kind == Question.LIKERT else NPS
        points = stats.tally([str(v) for v in values], scale)
        if kind == Question.NPS:
            score = stats.nps(values)
            summary = _("NPS: %(score)s") % {"score": score if score is not None else "–"}
        else:
            average = stats.mean(values)
            summary = _("Average: %(mean)s") % {"mean": f"{average:.2f}" if average else "–"}
    elif kind == Question.NUMBER:
        average, middle = stats.mean(values), stats.median(values)
        points = []
        summary = _("Answers: %(n)s, average %(mean)s, median %(median)s") % {
            "n": len(values),
            "mean": f"{average:.1f}" if average is not None else "–",
            "median": middle if middle is not None else "–",
        }
        return question, points, [_("Answer")], [(v,) for v in sorted(values)], summary
    else:
        return (
            question,
            [],
            [_("Answer")],
            [(v,) for v in values],
            _("Answers: %(n)s") % {"n": len(values)},
        )
    return question, points, [_("Option"), _("Answers")], points, summary


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _keys(question, values):
    """The option keys a choice question's results list, in order: the options offered, then
    the removed ones and unknown keys that were chosen (an option no one chose after its
    removal is left out)."""
    chosen = {str(key) for value in values for key in _as_list(value)}
    offered = [key for key, _label in question.localized_choices()]
    removed = [
        o["value"]
        for o in question.choices
        if not options.is_active(o) and o["value"] in chosen and o["value"] not in offered
    ]
    unknown = sorted(chosen - set(offered) - set(options.keys(question.choices)))
    return offered + removed + unknown


def export_table(survey):
    """(headers, rows) of every submitted response; named surveys add the respondent's username.

    A choice answer is exported as the option's current label (in the operator's language), by
    its key: reordered options keep their answers, removed ones are marked removed.

    Questions taken off the survey keep their column (last, marked removed) and answers.

    Anonymous surveys export no user column and shuffle nothing in: responses are ordered by
    their random id, so the order says nothing about who answered when.
    """
    questions = survey.result_questions()
    headers = [_("Response"), _("Submitted on")]
    if not survey.anonymous:
        headers.insert(1, _("Username"))
    headers += [q.heading for q in questions]
    labels_of = [q.answer_labels() if q.is_choice() else None for q in questions]
    rows = []
    responses = survey.responses.filter(submitted_on__isnull=False).order_by("id")
    if not survey.anonymous:
        responses = responses.select_related("user")
    for number, response in enumerate(responses, start=1):
        row = [number, response.submitted_on.isoformat()]
        if not survey.anonymous:
            row.insert(1, response.user.username if response.user else "")
        for question, labels in zip(questions, labels_of, strict=True):
            value = response.answers.get(str(question.pk), "")
            if labels is not None and value != "":
                value = [Question.label_of(str(v), labels) for v in _as_list(value)]
            row.append(", ".join(map(str, value)) if isinstance(value, list) else value)
        rows.append(row)
    return headers, rows


def reminder_recipients(survey):
    """Targeted people with an email address who have not answered (None for link surveys)."""
    users = targeted_users(survey)
    if users is None:
        return []
    answered = SurveyCompletion.objects.filter(survey=survey).values("user")
    return list(users.exclude(pk__in=answered).exclude(email="").distinct())


def install_ready_surveys(actor=None):
    """Create the ready-made follow-up surveys (graduates, companies) unless they exist."""
    from .ready_surveys import READY

    created = []
    for spec in READY:
        survey, new = Survey.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                key: spec[key]
                for key in ("title_ja", "title_en", "intro_ja", "intro_en", "target", "anonymous")
            }
            | {"created_by": actor},
        )
        if new:
            for position, (kind, ja, en, required, choices) in enumerate(spec["questions"], 1):
                Question.objects.create(
                    survey=survey,
                    position=position,
                    kind=kind,
                    text_ja=ja,
                    text_en=en,
                    required=required,
                    choices=[{"value": key, "ja": o_ja, "en": o_en} for key, o_ja, o_en in choices],
                    min_value=0 if kind == Question.NUMBER else None,
                )
        created.append(survey)
    return created
