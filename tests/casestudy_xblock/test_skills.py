"""casestudy_xblock.skills: the DX Promotion Skill Standard as data (pure Python, no Django)."""

import json
import re
import subprocess
import sys
from importlib import resources

import pytest

from casestudy_xblock import skills
from casestudy_xblock.skills_model import SkillItem

# Published ids: tags, badges and talent profiles store these. Changing one breaks stored data.
ID_SNAPSHOT = {
    "dss-p/v1/BT": "ビジネス変革",
    "dss-p/v1/BT-1": "戦略・マネジメント・システム",
    "dss-p/v1/BT-1-1": "ビジネス戦略策定・実行",
    "dss-p/v1/BT-3-2": "価値発見・定義",
    "dss-p/v1/DU-2-2": "機械学習・深層学習",
    "dss-p/v1/TE-1-10": "サービス活用",
    "dss-p/v1/SE-2-2": "セキュリティ運用・保守・監視",
    "dss-p/v1/PS-2-4": "適応力",
    "dss-p/v2/1.1.1": "ビジネス環境と経営戦略の理解",
    "dss-p/v2/3.1.10": "サービス活用",
    "dss-p/v1/type/BA": "ビジネスアーキテクト",
    "dss-p/v1/role/BA-NB": "ビジネスアーキテクト（新規事業開発）",
    "dss-p/v1/role/CS-EN": "サイバーセキュリティエンジニア",
    "dss-p/v1/importance/z": "ロール内で担当する業務・状況によって重要度が異なる",
    "dss-l/v1/L-MS": "マインド・スタンス",
    "dss-l/v1/L-MS-1": "変化への適応",
    "dss-l/v1/L-WHAT-2": "デジタル技術",
    "dss-l/v1/L-WHAT-2-1": "AI",
    "dss-l/v1/L-HOW-2-3": "コンプライアンス",
}
ID_PATTERN = re.compile(
    r"^(dss-p/v\d+/([A-Z]{2}(-\d+){0,2}|\d+(\.\d+){0,2}|type/[A-Z]{2}|role/[A-Z]{2}-[A-Z]{2}"
    r"|importance/[a-z])|dss-l/v\d+/L-[A-Z]+(-\d+){0,2})$"
)


def _all_nodes():
    nodes = list(skills.talent_types()) + list(skills.roles()) + list(skills.importance_levels())
    for edition in skills.editions():
        for cat in skills.categories(edition.id):
            nodes += [cat, *cat.subcategories, *cat.items]
    for area in skills.literacy():
        nodes += [area, *area.items]
        for group in area.groups:
            nodes += [group, *group.items]
    return nodes


def test_v1_counts_match_the_published_standard():
    cats = skills.categories()
    assert len(cats) == 5
    assert sum(len(c.subcategories) for c in cats) == 12
    assert len(skills.all()) == 49
    assert len(skills.all("v1")) == 49
    assert all(isinstance(item, SkillItem) for item in skills.all())


def test_v2_draft_counts():
    cats = skills.categories("v2")
    assert len(cats) == 5
    assert sum(len(c.subcategories) for c in cats) == 13
    assert len(skills.all("v2")) == 67


def test_declared_totals_match_the_encoded_data():
    for edition in skills.editions():
        cats = skills.categories(edition.id)
        actual = (len(cats), sum(len(c.subcategories) for c in cats), len(skills.all(edition.id)))
        assert actual == edition.declared_totals, edition.id


def test_talent_types_and_roles():
    types = skills.talent_types()
    assert [t.code for t in types] == ["BA", "DE", "DS", "SW", "CS"]
    assert len(skills.roles()) == 15
    assert [len(t.roles) for t in types] == [3, 3, 3, 4, 2]
    assert all(r.talent_type_id == t.id for t in types for r in t.roles)


def test_importance_levels_and_literacy_headings():
    assert [lv.code for lv in skills.importance_levels()] == ["a", "b", "c", "d", "z"]
    areas = skills.literacy()
    assert [a.code for a in areas] == ["L-MS", "L-WHY", "L-WHAT", "L-HOW"]
    assert len(areas[0].items) == 7
    assert [g.ja for g in areas[2].groups] == ["データ", "デジタル技術"]
    assert skills.literacy_standard().name("en") == "DX Literacy Standard"


def test_editions_v1_default_v2_draft():
    eds = {e.id: e for e in skills.editions()}
    assert list(eds) == ["v1", "v2"]
    assert eds["v1"].is_default
    assert not eds["v1"].is_draft
    assert eds["v2"].is_draft
    assert not eds["v2"].is_default
    assert skills.DEFAULT_EDITION == "v1"
    assert skills.edition("v2").status == "draft"


def test_ids_are_unique_namespaced_and_well_formed():
    ids = [n.id for n in _all_nodes()]
    assert len(ids) == len(set(ids))
    bad = [i for i in ids if not ID_PATTERN.match(i)]
    assert bad == []
    assert all(n.id.endswith("/" + n.code) for n in _all_nodes())


def test_id_snapshot_is_stable():
    assert {i: skills.get(i).ja for i in ID_SNAPSHOT} == ID_SNAPSHOT


def test_first_and_last_items_in_order():
    assert [i.code for i in skills.all()[:3]] == ["BT-1-1", "BT-1-2", "BT-1-3"]
    assert skills.all()[-1].id == "dss-p/v1/PS-2-4"
    assert skills.all("v2")[-1].id == "dss-p/v2/5.2.4"


def test_get_full_and_bare_ids():
    item = skills.get("dss-p/v1/BT-1-1")
    assert item is skills.get("BT-1-1")
    assert item.category_id == "dss-p/v1/BT"
    assert item.subcategory_id == "dss-p/v1/BT-1"
    assert skills.get("1.1.1", edition="v2").id == "dss-p/v2/1.1.1"
    assert skills.get("role/BA-NB").code == "BA-NB"


