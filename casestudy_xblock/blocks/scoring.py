"""Grades and completion of a ``dxq_case`` block (Open edX's scorable and completable APIs)."""

from xblock.completable import CompletableXBlockMixin
from xblock.scorable import ScorableXBlockMixin, Score

from ..questions import grade


def weight_of(question):
    weight = question.get("weight", 1)
    return (
        float(weight) if isinstance(weight, int | float) and not isinstance(weight, bool) else 1.0
    )


class ScoringMixin(ScorableXBlockMixin, CompletableXBlockMixin):
    """Points are the weights of the questions answered correctly; the block is complete when
    every question is answered correctly or has no attempt left."""

    has_score = True

    def max_score(self):
        return float(sum(weight_of(q) for q in self.questions))

    def has_submitted_answer(self):
        return any(self.attempts.values())

    def get_score(self):
        return Score(float(self.raw_earned), float(self.raw_possible or self.max_score()))

    def set_score(self, score):
        self.raw_earned = float(score.raw_earned)
        self.raw_possible = float(score.raw_possible)

    def stored_score(self):
        """The score from the marks given when the learner answered."""
        earned = sum(weight_of(q) for q in self.questions if self.correctness.get(q.get("id")))
        return Score(float(earned), self.max_score())

    def calculate_score(self):
        """Mark every stored answer again against the current content (Open edX's rescoring
        after an author fixed an answer); an answer that cannot be marked now keeps its mark."""
        earned = 0.0
        for question in self.questions:
            qid = question.get("id")
            correct = self.correctness.get(qid)
            if qid in self.answers:
                result = grade(question, self.answers[qid], self.expected_value(question))
                correct = result.correct if result.marked else correct
            earned += weight_of(question) if correct else 0.0
        return Score(earned, self.max_score())

    def attempts_left(self, question_id):
        """Attempts the learner still has on a question; None means unlimited."""
        if not self.max_attempts:
            return None
        return max(0, self.max_attempts - int(self.attempts.get(question_id, 0)))

    def question_done(self, question_id):
        return bool(self.correctness.get(question_id)) or self.attempts_left(question_id) == 0

    def all_done(self):
        ids = [q.get("id") for q in self.questions]
        return bool(ids) and all(self.question_done(i) for i in ids)

    def publish_progress(self):
        """Publish the grade after an answer, and completion the first time all is done."""
        score = self.stored_score()
        self.set_score(score)
        self._publish_grade(score)
        if not self.completed and self.all_done():
            self.completed = True
            self.emit_completion(1.0)
        self.record_skill_evidence()

    def record_skill_evidence(self):
        """Store the skills practised so far (idempotent), for the skills report API."""
        from ..evidence import record_for_block

        record_for_block(self)
