"""A real ``dxq_case`` block in xblock-sdk's workbench runtime, with its events recorded."""

import copy
import json

import pytest
from webob import Request
from workbench.runtime import WorkbenchRuntime
from xblock.fields import ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData

from casestudy_xblock.blocks.case import CaseStudyBlock
from casestudy_xblock.blocks.scenarios import SAMPLE_CASE


class Harness:
    """One learner's block: call handlers as the browser does and read what was published."""

    def __init__(self, content, services=None, user_id="learner"):
        self.runtime = WorkbenchRuntime(user_id=user_id)
        self.runtime._services["field-data"] = KvsFieldData(DictKeyValueStore())
        self.runtime._services.update(services or {})
        self.events = []
        self.runtime.publish = lambda block, kind, data: self.events.append((kind, data))
        def_id = self.runtime.id_generator.create_definition("dxq_case")
        usage_id = self.runtime.id_generator.create_usage(def_id)
        keys = ScopeIds(user_id, "dxq_case", def_id, usage_id)
        self.block = self.runtime.construct_xblock_from_class(CaseStudyBlock, keys)
        for name, value in copy.deepcopy(content).items():
            setattr(self.block, name, value)
        self.block.save()

    def call(self, handler, data, status=200):
        """POST ``data`` (JSON, or raw bytes) to a handler; the decoded JSON answer."""
        request = Request.blank("/")
        request.method = "POST"
        request.body = data if isinstance(data, bytes) else json.dumps(data).encode()
        response = self.block.handle(handler, request)
        assert response.status_code == status, response.body
        return json.loads(response.body)

    def answer(self, question, answer):
        return self.call("submit_answer", {"question": question, "answer": answer})

    def published(self, kind):
        return [data for event_kind, data in self.events if event_kind == kind]

    def html(self, view="student_view"):
        return getattr(self.block, view)().body_html()


@pytest.fixture
def sample():
    """The workbench sample case (bilingual, one question of each kind, 3 attempts)."""
    return copy.deepcopy(SAMPLE_CASE)


@pytest.fixture
def harness(db, sample):
    return Harness(sample)


@pytest.fixture
def make_harness(db):
    return Harness
