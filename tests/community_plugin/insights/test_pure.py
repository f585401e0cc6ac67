"""Pure modules: statistics, SVG charts, CSV/XLSX files."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from community_plugin.insights import exports, stats, svg


def test_median_share_and_buckets():
    assert stats.median([]) is None
    assert stats.median([3, 1, 2]) == 2
    assert stats.median([4, 1, 2, 3]) == 2.5
    assert stats.share(1, 0) is None
    assert stats.bucket_hours([0.2, 1, 3.9, 4, 23.9, 24, 100]) == [
        ("<1h", 1),
        ("1-4h", 2),
        ("4-24h", 2),
        (">24h", 2),
    ]


def test_top_share_takes_at_least_one_person():
    assert stats.top_share([]) is None
    assert stats.top_share([5, 1, 1, 1, 1, 1]) == pytest.approx(5 / 10)
    assert stats.top_share([1] * 20) == pytest.approx(2 / 20)


def test_returning_and_trend():
    assert stats.returning_share([{1, 2}, {2, 3}, set(), {4}]) == [(1, 0.5), (2, 0.0), (3, None)]
    assert stats.trend(12, 10) == pytest.approx(0.2)
    assert stats.trend(1, 0) is None


def test_prorated_cost_counts_overlapping_days():
    entries = [(dt.date(2026, 1, 1), dt.date(2026, 1, 10), 1000)]
    assert stats.prorated_cost(entries, dt.date(2026, 1, 6), dt.date(2026, 1, 20)) == 500
    assert stats.prorated_cost(entries, dt.date(2026, 2, 1), dt.date(2026, 2, 2)) == 0


def test_survey_tallies():
    assert stats.tally(["a", ["a", "b"], "c"], ["a", "b"]) == [("a", 2), ("b", 1)]
    assert stats.nps([10, 9, 8, 6, 0]) == 0
    assert stats.nps([]) is None


def test_svg_escapes_labels_and_has_a_title():
    chart = svg.bar_chart("c1", "<script>", [("<b>x</b>", 3), ("y", 0)])
    assert "<script>" not in chart
    assert "&lt;b&gt;x&lt;/b&gt;" in chart
    assert 'role="img"' in chart
    assert '<title id="c1-t">&lt;script&gt;</title>' in chart
    column = svg.column_chart("c2", "t", [(f"{d:02d}", d) for d in range(40)])
    assert column.count("<rect") == 40
    assert "http" not in column.replace("http://www.w3.org/2000/svg", "")


def test_csv_has_a_bom_and_defuses_formulas():
    data = exports.to_csv(["名前", "値"], [["=HYPERLINK(1)", 3]]).decode("utf-8")
    assert data.startswith("\ufeff")
    assert "'=HYPERLINK(1)" in data


def test_xlsx_has_one_sheet_per_table_with_safe_names():
    blob = exports.to_xlsx([("a/b:c", ["x"], [[1]]), ("a/b:c", ["y"], [[2]])])
    book = load_workbook(io.BytesIO(blob))
    assert len(book.sheetnames) == 2
    assert all("/" not in name and ":" not in name for name in book.sheetnames)
    assert book[book.sheetnames[1]]["A2"].value == 2
