"""Celery tasks of community_plugin. Receivers stay light and hand their work to these."""

from celery import shared_task

from . import api


@shared_task(name="dxq.community.add_course_member", acks_late=True)
def add_course_member(user_id, course_key, course_name=None):
    """Add an enrolled learner to their cohort and program spaces; returns newly joined slugs."""
    return api.add_course_member(user_id, course_key, course_name)
