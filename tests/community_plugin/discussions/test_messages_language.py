"""Refusals and confirmations reach people in their own language (Japanese first, English)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from community_plugin.discussions import access, moderation, posting
from community_plugin.discussions.errors import Forbidden, Invalid, NotFound

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[3] / "community_plugin"


@pytest.fixture
def thread(people):
    return posting.create_thread(
        people.learner1, people.space, kind="question", title="欠損値の扱い", body="質問です"
    )


def _refusal(call):
    with pytest.raises((NotFound, Forbidden)) as caught:
        call()
    return caught.value.message


@pytest.mark.parametrize(
    ("lang", "thread_missing", "reply_missing", "not_moderator"),
    [
        (
            "ja",
            "スレッドが見つかりません。",
            "返信が見つかりません。",
            "この操作ができるのはコミュニティマスターと運営者だけです。",
        ),
        (
            "en",
            "No such thread.",
            "No such reply.",
            "Only community masters and operators can do this.",
        ),
    ],
)
def test_access_refusals_are_in_the_active_language(
    people, thread, lang, thread_missing, reply_missing, not_moderator
):
    with translation.override(lang):
        assert _refusal(lambda: access.get_thread(people.learner1, 999999)) == thread_missing
        assert _refusal(lambda: access.get_thread(people.outsider, thread.pk)) == thread_missing
        assert _refusal(lambda: access.get_post(people.learner1, 999999)) == reply_missing
        refused = _refusal(lambda: access.check_moderate(people.learner2, people.space))
        assert refused == not_moderator


@pytest.mark.parametrize(
    ("lang", "done"), [("ja", "ベストアンサーに選びました。"), ("en", "The answer is accepted.")]
)
def test_a_page_action_is_confirmed_in_the_language_of_who_clicked(
    client, people, thread, lang, done
):
    reply = posting.reply(people.learner2, thread, body="こうします")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    client.force_login(people.learner1)
    action = reverse("dxq_discussions:action", args=[thread.pk])
    response = client.post(action, {"action": "accept", "post": reply.pk}, follow=True)
    assert done in response.content.decode()


def test_a_refusal_raised_as_an_english_msgid_is_shown_translated_on_the_page(
    client, people, thread, monkeypatch
):
    """errors.py allows services to raise an English msgid; the page translates it."""

    def refuse(*args, **kwargs):
        raise Invalid("No such reply.")

    monkeypatch.setattr(moderation, "set_pinned", refuse)
    client.force_login(people.master)
    action = reverse("dxq_discussions:action", args=[thread.pk])
    body = client.post(action, {"action": "pin"}, follow=True).content.decode()
    assert "返信が見つかりません。" in body
    assert "No such reply." not in body


def test_an_empty_message_stays_empty_not_the_catalogue_header():
    with translation.override("ja"):
        assert Invalid().shown(translation.gettext) == ""


def _eager_gettext_calls(path):
    """Calls of gettext (not gettext_lazy) that run when ``path`` is imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    eager = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in ("gettext", "ngettext", "pgettext", "npgettext")
    }
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            call = isinstance(child, ast.Call) and isinstance(child.func, ast.Name)
            if call and child.func.id in eager and not in_function:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{child.lineno}")
            visit(child, inside)

    visit(tree, False)
    return found


def test_no_text_is_translated_once_at_import_time():
    """A module-level ``gettext`` freezes one language for everybody: use gettext_lazy."""
    found = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        for hit in _eager_gettext_calls(path)
    ]
    assert found == []
