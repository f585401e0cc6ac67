"""The public Python API of casestudy_xblock that other packages and views call."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from . import roles


def home_links(user, user_roles):
    """Links this package adds to a person's home page (see conf.portal)."""
    links = [
        {
            "title": _("DX Promotion Skill Standard"),
            "text": _(
                "The skills every case study and badge is mapped to: talent types, roles and "
                "the common skill list."
            ),
            "url": reverse("dxq_casestudy:skills"),
        }
    ]
    if roles.LEARNER in user_roles:
        links.append(
            {
                "title": _("My skills"),
                "text": _(
                    "The skills of the DX Promotion Skill Standard you have practised in case "
                    "studies."
                ),
                "url": reverse("dxq_casestudy:my_skills"),
            }
        )
    return links


# ------------------------------------------------------------------ case datasets (ADR 0007)

#: HTTP status of a refused upload or read, by error code (400 for the others).
DATASET_HTTP_STATUS = {
    "too_large": 413,
    "binary": 415,
    "xls_legacy": 415,
    "utf16": 415,
    "not_found": 404,
    "not_ready": 409,
    "failed": 409,
}


class DatasetRejected(Exception):
    """A dataset upload or read that cannot be done, with a message for the user.

    ``code`` is stable (see ``casestudy_xblock.datasets.errors.MESSAGES``), ``params`` fill the
    message, ``message`` is translated in the language active when it was raised (Japanese by
    default) and ``http_status`` is what a view should answer.
    """

    def __init__(self, code, params=None):
        from .datasets.service import message

        self.code = code
        self.params = dict(params or {})
        self.message = message(code, self.params)
        self.http_status = DATASET_HTTP_STATUS.get(code, 400)
        super().__init__(self.message)

    def as_dict(self):
        """The JSON body of an error response."""
        return {"error": self.code, "message": self.message}


def _dataset_call(function, *args, **kwargs):
    from .datasets.errors import DatasetError

    try:
        return function(*args, **kwargs)
    except DatasetError as exc:
        raise DatasetRejected(exc.code, exc.params) from exc


def upload_dataset(fileobj, filename, user=None):
    """Check an uploaded CSV/XLSX (cheap, bounded checks), store it, schedule its profiling.

    Returns :func:`get_dataset`'s dict plus ``"created"`` (False when the same bytes were
    uploaded before: that dataset is returned). Raises :class:`DatasetRejected`.
    """
    from .datasets import service

    dataset, created = _dataset_call(service.upload, fileobj, filename, user)
    return {**service.info(dataset), "created": created}


def import_dataset(fileobj, filename, sha256, user=None):
    """Store a dataset file that came with a course export (OLX import), as :func:`upload_dataset`
    does (same checks and limits, profiled in Celery), once its bytes proved to have ``sha256``.

    Reads at most the upload limit from ``fileobj``. Returns :func:`upload_dataset`'s dict.
    Raises :class:`DatasetRejected`: ``sha256_mismatch`` for other bytes, or any upload refusal.
    """
    from .datasets import service

    dataset, created = _dataset_call(service.import_original, fileobj, filename, sha256, user)
    return {**service.info(dataset), "created": created}


def dataset_original(sha256):
    """The original file of a dataset, byte for byte as uploaded (for course export), open for
    reading (the caller closes it). Raises :class:`DatasetRejected` (``not_found``)."""
    from .datasets import service

    return _dataset_call(service.original, sha256)


def get_dataset(sha256):
    """Status, profile, columns, warnings and error of a dataset, or None when unknown."""
    from .datasets import service
    from .datasets.errors import DatasetError

    try:
        return service.info(service.find(sha256))
    except DatasetError:
        return None


