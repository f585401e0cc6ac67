"""Japanese and English search over the token table, within readable spaces only."""

import pytest

from community_plugin import api as community
from community_plugin.discussions import api, posting, reactions
from community_plugin.discussions.models import SearchToken

pytestmark = pytest.mark.django_db


#: The threads searched: key -> (author, space, kind, title, body, skills).
THREADS = {
    "turnover": (
        "learner1",
        "space",
        "question",
        "在庫の指標について",
        "在庫回転率の計算はどの列を使えばよいですか？",
        ["dss-p/v1/DU-2-1"],
    ),
    "katakana": (
        "learner2",
        "space",
        "idea",
        "データの可視化",
        "ダッシュボードで段取り時間を見せるアイデアです。",
        [],
    ),
    "english": (
        "master",
        "space",
        "showcase",
        "Pivot tables in DuckDB",
        "I built a pivot of sales by customer industry.",
        [],
    ),
    "elsewhere": (
        "outsider",
        "other",
        "question",
        "在庫回転率の別スレッド",
        "別のコースの在庫回転率の話です。",
        [],
    ),
}


@pytest.fixture
def threads(people):
    return {
        key: posting.create_thread(
            getattr(people, author),
            getattr(people, space),
            kind=kind,
            title=title,
            body=body,
            skills=skills,
        )
        for key, (author, space, kind, title, body, skills) in THREADS.items()
    }


def ids(results):
    return [row["id"] for row in results]


@pytest.mark.parametrize(
    ("who", "query", "found"),
    [
        pytest.param("learner2", "「在庫回転率」", ["turnover"], id="japanese-word-in-a-text"),
        pytest.param("learner1", "ﾀﾞｯｼｭﾎﾞｰﾄﾞ", ["katakana"], id="half-width-katakana"),
        pytest.param("learner1", "ＰＩＶＯＴ duckdb", ["english"], id="full-width-latin-case-fold"),
        pytest.param("learner1", "pivot 在庫回転率", [], id="every-word-must-match"),
        pytest.param("learner1", "段取り アイデア", ["katakana"], id="two-words-in-one-thread"),
        pytest.param("outsider", "在庫回転率", ["elsewhere"], id="no-leak-to-another-space"),
        pytest.param("learner1", "在庫回転率", ["turnover"], id="no-leak-from-another-space"),
        pytest.param(
            "operator", "在庫回転率", ["elsewhere", "turnover"], id="operators-all-title-first"
        ),
        pytest.param("company", "在庫回転率", [], id="companies-nothing"),
        pytest.param("hub", "在庫回転率", [], id="hubs-nothing"),
    ],
)
def test_search_finds(people, threads, who, query, found):
    """What a search by ``who`` finds, best first (title matches rank first)."""
    assert ids(api.search(getattr(people, who), query)) == [threads[key].pk for key in found]


def test_filters_kind_skill_answered(people, threads):
    learner = people.learner1
    assert api.search(learner, "在庫回転率", {"kind": "idea"}) == []
    assert ids(api.search(learner, "在庫", {"skill": "dss-p/v1/DU-2-1"})) == [
        threads["turnover"].pk
    ]
    assert ids(api.search(learner, "在庫", {"answered": False})) == [threads["turnover"].pk]
    assert api.search(learner, "在庫", {"answered": True}) == []
    reply = posting.reply(people.learner2, threads["turnover"], body="金額と数量の列を使います。")
    reactions.accept(people.learner1, threads["turnover"], reply)
    assert ids(api.search(learner, "在庫", {"answered": True})) == [threads["turnover"].pk]
    assert ids(api.search(learner, "数量")) == [threads["turnover"].pk]  # replies are indexed


def test_space_filter(people, threads):
    program = community.program_space()
    assert api.search(people.operator, "在庫回転率", {"space": program}) == []


def test_edit_and_hide_update_the_index(people, threads):
    thread = threads["katakana"]
    posting.edit_thread(people.learner2, thread, title="可視化", body="グラフの話に変えました。")
    assert api.search(people.learner1, "ダッシュボード") == []
    assert ids(api.search(people.learner1, "グラフ")) == [thread.pk]
    from community_plugin.discussions import moderation

    moderation.hide(people.master, thread)
    assert api.search(people.learner1, "グラフ") == []


def test_tokens_survive_kana_that_case_insensitive_collations_merge(people):
    """は/ば and あ/ア differ: on MariaDB's *_ci collations they would collide in a unique key."""
    thread = posting.create_thread(
        people.learner1, people.space, kind="idea", title="はば", body="あア ハバ"
    )
    assert SearchToken.objects.filter(thread=thread).count() >= 6
    assert ids(api.search(people.learner1, "ハバ")) == [thread.pk]
