"""The learner's JSON handlers: answers, hints, and bounded reads of the datasets."""

import json
import math
from collections.abc import Mapping
from urllib.parse import quote

from webob import Response
from xblock.core import XBlock

from .. import questions as q
from ..text import sanitize_plain
from . import datasets as engine
from . import messages, render

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 200


class HandlerError(Exception):
    """A request the block cannot serve; ``code`` names the message (see messages.ERRORS).

    ``status`` 200 means the learner can fix it (``{"ok": false, "code", "message"}``); a 4xx
    status means the request itself is wrong (``{"error": message, "code"}``). ``message``,
    when given, is already translated (the datasets engine's own words) and wins over the code's.
    """

    def __init__(self, code, status=400, message=None):
        super().__init__(code)
        self.code, self.status, self.message = code, status, message


def guarded(method):
    """A JSON handler whose every refusal is translated.

    Like ``XBlock.json_handler`` (POST, JSON body, JSON answer), but a body that is not a JSON
    object, a :class:`HandlerError` with a 4xx status and a wrong method all answer
    ``{"error": message, "code": code}`` in the learner's language.
    """

    def wrapper(self, request, suffix=""):
        status = 200
        try:
            if request.method != "POST":
                raise HandlerError("bad_request", 405)
            try:
                data = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                data = None
            if not isinstance(data, Mapping):
                raise HandlerError("bad_request")
            result = method(self, data, suffix)
        except HandlerError as error:
            message = error.message or messages.error_message(error.code, self.gettext)
            if error.status == 200:
                result = {"ok": False, "code": error.code, "message": message}
            else:
                result, status = {"error": message, "code": error.code}, error.status
        return Response(
            json.dumps(result), status=status, content_type="application/json", charset="utf-8"
        )

    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return XBlock.handler(wrapper)


def _clean_answer(kind, answer):
    if kind == "multiple":
        if isinstance(answer, str):
            answer = [answer]
        if not isinstance(answer, list) or len(answer) > 50:
            raise HandlerError("bad_request")
        return [sanitize_plain(a, 65, single_line=True) for a in answer if isinstance(a, str)]
    if answer is None:
        return ""
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        answer = str(answer)
    if not isinstance(answer, str):
        raise HandlerError("bad_request")
    if len(answer) > q.MAX_ANSWER_LENGTH * 2:
        raise HandlerError("too_long", 200)
    return sanitize_plain(answer, q.MAX_ANSWER_LENGTH + 1, single_line=True)


def _refused(code, **params):
    """A :class:`HandlerError` the learner can fix, in the datasets engine's words."""
    rejected = engine.rejection(code, **params)
    return HandlerError(rejected.code, 200, rejected.message)


def clean_filters(raw, columns):
    """The learner's filters as ``[{"column", "op", "value"}]`` for the engine (never SQL).

    Checks the shape, the number (at most :data:`engine.MAX_FILTERS`), the columns (``columns`` is
    ``{name: column}``) and the operators, and trims text values; the engine checks each value
    against its column's type and length. Refusals carry the engine's translated message.
    """
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise HandlerError("bad_request")
    if len(raw) > engine.MAX_FILTERS:
        raise _refused("too_many_filters", limit=engine.MAX_FILTERS)
    cleaned = []
    for item in raw:
        if not isinstance(item, Mapping) or not {"column", "op", "value"} <= set(item):
            raise _refused("bad_filter")
        name, op, value = item["column"], item["op"], item["value"]
        if not isinstance(name, str) or name not in columns:
            raise _refused("unknown_column", column=str(name)[:100])
        if not isinstance(op, str) or op not in engine.FILTER_OPERATORS:
            raise _refused("bad_operator", op=str(op)[:20])
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, str | int | float)
        ):
            raise _refused("bad_filter")
        if isinstance(value, str):  # the engine refuses one that is too long
            value = sanitize_plain(value, single_line=True)
        cleaned.append({"column": name, "op": op, "value": value})
    return cleaned


