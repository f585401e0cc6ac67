"""Choice options keep stable keys: editing a survey after answers never re-labels them.

Answers store an option's key. Reordering, inserting and rewording options keep the keys;
an option taken off the list keeps its answers (shown as removed); a key is never reused; a
question with answers keeps its kind; the ready-made surveys write their keys out.
"""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from community_plugin.insights import options, ready_surveys, surveys
from community_plugin.insights.errors import InvalidAnswers
from community_plugin.insights.models import Question, Survey

pytestmark = pytest.mark.django_db


# --- the pure merge ----------------------------------------------------------------------------

ABC = [
    {"value": "o1", "ja": "A", "en": "a"},
    {"value": "o2", "ja": "B", "en": "b"},
    {"value": "o3", "ja": "C", "en": "c"},
]


def test_reordering_and_inserting_keep_every_key():
    merged = options.merge(ABC, [("N", "n"), ("C", "c"), ("A", "a"), ("B", "b")])
    assert [(o["value"], o["ja"]) for o in merged] == [
        ("o4", "N"),
        ("o3", "C"),
        ("o1", "A"),
        ("o2", "B"),
    ]


def test_rewording_one_language_keeps_the_key_and_both_changed_is_a_new_option():
    merged = options.merge(ABC, [("A", "ay"), ("Bee", "b"), ("X", "x")])
    assert [(o["value"], o["ja"], o["en"], o.get("removed", False)) for o in merged] == [
        ("o1", "A", "ay", False),
        ("o2", "Bee", "b", False),
        ("o4", "X", "x", False),
        ("o3", "C", "c", True),  # C was taken off: kept, marked removed
    ]


def test_a_removed_option_comes_back_with_its_key_and_keys_are_never_reused():
    without_b = options.merge(ABC, [("A", "a"), ("C", "c")])
    assert options.newly_removed(ABC, without_b) == [
        {"value": "o2", "ja": "B", "en": "b", "removed": True}
    ]
    plus_d = options.merge(without_b, [("A", "a"), ("C", "c"), ("D", "d")])
    assert [o["value"] for o in plus_d if options.is_active(o)] == ["o1", "o3", "o4"]
    back = options.merge(plus_d, [("B", "b"), ("A", "a"), ("C", "c"), ("D", "d")])
    assert [o["value"] for o in back] == ["o2", "o1", "o3", "o4"]
    assert all(options.is_active(o) for o in back)


def test_an_exact_match_wins_over_a_partial_one():
    # "A | b" shares its Japanese with o1 and its English with o2; "B | b" is o2 exactly.
    merged = options.merge(ABC[:2], [("A", "b"), ("B", "b")])
    assert [o["value"] for o in merged] == ["o1", "o2"]


def test_repeated_wordings_are_found():
    assert options.repeated([("A", "a"), ("B", "a"), ("A", "c")]) == ["a", "A"]
    assert options.repeated([("A", ""), ("B", "")]) == []


# --- through the builder, with answers ---------------------------------------------------------


@pytest.fixture
def operator(demo_accounts):
    client = Client()
    client.force_login(demo_accounts["operator"])
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def survey():
    return Survey.objects.create(
        slug="format", title_ja="形式の調査", title_en="Format survey", target=Survey.LINK
    )


def _post_question(client, survey, question=None, *, kind="single", lines=(), **extra):
    url = (
        reverse("dxq_insights:question_edit", args=[survey.pk, question.pk])
        if question
        else reverse("dxq_insights:question_new", args=[survey.pk])
    )
    data = {
        "q-kind": kind,
        "q-text_ja": extra.pop("text_ja", "どれですか"),
        "q-text_en": "Which one?",
        "q-required": "on",
        "q-choices_text": "\n".join(lines),
    }
    return client.post(url, data, follow=True)


def _answer(survey, question, value):
    surveys.save(survey, AnonymousUser(), {str(question.pk): value}, final=True)


def _tally(survey, question):
    with translation.override("en"):
        _count, per_question = surveys.results(survey)
    return next(points for q, points, _h, _r, _s in per_question if q.pk == question.pk)


