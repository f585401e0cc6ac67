"""Web surveys: questions in Japanese and English, targets, drafts and answers.

Anonymity: a response of an anonymous survey holds no user and no timestamp finer than a day;
its primary key is random. Who has answered (for reminders) lives in :class:`SurveyCompletion`,
which has no link to any response and no time at all.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .. import options

KIND_LOCKED = _(
    "This question already has answers, so its kind can change only between single and "
    "multiple choice. Add a new question instead."
)
ANSWERED_NOT_DELETED = _(
    "A question with answers is never deleted, or its answers would vanish from the results: "
    'tick "removed" instead.'
)
ANONYMITY_LOCKED = _(
    "People have already started answering this survey under its present setting, so it "
    "cannot switch between anonymous and named. Create a new survey instead."
)
KEYS_LOCKED = _(
    "This question already has answers: an option's key never changes and an option is never "
    'deleted. Mark an option "removed": true instead.'
)


def new_token():
    return secrets.token_urlsafe(18)


class Survey(models.Model):
    """A questionnaire for a group of people (or anyone with its link)."""

    SPACE = "space"
    ALUMNI = "alumni"
    COMPANIES = "companies"
    LINK = "link"
    TARGET_CHOICES = [
        (SPACE, _("Members of a space (a course, cohort or team space)")),
        (ALUMNI, _("Alumni (the alumni space)")),
        (COMPANIES, _("Company users")),
        (LINK, _("Anyone with the link")),
    ]

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_ja = models.TextField(_("introduction (Japanese)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    target = models.CharField(_("who answers"), max_length=16, choices=TARGET_CHOICES)
    space = models.ForeignKey(
        "dxq_community.Space",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("space"),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Anonymous answers keep no link to the person who gave them."),
    )
    opens = models.DateTimeField(_("opens"), default=timezone.now)
    closes = models.DateTimeField(_("closes"), null=True, blank=True)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    last_reminder = models.DateTimeField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens"]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.title_en if get_language() == "en" and self.title_en else self.title_ja

    @property
    def intro(self):
        return self.intro_en if get_language() == "en" and self.intro_en else self.intro_ja

    def clean(self):
        """Keep the anonymity people answered under (drafts count: they were typed on it)."""
        super().clean()
        stored = Survey.objects.filter(pk=self.pk).values_list("anonymous", flat=True).first()
        if stored is not None and stored != self.anonymous and self.responses.exists():
            raise ValidationError({"anonymous": ANONYMITY_LOCKED})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens <= now and (self.closes is None or now < self.closes)

    def offered_questions(self):
        """The questions respondents see (those taken off the survey left out)."""
        return self.questions.filter(removed=False)

    def result_questions(self):
        """Every question with its answers, for results and exports: the offered ones in
        order, then those taken off the survey."""
        return sorted(self.questions.all(), key=lambda question: question.removed)


class Question(models.Model):
    """One question.

    A question that has answers is never deleted: it is taken off the survey (``removed``),
    so respondents no longer see it and its answers stay in the results and exports.

    ``choices`` (single and multiple choice) is a list of {"value", "ja", "en"} where "value"
    is the option's stable key, the one answers store (see :mod:`..options`); an option taken
    off the list stays in it with "removed": true.
    """

    SINGLE = "single"
    MULTIPLE = "multiple"
    LIKERT = "likert"
    NPS = "nps"
    NUMBER = "number"
    TEXT = "text"
    KIND_CHOICES = [
        (SINGLE, _("Single choice")),
        (MULTIPLE, _("Multiple choice")),
        (LIKERT, _("Likert scale (1–5)")),
        (NPS, _("Net Promoter Score (0–10)")),
        (NUMBER, _("Number")),
        (TEXT, _("Free text")),
    ]

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    text_ja = models.CharField(_("question (Japanese)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)
    removed = models.BooleanField(
        _("removed"),
        default=False,
        help_text=_(
            "Taken off the survey: respondents no longer see it; its answers stay in the "
            "results and exports."
        ),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return self.text_en if get_language() == "en" and self.text_en else self.text_ja

    @property
    def heading(self):
        """The question's text for results and exports, marked when it was taken off."""
        if self.removed:
            return gettext("%(question)s (removed)") % {"question": self.text}
        return self.text

    def is_choice(self):
        return self.kind in (self.SINGLE, self.MULTIPLE)

    @staticmethod
    def _wording(option):
        english = get_language() == "en"
        return (option.get("en") if english and option.get("en") else option.get("ja")) or (
            option["value"]
        )

    def localized_choices(self):
        """[(key, label)] of the options respondents are offered, in order."""
        return [(c["value"], self._wording(c)) for c in options.active(self.choices)]

    def answer_labels(self):
        """{key: label} of every option the question ever offered; removed ones say so."""
        labels = {}
        for option in self.choices:
            label = self._wording(option)
            if not options.is_active(option):
                label = gettext("%(option)s (removed)") % {"option": label}
            labels[option["value"]] = label
        return labels

    @staticmethod
    def label_of(key, labels):
        """The label of the answer ``key`` (``labels`` from :meth:`answer_labels`)."""
        if key in labels:
            return labels[key]
        return gettext("Removed option (%(key)s)") % {"key": key}

    def has_answers(self):
        """Whether any response (drafts included) holds an answer to this question."""
        if self.pk is None:
            return False
        return Response.objects.filter(
            survey_id=self.survey_id, answers__has_key=str(self.pk)
        ).exists()

    def clean(self):
        """Guard the answers already given: options keep their keys, answers keep their kind."""
        super().clean()
        if self.is_choice() and options.problems(self.choices):
            raise ValidationError(gettext("Each option needs its own key ('value')."))
        stored = Question.objects.filter(pk=self.pk).values("kind", "choices").first()
        if stored is None or not self.has_answers():
            return
        choice_kinds = {self.SINGLE, self.MULTIPLE}
        if stored["kind"] != self.kind and not {stored["kind"], self.kind} <= choice_kinds:
            raise ValidationError({"kind": KIND_LOCKED})
        missing = set(options.keys(stored["choices"] or [])) - set(options.keys(self.choices or []))
        if missing:
            raise ValidationError(KEYS_LOCKED)


class Response(models.Model):
    """One person's answers, a draft until submitted.

    Named surveys: ``user`` is set. Anonymous and link surveys: ``user`` stays empty and the
    draft is found by ``resume_hash`` (SHA-256 of a random token kept only in the respondent's
    browser cookie and resume link).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    resume_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    #: {question id (str): value}; value is a str, a list of str or a number.
    answers = models.JSONField(default=dict)
    submitted_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="dxq_one_response_per_user")
        ]

    def __str__(self):
        return f"{self.survey_id}: {'submitted' if self.submitted_on else 'draft'}"


class SurveyCompletion(models.Model):
    """``user`` has answered ``survey`` (for reminders): no link to the response, no time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="completions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("survey completion")
        verbose_name_plural = _("survey completions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="dxq_survey_answered_once")
        ]

    def __str__(self):
        return f"{self.survey_id}: {self.user_id}"