def dataset_page(
    sha256, page=1, page_size=50, sort=None, descending=False, filters=(), offset=None
):
    """One page of rows (``page`` from 1, ``page_size`` <= 200; or an explicit ``offset``).

    ``filters``: ``[{"column", "op" (=, !=, <, <=, >, >=, contains), "value"}]``. Returns
    ``{"columns": [{"name", "type"}], "rows", "total", "offset", "limit", "page", "page_size"}``.
    """
    from .datasets import service

    if offset is None:
        if isinstance(page, bool) or not isinstance(page, int) or page < 1:
            raise DatasetRejected("bad_range", {"name": "page", "min": 1, "max": 2**31 - 1})
        offset = (page - 1) * page_size if isinstance(page_size, int) else 0
    result = _dataset_call(
        service.page,
        sha256,
        sort=sort,
        descending=bool(descending),
        offset=offset,
        limit=page_size,
        filters=filters,
    )
    return {**result, "page": offset // result["limit"] + 1, "page_size": result["limit"]}


def dataset_aggregate(
    sha256, group_by, agg="count", value=None, filters=(), limit=50, order="value"
):
    """``agg`` (count, sum, avg, min, max) of column ``value`` per value of ``group_by``.

    At most ``limit`` (<= 50) groups, largest first (``order="x"``: by the group). Returns
    ``{"group_by", "value", "agg", "labels", "values", "groups", "total_groups", "truncated"}``.
    """
    from .datasets import service

    result = _dataset_call(
        service.aggregate,
        sha256,
        x=group_by,
        y=value,
        agg=agg,
        filters=filters,
        limit=limit,
        order=order,
    )
    return {
        "group_by": group_by,
        "value": result["y"],
        "agg": agg,
        "labels": [group["x"] for group in result["groups"]],
        "values": [group["value"] for group in result["groups"]],
        "groups": result["groups"],
        "total_groups": result["total_groups"],
        "truncated": result["truncated"],
    }


def evaluate_expression(sql, tables):
    """The single value of an operator's SELECT over ``{slug: sha256}`` (expected answers)."""
    from .datasets import service

    return _dataset_call(service.evaluate, sql, tables)


def dataset_file(sha256):
    """The file learners download, open for reading (the caller closes it).

    A ``django.core.files.File`` whose ``name`` is the download file name and whose
    ``content_type`` is set: UTF-8 CSV (with BOM, for Excel) for CSVs, the original for XLSX.
    """
    from .datasets import service

    return _dataset_call(service.download, sha256)


# ------------------------------------------------------------------ skills evidence


def practised_skills(user):
    """The DSS-P skills ``user`` practised in case-study blocks, in the standard's order.

    ``[{"skill": id, "name_ja", "name_en" (None when the standard has no English name),
    "count": evidence rows (correct questions and completed units), "first", "last" (aware
    datetimes), "blocks": [block usage ids, first practised first]}]``. One query, grouped in
    SQL by skill and block; an anonymous or missing user has none.
    """
    from django.db.models import Count, Max, Min

    from . import skills
    from .models import SkillEvidence

    if not getattr(user, "pk", None):
        return []
    rows = (
        SkillEvidence.objects.filter(user_id=user.pk)
        .values("skill_id", "block_usage_id")
        .annotate(count=Count("id"), first=Min("created"), last=Max("created"))
        .order_by("first", "block_usage_id")
    )
    found = {}
    for row in rows:
        entry = found.setdefault(
            row["skill_id"], {"count": 0, "first": row["first"], "last": row["last"], "blocks": []}
        )
        entry["count"] += row["count"]
        entry["first"] = min(entry["first"], row["first"])
        entry["last"] = max(entry["last"], row["last"])
        entry["blocks"].append(row["block_usage_id"])
    order = _standard_order()
    result = []
    for skill_id in sorted(found, key=lambda s: (order.get(s, len(order)), s)):
        node = skills.find(skill_id)
        result.append(
            {
                "skill": skill_id,
                "name_ja": node.ja if node else skill_id,
                "name_en": node.en if node else None,
                **found[skill_id],
            }
        )
    return result


def learners_with_skill(skill_id):
    """Ids of the Django users who practised ``skill_id`` (ascending; one query).

    Raises ``casestudy_xblock.skills.UnknownSkill`` (a ``KeyError``) for an id that is not in
    the standard. Learners known only by an anonymous workbench id are not users: left out.
    """
    from . import skills
    from .models import SkillEvidence

    if skills.validate_ids([skill_id]):
        raise skills.UnknownSkill(skill_id, skills.DEFAULT_EDITION)
    return list(
        SkillEvidence.objects.filter(skill_id=skill_id, user__isnull=False)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )


def _standard_order():
    """``{node id: position}`` over every edition's categories, subcategories and items."""
    from . import skills

    order = {}
    for edition in skills.editions():
        for category in skills.categories(edition.id):
            order.setdefault(category.id, len(order))
            for sub in category.subcategories:
                order.setdefault(sub.id, len(order))
                for item in sub.items:
                    order.setdefault(item.id, len(order))
    return order


# ------------------------------------------------------------------ the demo case in the workbench


def workbench_student_id(user):
    """The xblock-sdk workbench student id (``?student=``) that stands for ``user``: what the
    learner does there is recorded as theirs (signed, so it cannot be typed for someone else)."""
    from .evidence import workbench_student_id as signed_id

    return signed_id(user)


def demo_case_url(user, unit=1):
    """The workbench page of demo unit ``unit`` (1-6) as ``user``, or None where the workbench
    is not mounted (in the LMS)."""
    from .blocks.scenarios import demo_unit_scenario_id

    try:
        url = reverse("workbench_show_scenario", args=[demo_unit_scenario_id(unit)])
    except NoReverseMatch:
        return None
    if not getattr(user, "pk", None):
        return url
    return f"{url}?{urlencode({'student': workbench_student_id(user)})}"


# ------------------------------------------------------------------ completed units (badge rules)


def completed_case_units(user_ids=None, block_filter=""):
    """``{user id: sorted block usage ids}`` of the case units (``dxq_case`` blocks) each user
    has completed, from the skills evidence (one query). ``user_ids`` limits the users;
    ``block_filter`` keeps block ids containing it (e.g. a course key). Learners known only by
    an anonymous workbench id are left out."""
    from .models import SkillEvidence

    rows = SkillEvidence.objects.filter(source=SkillEvidence.BLOCK, user__isnull=False)
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    if block_filter:
        rows = rows.filter(block_usage_id__contains=block_filter)
    found = {}
    for user_id, block_id in rows.values_list("user_id", "block_usage_id").distinct():
        found.setdefault(user_id, set()).add(block_id)
    return {user_id: sorted(blocks) for user_id, blocks in found.items()}
