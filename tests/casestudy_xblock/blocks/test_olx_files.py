"""Case datasets travel with a course export: written to ``export_fs`` under
``dxq_datasets/<sha256>/``, read back from ``resources_fs`` on import (checked, profiled).

The runtime is xblock-sdk's, given the two PyFilesystems the way edx-platform's course export
(``xml_exporter``: ``runtime.export_fs``) and import (``runtime.resources_fs``) give them.
"""

import copy
import hashlib
import io
import logging
import shutil

import pytest
from django.utils import translation
from fs.memoryfs import MemoryFS  # PyFilesystem2, what edx-platform hands blocks
from fs.osfs import OSFS
from lxml import etree

from casestudy_xblock import api
from casestudy_xblock.blocks import olx_files
from casestudy_xblock.blocks.olx import OlxError
from casestudy_xblock.models import Dataset
from tests.casestudy_xblock.datasets.builders import csv_bytes, xlsx_bytes

SALES = csv_bytes([["月", "地域", "売上"], ["2024-01", "東", "100"], ["2024-01", "西", "50"]])
STAFF = xlsx_bytes([["氏名", "部署", "人数"], ["山田", "営業", 3], ["佐藤", "製造", 5]])

NOT_FOUND = "見つかりません。ファイルをアップロードするか、SHA-256を確認してください。"


