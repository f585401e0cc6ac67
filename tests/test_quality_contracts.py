"""`make quality`'s import contracts catch what they must: an upward import between our layers
and any import of edx-platform. Each case copies the packages, adds one bad line and runs
lint-imports on the copy."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["casestudy_xblock", "deliverable_xblock", "community_plugin", "matching_plugin"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_copy(tmp_path, module=None, line=None):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    if module:
        target = tmp_path / module
        target.write_text(target.read_text() + f"\n{line}\n")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_tree_as_it_is_keeps_every_contract(tmp_path):
    result = lint_copy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("casestudy_xblock/views.py", "from community_plugin import api", "Layers"),
        ("community_plugin/api.py", "import matching_plugin.models", "Layers"),
        ("deliverable_xblock/apps.py", "from community_plugin import api", "Layers"),
        ("casestudy_xblock/api.py", "import deliverable_xblock.models", "Layers"),
        (
            "casestudy_xblock/api.py",
            "from lms.djangoapps.courseware import courses",
            "edx-platform",
        ),
        (
            "community_plugin/tasks.py",
            "from openedx.core.djangoapps.user_api import accounts",
            "edx-platform",
        ),
        ("matching_plugin/views.py", "import xmodule.modulestore", "edx-platform"),
        ("casestudy_xblock/skills.py", "import django", "Pure logic"),
    ],
)
def test_a_bad_import_breaks_a_contract(tmp_path, module, line, contract):
    result = lint_copy(tmp_path, module, line)
    assert result.returncode != 0, result.stdout
    broken = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(contract in row for row in broken), result.stdout
