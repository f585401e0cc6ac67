"""OLX of a ``dxq_deliverable`` block: export and import give the same fields, rubric included.

```xml
<dxq_deliverable display_name="…" deadline="2026-12-20T23:59:00+09:00" team_mode="false"
                 required_reviews="3" lease_minutes="60" target_hours="72" give_to_get="true"
                 weight="" max_file_mb="20" max_files="5">
  <prompt><![CDATA[{"ja": "…", "en": "…"}]]></prompt>
  <materials>…</materials> <skills>…</skills> <rubric>…</rubric>
</dxq_deliverable>
```

The parser is the case block's: no DOCTYPE, no entities, no network (XXE is refused).
"""

from django.utils.translation import gettext as _
from lxml import etree

from casestudy_xblock.blocks.olx import dump_json, load_json, refuse_declarations

from .content import clean_content

ATTRIBUTE_FIELDS = (
    "display_name",
    "deadline",
    "team_mode",
    "required_reviews",
    "lease_minutes",
    "target_hours",
    "give_to_get",
    "weight",
    "max_file_mb",
    "max_files",
)
JSON_FIELDS = {"prompt": dict, "materials": list, "skills": list, "rubric": dict}
MAX_JSON = 2_000_000


def _messages():
    return {
        "too_large": _("The <%(name)s> element of a deliverable is too large."),
        "invalid": _("The <%(name)s> element of a deliverable is not valid JSON: %(error)s"),
        "shape": _("The <%(name)s> element of a deliverable has the wrong shape."),
    }


def _attribute(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def content_to_node(node, content):
    for name in ATTRIBUTE_FIELDS:
        if name in content:
            node.set(name, _attribute(content[name]))
    for name in JSON_FIELDS:
        if name in content:
            etree.SubElement(node, name).text = etree.CDATA(dump_json(content[name]))
    return node


def content_from_node(node):
    """The content of a ``dxq_deliverable`` element, cleaned (absent fields get defaults)."""
    refuse_declarations(node)
    raw = {name: node.get(name) for name in ATTRIBUTE_FIELDS if node.get(name) is not None}
    for child in node:
        if not isinstance(child.tag, str):
            continue
        tag = etree.QName(child).localname
        if tag in JSON_FIELDS:
            raw[tag] = load_json(
                child, tag, JSON_FIELDS[tag], max_chars=MAX_JSON, messages=_messages()
            )
    present = set(raw)
    content = clean_content(raw)
    return {name: value for name, value in content.items() if name in present}


class OlxMixin:
    """``add_xml_to_node`` / ``parse_xml`` for the block."""

    def add_xml_to_node(self, node):
        node.tag = self.xml_element_name()
        node.set("xblock-family", self.entry_point)
        content_to_node(node, self.content_dict())

    @classmethod
    def parse_xml(cls, node, runtime, keys, id_generator=None):  # noqa: ARG003 - older runtimes
        content = content_from_node(node)
        block = runtime.construct_xblock_from_class(cls, keys)
        for name, value in content.items():
            setattr(block, name, value)
        return block
