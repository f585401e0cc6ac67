"""The block on the real datasets engine (ADR 0007): profile, pages, charts, computed answers,
download, and the Studio checks."""

import copy
import io

import pytest

from casestudy_xblock import api

CSV = (
    "month,region,amount\n"
    "2024-01,東,100\n2024-01,西,50\n2024-02,東,120\n2024-02,西,80\n2024-03,東,130\n"
).encode()


@pytest.fixture
def dataset(db, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    with django_capture_on_commit_callbacks(execute=True):
        info = api.upload_dataset(io.BytesIO(CSV), "売上.csv")
    yield api.get_dataset(info["sha256"])
    from casestudy_xblock.datasets import query

    query.close_readers()


@pytest.fixture
def case(sample, dataset):
    content = copy.deepcopy(sample)
    content["datasets"] = [
        {
            "slug": "sales",
            "title": {"ja": "売上データ", "en": "Sales data"},
            "description": {"ja": "月別・地域別", "en": ""},
            "sha256": dataset["sha256"],
            "filename": "売上.csv",
        }
    ]
    content["questions"][0] = {
        "id": "total",
        "kind": "numeric",
        "prompt": {"ja": "売上合計は？", "en": "Total sales?"},
        "expected_sql": "SELECT sum(amount) FROM sales",
        "weight": 1,
    }
    return content


def test_the_engine_prepared_the_dataset(dataset):
    assert dataset["status"] == "ready"
    assert dataset["rows"] == 5


def test_the_learner_view_shows_the_profile_and_the_chart_form(make_harness, case):
    harness = make_harness(case)
    html = harness.html()
    assert "売上データ" in html
    assert "5行、3列" in html  # Japanese first
    assert '<option value="amount">amount</option>' in html
    assert "download_dataset/sales" in html
    init = harness.block.student_view().json_init_args
    assert [c["name"] for c in init["datasets"][0]["columns"]] == ["month", "region", "amount"]


def test_a_page_of_rows_sorted(make_harness, case):
    harness = make_harness(case)
    result = harness.call(
        "dataset_page", {"dataset": "sales", "page": 1, "sort": "amount", "descending": True}
    )
    assert result["ok"]
    assert result["columns"] == ["month", "region", "amount"]
    assert result["rows"][0] == ["2024-03", "東", 130]
    assert (result["total"], result["pages"], result["page_size"]) == (5, 1, 20)


@pytest.mark.parametrize(
    ("payload", "code"),
    [({"sort": "nope"}, "unknown_column"), ({"page": 0}, None), ({"page": "1"}, None)],
)
def test_bad_page_requests(make_harness, case, payload, code):
    harness = make_harness(case)
    data = {"dataset": "sales", "page": 1, **payload}
    if code:
        assert harness.call("dataset_page", data)["code"] == code
    else:
        assert harness.call("dataset_page", data, status=400)["error"]


def test_chart_groups(make_harness, case):
    harness = make_harness(case)
    result = harness.call(
        "dataset_chart", {"dataset": "sales", "x": "region", "agg": "sum", "y": "amount"}
    )
    assert result["ok"]
    assert dict(zip(result["labels"], result["values"], strict=True)) == {
        "東": 350,
        "西": 130,
    }
    assert "amount" in result["title"]
    assert "region" in result["title"]
    count = harness.call(
        "dataset_chart", {"dataset": "sales", "x": "month", "agg": "count", "kind": "line"}
    )
    assert sorted(count["values"]) == [1, 2, 2]
    refused = harness.call(
        "dataset_chart", {"dataset": "sales", "x": "region", "agg": "sum", "y": "region"}
    )
    assert refused["code"] == "unknown_column"
    assert harness.call(
        "dataset_chart", {"dataset": "sales", "x": "region", "agg": "median"}, status=400
    )


def test_a_computed_answer(make_harness, case):
    harness = make_harness(case)
    assert not harness.answer("total", "470")["feedback"]["correct"]
    assert harness.answer("total", "４８０")["feedback"]["correct"]


def test_an_answer_that_cannot_be_computed_costs_nothing(make_harness, case):
    case["questions"][0]["expected_sql"] = "SELECT sum(no_such_column) FROM sales"
    harness = make_harness(case)
    result = harness.answer("total", "480")
    assert (result["ok"], result["code"]) == (False, "no_expected")
    assert harness.block.attempts == {}


def test_download(make_harness, case):
    harness = make_harness(case)
    from webob import Request

    response = harness.block.handle("download_dataset", Request.blank("/"), "sales")
    assert response.status_code == 200
    assert "attachment" in response.content_disposition
    assert b"amount" in b"".join(response.app_iter)
    missing = harness.block.handle("download_dataset", Request.blank("/"), "nope")
    assert missing.status_code == 404


def test_studio_checks_datasets_and_sql_on_save(make_harness, case):
    harness = make_harness(case)
    assert harness.call("save_studio", {"content": case})["ok"]
    broken = copy.deepcopy(case)
    broken["questions"][0]["expected_sql"] = "SELECT nope FROM sales"
    fields = [e["field"] for e in harness.call("save_studio", {"content": broken})["errors"]]
    assert fields == ["questions.0.expected_sql"]
    unknown = copy.deepcopy(case)
    unknown["datasets"][0]["sha256"] = "f" * 64
    fields = [e["field"] for e in harness.call("save_studio", {"content": unknown})["errors"]]
    assert fields == ["datasets.0.sha256"]
    status = harness.call("dataset_status", {"sha256": case["datasets"][0]["sha256"]})
    assert status["status"] == "ready"
    assert status["final"]
    assert "5" in status["summary"]


def test_a_dataset_still_being_prepared(make_harness, case):
    pending = api.upload_dataset(
        io.BytesIO(CSV + "2024-04,西,1\n".encode()), "later.csv"
    )  # no commit yet
    case["datasets"][0]["sha256"] = pending["sha256"]
    harness = make_harness(case)
    assert "このデータセットは準備中です" in harness.html()
    assert (
        harness.call("dataset_page", {"dataset": "sales", "page": 1})["code"] == "dataset_not_ready"
    )


def test_the_page_size_comes_from_the_settings_service(make_harness, case, settings):
    from workbench.services import SettingsService

    settings.XBLOCK_SETTINGS = {"dxq_case": {"page_size": 2}}
    harness = make_harness(case, services={"settings": SettingsService()})
    result = harness.call("dataset_page", {"dataset": "sales", "page": 3})
    assert (result["page_size"], result["pages"], len(result["rows"])) == (2, 3, 1)
