"""Peer-review simulation: grade accuracy and review coverage through the REAL code.

Synthetic cohorts (``deliverable_xblock.simulation``: 4 criteria × 0–4 points, 15% careless
reviewers, biased and noisy reviewers, 3 gold items each, 20% drop-out, 20% late submitters)
go through ``deliverable_xblock.api`` (allocation, calibration, reviews, coverage task, grading)
on a test database, with time moved forward by an event loop (no sleeping).

Anchors, same run: grades by the plain per-criterion median (ORA2's rule) over the same reviews;
coverage by oldest-first allocation with 8-hour leases and no backfill (ORA2's rule). A third
run, our allocation without the coverage task, is reported in the params to separate what the
allocation rule does from what the backfill does.

Behaviour assumed for the coverage figures (stated, not measured): a learner reviews 0.2–12 h
after submitting and takes 0.3–0.9 h per review; a drop-out takes one lease and never returns;
a notified learner who finished helps with probability 0.35, a volunteer with 0.7 (6 per cohort).
"""

from __future__ import annotations

import contextlib
import heapq
import os
import random
import statistics
from datetime import UTC, datetime, timedelta

from .harness import record

T0 = datetime(2026, 4, 6, 0, 0, tzinfo=UTC)
COURSE = "course-v1:DXQ+Sim{}+2026"  # one course per run: volunteers never cross runs
HORIZON_HOURS = 240.0


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):
        setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return connection


def _rubric(params):
    return {
        "criteria": [
            {
                "id": f"c{i}",
                "label": f"Criterion {i}",
                "options": [{"id": f"o{p}", "points": p} for p in range(params.top + 1)],
            }
            for i in range(params.criteria)
        ]
    }


