"""Packaging for openedx-dx-quest: one distribution, four Open edX packages."""

import os
import re

from setuptools import find_namespace_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def read_version():
    with open(os.path.join(HERE, "casestudy_xblock", "__init__.py"), encoding="utf-8") as fh:
        return re.search(r'^__version__ = "([^"]+)"', fh.read(), re.M).group(1)


def read_readme():
    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as fh:
        return fh.read()


def load_requirements(path):
    """The loose requirement lines of a ``.in`` file (Open edX's habit)."""
    with open(os.path.join(HERE, path), encoding="utf-8") as fh:
        lines = (line.split("#", 1)[0].strip() for line in fh)
        return [line for line in lines if line and not line.startswith("-")]


PACKAGES = ["casestudy_xblock", "deliverable_xblock", "community_plugin", "matching_plugin"]


#: Each package's AppConfig, registered for the LMS and Studio as edx-platform loads plugins.
APP_CONFIGS = [
    "casestudy_xblock = casestudy_xblock.apps:CaseStudyConfig",
    "deliverable_xblock = deliverable_xblock.apps:DeliverableConfig",
    "community_plugin = community_plugin.apps:CommunityConfig",
    "community_discussions = community_plugin.discussions.apps:DiscussionsConfig",
    "community_badges = community_plugin.badges.apps:BadgesConfig",
    "community_insights = community_plugin.insights.apps:InsightsConfig",
    "matching_plugin = matching_plugin.apps:MatchingConfig",
]


setup(
    name="openedx-dx-quest",
    version=read_version(),
    description="DX Quest: case studies, peer review, cohort communities, Open Badges and "
    "company matching for Open edX (マナビDX Quest).",
    long_description=read_readme(),
    long_description_content_type="text/markdown",
    license="AGPL-3.0",
    python_requires=">=3.11",
    packages=find_namespace_packages(include=[f"{p}*" for p in PACKAGES]),
    include_package_data=True,
    zip_safe=False,
    install_requires=load_requirements("conf/requirements/base.in"),
    entry_points={
        "xblock.v1": [
            "dxq_case = casestudy_xblock.blocks.case:CaseStudyBlock",
            "dxq_deliverable = deliverable_xblock.blocks.deliverable:DeliverableBlock",
        ],
        "lms.djangoapp": APP_CONFIGS,
        "cms.djangoapp": APP_CONFIGS,
    },
    classifiers=[
        "Framework :: Django",
        "Framework :: Django :: 4.2",
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Natural Language :: Japanese",
        "Natural Language :: English",
    ],
)
