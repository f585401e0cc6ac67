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


# ------------------------------------------------------------------ filters (table and chart)

EAST = {"column": "region", "op": "=", "value": "東"}


def page(harness, *filters, **extra):
    return harness.call(
        "dataset_page", {"dataset": "sales", "page": 1, "filters": list(filters), **extra}
    )


def chart(harness, *filters, **extra):
    data = {"dataset": "sales", "x": "region", "agg": "sum", "y": "amount", **extra}
    return harness.call("dataset_chart", {**data, "filters": list(filters)})


def test_filters_narrow_the_rows_and_count_them(make_harness, case):
    harness = make_harness(case)
    result = page(harness, EAST)
    assert result["ok"]
    assert [row[1] for row in result["rows"]] == ["東", "東", "東"]
    assert (result["total"], result["rows_total"], result["pages"]) == (3, 5, 1)
    assert result["filtered"]
    both = page(harness, EAST, {"column": "amount", "op": ">=", "value": "120"}, sort="amount")
    assert both["rows"] == [["2024-02", "東", 120], ["2024-03", "東", 130]]
    assert (both["total"], both["rows_total"]) == (2, 5)
    contains = page(harness, {"column": "month", "op": "contains", "value": " 2024-01 "})
    assert [row[0] for row in contains["rows"]] == ["2024-01", "2024-01"]  # trimmed
    numbers = page(harness, {"column": "amount", "op": "<", "value": "１００"})  # 全角 digits
    assert sorted(row[2] for row in numbers["rows"]) == [50, 80]
    unfiltered = page(harness)
    assert (unfiltered["total"], unfiltered["rows_total"], unfiltered["filtered"]) == (5, 5, False)


def test_a_filter_value_is_data_never_sql(make_harness, case):
    harness = make_harness(case)
    result = page(harness, {"column": "region", "op": "=", "value": "東' OR '1'='1"})
    assert (result["ok"], result["total"], result["rows"]) == (True, 0, [])
    assert page(harness, {"column": "region", "op": "contains", "value": "%"})["total"] == 0


def test_filters_narrow_the_chart_groups(make_harness, case):
    harness = make_harness(case)
    whole = chart(harness)
    assert dict(zip(whole["labels"], whole["values"], strict=True)) == {"東": 350, "西": 130}
    assert not whole["filtered"]
    big = chart(harness, {"column": "amount", "op": ">", "value": 90})
    assert dict(zip(big["labels"], big["values"], strict=True)) == {"東": 350}
    assert big["filtered"]
    assert big["title"].endswith("（絞り込み: amount > 90）")
    west = chart(
        harness,
        {"column": "region", "op": "!=", "value": "東"},
        {"column": "month", "op": "contains", "value": "2024"},
        x="month",
        agg="count",
        y=None,
    )
    assert dict(zip(west["labels"], west["values"], strict=True)) == {"2024-01": 1, "2024-02": 1}
    assert "region ≠ 東、month が「2024」を含む" in west["title"]
    nothing = chart(harness, {"column": "amount", "op": ">", "value": 1000})
    assert (nothing["ok"], nothing["labels"], nothing["values"]) == (True, [], [])


@pytest.mark.parametrize(
    ("item", "code", "message"),
    [
        ({"column": "region", "op": "LIKE", "value": "東"}, "bad_operator", "不明な条件「LIKE」"),
        ({"column": "nope", "op": "=", "value": "1"}, "unknown_column", "列「nope」はありません"),
        ({"column": "amount", "op": ">", "value": "たくさん"}, "bad_filter_value", "たくさん"),
        ({"column": "amount", "op": ">", "value": ""}, "bad_filter_value", "amount"),
        ({"column": "region", "op": "="}, "bad_filter", "列・演算子・値"),
        ({"column": "region", "op": "=", "value": ["東"]}, "bad_filter", "列・演算子・値"),
        ({"column": "region", "op": "=", "value": True}, "bad_filter", "列・演算子・値"),
        ("region = 東", "bad_filter", "列・演算子・値"),
        ({"column": "region", "op": "=", "value": "x" * 201}, "bad_filter_value", "region"),
    ],
)
def test_bad_filters_are_refused_with_the_engines_message(make_harness, case, item, code, message):
    harness = make_harness(case)
    for result in (page(harness, item), chart(harness, item)):
        assert (result["ok"], result["code"]) == (False, code)
        assert message in result["message"]


def test_the_engines_message_is_in_the_learners_language(make_harness, case):
    from django.utils import translation

    harness = make_harness(case)
    with translation.override("en"):
        result = page(harness, {"column": "region", "op": "~", "value": "東"})
    assert result["message"] == "Unknown filter “~”. Use =, !=, <, <=, >, >= or contains."


def test_at_most_three_filters(make_harness, case):
    harness = make_harness(case)
    three = [EAST, {"column": "amount", "op": ">", "value": "0"}, {**EAST, "op": "contains"}]
    assert page(harness, *three)["total"] == 3
    for result in (page(harness, *three, EAST), chart(harness, *three, EAST)):
        assert (result["ok"], result["code"]) == (False, "too_many_filters")
        assert result["message"] == "絞り込み条件は一度に3個までです。"


@pytest.mark.parametrize("filters", ["region = 東", {"column": "region"}, 3])
def test_filters_that_are_not_a_list_are_a_bad_request(make_harness, case, filters):
    harness = make_harness(case)
    data = {"dataset": "sales", "page": 1, "filters": filters}
    assert harness.call("dataset_page", data, status=400)["code"] == "bad_request"


def test_the_learner_view_has_a_filter_builder(make_harness, case):
    harness = make_harness(case)
    html = harness.html()
    assert 'data-role="filter-form"' in html
    assert "行の絞り込み" in html
    assert 'role="status" aria-live="polite"' in html
    init = harness.block.student_view().json_init_args
    assert init["maxFilters"] == 3
    kinds = {c["name"]: c["kind"] for c in init["datasets"][0]["columns"]}
    assert kinds == {"month": "text", "region": "text", "amount": "number"}
    assert [op for op, _label in init["operators"]["number"]] == ["=", "!=", "<", "<=", ">", ">="]
    assert [op for op, _label in init["operators"]["text"]] == ["=", "!=", "contains"]
    assert init["strings"]["rowsMatch"] == "%(total)s行中%(count)s行が一致"
