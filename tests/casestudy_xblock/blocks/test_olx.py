"""OLX: export then import gives the same fields; DOCTYPE and entities (XXE) are refused."""

import copy

import pytest
from django.utils import translation
from lxml import etree

from casestudy_xblock.blocks.case import CaseStudyBlock
from casestudy_xblock.blocks.content import CONTENT_FIELDS
from casestudy_xblock.blocks.olx import OlxError, parse_olx
from casestudy_xblock.blocks.scenarios import case_xml

SHA = "ab" * 32


def with_dataset(sample):
    content = copy.deepcopy(sample)
    content["datasets"] = [
        {
            "slug": "sales",
            "title": {"ja": "売上", "en": "Sales"},
            "description": {"ja": "月次の売上 ]]> と <タグ> & 記号", "en": ""},
            "sha256": SHA,
            "filename": "売上 2024.csv",
        }
    ]
    content["narrative"] = {"ja": "引用:\n\n> 社長「]]>」\n\n<script>x</script>", "en": "Quote"}
    content["questions"][0]["expected_sql"] = "SELECT sum(amount) / 1e6 FROM sales WHERE x > 1"
    return content


def export(block):
    node = etree.Element("unknown_root")
    block.add_xml_to_node(node)
    return etree.tostring(node, encoding="unicode")


def import_(harness, xml):
    usage_id = harness.runtime.parse_xml_string(xml)
    return harness.runtime.get_block(usage_id)


def test_export_then_import_gives_identical_fields(make_harness, sample):
    harness = make_harness(with_dataset(sample))
    xml = export(harness.block)
    root = etree.fromstring(xml)
    assert root.tag == "dxq_case"
    assert root.find("datasets/dataset").attrib == {
        "slug": "sales",
        "sha256": SHA,
        "filename": "売上 2024.csv",
    }
    copy_ = import_(harness, xml)
    assert isinstance(copy_, CaseStudyBlock)
    for name in CONTENT_FIELDS:
        assert getattr(copy_, name) == getattr(harness.block, name), name
    assert export(copy_) == xml  # and again: a fixed point


def test_learner_state_is_never_exported(make_harness, sample):
    harness = make_harness(sample)
    harness.answer("growth", "10")
    root = etree.fromstring(export(harness.block))
    names = set(root.attrib) | {child.tag for child in root}
    assert not names & {
        "answers",
        "attempts",
        "correctness",
        "hints_shown",
        "raw_earned",
        "completed",
    }


def test_missing_elements_keep_their_defaults(make_harness, sample):
    harness = make_harness(sample)
    block = import_(harness, '<dxq_case display_name="最小" url_name="x"/>')
    assert block.display_name == "最小"
    assert block.questions == []
    assert block.company == {}
    assert block.max_attempts == 0


def test_the_workbench_scenario_xml_builds_the_sample(make_harness, sample):
    harness = make_harness(sample)
    block = import_(harness, case_xml(sample, url_name="sample"))
    assert block.content_dict() == {name: sample[name] for name in CONTENT_FIELDS}


XXE = """<?xml version="1.0"?>
<!DOCTYPE dxq_case [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<dxq_case display_name="&xxe;"><narrative><![CDATA[{"ja": "x"}]]></narrative></dxq_case>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<dxq_case display_name="&lol2;"/>"""


@pytest.mark.parametrize("xml", [XXE, BILLION_LAUGHS])
def test_doctype_and_entities_are_refused_by_the_safe_parser(xml):
    with pytest.raises(OlxError, match="DOCTYPE"):
        parse_olx(xml)


def test_entities_a_runtime_resolved_are_refused_by_parse_xml(make_harness, sample):
    harness = make_harness(sample)
    with pytest.raises(OlxError, match="DOCTYPE"):
        harness.runtime.parse_xml_string(BILLION_LAUGHS)


def test_an_external_entity_never_reaches_the_block(make_harness, sample):
    harness = make_harness(sample)
    with pytest.raises((OlxError, etree.XMLSyntaxError)) as raised:
        harness.runtime.parse_xml_string(XXE)  # lxml itself refuses to load the file
    assert "root:" not in str(raised.value)


def test_parse_olx_reads_a_good_file():
    root = parse_olx(case_xml({"display_name": "a", "skills": ["dss-p/v1/BT-2-3"]}))
    assert root.get("display_name") == "a"
    assert root.find("skills") is not None


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<dxq_case><questions>not json</questions></dxq_case>", "JSON"),
        ('<dxq_case><company>["a list"]</company></dxq_case>', "shape"),
        ('<dxq_case max_attempts="three"/>', "whole number"),
        ("<dxq_case>", "well-formed"),
    ],
)
def test_broken_olx_gets_a_clear_error(make_harness, sample, xml, message):
    runtime = make_harness(sample).runtime

    def import_olx():
        CaseStudyBlock.parse_xml(parse_olx(xml), runtime, None)

    with translation.override("en"), pytest.raises(OlxError, match=message):
        import_olx()