def _exported(survey, client):
    response = client.get(reverse("dxq_insights:survey_export", args=[survey.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return sorted(row[-1] for row in rows[1:])


def test_reordering_and_inserting_options_after_answers_keeps_them(operator, survey):
    _post_question(
        operator, survey, lines=["オンライン | Online", "対面 | In person", "併用 | Both"]
    )
    question = Question.objects.get()
    _answer(survey, question, "o2")  # In person
    _answer(survey, question, "o3")  # Both
    page = _post_question(
        operator,
        survey,
        question,
        lines=["未定 | Undecided", "併用 | Both", "オンライン | Online", "対面 | In person"],
    )
    assert page.status_code == 200
    question.refresh_from_db()
    assert [key for key, _label in question.localized_choices()] == ["o4", "o3", "o1", "o2"]
    assert _tally(survey, question) == [
        ("Undecided", 0),
        ("Both", 1),
        ("Online", 0),
        ("In person", 1),
    ]
    assert _exported(survey, operator) == ["Both", "In person"]  # labels, not keys or places


def test_a_removed_option_keeps_its_answers_and_is_no_longer_offered(operator, survey):
    _post_question(
        operator,
        survey,
        kind="multiple",
        lines=["赤 | Red", "青 | Blue", "緑 | Green"],
    )
    question = Question.objects.get()
    _answer(survey, question, ["o1", "o2"])
    _answer(survey, question, ["o2"])
    page = _post_question(
        operator, survey, question, kind="multiple", lines=["赤 | Red", "緑 | Green"]
    )
    assert "keep their answers" in page.content.decode()
    question.refresh_from_db()
    assert _tally(survey, question) == [("Red", 1), ("Green", 0), ("Blue (removed)", 2)]
    assert _exported(survey, operator) == ["Blue (removed)", "Red, Blue (removed)"]
    # Respondents no longer see it, and its key is refused.
    answer_page = Client().get(reverse("dxq_insights:answer", args=[survey.token]))
    assert "青" not in answer_page.content.decode()
    with pytest.raises(InvalidAnswers):
        _answer(survey, question, ["o2"])
    # A new option gets a new key; listing the old wording again brings the answers back.
    _post_question(
        operator, survey, question, kind="multiple", lines=["赤 | Red", "緑 | Green", "黄 | Yellow"]
    )
    question.refresh_from_db()
    with translation.override("ja"):
        assert dict(question.localized_choices())["o4"] == "黄"
    _post_question(
        operator,
        survey,
        question,
        kind="multiple",
        lines=["赤 | Red", "青 | Blue", "緑 | Green", "黄 | Yellow"],
    )
    question.refresh_from_db()
    assert _tally(survey, question) == [("Red", 1), ("Blue", 2), ("Green", 0), ("Yellow", 0)]


def test_the_builder_shows_only_the_offered_options(operator, survey):
    _post_question(operator, survey, lines=["はい | Yes", "いいえ | No", "不明 | Unsure"])
    question = Question.objects.get()
    _post_question(operator, survey, question, lines=["はい | Yes", "いいえ | No"])
    page = operator.get(reverse("dxq_insights:question_edit", args=[survey.pk, question.pk]))
    text = page.content.decode()
    assert "はい | Yes\nいいえ | No</textarea>" in text
    assert "不明" not in text


def test_the_same_option_twice_is_refused(operator, survey):
    page = _post_question(operator, survey, lines=["はい | Yes", "はい | Yes, surely"])
    assert "Each option must differ: “はい” is given twice." in page.content.decode()
    assert not Question.objects.exists()


def test_a_question_with_answers_keeps_its_kind(operator, survey):
    _post_question(operator, survey, lines=["はい | Yes", "いいえ | No"])
    question = Question.objects.get()
    unanswered = Survey.objects.create(slug="other", title_ja="別の調査", target=Survey.LINK)
    _post_question(operator, unanswered, lines=["A | a", "B | b"])
    other = Question.objects.get(survey=unanswered)
    _answer(survey, question, "o1")
    refused = _post_question(operator, survey, question, kind="text")
    assert "its kind can change only between single and multiple choice" in (
        refused.content.decode()
    )
    question.refresh_from_db()
    assert (question.kind, len(question.choices)) == ("single", 2)
    # Between single and multiple choice the answers still fit; a question nobody answered
    # may become anything.
    _post_question(operator, survey, question, kind="multiple", lines=["はい | Yes", "いいえ | No"])
    question.refresh_from_db()
    assert question.kind == "multiple"
    assert _tally(survey, question) == [("Yes", 1), ("No", 0)]
    _post_question(operator, unanswered, other, kind="text")
    other.refresh_from_db()
    assert (other.kind, other.choices) == ("text", [])


def test_the_admin_cannot_drop_or_rekey_an_answered_option(survey):
    question = Question.objects.create(survey=survey, kind="single", text_ja="Q", choices=ABC)
    question.choices = ABC[1:]
    question.full_clean()  # no answers yet: the operator may still rebuild the options
    question.choices = ABC
    question.save()
    _answer(survey, question, "o1")
    question.choices = [{**ABC[0], "value": "x1"}, *ABC[1:]]
    with pytest.raises(ValidationError):
        question.full_clean()
    question.choices = [{**ABC[0], "removed": True}, *ABC[1:]]
    question.full_clean()  # marked removed: allowed
    question.choices = [{"ja": "A"}, *ABC[1:]]
    with pytest.raises(ValidationError):
        question.full_clean()
    question.choices = ABC
    question.kind = "likert"
    with pytest.raises(ValidationError) as refused:
        question.full_clean()
    assert "kind" in refused.value.message_dict


def test_answers_to_an_option_missing_from_the_list_are_shown_not_dropped(survey):
    """Left by an edit made before keys were stable (or an import): counted and labelled."""
    question = Question.objects.create(survey=survey, kind="single", text_ja="Q", choices=ABC)
    _answer(survey, question, "o1")
    Question.objects.filter(pk=question.pk).update(choices=ABC[1:])
    question.refresh_from_db()
    assert _tally(survey, question) == [("b", 0), ("c", 0), ("Removed option (o1)", 1)]


# --- the ready-made surveys ---------------------------------------------------------------------

#: Keys already released in installations: they must keep meaning the same option.
RELEASED = {
    ("graduate-follow-up", 1): {
        "o1": "業務課題の整理",
        "o2": "データの収集・加工",
        "o3": "データ分析・可視化",
        "o4": "意思決定者への提案資料作成",
        "o5": "組織変革の推進",
        "o6": "新規ビジネスの企画",
        "o7": "まだ活用していない",
    },
    ("graduate-follow-up", 2): {
        "o1": "社内でDX関連の役割に就いた",
        "o2": "転職した",
        "o3": "起業・副業を始めた",
        "o4": "変化はない",
    },
    ("company-outcome-survey", 1): {
        "o1": "全面的に実行した",
        "o2": "一部を実行した",
        "o3": "検討中",
        "o4": "実行していない",
    },
    ("company-outcome-survey", 2): {
        "o1": "業務時間の削減",
        "o2": "コスト削減",
        "o3": "売上の増加",
        "o4": "社員のデジタル意識の向上",
        "o5": "新たなデジタル人材の採用・育成",
        "o6": "特になし",
    },
}


def test_ready_surveys_write_their_option_keys_out_and_keep_the_released_ones():
    for spec in ready_surveys.READY:
        for position, (kind, _ja, _en, _required, choices) in enumerate(spec["questions"], 1):
            if kind not in ("single", "multiple"):
                continue
            assert all(len(option) == 3 for option in choices), (spec["slug"], position)
            keys = [key for key, _o_ja, _o_en in choices]
            assert len(set(keys)) == len(keys), (spec["slug"], position)
            released = RELEASED[(spec["slug"], position)]
            assert {key: ja for key, ja, _o_en in choices if key in released} == released


def test_installed_ready_surveys_store_the_written_keys(demo_accounts):
    installed = {s.slug: s for s in surveys.install_ready_surveys()}
    for (slug, position), released in RELEASED.items():
        question = installed[slug].questions.get(position=position)
        assert {o["value"]: o["ja"] for o in question.choices} == released
