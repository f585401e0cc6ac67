"""Survey pages: the operators' builder, results and exports; respondents' list and form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import surveys as service
from .. import svg
from ..access import is_secretariat
from ..errors import AlreadyAnswered, InvalidAnswers, NotTargeted, SurveyClosed
from ..forms import QuestionForm, SurveyForm
from ..models import Question, Survey, SurveyCompletion
from ..tasks import send_survey_reminders
from .common import download, secretariat_required

COOKIE_AGE = 60 * 60 * 24 * 180


@secretariat_required
def manage(request):
    items = Survey.objects.all()
    return render(request, "community_plugin/insights/survey_list.html", {"surveys": items})


@secretariat_required
@require_http_methods(["GET", "POST"])
def edit(request, pk=None):
    survey = get_object_or_404(Survey, pk=pk) if pk else None
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        survey = form.save(commit=False)
        if survey.created_by_id is None:
            survey.created_by = request.user
        form.save()
        messages.success(request, _("Survey saved. Add or change its questions below."))
        return redirect("dxq_insights:survey_edit", pk=survey.pk)
    question_form = QuestionForm(prefix="q")
    return render(
        request,
        "community_plugin/insights/survey_edit.html",
        {"survey": survey, "form": form, "question_form": question_form},
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def question(request, pk, question_pk=None):
    survey = get_object_or_404(Survey, pk=pk)
    instance = get_object_or_404(Question, pk=question_pk, survey=survey) if question_pk else None
    form = QuestionForm(request.POST or None, instance=instance, prefix="q")
    if request.method == "POST":
        if "delete" in request.POST and instance is not None:
            _take_off(request, instance)
            return redirect("dxq_insights:survey_edit", pk=survey.pk)
        if "restore" in request.POST and instance is not None:
            Question.objects.filter(pk=instance.pk).update(removed=False)
            messages.success(request, _("The question is back on the survey."))
            return redirect("dxq_insights:survey_edit", pk=survey.pk)
        if form.is_valid():
            item = form.save(commit=False)
            item.survey = survey
            if item.pk is None:
                item.position = survey.questions.count() + 1
            item.save()
            messages.success(request, _("Question saved."))
            if form.removed_options and item.has_answers():
                messages.info(
                    request,
                    _(
                        "The options you took off the list keep their answers: the results "
                        "show them marked as removed."
                    ),
                )
            return redirect("dxq_insights:survey_edit", pk=survey.pk)
    return render(
        request,
        "community_plugin/insights/survey_question.html",
        {"survey": survey, "form": form, "question": instance},
    )


def _take_off(request, question):
    """Delete a question nobody answered; take an answered one off the survey instead, so its
    answers stay in the results and exports."""
    if question.has_answers():
        Question.objects.filter(pk=question.pk).update(removed=True)
        messages.success(
            request,
            _(
                "The question is off the survey. It already had answers, so it stays in the "
                "results and exports, marked removed; you can put it back from its page."
            ),
        )
    else:
        question.delete()
        messages.success(request, _("Question removed."))


@secretariat_required
def results(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    count, per_question = service.results(survey)
    blocks = []
    for index, (question, points, headers, rows, summary) in enumerate(per_question, start=1):
        chart = svg.bar_chart(f"q{index}", question.heading, points) if points else ""
        blocks.append(
            {
                "question": question,
                "chart": chart,
                "headers": headers,
                "rows": rows,
                "summary": summary,
            }
        )
    targeted = service.targeted_users(survey)
    return render(
        request,
        "community_plugin/insights/survey_results.html",
        {
            "survey": survey,
            "count": count,
            "blocks": blocks,
            "targeted": targeted.count() if targeted is not None else None,
            "answered": SurveyCompletion.objects.filter(survey=survey).count(),
            "link": request.build_absolute_uri(reverse("dxq_insights:answer", args=[survey.token])),
        },
    )


@secretariat_required
def export(request, pk, fmt):
    survey = get_object_or_404(Survey, pk=pk)
    headers, rows = service.export_table(survey)
    return download(f"survey-{survey.slug}", fmt, [(survey.title, headers, rows)])


@secretariat_required
@require_POST
def remind(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    if survey.target == Survey.LINK or not survey.is_open():
        messages.error(request, _("Reminders go only to the people of an open, targeted survey."))
    else:
        send_survey_reminders.delay(survey.pk)
        messages.success(request, _("Reminders are being sent to those who have not answered."))
    return redirect("dxq_insights:survey_results", pk=survey.pk)


@login_required
def mine(request):
    """Open surveys that ask the signed-in person."""
    rows = []
    for survey in Survey.objects.exclude(target=Survey.LINK):
        if survey.is_open() and service.may_answer(survey, request.user):
            rows.append((survey, service.has_answered(survey, request.user)))
    return render(request, "community_plugin/insights/survey_mine.html", {"rows": rows})


def _cookie(survey):
    return f"dxq_survey_{survey.pk}"


@require_http_methods(["GET", "POST"])
def answer(request, token):
    """Answer a survey: save a draft and come back later, or submit."""
    survey = get_object_or_404(Survey, token=token)
    if survey.target != Survey.LINK and not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    context = {"survey": survey, "errors": {}, "values": {}}
    resume = request.GET.get("resume") or request.COOKIES.get(_cookie(survey))
    try:
        service.check_can_answer(survey, request.user)
        if service.has_answered(survey, request.user):
            raise AlreadyAnswered(survey.pk)
    except SurveyClosed:
        return render(request, "community_plugin/insights/survey_closed.html", context, status=410)
    except NotTargeted:
        if is_secretariat(request.user) and request.method == "GET":
            questions = [_question_view(q, {}, {}) for q in survey.offered_questions()]
            return render(
                request,
                "community_plugin/insights/survey_answer.html",
                {**context, "questions": questions, "preview": True},
            )
        return render(
            request,
            "community_plugin/insights/survey_closed.html",
            {**context, "not_targeted": True},
            status=403,
        )
    except AlreadyAnswered:
        return render(request, "community_plugin/insights/survey_thanks.html", context)
    questions = list(survey.offered_questions())
    if request.method == "POST":
        data = {str(q.pk): request.POST.getlist(str(q.pk)) for q in questions}
        final = "submit" in request.POST
        if service.uses_token(survey, request.user) and not resume:
            resume = service.new_resume_token()
        try:
            response, resume = service.save(survey, request.user, data, token=resume, final=final)
        except InvalidAnswers as invalid:
            context["errors"] = invalid.errors
            context["values"] = data
            messages.error(
                request, _("Some answers need your attention; everything you typed is kept.")
            )
        except AlreadyAnswered:
            return render(request, "community_plugin/insights/survey_thanks.html", context)
        else:
            if final:
                reply = render(request, "community_plugin/insights/survey_thanks.html", context)
                reply.delete_cookie(_cookie(survey))
                return reply
            messages.success(
                request, _("Your answers are saved. You can leave and come back to finish.")
            )
            reply = redirect(request.path)
            if resume:
                reply.set_cookie(
                    _cookie(survey), resume, max_age=COOKIE_AGE, httponly=True, samesite="Lax"
                )
            return reply
    else:
        draft = service.find_draft(survey, request.user, resume)
        if draft is not None:
            context["values"] = {
                k: (v if isinstance(v, list) else [str(v)]) for k, v in draft.answers.items()
            }
            context["resumed"] = True
            if service.uses_token(survey, request.user):
                context["resume_link"] = request.build_absolute_uri(
                    f"{request.path}?resume={resume}"
                )
    context["questions"] = [
        _question_view(q, context["values"], context["errors"]) for q in questions
    ]
    reply = render(request, "community_plugin/insights/survey_answer.html", context)
    if resume and service.uses_token(survey, request.user):
        reply.set_cookie(_cookie(survey), resume, max_age=COOKIE_AGE, httponly=True, samesite="Lax")
    return reply


def _question_view(question, values, errors):
    key = str(question.pk)
    chosen = values.get(key, [])
    if question.kind in (Question.SINGLE, Question.MULTIPLE):
        options = question.localized_choices()
    elif question.kind == Question.LIKERT:
        labels = [
            _("Strongly disagree"),
            _("Disagree"),
            _("Neutral"),
            _("Agree"),
            _("Strongly agree"),
        ]
        options = [(str(n), f"{n} {labels[n - 1]}") for n in range(1, 6)]
    elif question.kind == Question.NPS:
        options = [(str(n), str(n)) for n in range(0, 11)]
    else:
        options = []
    return {
        "q": question,
        "key": key,
        "options": options,
        "chosen": chosen,
        "value": chosen[0] if chosen else "",
        "error": errors.get(key, ""),
        "input": "checkbox" if question.kind == Question.MULTIPLE else "radio",
    }
