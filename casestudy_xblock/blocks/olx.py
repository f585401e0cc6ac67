"""OLX of a ``dxq_case`` block: export and import give the same fields.

```xml
<dxq_case display_name="…" stage="diagnosis" max_attempts="3">
  <company><![CDATA[{"name": {"ja": "…", "en": "…"}, …}]]></company>
  <narrative>…</narrative> <people>…</people> <materials>…</materials>
  <datasets>
    <dataset slug="sales" sha256="…" filename="sales.csv"><![CDATA[{"title": …}]]></dataset>
  </datasets>
  <questions>…</questions> <skills>…</skills>
</dxq_case>
```

With a course export's ``export_fs`` the datasets' files go along, and an import's
``resources_fs`` brings them back (:mod:`.olx_files`).

Document type declarations and entities are refused (XXE): :func:`parse_olx` parses with
entities unresolved and no network, and :meth:`OlxMixin.parse_xml` refuses a node whose
document declared any.
"""

import json

from django.utils.translation import gettext as _
from lxml import etree

from . import olx_files

ATTRIBUTE_FIELDS = ("display_name", "stage", "max_attempts")
JSON_FIELDS = {
    "company": dict,
    "narrative": dict,
    "people": list,
    "materials": list,
    "questions": list,
    "skills": list,
}
DATASET_ATTRIBUTES = ("slug", "sha256", "filename")
MAX_JSON = 5_000_000


class OlxError(ValueError):
    """The OLX of a case-study block cannot be imported; ``str()`` says why."""


def dump_json(value):
    """``value`` as JSON for a CDATA section of our OLX (the deliverable block's too)."""
    # "]]>" would end the CDATA section; inside JSON strings, \u003e is the same ">".
    return json.dumps(value, ensure_ascii=False).replace("]]>", "]]\\u003e")


def load_json(node, name, expected_type, *, max_chars=MAX_JSON, messages=None):
    """The JSON of an OLX child element, of ``expected_type``; :class:`OlxError` otherwise.

    ``messages`` names the block in the errors: ``too_large``, ``invalid`` and ``shape``
    (translated, with ``%(name)s``, and ``%(error)s`` in ``invalid``); the case block's by default.
    """
    messages = messages or {
        "too_large": _("The <%(name)s> element of a case study is too large."),
        "invalid": _("The <%(name)s> element of a case study is not valid JSON: %(error)s"),
        "shape": _("The <%(name)s> element of a case study has the wrong shape."),
    }
    text = (node.text or "").strip()
    if len(text) > max_chars:
        raise OlxError(messages["too_large"] % {"name": name})
    try:
        value = json.loads(text) if text else expected_type()
    except ValueError as error:
        raise OlxError(messages["invalid"] % {"name": name, "error": error}) from error
    if not isinstance(value, expected_type):
        raise OlxError(messages["shape"] % {"name": name})
    return value


def refuse_declarations(node):
    """Raise :class:`OlxError` when the node's document has a DOCTYPE or any entity."""
    docinfo = node.getroottree().docinfo
    has_entities = any(isinstance(n, etree._Entity) for n in node.iter())  # noqa: SLF001
    if docinfo.doctype or docinfo.internalDTD is not None or has_entities:
        raise OlxError(
            _("Case-study OLX may not declare a DOCTYPE or entities (this protects the server).")
        )


def parse_olx(data):
    """Parse OLX text safely: no DTD, no entity resolution, no network, no huge trees."""
    raw = data.encode() if isinstance(data, str) else bytes(data)
    upper = raw.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise OlxError(
            _("Case-study OLX may not declare a DOCTYPE or entities (this protects the server).")
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        raise OlxError(_("The OLX is not well-formed XML: %(error)s") % {"error": error}) from error
    refuse_declarations(root)
    return root


def content_from_node(node):
    """The content fields present in a ``dxq_case`` element (absent ones are left out)."""
    refuse_declarations(node)
    content = {name: node.get(name) for name in ATTRIBUTE_FIELDS if node.get(name) is not None}
    if "max_attempts" in content:
        try:
            content["max_attempts"] = int(content["max_attempts"])
        except ValueError as error:
            raise OlxError(_("max_attempts must be a whole number.")) from error
    for child in node:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        tag = etree.QName(child).localname
        if tag in JSON_FIELDS:
            content[tag] = load_json(child, tag, JSON_FIELDS[tag])
        elif tag == "datasets":
            content["datasets"] = [
                {
                    **{a: item.get(a, "") for a in DATASET_ATTRIBUTES},
                    **load_json(item, "dataset", dict),
                }
                for item in child
                if isinstance(item.tag, str) and etree.QName(item).localname == "dataset"
            ]
    return content


def content_to_node(node, content):
    """Write ``content`` (ADR 0008 fields) onto the element ``node``."""
    for name in ATTRIBUTE_FIELDS:
        if name in content and content[name] is not None:
            node.set(name, str(content[name]))
    for name in JSON_FIELDS:
        if name == "questions":
            datasets = etree.SubElement(node, "datasets")
            for dataset in content.get("datasets") or []:
                item = etree.SubElement(datasets, "dataset")
                for attribute in DATASET_ATTRIBUTES:
                    item.set(attribute, str(dataset.get(attribute, "")))
                rest = {k: v for k, v in dataset.items() if k not in DATASET_ATTRIBUTES}
                item.text = etree.CDATA(dump_json(rest))
        if name in content:
            etree.SubElement(node, name).text = etree.CDATA(dump_json(content[name]))
    return node


class OlxMixin:
    """``add_xml_to_node`` / ``parse_xml`` for the block."""

    def add_xml_to_node(self, node):
        node.tag = self.xml_element_name()
        node.set("xblock-family", self.entry_point)
        content = self.content_dict()
        content_to_node(node, content)
        olx_files.export_files(getattr(self.runtime, "export_fs", None), content["datasets"])

    @classmethod
    def parse_xml(cls, node, runtime, keys, id_generator=None):  # noqa: ARG003 - older runtimes
        content = content_from_node(node)
        olx_files.import_files(getattr(runtime, "resources_fs", None), content.get("datasets", []))
        block = runtime.construct_xblock_from_class(cls, keys)
        for name, value in content.items():
            setattr(block, name, value)
        return block
