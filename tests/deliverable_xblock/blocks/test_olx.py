"""OLX: export then import gives the same fields, rubric included; XXE is refused."""

import copy

import pytest
from lxml import etree

from casestudy_xblock.blocks.olx import OlxError, parse_olx
from deliverable_xblock.blocks.content import CONTENT_FIELDS
from deliverable_xblock.blocks.deliverable import DeliverableBlock
from deliverable_xblock.blocks.olx import content_from_node
from deliverable_xblock.blocks.scenarios import deliverable_xml

pytestmark = pytest.mark.django_db


def export(block):
    node = etree.Element("unknown_root")
    block.add_xml_to_node(node)
    return etree.tostring(node, encoding="unicode")


def import_(harness, xml):
    return harness.runtime.get_block(harness.runtime.parse_xml_string(xml))


def test_export_then_import_gives_identical_fields(make_course, make_user, content):
    tricky = copy.deepcopy(content)
    tricky["prompt"]["ja"] += "\n\n引用「]]>」と <タグ> & 記号"
    tricky["deadline"] = "2026-12-20T23:59:00+09:00"
    tricky["team_mode"] = True
    tricky["weight"] = 12.5
    harness = make_course(tricky).harness(make_user())
    xml = export(harness.block)
    root = etree.fromstring(xml)
    assert root.tag == "dxq_deliverable"
    assert root.get("team_mode") == "true"
    assert root.get("weight") == "12.5"
    assert root.find("rubric") is not None
    copy_ = import_(harness, xml)
    assert isinstance(copy_, DeliverableBlock)
    for name in CONTENT_FIELDS:
        assert getattr(copy_, name) == getattr(harness.block, name), name
    assert export(copy_) == xml


def test_an_empty_weight_means_the_rubric_points(make_course, make_user, content):
    harness = make_course(content).harness(make_user())
    xml = export(harness.block)
    assert etree.fromstring(xml).get("weight") == ""
    assert import_(harness, xml).weight is None


def test_missing_fields_keep_their_defaults():
    node = parse_olx('<dxq_deliverable display_name="最小"/>')
    assert content_from_node(node) == {"display_name": "最小"}


@pytest.mark.parametrize(
    "xml",
    [
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><dxq_deliverable>&e;</dxq_deliverable>',
        '<dxq_deliverable><rubric>{"criteria": 3</rubric></dxq_deliverable>',
        "<dxq_deliverable><rubric>[1, 2]</rubric></dxq_deliverable>",
    ],
)
def test_bad_olx_is_refused(xml):
    with pytest.raises(OlxError):
        content_from_node(parse_olx(xml))


def test_the_scenario_xml_round_trips(content):
    node = parse_olx(deliverable_xml(content))
    assert content_from_node(node) == content
