"""Run 1EdTech's validator (``openbadges`` 1.1.2) from the tests: its virtualenv and a call.

The validator lives in ``.venv-ob2`` (Python 3.12, pins in conf/requirements/ob2-validator.txt),
made by ``bin/ob2-validator-venv`` when missing. Without it (no Python 3.12, no package index)
the tests are skipped, or fail under ``DXQ_REQUIRE_ALL=1`` (CI). Each call runs ``driver.py``
in that venv: offline but for loopback and the pinned OB 2.0 context.
"""

from __future__ import annotations

import json
import os
import subprocess
from functools import cache
from pathlib import Path

from tests.support import missing

ROOT = Path(__file__).resolve().parents[3]
VENV = Path(os.environ.get("DXQ_OB2_VENV", ROOT / ".venv-ob2"))
PYTHON = VENV / "bin" / "python"
DRIVER = Path(__file__).with_name("driver.py")
CONTEXT = ROOT / "community_plugin" / "badges" / "contexts" / "ob_v2_context.json"
PINS = ROOT / "conf" / "requirements" / "ob2-validator.txt"
MARKER = VENV / ".installed-ob2-validator"


@cache
def _prepare() -> str | None:
    """``None`` once the validator venv is ready, else why it is not."""
    if PYTHON.exists() and MARKER.exists() and MARKER.read_bytes() == PINS.read_bytes():
        return None
    try:
        made = subprocess.run(
            [str(ROOT / "bin" / "ob2-validator-venv"), str(VENV)],
            capture_output=True,
            text=True,
            timeout=900,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"could not create the OB 2.0 validator venv: {error}"
    if made.returncode != 0:
        return f"bin/ob2-validator-venv failed: {(made.stderr or made.stdout)[-2000:]}"
    return None


def require_validator() -> None:
    problem = _prepare()
    if problem:
        missing(f"1EdTech's OB 2.0 validator is not available ({problem})")


def validate(*, input: str | None = None, file: Path | None = None, email: str) -> dict:
    """The validator's report: ``valid``, ``errorCount``, ``messages``, ``graph``."""
    require_validator()
    request = {
        "input": input,
        "file": str(file) if file else None,
        "email": email,
        "context": str(CONTEXT),
    }
    done = subprocess.run(
        [str(PYTHON), str(DRIVER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONHASHSEED": "0"},
    )
    if done.returncode != 0:
        raise AssertionError(f"the validator driver failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


def errors(report: dict) -> list[str]:
    """The validator's ERROR messages, one line each (for assertion messages)."""
    return [
        f"{message.get('name')}: {message.get('result')}"
        for message in report.get("messages", [])
        if message.get("messageLevel") == "ERROR"
    ]