class Run:
    """One cohort through one allocation rule."""

    def __init__(self, params, rule, tag):
        from django.contrib.auth import get_user_model

        from deliverable_xblock import allocation, api, simulation

        self.api, self.allocation, self.sim = api, allocation, simulation
        self.params, self.rule = params, rule
        self.rng = random.Random(params.seed * 7 + (rule == "oldest"))
        self.block = f"block-v1:DXQ+Sim+2026+type@dxq_deliverable+block@{tag}"
        self.course = COURSE.format(tag)
        self.people, self.truths, self.gold_truths = simulation.cohort(params)
        users = get_user_model().objects
        password = "x"  # noqa: S105 - synthetic users of a throwaway test database
        self.users = [
            users.create_user(f"{tag}-l{i}", password=password) for i in range(len(self.people))
        ]
        self.volunteers = [
            users.create_user(f"{tag}-v{i}", password=password) for i in range(params.volunteers)
        ]
        # Volunteers review like anyone else (biased, noisy), but none is careless.
        self.volunteer_people = [
            simulation.Person(
                i,
                False,
                self.rng.gauss(0, params.bias_sd),
                self.rng.uniform(params.noise_low, params.noise_high),
                0.0,
                False,
                False,
            )
            for i in range(params.volunteers)
        ]
        operator = users.create_user(f"{tag}-op", password=password, is_staff=True)
        ours = rule != "oldest"
        api.configure(
            self.block,
            self.course,
            required_reviews=3,
            lease_minutes=60 if ours else 480,
            calibration_items=params.gold_items if ours else 0,
            target_hours=72,
        )
        api.publish_rubric(self.block, _rubric(params))
        self.truth_of = {}  # submission id -> true points
        if ours:
            from deliverable_xblock.models import Volunteer

            for v in self.volunteers:
                Volunteer.objects.create(user=v, course_key=self.course)
            for g, truth in enumerate(self.gold_truths):
                gid = api.create_gold(
                    self.block,
                    self.course,
                    operator,
                    text_html=f"<p>gold {g}</p>",
                    expert_scores={f"c{i}": f"o{p}" for i, p in enumerate(truth)},
                )
                self.truth_of[gid] = truth
        self.events, self.seq = [], 0
        self.peer_done = {}  # person key -> peer reviews done
        self.submit_hour = {}  # submission id -> hour
        self.owner = {}  # submission id -> person index
        self.working = set()  # assignment ids being reviewed

    def at(self, hour, kind, who, data=None):
        self.seq += 1
        heapq.heappush(self.events, (hour, self.seq, kind, who, data))

    def now(self, hour):
        return T0 + timedelta(hours=hour)

    def person(self, who):
        if who[0] == "l":
            return self.people[who[1]], self.users[who[1]]
        return self.volunteer_people[who[1]], self.volunteers[who[1]]

    def request(self, hour, who, source="pool"):
        _person, user = self.person(who)
        if self.rule != "oldest":
            return self.api.request_review(self.block, user, now=self.now(hour), source=source)
        found = self.allocation.allocate(
            self.block,
            user.pk,
            now=self.now(hour),
            lease_minutes=480,
            calibration_items=0,
            order=self.allocation.ORDER_OLDEST,
        )
        return found and self.api.assignment_info(found.assignment_id)

    def run(self):
        for p in self.people:
            self.at(p.submit_hour, "submit", ("l", p.index))
        if self.rule == "fewest":  # "fewest_alone": our allocation without the coverage task
            for h in range(1, int(HORIZON_HOURS) + 1):
                self.at(float(h), "coverage", None)
        while self.events:
            hour, _seq, kind, who, data = heapq.heappop(self.events)
            if hour > HORIZON_HOURS:
                break
            getattr(self, f"on_{kind}")(hour, who, data)
        return self

    def on_submit(self, hour, who, _data):
        person, user = self.person(who)
        info = self.api.submit(
            self.block, self.course, user, text_html=f"<p>{person.index}</p>", now=self.now(hour)
        )
        self.truth_of[info.id] = self.truths[person.index]
        self.submit_hour[info.id] = hour
        self.owner[info.id] = person.index
        self.at(hour + self.rng.uniform(0.2, 12.0), "review", who, "pool")

    def on_review(self, hour, who, source):
        person, _user = self.person(who)
        assignment = self.request(hour, who, source)
        if assignment is None:
            if source == "pool" and hour < HORIZON_HOURS:
                self.at(hour + self.rng.uniform(4.0, 12.0), "review", who, "pool")
            return
        if person.dropout and who[0] == "l":
            return  # took a lease and never came back
        if assignment.id in self.working:
            return  # already at it (a notice and a retry at once)
        self.working.add(assignment.id)
        self.at(hour + self.rng.uniform(0.3, 0.9), "finish", who, (assignment, source))

    def on_finish(self, hour, who, data):
        assignment, source = data
        person, user = self.person(who)
        truth = self.truth_of[assignment.submission_id]
        points = self.sim.review_points(self.rng, person, truth, self.params.top)
        with contextlib.suppress(self.api.LeaseExpired):
            self.api.submit_review(
                assignment.id,
                user,
                scores={f"c{i}": f"o{p}" for i, p in enumerate(points)},
                now=self.now(hour),
                regrade=False,
            )
        gold = assignment.submission_id in self.truth_of and assignment.submission_id not in (
            self.submit_hour
        )
        if gold or source != "pool":
            if gold and source == "pool":
                self.at(hour + self.rng.uniform(0.0, 2.0), "review", who, source)
            return
        done = self.peer_done.get(who, 0) + 1
        self.peer_done[who] = done
        if done < 3:
            self.at(hour + self.rng.uniform(0.0, 2.0), "review", who, source)

    def on_coverage(self, hour, _who, _data):
        from deliverable_xblock import coverage
        from deliverable_xblock.models import Notification

        when = self.now(hour)
        coverage.check_coverage(now=when, block_keys=[self.block])
        notified = Notification.objects.filter(block_key=self.block, created=when)
        index = {u.pk: ("l", i) for i, u in enumerate(self.users)}
        index.update({u.pk: ("v", i) for i, u in enumerate(self.volunteers)})
        for user_id in notified.values_list("user_id", flat=True):
            who = index.get(user_id)
            if who is None:
                from django.contrib.auth import get_user_model

                raise RuntimeError(get_user_model().objects.get(pk=user_id).username)
            if who[0] == "l" and self.people[who[1]].dropout:
                continue
            chance = 0.7 if who[0] == "v" else 0.35
            if self.rng.random() < chance:
                self.at(hour + self.rng.uniform(0.5, 8.0), "review", who, "backfill")

    def median_wait(self, late):
        """Median hours from submission to its last required review (early or late group)."""
        covered = self._covered_hours()
        waits = [
            covered[sid] - h
            for sid, h in self.submit_hour.items()
            if self.people[self.owner[sid]].late == late and sid in covered
        ]
        return round(statistics.median(waits), 1) if waits else None

    def _covered_hours(self):
        from deliverable_xblock.models import Submission

        covered = {}
        for sid, first in Submission.objects.filter(block_key=self.block).values_list(
            "id", "first_covered_at"
        ):
            if first is not None:
                covered[sid] = (first - T0).total_seconds() / 3600.0
        return covered

    def coverage(self, within, late=None):
        from deliverable_xblock.models import Submission

        covered = {}
        for sid, first in Submission.objects.filter(block_key=self.block).values_list(
            "id", "first_covered_at"
        ):
            if first is not None:
                covered[sid] = (first - T0).total_seconds() / 3600.0
        hours = {
            sid: h
            for sid, h in self.submit_hour.items()
            if late is None or self.people[self.owner[sid]].late == late
        }
        return self.sim.coverage(covered, hours, within)

    def accuracy(self):
        from deliverable_xblock import estimation, grading

        result = grading.regrade_block(self.block, publish=False)
        maxima = {f"c{i}": self.params.top for i in range(self.params.criteria)}
        observations = [o for o in grading.block_observations(self.block) if o.item in self.owner]
        medians = estimation.median_grade(observations, maxima)
        truths = {sid: self.truth_of[sid] for sid in self.owner}
        ours = {sid: result.total(sid)[0] for sid in self.owner if sid in result.items}
        median = {sid: sum(medians[sid].values()) for sid in self.owner if sid in medians}
        return self.sim.accuracy(ours, truths), self.sim.accuracy(median, truths), len(ours)