def sha(data):
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def media(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    yield tmp_path
    from casestudy_xblock.datasets import query

    query.close_readers()


@pytest.fixture
def stored(media, django_capture_on_commit_callbacks):
    """The two datasets uploaded and profiled on this site: ``{sha256: get_dataset()}``."""
    with django_capture_on_commit_callbacks(execute=True):
        api.upload_dataset(io.BytesIO(SALES), "売上 2024.csv")
        api.upload_dataset(io.BytesIO(STAFF), "人員.xlsx")
    return {sha(data): api.get_dataset(sha(data)) for data in (SALES, STAFF)}


@pytest.fixture
def case(sample, stored):
    content = copy.deepcopy(sample)
    content["datasets"] = [
        {
            "slug": "sales",
            "title": {"ja": "売上", "en": "Sales"},
            "description": {"ja": "", "en": ""},
            "sha256": sha(SALES),
            "filename": "売上 2024.csv",
        },
        {
            "slug": "staff",
            "title": {"ja": "人員", "en": "Staff"},
            "description": {"ja": "", "en": ""},
            "sha256": sha(STAFF),
            "filename": "人員.xlsx",
        },
    ]
    return content


def export(harness, export_fs=None):
    """The block's OLX; ``export_fs`` as a course export gives it (None: plain serialisation)."""
    if export_fs is not None:
        harness.runtime.export_fs = export_fs
    node = etree.Element("unknown_root")
    harness.block.add_xml_to_node(node)
    return etree.tostring(node, encoding="unicode")


def import_(harness, xml, resources_fs, capture):
    """Parse ``xml`` as a course import does (``resources_fs``), running the profiling task."""
    harness.runtime.resources_fs = resources_fs
    with capture(execute=True):
        usage_id = harness.runtime.parse_xml_string(xml)
    return harness.runtime.get_block(usage_id)


def wipe(media):
    """This site forgets every dataset: rows, stored files and local copies."""
    from casestudy_xblock.datasets import query

    query.close_readers()
    Dataset.objects.all().delete()
    shutil.rmtree(media / "media", ignore_errors=True)
    shutil.rmtree(media / "cache", ignore_errors=True)


def test_round_trip_through_a_course_export_directory(
    make_harness, case, stored, media, tmp_path, django_capture_on_commit_callbacks
):
    harness = make_harness(case)
    course = tmp_path / "course"
    course.mkdir()
    xml = export(harness, OSFS(str(course)))
    assert xml == export(make_harness(case))  # the OLX is what it was: the SHA-256 is the key
    for data, name in ((SALES, "売上 2024.csv"), (STAFF, "人員.xlsx")):
        assert (course / "dxq_datasets" / sha(data) / name).read_bytes() == data

    wipe(media)
    assert api.get_dataset(sha(SALES)) is None
    block = import_(make_harness(case), xml, OSFS(str(course)), django_capture_on_commit_callbacks)

    for data in (SALES, STAFF):
        again = api.get_dataset(sha(data))
        before = stored[sha(data)]
        assert again["status"] == "ready"
        assert again["sha256"] == sha(data)
        assert (again["filename"], again["kind"], again["rows"]) == (
            before["filename"],
            before["kind"],
            before["rows"],
        )
        assert again["profile"] == before["profile"]
    assert [d["sha256"] for d in block.datasets] == [sha(SALES), sha(STAFF)]
    assert api.dataset_page(sha(SALES))["rows"][0][1] == "東"


def test_a_file_is_written_once_per_course(make_harness, case, stored, monkeypatch):
    opened = []
    original = api.dataset_original
    monkeypatch.setattr(api, "dataset_original", lambda s: opened.append(s) or original(s))
    twice = copy.deepcopy(case)
    twice["datasets"].append({**twice["datasets"][0], "slug": "sales_copy"})
    export_fs = MemoryFS()
    export(make_harness(twice), export_fs)
    export(make_harness(case), export_fs)  # a second block of the same course
    assert sorted(opened) == sorted([sha(SALES), sha(STAFF)])
    assert sorted(export_fs.listdir("dxq_datasets")) == sorted([sha(SALES), sha(STAFF)])


def test_plain_serialisation_writes_no_files(make_harness, case, stored):
    harness = make_harness(case)
    assert not hasattr(harness.runtime, "export_fs")
    root = etree.fromstring(export(harness))
    assert [d.get("sha256") for d in root.iter("dataset")] == [sha(SALES), sha(STAFF)]


def test_a_dataset_this_site_lacks_is_left_out_of_the_export(make_harness, case, media, caplog):
    unknown = copy.deepcopy(case)
    unknown["datasets"][0]["sha256"] = "0" * 64
    export_fs = MemoryFS()
    with caplog.at_level(logging.WARNING, logger="casestudy_xblock.blocks.olx_files"):
        xml = export(make_harness(unknown), export_fs)
    assert "0" * 64 in xml
    assert not export_fs.exists(f"dxq_datasets/{'0' * 64}")
    assert "0" * 64 in caplog.text
    assert "not on this site" in caplog.text


def test_a_tampered_file_is_refused(
    make_harness, case, stored, media, django_capture_on_commit_callbacks
):
    harness = make_harness(case)
    course = MemoryFS()
    xml = export(harness, course)
    path = f"dxq_datasets/{sha(SALES)}/売上 2024.csv"
    course.writebytes(path, SALES.replace(b"100", b"900"))
    wipe(media)
    with translation.override("en"), pytest.raises(OlxError) as refused:
        import_(make_harness(case), xml, course, django_capture_on_commit_callbacks)
    message = str(refused.value)
    assert message.startswith(f"The file of dataset “sales” in the course ({path}) was refused:")
    assert f"expected {sha(SALES)}" in message
    assert f"found {sha(SALES.replace(b'100', b'900'))}" in message
    assert "changed or damaged after the export" in message
    assert api.get_dataset(sha(SALES)) is None
    assert not Dataset.objects.exists()


def test_a_file_above_the_upload_limit_is_refused(
    make_harness, case, stored, media, settings, django_capture_on_commit_callbacks
):
    course = MemoryFS()
    xml = export(make_harness(case), course)
    wipe(media)
    settings.DXQ_DATASET_MAX_BYTES = len(SALES) - 1
    with translation.override("en"), pytest.raises(OlxError) as refused:
        import_(make_harness(case), xml, course, django_capture_on_commit_callbacks)
    assert "“sales”" in str(refused.value)
    assert "the limit is" in str(refused.value)
    assert not Dataset.objects.exists()


def test_a_missing_file_is_warned_and_the_studio_view_shows_it(
    make_harness, case, stored, media, caplog, django_capture_on_commit_callbacks
):
    course = MemoryFS()
    xml = export(make_harness(case), course)
    course.removetree(f"dxq_datasets/{sha(STAFF)}")
    wipe(media)
    with caplog.at_level(logging.WARNING, logger="casestudy_xblock.blocks.olx_files"):
        block = import_(make_harness(case), xml, course, django_capture_on_commit_callbacks)
    warning = [r for r in caplog.records if r.name == "casestudy_xblock.blocks.olx_files"]
    assert len(warning) == 1
    text = warning[0].getMessage()
    assert sha(STAFF) in text
    assert "'staff'" in text
    assert f"dxq_datasets/{sha(STAFF)}/人員.xlsx" in text
    assert "missing" in text
    assert block.datasets[1]["sha256"] == sha(STAFF)  # kept as the OLX names it
    assert api.get_dataset(sha(SALES))["status"] == "ready"  # the other one came along
    assert api.get_dataset(sha(STAFF)) is None

    editor = make_harness(case)
    status = editor.call("dataset_status", {"sha256": sha(STAFF)})
    assert (status["status"], status["final"]) == ("missing", True)
    assert status["summary"] == NOT_FOUND  # what the editor says today of an unknown file
    assert editor.html("author_view").count("このデータセットはまだ利用できません。") == 1


def test_a_renamed_file_is_found_by_its_sha256_directory(
    make_harness, case, stored, media, django_capture_on_commit_callbacks
):
    course = MemoryFS()
    xml = export(make_harness(case), course)
    directory = f"dxq_datasets/{sha(SALES)}"
    course.move(f"{directory}/売上 2024.csv", f"{directory}/sales.csv")
    wipe(media)
    import_(make_harness(case), xml, course, django_capture_on_commit_callbacks)
    assert api.get_dataset(sha(SALES))["status"] == "ready"


def test_known_datasets_are_not_read_again(
    make_harness, case, stored, caplog, django_capture_on_commit_callbacks
):
    course = MemoryFS()  # empty: nothing to read, and nothing needed
    xml = export(make_harness(case))
    with caplog.at_level(logging.WARNING):
        import_(make_harness(case), xml, course, django_capture_on_commit_callbacks)
    assert "olx_files" not in caplog.text
    assert Dataset.objects.count() == 2


def test_names_and_hashes_from_the_olx_never_leave_the_dataset_directory(
    make_harness, case, stored, media, django_capture_on_commit_callbacks
):
    assert olx_files.file_name("../../etc/passwd") == "passwd"
    assert olx_files.file_name("C:\\Users\\花子\\売上\x07.csv") == "売上.csv"
    assert olx_files.file_name("..") == olx_files.file_name("") == "dataset"
    sneaky = copy.deepcopy(case)
    sneaky["datasets"][0]["filename"] = "../../../course.xml"
    course = MemoryFS()
    xml = export(make_harness(sneaky), course)
    assert course.listdir("/") == ["dxq_datasets"]
    assert course.readbytes(f"dxq_datasets/{sha(SALES)}/course.xml") == SALES
    hostile = xml.replace(sha(STAFF), "../../../../etc")
    wipe(media)
    import_(make_harness(sneaky), hostile, course, django_capture_on_commit_callbacks)
    assert api.get_dataset(sha(SALES))["status"] == "ready"
    assert Dataset.objects.count() == 1


class Endless(io.RawIOBase):
    """A file from outside that never ends (a course archive may say anything about sizes)."""

    def __init__(self):
        self.served = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        buffer[:] = b"a" * len(buffer)
        self.served += len(buffer)
        return len(buffer)


def test_an_import_reads_no_more_than_the_upload_limit(media, settings):
    settings.DXQ_DATASET_MAX_BYTES = 3 * 1024 * 1024
    source = Endless()
    with pytest.raises(api.DatasetRejected) as refused:
        api.import_dataset(io.BufferedReader(source), "x.csv", "0" * 64)
    assert refused.value.code == "too_large"
    assert source.served <= settings.DXQ_DATASET_MAX_BYTES + 2 * 1024 * 1024
    assert not Dataset.objects.exists()
