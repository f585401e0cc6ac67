"""Grades and completion of a ``dxq_deliverable`` block (Open edX's scorable and completable APIs).

The grade comes from the peer-review engine (``api.grade_of``): once it says the grade is
published, the block publishes it to the runtime (the LMS gradebook). Completion is emitted once
the learner has submitted and given their required reviews.

Neither waits for the learner to come back: the engine sends the grade to edx-submissions for
every learner concerned (each team member's own submission, through ``team_api``), whose
``score_set`` the LMS grades app turns into the persistent grade, and inside the LMS it submits
completion itself (``submitting.complete_if_done``). What the block publishes when it is viewed
keeps its own state (``raw_earned``, ``completed``) in step; where the learner has an
edx-submissions score for the block, the LMS grades from that score.
"""

from xblock.completable import CompletableXBlockMixin
from xblock.scorable import ScorableXBlockMixin, Score

from .content import possible_points


class ScoringMixin(ScorableXBlockMixin, CompletableXBlockMixin):
    has_score = True

    def max_score(self):
        return float(possible_points(self.rubric))

    def has_submitted_answer(self):
        return bool(self.raw_possible)

    def get_score(self):
        return Score(float(self.raw_earned), float(self.raw_possible or self.max_score()))

    def set_score(self, score):
        self.raw_earned = float(score.raw_earned)
        self.raw_possible = float(score.raw_possible)

    def calculate_score(self):
        """The engine decides the grade; rescoring keeps what it last published."""
        return self.get_score()

    def publish_engine_grade(self, grade):
        """Publish the engine's grade to the runtime when it is final and not published yet."""
        if grade is None or not getattr(grade, "published", False):
            return False
        score = Score(float(grade.total), float(grade.points_possible))
        if score == Score(float(self.raw_earned), float(self.raw_possible)):
            return False
        self.set_score(score)
        self._publish_grade(score)
        return True

    def publish_completion_once(self, done):
        if done and not self.completed:
            self.completed = True
            self.emit_completion(1.0)
