"""The datasets API: upload, store, profile in Celery, read; bad input loses nothing saved."""

import hashlib
import io

import pytest
from django.core.files.storage import default_storage
from django.utils import translation

from casestudy_xblock import api
from casestudy_xblock.datasets import files
from casestudy_xblock.models import Dataset
from tests.casestudy_xblock.datasets.builders import (
    JAPANESE_ROWS,
    csv_bytes,
    rewrite_zip,
    with_cached_formula,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db
ROWS = [["品目", "数量", "単価"], ["ボルト", 42, 12.5], ["ナット", 7, 3.0]]
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def sha(data):
    return hashlib.sha256(data).hexdigest()


def test_upload_stores_content_addressed_files_and_profiles(upload, media):
    data = csv_bytes(encoding="cp932")
    info = upload(data, "社員一覧.csv")
    assert info["created"] is True
    assert info["sha256"] == sha(data)
    assert (media / f"dxq/datasets/{sha(data)}/original.csv").read_bytes() == data
    assert (media / f"dxq/datasets/{sha(data)}/data.duckdb").exists()
    dataset = api.get_dataset(sha(data))
    assert (dataset["status"], dataset["encoding"], dataset["kind"]) == ("ready", "cp932", "csv")
    assert dataset["filename"] == "社員一覧.csv"
    assert dataset["rows"] == 4
    assert [c["name"] for c in dataset["columns"]] == JAPANESE_ROWS[0]
    assert dataset["profile"]["sample"]["rows"][2][1] == "髙橋 ①さくら"
    assert dataset["error"] is None
    assert dataset["download_url"].endswith(f"/datasets/{sha(data)}/download/")


def test_identical_bytes_return_the_existing_dataset(upload, media, django_user_model):
    data = csv_bytes()
    first = upload(data, "a.csv")
    second = upload(data, "renamed.csv")
    assert (first["created"], second["created"]) == (True, False)
    assert second["filename"] == "a.csv"
    assert Dataset.objects.count() == 1
    assert sorted(p.name for p in (media / f"dxq/datasets/{sha(data)}").iterdir()) == [
        "data.duckdb",
        "original.csv",
    ]


def test_uploader_is_recorded_and_filename_is_cleaned(upload, django_user_model):
    user = django_user_model.objects.create_user("op", password="x")
    info = upload(csv_bytes(), "C:\\Users\\花子\\Desktop\\売上\x07.csv", user=user)
    dataset = Dataset.objects.get(sha256=info["sha256"])
    assert (dataset.uploaded_by, dataset.original_filename) == (user, "売上.csv")


def _saved(upload):
    """A dataset saved before the bad upload, and a snapshot to prove it is untouched."""
    data = csv_bytes()
    info = upload(data, "good.csv")
    dataset = Dataset.objects.get(sha256=info["sha256"])
    stored = {
        name: default_storage.open(name).read()
        for name in (dataset.original_name, dataset.data_name)
    }
    return dataset, stored


def _untouched(dataset, stored):
    again = Dataset.objects.get(pk=dataset.pk)
    assert (again.status, again.profile, again.updated) == (
        Dataset.READY,
        dataset.profile,
        dataset.updated,
    )
    for name, content in stored.items():
        assert default_storage.open(name).read() == content
    assert api.dataset_page(dataset.sha256, page_size=2)["total"] == 4


def _xlsx_with(part, prefix):
    data = xlsx_bytes(ROWS)
    import zipfile

    body = zipfile.ZipFile(io.BytesIO(data)).read(part)
    return rewrite_zip(data, replace={part: prefix + body})


BAD_UPLOADS = {
    "empty": (b"", "empty", 400),
    "huge": (b"a,b\n" + b"1,2\n" * 300, "too_large", 413),
    "png disguised as csv": (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary", 415),
    "legacy xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "xls_legacy", 415),
    "utf-16": ("a,b\n1,2\n".encode("utf-16"), "utf16", 415),
    "malformed": (b'a,b\n1,"open\n', "malformed", 400),
    "ragged": (b"a,b,c\n1,2,3\n4,5\n", "ragged", 400),
    "mixed encodings": (
        csv_bytes(JAPANESE_ROWS[:2]) + csv_bytes(JAPANESE_ROWS[2:], encoding="cp932"),
        "mixed_encoding",
        400,
    ),
    "undecodable": (b"a,b\n\x81\x7f,1\n", "unknown_encoding", 400),
    "no header": (b",,\n1,2,3\n", "no_header", 400),
    "zip bomb": (
        rewrite_zip(xlsx_bytes(ROWS), add={"xl/media/x.bin": bytes(30 * 1024 * 1024)}),
        "xlsx_zip_ratio",
        400,
    ),
    "macros": (rewrite_zip(xlsx_bytes(ROWS), add={"xl/vbaProject.bin": b"x"}), "xlsx_macros", 400),
    "external links": (
        rewrite_zip(xlsx_bytes(ROWS), add={"xl/externalLinks/externalLink1.xml": b"<a/>"}),
        "xlsx_external_links",
        400,
    ),
    "xxe": (_xlsx_with("xl/workbook.xml", XXE), "xlsx_dtd", 400),
    "damaged xlsx": (b"PK\x03\x04" + bytes(200), "xlsx_corrupt", 400),
}


@pytest.mark.parametrize("case", sorted(BAD_UPLOADS))
def test_bad_upload_is_refused_and_nothing_saved_is_lost(upload, settings, case):
    dataset, stored = _saved(upload)
    settings.DXQ_DATASET_MAX_BYTES = 1000
    data, code, status = BAD_UPLOADS[case]
    if code == "too_large":
        assert len(data) > 1000
    else:
        settings.DXQ_DATASET_MAX_BYTES = 50 * 1024 * 1024
    with pytest.raises(api.DatasetRejected) as caught:
        upload(data, "bad.csv")
    assert (caught.value.code, caught.value.http_status) == (code, status)
    assert caught.value.message
    assert Dataset.objects.count() == 1
    assert not default_storage.exists(f"dxq/datasets/{sha(data)}")
    _untouched(dataset, stored)


TASK_FAILURES = {
    # Past the bounded check of the request (DXQ_DATASET_SNIFF_BYTES, at least 8 KB), found by
    # the task.
    "mixed encodings": (
        csv_bytes([["a", "b"]] + [["x", str(i)] for i in range(2000)])
        + csv_bytes([["漢字", "1"]], encoding="cp932")
        + csv_bytes([["ひらがな", "2"]]),
        "csv",
        "mixed_encoding",
        {"line": 2003, "found": "utf-8", "first": "cp932"},
    ),
    "ragged": (
        csv_bytes([["a", "b"]] + [["x", str(i)] for i in range(2000)]) + b"1,2,3\n",
        "csv",
        "ragged",
        {"line": 2002, "found": 3, "expected": 2},
    ),
    "formula without value": (
        xlsx_bytes(ROWS, formulas=[("D2", "=B2*C2")]),
        "xlsx",
        "xlsx_formula_no_value",
        {"cell": "D2", "sheet": "データ"},
    ),
}


@pytest.mark.parametrize("case", sorted(TASK_FAILURES))
def test_task_failure_marks_the_dataset_and_keeps_the_original(upload, settings, case):
    dataset, stored = _saved(upload)
    settings.DXQ_DATASET_SNIFF_BYTES = 1000
    data, kind, code, params = TASK_FAILURES[case]
    info = upload(data, f"bad.{kind}")
    failed = Dataset.objects.get(sha256=info["sha256"])
    assert (failed.status, failed.error_code, failed.error_params) == ("failed", code, params)
    assert failed.profile is None
    assert default_storage.open(failed.original_name).read() == data  # the original stays
    assert not default_storage.exists(failed.data_name)
    with translation.override("en"):
        shown = api.get_dataset(failed.sha256)["error"]
    assert shown["code"] == code
    assert str(params.get("line", "D2")) in shown["message"]
    with pytest.raises(api.DatasetRejected) as caught:  # the same bytes again: same answer
        upload(data, "again")
    assert caught.value.code == code
    with pytest.raises(api.DatasetRejected) as caught:
        api.dataset_page(failed.sha256)
    assert (caught.value.code, caught.value.http_status) == ("failed", 409)
    _untouched(dataset, stored)


def test_unexpected_failure_can_be_retried_by_uploading_again(upload, monkeypatch):
    from casestudy_xblock.datasets import profile

    def broken(*args, **kwargs):
        raise MemoryError("worker ran out of memory")

    monkeypatch.setattr(profile, "profile", broken)
    data = csv_bytes()
    info = upload(data)
    assert Dataset.objects.get(sha256=info["sha256"]).error_code == "processing_failed"
    monkeypatch.undo()
    assert upload(data)["status"] == "pending"  # scheduled again (on commit)
    assert api.get_dataset(info["sha256"])["status"] == "ready"


def test_task_is_idempotent(upload):
    from casestudy_xblock.tasks import profile_dataset

    info = upload(csv_bytes())
    before = Dataset.objects.get(sha256=info["sha256"])
    assert profile_dataset.delay(info["sha256"]).get() == "ready"
    assert Dataset.objects.get(sha256=info["sha256"]).updated == before.updated
    assert profile_dataset.delay("0" * 64).get() is None


def test_xlsx_with_cached_formulas_is_ready_with_a_warning(upload):
    data = with_cached_formula(xlsx_bytes([*ROWS, ["x", 1, 1]]), cell="B4", formula="B2*2")
    info = upload(data, "見積.xlsx")
    with translation.override("en"):
        dataset = api.get_dataset(info["sha256"])
    assert dataset["status"] == "ready"
    assert dataset["warnings"] == [
        {
            "code": "formulas_cached",
            "params": {"count": 1},
            "message": "1 cells contain formulas; the values Excel last calculated were used.",
        }
    ]
    page = api.dataset_page(info["sha256"], sort="数量", descending=True)
    assert [row[1] for row in page["rows"]] == [84, 42, 7]


def test_reads_through_the_api(upload):
    rows = [["部署", "金額"]] + [[d, str(n)] for d, n in [("営業", 5), ("製造", 7), ("営業", 1)]]
    info = upload(csv_bytes(rows))
    sha256 = info["sha256"]
    page = api.dataset_page(sha256, page=2, page_size=2, sort="金額")
    assert (page["rows"], page["total"], page["page"], page["offset"]) == (
        [["製造", 7]],
        3,
        2,
        2,
    )
    chart = api.dataset_aggregate(sha256, group_by="部署", agg="sum", value="金額")
    assert (chart["labels"], chart["values"]) == (["製造", "営業"], [7, 6])
    assert api.evaluate_expression("SELECT max(金額) FROM sales", {"sales": sha256}) == 7
    with pytest.raises(api.DatasetRejected) as caught:
        api.evaluate_expression("SELECT 1", {"sales": "f" * 64})
    assert caught.value.code == "not_found"
    assert api.get_dataset("f" * 64) is None
    assert api.get_dataset("../../etc/passwd") is None


def test_messages_follow_the_active_language(upload):
    with translation.override("en"):
        rejected = api.DatasetRejected("ragged", {"line": 3, "found": 2, "expected": 3})
    assert rejected.message.startswith("Line 3 has 2 fields")
    assert rejected.as_dict() == {"error": "ragged", "message": rejected.message}
    with translation.override("ja"):
        japanese = api.DatasetRejected("ragged", {"line": 3, "found": 2, "expected": 3})
    expected = translation.gettext  # the catalogue decides; untranslated text stays English
    with translation.override("ja"):
        assert japanese.message == expected(
            "Line %(line)s has %(found)s fields, but the header has %(expected)s. "
            "Check that line for extra or missing commas."
        ) % {"line": 3, "found": 2, "expected": 3}


def test_download_is_utf8_csv_with_bom(upload):
    info = upload(csv_bytes(encoding="cp932"), "社員")
    handle = api.dataset_file(info["sha256"])
    try:
        content = handle.read()
    finally:
        handle.close()
    assert handle.name == "社員.csv"
    assert handle.content_type == "text/csv; charset=utf-8"
    assert content == csv_bytes(encoding="utf-8-sig")


def test_storage_without_local_paths_uses_the_cache(upload, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    data = csv_bytes()
    info = upload(data)
    assert api.get_dataset(info["sha256"])["status"] == "ready"
    assert default_storage.exists(f"dxq/datasets/{sha(data)}/data.duckdb")
    assert api.dataset_page(info["sha256"], sort="売上")["rows"][0][3] == -15.0
    cached = tmp_path / "cache" / sha(data)
    assert {p.name for p in cached.iterdir()} >= {"original.csv", "data.duckdb"}
    assert files.local_path(f"dxq/datasets/{sha(data)}/data.duckdb", sha(data)).parent == cached


def test_uploading_again_restores_what_storage_lost(upload):
    data = csv_bytes()
    info = upload(data)
    dataset = Dataset.objects.get(sha256=info["sha256"])
    default_storage.delete(dataset.original_name)
    default_storage.delete(dataset.data_name)
    assert upload(data)["status"] == "pending"  # converted again, on commit
    assert default_storage.open(dataset.original_name).read() == data
    assert default_storage.exists(dataset.data_name)
    assert api.get_dataset(info["sha256"])["status"] == "ready"
