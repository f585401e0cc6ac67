"""What the thread page confirms after an asker accepts an answer comes in that person's
language: Japanese by default, English after the header's language switch. Two askers, one in
each language, act in turn on the same server, so words translated once (at import, or in the
first request's language) would show in the wrong language to one of them. Refusals too: a
reply hidden by a community master meanwhile cannot be accepted, and the page says so."""

import pytest
from playwright.sync_api import expect

from community_plugin import api as community
from community_plugin.discussions import moderation, posting
from community_plugin.discussions.models import Thread
from conf.portal import demo
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.helpers import assert_accessible, login, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: The words checked, from community_plugin's catalogue (conf/locale/ja/LC_MESSAGES/django.po).
TEXTS = {
    "ja": {
        "accept": "ベストアンサーに選ぶ",
        "done": "ベストアンサーに選びました。",
        "badge": "ベストアンサー",
        "solved": "解決済み",
        "unsolved": "未解決",
        "withdraw": "ベストアンサーを取り消す",
        "refused": "この返信はベストアンサーにできません。",
    },
    "en": {
        "accept": "Accept this answer",
        "done": "The answer is accepted.",
        "badge": "Accepted answer",
        "solved": "Solved",
        "unsolved": "Unanswered",
        "withdraw": "Withdraw acceptance",
        "refused": "This reply cannot be accepted.",
    },
}


@pytest.fixture
def space(demo_users):
    space = community.course_space(demo.DEMO_COURSE_KEY, demo.DEMO_COURSE_NAME)
    community.set_community_master(demo_users["master"].pk, space)
    return space


@pytest.fixture
def open_page(browser, live_server, guard):
    """A person's own browser: a new context (Japanese locale) with the off-server guard."""
    contexts = []

    def make():
        context = browser.new_context(
            base_url=live_server.url, locale="ja-JP", service_workers="block"
        )
        context.set_default_timeout(TIMEOUT_MS)
        guard.attach(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


class Asker:
    """Someone who asked a question that has two answers, on their own thread page."""

    def __init__(self, open_page, users, space, asker, answerer, lang):
        self.text = TEXTS[lang]
        # Set up as data (not rate limited): the pages under test are the asker's.
        self.thread = posting.create_thread(
            users[asker],
            space,
            kind="question",
            title=f"{asker}の質問",
            body="在庫日数は？",
            rate_limited=False,
        )
        self.first, self.second = (
            posting.reply(users[answerer], self.thread, body=body, rate_limited=False)
            for body in ("売上原価で割ります。", "月末在庫で見ます。")
        )
        self.page = open_page()
        login(self.page, asker)
        if lang != "ja":
            switch_language(self.page, lang)
        self.page.goto(f"/dxq/discussions/t/{self.thread.pk}/")
        expect(self.status).to_have_text(self.text["unsolved"])

    @property
    def status(self):
        return self.page.locator(".dxq-thread-meta .dxq-status")

    @property
    def accepted(self):
        return self.page.locator(".dxq-post--accepted")

    def click(self, post, name):
        """Click ``name`` on ``post`` and wait for the thread page it comes back to."""
        with self.page.expect_navigation():
            self.page.locator(f"#post-{post.pk}").get_by_role("button", name=name).click()

    def expect_message(self, kind, text):
        expect(self.page.locator(".dxq-messages li")).to_have_text([text])
        expect(self.page.locator(f".dxq-messages li.dxq-message--{kind}")).to_have_count(1)

    def accepted_post_id(self):
        return Thread.objects.get(pk=self.thread.pk).accepted_post_id


def test_accepting_an_answer_is_confirmed_in_the_askers_language(open_page, space, demo_users):
    ja = Asker(open_page, demo_users, space, "learner1", "learner2", "ja")
    en = Asker(open_page, demo_users, space, "learner2", "learner1", "en")

    # Turn by turn, so that the language of one request cannot stick to the next.
    for asker in (ja, en):
        asker.click(asker.first, asker.text["accept"])
        asker.expect_message("success", asker.text["done"])
        expect(asker.status).to_have_text(asker.text["solved"])
        expect(asker.accepted).to_have_attribute("id", f"post-{asker.first.pk}")
        expect(asker.accepted.locator("header .dxq-status")).to_have_text(asker.text["badge"])
        expect(asker.accepted.get_by_role("button", name=asker.text["withdraw"])).to_be_visible()
        assert_accessible(asker.page)
        assert asker.accepted_post_id() == asker.first.pk

    # A community master hides the other answers while the askers' pages are open: accepting
    # one is refused, in each asker's language, and the accepted answer stays.
    for asker in (ja, en):
        moderation.hide(demo_users["master"], asker.thread, asker.second)
    for asker in (ja, en):
        asker.click(asker.second, asker.text["accept"])
        asker.expect_message("error", asker.text["refused"])
        expect(asker.accepted).to_have_attribute("id", f"post-{asker.first.pk}")
        expect(asker.status).to_have_text(asker.text["solved"])
        assert_accessible(asker.page)
        assert asker.accepted_post_id() == asker.first.pk

    # Withdrawing the acceptance: the question is open again, in the same language.
    for asker in (ja, en):
        asker.click(asker.first, asker.text["withdraw"])
        expect(asker.status).to_have_text(asker.text["unsolved"])
        expect(asker.accepted).to_have_count(0)
        expect(
            asker.page.locator(f"#post-{asker.first.pk}").get_by_role(
                "button", name=asker.text["accept"]
            )
        ).to_be_visible()
        assert_accessible(asker.page)
        assert asker.accepted_post_id() is None


def test_the_answerer_is_told_in_their_own_language(open_page, space, demo_users):
    en = Asker(open_page, demo_users, space, "learner1", "learner2", "en")
    en.click(en.first, en.text["accept"])
    en.expect_message("success", en.text["done"])

    answerer = open_page()
    login(answerer, "learner2")  # Japanese, the default
    answerer.goto("/dxq/community/notifications/")
    notice = answerer.locator(".dxq-notifications li", has_text="learner1の質問")
    expect(notice).to_contain_text("回答がベストアンサーに選ばれたとき")  # the kind: translated
    # Nothing stored in the asker's language: the kind's label, translated when shown, says it.
    expect(notice).not_to_contain_text("Your answer was accepted")
    assert_accessible(answerer)