def test_get_unknown_raises_typed_key_error_with_message():
    with pytest.raises(skills.UnknownSkill) as excinfo:
        skills.get("BT-9-9")
    assert isinstance(excinfo.value, KeyError)
    message = str(excinfo.value)
    assert "'BT-9-9'" in message
    assert "dss-p/v1/" in message
    assert not message.startswith('"')  # a plain message, not a KeyError repr
    with pytest.raises(skills.UnknownSkill, match="Did you mean: dss-p/v1/BT-1-1"):
        skills.get("BT-1-11")
    with pytest.raises(skills.UnknownSkill):
        skills.get("1.1.1")  # a v2 code is not read in v1
    with pytest.raises(skills.UnknownSkill):
        skills.get(None)


def test_find_returns_none():
    assert skills.find("dss-p/v1/XX-1-1") is None
    assert skills.find("") is None
    assert skills.find(42) is None
    assert skills.find("BT-1-1").code == "BT-1-1"


def test_unknown_edition():
    with pytest.raises(skills.UnknownEdition, match="v3") as excinfo:
        skills.all("v3")
    assert isinstance(excinfo.value, KeyError)
    with pytest.raises(skills.UnknownEdition):
        skills.by_category("V1")
    with pytest.raises(skills.UnknownEdition):
        skills.search("AI", edition="draft")


def test_names_with_language_fallback():
    item = skills.get("BT-1-1")
    assert item.name("ja") == "ビジネス戦略策定・実行"
    assert item.name("en") == "Business strategy formulation and execution"
    assert item.name("en-us") == item.en
    assert item.name("fr") == item.ja
    assert item.name(None) == item.ja
    assert item.name_language("en") == "en"
    draft = skills.get("dss-p/v2/1.1.1")
    assert draft.en is None
    assert draft.name("en") == "ビジネス環境と経営戦略の理解"
    assert draft.name_language("en") == "ja"


def test_every_v1_node_has_both_names_and_a_confidence():
    for cat in skills.categories("v1"):
        for node in [cat, *cat.subcategories, *cat.items]:
            assert node.ja, node.id
            assert node.en, node.id
            assert node.confidence, node.id
    assert all(i.en is None and i.confidence == "medium" for i in skills.all("v2"))


def test_by_category_order_and_content():
    tree = skills.by_category()
    assert [c.code for c in tree] == ["BT", "DU", "TE", "SE", "PS"]
    assert [s.code for s in tree[skills.get("BT")]] == ["BT-1", "BT-2", "BT-3"]
    flat = [i for subs in tree.values() for items in subs.values() for i in items]
    assert flat == list(skills.all())
    with pytest.raises(TypeError):
        tree["x"] = 1  # read-only


def test_search():
    codes = [i.code for i in skills.search("データ")]
    assert "DU-1-1" in codes
    assert codes == sorted(codes, key=[i.code for i in skills.all()].index)
    assert [i.code for i in skills.search("leadership")] == ["PS-1-1"]
    assert [i.code for i in skills.search("ＬＥＡＤＥＲＳＨＩＰ")] == ["PS-1-1"]  # full-width
    assert skills.search("leadership", lang="ja") == ()
    assert [i.code for i in skills.search("リーダー", lang="ja")] == ["PS-1-1"]
    assert [i.code for i in skills.search("TE-1-1")] == ["TE-1-1", "TE-1-10"]
    assert len(skills.search("  ")) == 49
    assert skills.search("no such skill") == ()


def test_search_v2_in_english_falls_back_to_japanese():
    found = skills.search("リーダーシップ", lang="en", edition="v2")
    assert [i.id for i in found] == ["dss-p/v2/5.1.1"]


def test_validate_ids():
    assert skills.validate_ids(["dss-p/v1/BT-1-1", "dss-p/v1/role/SW-FE"]) == []
    unknown = skills.validate_ids(["dss-p/v1/BT-1-1", "BT-1-2", "nope", "nope", None])
    assert unknown == ["BT-1-2", "nope", None]


def test_records_are_frozen():
    item = skills.get("BT-1-1")
    with pytest.raises(AttributeError):
        item.ja = "x"


def test_standard_metadata_keeps_source_and_notes():
    std = skills.standard()
    assert std.abbr == "DSS-P"
    assert std.name("en") == "DX Promotion Skill Standard"
    assert std.schema_version == "2026-research-1"
    assert std.versions[0].date == "2022-12-21"
    assert "NOT found" in std.note("importance_levels")


def test_data_file_keeps_every_reference_node():
    raw = json.loads(
        resources.files("casestudy_xblock").joinpath("data", "dss_p.json").read_text("utf-8")
    )
    assert raw["default_edition"] == skills.DEFAULT_EDITION
    for edition in raw["editions"]:
        for cat in edition["categories"]:
            for key in ("id", "code", "ja", "en", "confidence"):
                assert key in cat


def test_lookup_is_indexed_not_scanned(monkeypatch):
    """get() must not walk the tree: it keeps working with the item tuples emptied."""
    skills.get("BT-1-1")
    index = skills._index()
    monkeypatch.setattr(index, "items", {})
    monkeypatch.setattr(index, "categories", {"v1": (), "v2": ()})
    assert skills.get("dss-p/v1/SE-1-4").ja == "プライバシー保護"


def test_imports_without_django():
    code = (
        "import sys; sys.modules['django'] = None\n"
        "import casestudy_xblock.skills as s\n"
        "assert len(s.all()) == 49\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules"
        " if sys.modules[m] is not None)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
