"""Real ``dxq_deliverable`` blocks in xblock-sdk's workbench runtime, one per learner, sharing
their content (as learners share one block in a course), with the engine on the test database."""

import copy
import json

import pytest
from crum import impersonate
from webob import Request
from workbench.runtime import WorkbenchRuntime
from xblock.fields import ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData

from casestudy_xblock.api import workbench_student_id
from deliverable_xblock.blocks.deliverable import DeliverableBlock
from deliverable_xblock.blocks.scenarios import ISSUE_MAP
from tests.deliverable_xblock.test_files import PDF


class Course:
    """One block definition (shared content) and its learners' views of it."""

    def __init__(self, content, usage="dxq_deliverable.t.d0.u0"):
        self.store = DictKeyValueStore()
        self.content = copy.deepcopy(content)
        self.usage = usage
        self.first = True

    def harness(self, user, services=None):
        return Harness(self, user, services)


class Harness:
    """One person's block: call handlers as the browser does and read what was published."""

    def __init__(self, course, user, services=None):
        self.user = user
        student = workbench_student_id(user) if user is not None else "anonymous"
        self.runtime = WorkbenchRuntime(user_id=student)
        self.runtime._services["field-data"] = KvsFieldData(course.store)
        self.runtime._services.update(services or {})
        self.events = []
        self.runtime.publish = lambda block, kind, data: self.events.append((kind, data))
        keys = ScopeIds(student, "dxq_deliverable", "dxq_deliverable.t.d0", course.usage)
        self.block = self.runtime.construct_xblock_from_class(DeliverableBlock, keys)
        if course.first:
            for name, value in copy.deepcopy(course.content).items():
                setattr(self.block, name, value)
            self.block.save()
            course.first = False

    def request(self, handler, body, content_type="application/json", suffix="", method="POST"):
        request = Request.blank("/", method=method)
        if body is not None:
            request.body = body
            request.content_type = content_type
        with impersonate(self.user):
            return self.block.handle(handler, request, suffix)

    def call(self, handler, data, status=200):
        """POST ``data`` (JSON, or raw bytes) to a handler; the decoded JSON answer."""
        body = data if isinstance(data, bytes) else json.dumps(data).encode()
        response = self.request(handler, body)
        assert response.status_code == status, response.body
        return json.loads(response.body)

    def upload(self, name, data, text=None, status=200):
        boundary = "dxqboundary"
        head = f"--{boundary}\r\nContent-Disposition: form-data; "
        parts = []
        if text is not None:
            parts.append(f'{head}name="text"\r\n\r\n{text}\r\n'.encode())
        parts.append(
            (
                f'{head}name="file"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        response = self.request("upload_file", body, f"multipart/form-data; boundary={boundary}")
        assert response.status_code == status, response.body
        return json.loads(response.body)

    def download(self, suffix):
        return self.request("download", None, suffix=suffix, method="GET")

    def html(self, view="student_view"):
        with impersonate(self.user):
            return getattr(self.block, view)().body_html()

    def published(self, kind):
        return [data for event_kind, data in self.events if event_kind == kind]


@pytest.fixture
def content():
    """The workbench's issue-map deliverable (5 criteria, one feedback-only), 2 reviews each."""
    return copy.deepcopy(ISSUE_MAP)


@pytest.fixture
def course(db, content):
    return Course(content)


@pytest.fixture
def make_course(db):
    return Course


@pytest.fixture
def media(settings, tmp_path):
    """Learners' files in a temporary media root."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def trio(course, make_user, media):
    """Three learners who each submitted (the first with a file named after herself)."""
    people = [make_user(f"learner-{name}") for name in ("sato", "suzuki", "takahashi")]
    harnesses = [course.harness(user) for user in people]
    harnesses[0].upload("sato_課題マップ.pdf", PDF, text="<p>佐藤の計画</p>")
    for harness, text in zip(harnesses, ("佐藤の計画", "鈴木の計画", "高橋の計画"), strict=True):
        assert harness.call("submit_work", {"text": f"<p>{text}</p>"})["ok"]
    return harnesses