def run(
    seeds: int = 3,
    learners: int = 120,
    bias_sd: float = 0.7,
    noise_high: float = 1.2,
) -> list[dict]:
    """Defaults: reviewers noisy enough that the median rule lands near the issue's 1.8 / 64%."""
    connection = _setup_django()
    from deliverable_xblock import simulation

    try:
        figures = {
            key: []
            for key in (
                "rmse",
                "rmse_med",
                "w1",
                "w1_med",
                "c72",
                "c72_old",
                "c7d",
                "c7d_old",
                "late72",
                "late72_old",
                "c72_alone",
                "late72_alone",
                "wait_early",
                "wait_late",
                "graded",
            )
        }
        for seed in range(1, seeds + 1):
            params = simulation.Params(
                seed=seed, learners=learners, bias_sd=bias_sd, noise_high=noise_high
            )
            ours = Run(params, "fewest", f"s{seed}f").run()
            oldest = Run(params, "oldest", f"s{seed}o").run()
            alone = Run(params, "fewest_alone", f"s{seed}a").run()
            (rmse, w1), (rmse_med, w1_med), graded = ours.accuracy()
            for key, value in (
                ("rmse", rmse),
                ("rmse_med", rmse_med),
                ("w1", w1),
                ("w1_med", w1_med),
                ("c72", ours.coverage(72)),
                ("c72_old", oldest.coverage(72)),
                ("c7d", ours.coverage(168)),
                ("c7d_old", oldest.coverage(168)),
                ("late72", ours.coverage(72, late=True)),
                ("late72_old", oldest.coverage(72, late=True)),
                ("c72_alone", alone.coverage(72)),
                ("wait_early", ours.median_wait(False) or 0.0),
                ("wait_late", ours.median_wait(True) or 0.0),
                ("late72_alone", alone.coverage(72, late=True)),
                ("graded", graded),
            ):
                figures[key].append(value)
        m = {key: statistics.fmean(values) for key, values in figures.items()}
        params = {
            "seeds": seeds,
            "learners": learners,
            "criteria": "4 x 0-4",
            "careless": 0.15,
            "bias_sd": bias_sd,
            "noise_sd": f"0.3-{noise_high}",
            "dropout": 0.20,
            "late": 0.20,
            "gold_per_reviewer": 3,
            "graded_per_cohort": round(m["graded"], 1),
            "within_1_ours": round(m["w1"], 3),
            "within_1_median": round(m["w1_med"], 3),
            "coverage_72h_ours": round(m["c72"], 3),
            "coverage_72h_oldest_first": round(m["c72_old"], 3),
            "coverage_7d_ours": round(m["c7d"], 3),
            "coverage_7d_oldest_first": round(m["c7d_old"], 3),
            "late_coverage_72h_ours": round(m["late72"], 3),
            "late_coverage_72h_oldest_first": round(m["late72_old"], 3),
            "coverage_72h_ours_without_backfill": round(m["c72_alone"], 3),
            "late_coverage_72h_ours_without_backfill": round(m["late72_alone"], 3),
            "median_hours_to_covered_ours_on_time": round(m["wait_early"], 1),
            "median_hours_to_covered_ours_late": round(m["wait_late"], 1),
        }
        eps = 1e-9
        return [
            record(
                "peer_sim_rmse",
                m["rmse"],
                "points of 16",
                "per-criterion median (ORA2)",
                m["rmse_med"],
                params,
            ),
            record(
                "peer_sim_within_1",
                m["w1"] * 100,
                "% within ±1",
                "per-criterion median (ORA2)",
                m["w1_med"] * 100,
                params,
            ),
            record(
                "peer_sim_coverage_72h",
                m["c72"] * 100 + eps,
                "% covered",
                "oldest-first, 8 h leases (ORA2)",
                m["c72_old"] * 100 + eps,
                params,
            ),
            record(
                "peer_sim_coverage_7d",
                m["c7d"] * 100 + eps,
                "% covered",
                "oldest-first, 8 h leases (ORA2)",
                m["c7d_old"] * 100 + eps,
                params,
            ),
        ]
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
