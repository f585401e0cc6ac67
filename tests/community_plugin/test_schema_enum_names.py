"""The OpenAPI schema names the two "kind" choice sets after what they are (drf-spectacular
would otherwise give them hashed names such as "Kind4bbEnum" and warn)."""

from drf_spectacular.generators import SchemaGenerator


def test_kind_enums_have_meaningful_names(db):
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    assert schemas["SpaceKindEnum"]["enum"] == ["program", "course", "cohort", "team", "alumni"]
    assert schemas["ThreadKindEnum"]["enum"] == ["question", "idea", "showcase", "event"]
    assert not [name for name in schemas if name.startswith("Kind")]
