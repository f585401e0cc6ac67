"""Search tokens for Japanese and English (pure)."""

from community_plugin.discussions.tokens import document_tokens, normalize, query_tokens


def test_japanese_text_gives_characters_and_bigrams():
    tokens = document_tokens("在庫回転率の計算")
    assert {"在庫", "庫回", "回転", "転率", "率の", "の計", "計算"} <= set(tokens)
    assert {"在", "率"} <= set(tokens)


def test_query_of_a_japanese_word_is_its_bigrams_only():
    assert query_tokens("在庫回転率") == ["在庫", "庫回", "回転", "転率"]
    assert query_tokens("「在庫回転率」") == ["在庫", "庫回", "回転", "転率"]


def test_single_character_query_is_kept():
    assert query_tokens("株") == ["株"]


def test_every_query_token_is_in_a_text_containing_the_query():
    text = "やまなみ精工の受注データで在庫回転率を計算しました"
    for query in ("在庫回転率", "受注", "やまなみ精工", "精"):
        assert set(query_tokens(query)) <= set(document_tokens(text)), query


def test_half_width_katakana_and_full_width_latin_fold_together():
    assert query_tokens("ﾃﾞｰﾀ") == query_tokens("データ")
    assert query_tokens("ＤｕｃｋＤＢ") == query_tokens("duckdb") == ["duckdb"]
    assert normalize("ＡＢＣ") == "abc"


def test_english_words_are_whole_lower_case_words():
    assert query_tokens("Pivot Table, pivot!") == ["pivot", "table"]
    assert document_tokens("SQL and sql")["sql"] == 2


def test_mixed_text_splits_at_script_changes():
    assert query_tokens("SQLで集計") == ["sql", "で集", "集計"]


def test_punctuation_only_gives_no_token():
    assert query_tokens("!!! 、。") == []
    assert query_tokens("") == []