class LearnerHandlersMixin:
    """submit_answer, get_hint, dataset_page, dataset_chart and the dataset download."""

    def question_by_id(self, question_id):
        for question in self.questions:
            if isinstance(question_id, str) and question.get("id") == question_id:
                return question
        raise HandlerError("unknown_question")

    def dataset_by_slug(self, slug):
        for dataset in self.datasets:
            if isinstance(slug, str) and dataset.get("slug") == slug:
                return dataset
        raise HandlerError("unknown_dataset")

    def expected_value(self, question):
        """The expected answer: computed by the question's SQL when it has one."""
        sql = question.get("expected_sql")
        if not sql:
            return question.get("answer")
        tables = {d["slug"]: d["sha256"] for d in self.datasets}
        ok, value = engine.evaluate(sql, tables)
        return value if ok else None

    @guarded
    def submit_answer(self, data, suffix=""):
        """Mark an answer: ``{"question": id, "answer": text | choice id | [choice ids]}``."""
        question = self.question_by_id(data.get("question"))
        qid = question["id"]
        if self.correctness.get(qid):
            raise HandlerError("already_correct", 200)
        if self.attempts_left(qid) == 0:
            raise HandlerError("no_attempts_left", 200)
        answer = _clean_answer(question.get("kind"), data.get("answer"))
        result = q.grade(question, answer, self.expected_value(question))
        if not result.marked:
            raise HandlerError(result.feedback, 200)
        self.answers = {**self.answers, qid: answer}
        self.attempts = {**self.attempts, qid: int(self.attempts.get(qid, 0)) + 1}
        self.correctness = {**self.correctness, qid: result.correct}
        self.publish_progress()
        earned, possible = self.get_score()
        return {
            "ok": True,
            "feedback": render.feedback(self, question, result.correct, result.detail),
            "attempts_text": render.attempts_text(self, qid),
            "done": self.question_done(qid),
            "score_text": render.score_text(self, earned, possible),
            "complete": bool(self.completed),
        }

    @guarded
    def get_hint(self, data, suffix=""):
        """Show the next hint of ``{"question": id}``; returns every hint shown so far."""
        question = self.question_by_id(data.get("question"))
        hints = question.get("hints") or []
        shown = int(self.hints_shown.get(question["id"], 0))
        if shown >= len(hints):
            raise HandlerError("no_more_hints", 200)
        shown += 1
        self.hints_shown = {**self.hints_shown, question["id"]: shown}
        lang = self.language()
        return {
            "ok": True,
            "hints": [render.rich(h, lang) for h in hints[:shown]],
            "hints_left": len(hints) - shown,
        }

    def ready_dataset(self, slug):
        dataset = self.dataset_by_slug(slug)
        info = engine.dataset_info(dataset.get("sha256", ""))
        if info.get("status") != engine.READY:
            raise HandlerError("dataset_not_ready", 200)
        return dataset, {c["name"]: c for c in engine.columns_of(info)}, info

    def page_size(self):
        service = self.runtime.service(self, "settings")
        bucket = service.get_settings_bucket(self) if service else None
        size = bucket.get("page_size") if isinstance(bucket, Mapping) else None
        if isinstance(size, bool) or not isinstance(size, int):
            return DEFAULT_PAGE_SIZE
        return max(1, min(MAX_PAGE_SIZE, size))

    @guarded
    def dataset_page(self, data, suffix=""):
        """One page of rows: ``{"dataset": slug, "page": 1.., "sort": column, "descending",
        "filters": [{"column", "op", "value"}]}``. ``total`` counts the matching rows and
        ``rows_total`` all of them."""
        dataset, columns, info = self.ready_dataset(data.get("dataset"))
        number, sort = data.get("page", 1), data.get("sort") or None
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 10**7:
            raise HandlerError("bad_request")
        if sort is not None and sort not in columns:
            raise HandlerError("unknown_column", 200)
        filters = clean_filters(data.get("filters"), columns)
        size = self.page_size()
        result = self.engine_read(
            engine.page,
            dataset["sha256"],
            number,
            size,
            sort,
            bool(data.get("descending")),
            filters=filters,
        )
        total = result["total"] if isinstance(result["total"], int) else None
        pages = max(1, math.ceil(total / size)) if total is not None else None
        return {
            "ok": True,
            **result,
            "page": number,
            "pages": pages,
            "page_size": size,
            "rows_total": engine.row_count(info) if filters else total,
            "filtered": bool(filters),
        }

    def engine_read(self, read, *args, **kwargs):
        """``read(*args, **kwargs)`` of the datasets engine; refusals become handler errors."""
        try:
            result = read(*args, **kwargs)
        except engine.FilterRejected as refused:
            raise HandlerError(refused.code, 200, refused.message) from refused
        if result is None:
            raise HandlerError("dataset_error", 200)
        return result

    @guarded
    def dataset_chart(self, data, suffix=""):
        """Aggregates for a chart: ``{"dataset", "x": column, "agg", "y": column, "kind",
        "filters": [{"column", "op", "value"}]}``."""
        dataset, columns, _info = self.ready_dataset(data.get("dataset"))
        x, agg, y = data.get("x"), data.get("agg", "count"), data.get("y") or None
        kind = data.get("kind", "bar")
        if agg not in engine.AGGREGATES or kind not in ("bar", "line"):
            raise HandlerError("bad_request")
        if x not in columns or (agg != "count" and (y not in columns or not columns[y]["numeric"])):
            raise HandlerError("unknown_column", 200)
        filters = clean_filters(data.get("filters"), columns)
        result = self.engine_read(
            engine.aggregate,
            dataset["sha256"],
            x,
            agg,
            None if agg == "count" else y,
            filters=filters,
        )
        measure = self.gettext(messages.AGGREGATES[agg])
        if agg != "count":
            measure = self.gettext("%(aggregate)s of %(column)s") % {
                "aggregate": measure,
                "column": y,
            }
        caption = self.gettext("%(measure)s by %(column)s") % {"measure": measure, "column": x}
        if filters:
            caption = self.gettext("%(title)s (filtered: %(conditions)s)") % {
                "title": caption,
                "conditions": render.filters_text(self, filters),
            }
        return {
            "ok": True,
            **result,
            "kind": kind,
            "title": caption,
            "x": x,
            "y": measure,
            "filtered": bool(filters),
        }

    @XBlock.handler
    def download_dataset(self, request, suffix=""):
        """The original file of the dataset whose slug is the suffix."""
        try:
            dataset = self.dataset_by_slug(suffix)
        except HandlerError:
            return Response(status=404)
        handle = engine.open_file(dataset.get("sha256", ""))
        if handle is None:
            return Response(status=404)
        filename = _download_name(handle, dataset)
        response = Response(app_iter=_chunks(handle))
        response.content_type = getattr(handle, "content_type", None) or "application/octet-stream"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.content_disposition = f"attachment; filename*=UTF-8''{quote(filename, safe='')}"
        return response


def _download_name(handle, dataset):
    name = str(getattr(handle, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name or dataset.get("filename") or f"{dataset['slug']}.csv"


def _chunks(handle):
    try:
        while chunk := handle.read(65536):
            yield chunk
    finally:
        handle.close()
