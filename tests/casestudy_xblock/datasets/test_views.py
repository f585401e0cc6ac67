"""The dataset endpoints: who may upload, JSON errors with translated messages, downloads."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casestudy_xblock import roles
from casestudy_xblock.models import Dataset
from tests.casestudy_xblock.datasets.builders import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db
UPLOAD = "/dxq/casestudy/datasets/upload/"


@pytest.fixture
def operator(django_user_model):
    user = django_user_model.objects.create_user("operator", password="pw")
    user.groups.add(Group.objects.get_or_create(name=roles.GROUPS[roles.OPERATOR])[0])
    return user


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("learner", password="pw")


def client_for(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def post(client, data, name="売上.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def test_upload_url_is_in_the_app_namespace():
    assert reverse("dxq_casestudy:dataset_upload") == UPLOAD


def test_operator_uploads_and_everyone_signed_in_reads(
    media, operator, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client_for(operator), csv_bytes(encoding="cp932"))
    assert response.status_code == 201
    sha256 = response.json()["sha256"]
    assert post(client_for(operator), csv_bytes(encoding="cp932")).status_code == 200
    reader = client_for(learner)
    detail = reader.get(f"/dxq/casestudy/datasets/{sha256}/").json()
    assert (detail["status"], detail["rows"], detail["filename"]) == ("ready", 4, "売上.csv")
    rows = reader.get(
        f"/dxq/casestudy/datasets/{sha256}/rows/",
        {
            "sort": "売上",
            "desc": "1",
            "page_size": "2",
            "filters": json.dumps([{"column": "部署", "op": "!=", "value": "総務部"}]),
        },
    ).json()
    assert ([r[1] for r in rows["rows"]], rows["total"]) == (["山田 太郎", "佐藤 美咲"], 3)
    chart = reader.get(
        f"/dxq/casestudy/datasets/{sha256}/chart/", {"group_by": "部署", "agg": "count"}
    ).json()
    assert dict(zip(chart["labels"], chart["values"], strict=True)) == {
        "営業部": 2,
        "製造部": 1,
        "総務部": 1,
    }
    download = reader.get(detail["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E5%A3%B2%E4%B8%8A.csv"
    )
    assert b"".join(download.streaming_content) == csv_bytes(encoding="utf-8-sig")


def test_xlsx_download_is_the_original(media, operator, django_capture_on_commit_callbacks):
    data = xlsx_bytes([["a", "b"], [1, 2]])
    with django_capture_on_commit_callbacks(execute=True):
        sha256 = post(client_for(operator), data, "見積 2024.xlsx").json()["sha256"]
    download = client_for(operator).get(f"/dxq/casestudy/datasets/{sha256}/download/")
    assert b"".join(download.streaming_content) == data
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''%E8%A6%8B%E7%A9%8D%202024.xlsx" in download["Content-Disposition"]


def test_learners_cannot_upload(media, learner):
    response = post(client_for(learner), csv_bytes())
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert Dataset.objects.count() == 0


def test_anonymous_people_are_sent_to_log_in(media):
    assert Client().post(UPLOAD).status_code == 302
    assert Client().get(f"/dxq/casestudy/datasets/{'a' * 64}/").status_code == 302


def test_upload_is_csrf_protected(media, operator):
    client = client_for(operator, enforce_csrf_checks=True)
    assert post(client, csv_bytes()).status_code == 403
    assert Dataset.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (b"", 400, "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), 415, "binary"),
        (b"a,b\n1,2,3\n", 400, "ragged"),
    ],
)
def test_refusals_are_json_with_a_translated_message(media, operator, data, status, code):
    response = post(client_for(operator), data)
    assert response.status_code == status
    body = response.json()
    assert body["error"] == code
    assert body["message"]
    assert Dataset.objects.count() == 0


def test_too_large_is_413(media, operator, settings):
    settings.DXQ_DATASET_MAX_BYTES = 10
    response = post(client_for(operator), csv_bytes())
    assert (response.status_code, response.json()["error"]) == (413, "too_large")


def test_english_messages_when_english_is_chosen(media, operator):
    client = client_for(operator)
    client.cookies["django_language"] = "en"
    response = client.post(UPLOAD, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {
        "error": "no_file",
        "message": "Choose a CSV or Excel (.xlsx) file to upload.",
    }


def test_read_errors(media, learner):
    client = client_for(learner)
    missing = client.get(f"/dxq/casestudy/datasets/{'a' * 64}/")
    assert (missing.status_code, missing.json()["error"]) == (404, "not_found")
    assert client.get(f"/dxq/casestudy/datasets/{'a' * 64}/download/").status_code == 404
    bad = client.get(f"/dxq/casestudy/datasets/{'a' * 64}/rows/", {"filters": "not json"})
    assert (bad.status_code, bad.json()["error"]) == (400, "bad_filter")
    assert client.get("/dxq/casestudy/datasets/not-a-sha/").status_code == 404


def test_a_body_far_above_the_limit_is_refused_before_it_is_read(media, operator, settings):
    settings.DXQ_DATASET_MAX_BYTES = 1000
    response = client_for(operator).post(
        UPLOAD, data=b"x" * 10, content_type="application/octet-stream", CONTENT_LENGTH="5000000"
    )
    assert (response.status_code, response.json()["error"]) == (413, "too_large")
