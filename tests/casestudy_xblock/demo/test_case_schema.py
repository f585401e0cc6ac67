"""The demo case follows ADR 0008 field by field, in Japanese and English."""

import hashlib
import json

import pytest

from casestudy_xblock import skills
from casestudy_xblock.demo import __main__ as cli
from casestudy_xblock.demo import case, generate, schema

STAGES = ["diagnosis", "options", "plan", "change", "new_business", "proposal"]
BLOCK_FIELDS = {
    "display_name",
    "stage",
    "company",
    "narrative",
    "people",
    "materials",
    "datasets",
    "questions",
    "skills",
    "max_attempts",
}
QUESTION_FIELDS = {
    "id",
    "kind",
    "prompt",
    "choices",
    "answer",
    "expected_sql",
    "tolerance",
    "hints",
    "feedback",
    "skills",
    "weight",
}


def localised_texts(value, path="block"):
    """Every {"ja", "en"} dict inside value, with where it is."""
    if isinstance(value, dict):
        if set(value) == {"ja", "en"}:
            yield path, value
            return
        for key, item in value.items():
            yield from localised_texts(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from localised_texts(item, f"{path}[{i}]")


def test_six_units_cover_every_stage_in_course_order(blocks):
    assert [b["stage"] for b in blocks] == STAGES
    assert all(b["display_name"].startswith(f"{i}. ") for i, b in enumerate(blocks, start=1))


@pytest.mark.parametrize("index", range(6))
def test_block_has_exactly_the_adr_fields(blocks, index):
    block = blocks[index]
    assert set(block) == BLOCK_FIELDS
    assert isinstance(block["display_name"], str)
    assert block["display_name"]
    assert set(block["company"]) == {"name", "industry", "location", "employees", "summary"}
    assert block["company"]["employees"] == 85
    assert all(set(p) == {"name", "role", "note"} for p in block["people"])
    assert len(block["people"]) >= 5
    assert all(set(m) == {"id", "kind", "title", "body"} for m in block["materials"])
    assert {m["kind"] for m in block["materials"]} <= {"interview", "document", "memo"}
    assert all(
        set(d) == {"slug", "title", "description", "sha256", "filename"} for d in block["datasets"]
    )
    assert isinstance(block["max_attempts"], int)
    assert block["max_attempts"] >= 0
    assert 2 <= len(block["questions"]) <= 4
    for q in block["questions"]:
        assert set(q) == QUESTION_FIELDS
        assert q["kind"] in {"numeric", "single", "multiple", "text"}
        assert q["hints"]
        assert q["skills"]
        assert q["weight"] > 0
    assert schema.problems(block) == []


def test_every_localised_text_has_japanese_and_english(blocks):
    texts = [t for b in blocks for t in localised_texts(b)]
    assert len(texts) > 300
    for path, text in texts:
        assert isinstance(text["ja"], str), path
        assert text["ja"].strip(), path
        assert isinstance(text["en"], str), path
        assert text["en"].strip(), path
        assert text["ja"] != text["en"] or text["ja"].isascii(), path


def test_japanese_comes_first(blocks):
    """The Japanese of every prompt and narrative is really Japanese, not a copy of the English."""
    for block in blocks:
        for text in [block["narrative"], *(q["prompt"] for q in block["questions"])]:
            assert any("\u3040" <= ch <= "\u30ff" for ch in text["ja"])


def test_ids_are_unique_slugs(blocks):
    all_questions = [q["id"] for b in blocks for q in b["questions"]]
    assert len(all_questions) == len(set(all_questions))
    for block in blocks:
        for group in ("materials", "questions"):
            ids = [item["id"] for item in block[group]]
            assert len(ids) == len(set(ids))
            assert all(schema.SLUG.match(i) for i in ids)
        for q in block["questions"]:
            choice_ids = [c["id"] for c in q["choices"]]
            assert len(choice_ids) == len(set(choice_ids))
            assert all(schema.SLUG.match(i) for i in choice_ids)


def test_skill_ids_exist(blocks):
    for block in blocks:
        assert block["skills"]
        assert skills.validate_ids(block["skills"]) == []
        used = [s for q in block["questions"] for s in q["skills"]]
        assert skills.validate_ids(used) == []
        assert set(block["skills"]) == set(used)
    categories = {s.split("/")[-1].split("-")[0] for b in blocks for s in b["skills"]}
    assert {"BT", "DU", "PS", "SE", "TE"} <= categories


def test_choice_answers_reference_existing_choices(blocks):
    for block in blocks:
        for q in block["questions"]:
            ids = {c["id"] for c in q["choices"]}
            if q["kind"] in ("single", "multiple"):
                assert len(ids) >= 3
            else:
                assert not ids
            if q["expected_sql"]:
                assert q["answer"] is None  # the SQL wins; no second source of truth
            elif q["kind"] == "single":
                assert q["answer"] in ids
            elif q["kind"] == "multiple":
                assert 1 <= len(q["answer"]) < len(ids)
                assert set(q["answer"]) <= ids
            if q["kind"] == "numeric":
                assert q["tolerance"]["mode"] in ("abs", "rel")
                assert q["tolerance"]["value"] > 0
            else:
                assert q["tolerance"] is None


def test_question_mix(blocks):
    kinds = {q["kind"] for b in blocks for q in b["questions"]}
    assert kinds == {"numeric", "single", "multiple", "text"}
    for block in blocks:
        assert any(q["expected_sql"] for q in block["questions"]), block["stage"]
        assert any(q["kind"] != "numeric" for q in block["questions"]), block["stage"]
    proposal = blocks[-1]
    evidence = [q for q in proposal["questions"] if q["kind"] == "multiple"]
    assert evidence
    assert "根拠" in evidence[0]["prompt"]["ja"]


def test_datasets_point_at_the_generated_files(blocks, files):
    for block in blocks:
        for d in block["datasets"]:
            assert d["sha256"] == hashlib.sha256(files[d["slug"]]).hexdigest()
            assert d["filename"] == generate.FILENAMES[d["slug"]]
    assert {d["slug"] for b in blocks for d in b["datasets"]} == set(generate.SLUGS)
    assert [d["slug"] for d in blocks[-1]["datasets"]] == list(generate.SLUGS)


def test_blocks_are_fresh_copies(blocks):
    first = case.blocks()
    first[0]["questions"][0]["prompt"]["ja"] = "changed"
    assert case.blocks()[0]["questions"][0]["prompt"]["ja"] != "changed"
    assert case.blocks() == blocks


def test_blocks_are_json_and_the_cli_writes_them(tmp_path, blocks, capsys):
    assert cli.main([str(tmp_path)]) == 0
    written = sorted(tmp_path.glob("unit*.json"))
    assert [p.name for p in written] == [f"unit{i}-{s}.json" for i, s in enumerate(STAGES, 1)]
    assert [json.loads(p.read_text(encoding="utf-8")) for p in written] == blocks
    assert len(list((tmp_path / "datasets").iterdir())) == 4
    assert "cp932" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: b.pop("skills"), "missing field skills"),
        (lambda b: b.update(stage="launch"), "unknown stage"),
        (lambda b: b["narrative"].update(ja=""), "narrative: Japanese text is empty"),
        (lambda b: b["questions"][0].update(kind="essay"), "unknown kind"),
        (lambda b: b["questions"][1].update(tolerance=None), "needs tolerance"),
        (lambda b: b["questions"][3].update(answer=["nope"]), "answer does not fit"),
        (lambda b: b["questions"].append(b["questions"][0]), "question ids are not unique"),
        (lambda b: b["datasets"][0].update(sha256="xyz"), "bad slug or sha256"),
        (lambda b: b["questions"][1].update(expected_sql="DELETE FROM sales"), "must be a SELECT"),
    ],
)
def test_the_checker_catches_broken_blocks(damage, message):
    block = case.blocks()[0]
    damage(block)
    assert any(message in problem for problem in schema.problems(block)), schema.problems(block)
