"""Japanese and English search over the token table, within readable spaces only."""

import pytest

from community_plugin import api as community
from community_plugin.discussions import api, posting, reactions
from community_plugin.discussions.models import SearchToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(people):
    make = posting.create_thread
    return {
        "turnover": make(
            people.learner1,
            people.space,
            kind="question",
            title="在庫の指標について",
            body="在庫回転率の計算はどの列を使えばよいですか？",
            skills=["dss-p/v1/DU-2-1"],
        ),
        "katakana": make(
            people.learner2,
            people.space,
            kind="idea",
            title="データの可視化",
            body="ダッシュボードで段取り時間を見せるアイデアです。",
        ),
        "english": make(
            people.master,
            people.space,
            kind="showcase",
            title="Pivot tables in DuckDB",
            body="I built a pivot of sales by customer industry.",
        ),
        "elsewhere": make(
            people.outsider,
            people.other,
            kind="question",
            title="在庫回転率の別スレッド",
            body="別のコースの在庫回転率の話です。",
        ),
    }


def ids(results):
    return [row["id"] for row in results]


def test_japanese_word_finds_a_text_containing_it(people, threads):
    assert ids(api.search(people.learner2, "「在庫回転率」")) == [threads["turnover"].pk]


def test_half_width_katakana_query_finds_full_width_text(people, threads):
    assert ids(api.search(people.learner1, "ﾀﾞｯｼｭﾎﾞｰﾄﾞ")) == [threads["katakana"].pk]


def test_full_width_latin_and_case_fold(people, threads):
    assert ids(api.search(people.learner1, "ＰＩＶＯＴ duckdb")) == [threads["english"].pk]


def test_every_word_must_match(people, threads):
    assert api.search(people.learner1, "pivot 在庫回転率") == []
    assert ids(api.search(people.learner1, "段取り アイデア")) == [threads["katakana"].pk]


def test_no_leak_across_spaces(people, threads):
    assert ids(api.search(people.outsider, "在庫回転率")) == [threads["elsewhere"].pk]
    assert ids(api.search(people.learner1, "在庫回転率")) == [threads["turnover"].pk]


def test_operators_search_every_space_and_others_nothing(people, threads):
    found = ids(api.search(people.operator, "在庫回転率"))
    assert sorted(found) == sorted([threads["turnover"].pk, threads["elsewhere"].pk])
    assert api.search(people.company, "在庫回転率") == []
    assert api.search(people.hub, "在庫回転率") == []


def test_title_matches_rank_first(people, threads):
    # The other-space thread has 在庫回転率 in its title; the operator sees both.
    assert ids(api.search(people.operator, "在庫回転率"))[0] == threads["elsewhere"].pk


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
