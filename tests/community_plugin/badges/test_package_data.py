"""The distribution ships what the badges app reads at run time: the pinned JSON-LD contexts
(without them nothing can be signed or verified offline), templates and static files.

Checked the way setuptools builds the sdist and, with ``include_package_data``, the wheel:
``MANIFEST.in`` applied to the tree, and the package list of ``setup.py``. (A full wheel build,
``pip wheel --no-deps .``, was checked by hand: see docs/badges.md.)
"""

import contextlib
import io
from pathlib import Path

from setuptools import find_namespace_packages
from setuptools._distutils.filelist import FileList

from community_plugin.badges import contexts

ROOT = Path(__file__).resolve().parents[3]
APP = ROOT / "community_plugin" / "badges"


def _manifest_files() -> set[str]:
    files = FileList()
    files.findall(".")  # relative names, as setuptools sees them from the project root
    with contextlib.redirect_stderr(io.StringIO()):  # "no files found matching" warnings
        for line in (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines():
            if line.strip():
                files.process_template_line(line.strip())
    return {str(Path(name)) for name in files.files}


def test_every_pinned_context_template_and_static_file_is_in_the_distribution(monkeypatch):
    monkeypatch.chdir(ROOT)
    shipped = _manifest_files()
    needed = {
        str(Path("community_plugin/badges/contexts") / filename)
        for filename, _digest in contexts.PINNED.values()
    }
    for folder in ("templates", "static"):
        needed |= {
            str(path.relative_to(ROOT)) for path in (APP / folder).rglob("*") if path.is_file()
        }
    assert len(needed) > len(contexts.PINNED)
    assert needed - shipped == set()


def test_the_data_folders_are_packages_of_the_distribution():
    import re

    setup_py = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert re.search(r"include_package_data\s*=\s*True", setup_py)
    packages = set(find_namespace_packages(where=str(ROOT), include=["community_plugin*"]))
    for name in ("contexts", "templates", "static"):
        assert f"community_plugin.badges.{name}" in packages
