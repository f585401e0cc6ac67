"""Krippendorff's alpha against the worked example of Krippendorff (2011)."""

import pytest

from deliverable_xblock import krippendorff

N = None
# "Computing Krippendorff's Alpha-Reliability" (2011), section C: 4 observers, 12 units.
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
UNITS = [list(unit) for unit in zip(*OBSERVERS, strict=True)]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)],
)
def test_published_example(level, expected):
    assert round(krippendorff.alpha(UNITS, level), 3) == expected


def test_perfect_agreement_is_one_and_nothing_pairable_is_none():
    assert krippendorff.alpha([[1, 1], [3, 3], [2, 2]]) == 1.0
    assert krippendorff.alpha([[1], [2, None]]) is None
    assert krippendorff.alpha([[2, 2], [2, 2]]) is None  # no variation at all


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="unknown level"):
        krippendorff.alpha(UNITS, "ratio-ish")
