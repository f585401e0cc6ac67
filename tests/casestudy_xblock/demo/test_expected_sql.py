"""Every expected answer is computed by its SQL on the generated data, and the SQL is right.

Each ``expected_sql`` runs on an in-memory DuckDB holding only its block's datasets (the CP932
file decoded first) and must return exactly one non-null value of the question's kind. The
answers are then recomputed from the CSV rows in plain Python, so a wrong query is caught.
"""

import statistics
from collections import defaultdict

import pytest

from casestudy_xblock.demo import case, generate

from .conftest import connect

FY2023, FY2024 = ("2023-04-01", "2024-03-31"), ("2024-04-01", "2025-03-31")
H1, H2 = ("2024-04-01", "2024-09-30"), ("2024-10-01", "2025-03-31")
SQL_QUESTIONS = [
    (block["stage"], q) for block in case.blocks() for q in block["questions"] if q["expected_sql"]
]


def question(blocks, qid):
    return next(q for b in blocks for q in b["questions"] if q["id"] == qid)


def within(row, period, column):
    return period[0] <= row[column] <= period[1]


def line_b(rows, period):
    return [r for r in rows["production"] if r["ライン"] == "Bライン" and within(r, period, "日付")]


def total(rows, column):
    return sum(float(r[column]) for r in rows)


def late_rate(orders):
    shipped = [r for r in orders if r["出荷日"]]
    return 100 * sum(int(r["納期遅延日数"]) > 0 for r in shipped) / len(shipped)


def avoided_per_month(rows):
    first, second = line_b(rows, H1), line_b(rows, H2)
    rate = total(first, "不良数") / total(first, "生産数")
    return (total(second, "不良数") - total(second, "生産数") * rate) / 6


@pytest.fixture(scope="module")
def results(blocks, files, tmp_path_factory):
    """question id -> the single row DuckDB returned, run with only the block's datasets."""
    found = {}
    for block in blocks:
        slugs = [d["slug"] for d in block["datasets"]]
        connection = connect(files, slugs, tmp_path_factory.mktemp(block["stage"]))
        for q in block["questions"]:
            if q["expected_sql"]:
                found[q["id"]] = connection.execute(q["expected_sql"]).fetchall()
        connection.close()
    return found


@pytest.mark.parametrize(("stage", "q"), SQL_QUESTIONS, ids=[q["id"] for _s, q in SQL_QUESTIONS])
def test_expected_sql_returns_exactly_one_value_of_the_right_kind(results, stage, q):
    result = results[q["id"]]
    assert len(result) == 1, result
    assert len(result[0]) == 1, result
    value = result[0][0]
    assert value is not None
    if q["kind"] == "numeric":
        assert isinstance(value, int | float)
        assert value > 0
    elif q["kind"] == "single":
        assert value in {c["id"] for c in q["choices"]}
    elif q["kind"] == "text":
        assert isinstance(value, str)
        assert value.strip()
    else:
        pytest.fail(f"{stage}: a {q['kind']} question cannot take its answer from SQL")


def test_every_unit_has_a_data_question():
    assert {stage for stage, _q in SQL_QUESTIONS} == {
        "diagnosis",
        "options",
        "plan",
        "change",
        "new_business",
        "proposal",
    }


def python_numeric_answers(rows):
    """question id -> (value computed in plain Python, decimals the question asks for)."""
    sales, customers = rows["sales"], {r["顧客ID"]: r for r in rows["customers"]}
    survey = [r for r in rows["staff_survey"] if r["部署"] == "製造部"]
    fy24 = [r for r in sales if within(r, FY2024, "受注日")]
    medical = [r for r in sales if r["製品カテゴリ"] == "医療機器部品"]
    second = line_b(rows, H2)
    avoided = avoided_per_month(rows)
    fy24_medical = total([r for r in medical if within(r, FY2024, "受注日")], "金額")
    fy23_medical = total([r for r in medical if within(r, FY2023, "受注日")], "金額")
    old = [r for r in fy24 if int(customers[r["顧客ID"]]["取引開始年"]) < 2000]
    fax = sum(customers[r["顧客ID"]]["主な受注方法"] == "FAX" for r in fy24)
    positivity = statistics.mean(int(r["Q2_変化への前向きさ"]) for r in survey)
    burdened = sum(int(r["Q3_業務負担感"]) >= 4 for r in survey)
    return {
        "line-b-defect-rate": (100 * total(second, "不良数") / total(second, "生産数"), 2),
        "dimensional-share": (100 * total(second, "寸法不良") / total(second, "不良数"), 1),
        "avoidable-defects": (avoided, 0),
        "fax-share": (100 * fax / len(fy24), 1),
        "setup-baseline": (total(second, "段取り時間(分)") / total(second, "段取り回数"), 1),
        "payback-months": (1_800_000 / (avoided * 4200 - 60_000), 1),
        "manufacturing-positivity": (positivity, 2),
        "manufacturing-burden": (100 * burdened / len(survey), 1),
        "medical-growth": (100 * (fy24_medical / fy23_medical - 1), 1),
        "old-customer-share": (100 * total(old, "金額") / total(fy24, "金額"), 1),
        "defect-loss": (total(second, "不良数") * 4200 / 10_000, 0),
        "medical-late-rate": (late_rate([r for r in medical if within(r, H2, "受注日")]), 1),
    }


def test_numeric_answers_match_plain_python(blocks, rows, results):
    expected = python_numeric_answers(rows)
    numeric_sql = {q["id"] for _s, q in SQL_QUESTIONS if q["kind"] == "numeric"}
    assert set(expected) == numeric_sql  # every numeric data question is recomputed
    for qid, (value, decimals) in expected.items():
        got = results[qid][0][0]
        assert abs(got - value) <= 0.5 * 10**-decimals + 1e-9, (qid, got, value)
        tolerance = question(blocks, qid)["tolerance"]
        slack = tolerance["value"] * (abs(value) if tolerance["mode"] == "rel" else 1)
        assert abs(got - value) <= slack, qid


def choice_with_text(q, japanese):
    return next(c["id"] for c in q["choices"] if c["text"]["ja"] == japanese)


def test_choice_and_text_answers_match_plain_python(blocks, rows, results):
    shipped24 = [r for r in rows["sales"] if within(r, FY2024, "受注日")]
    by_category = defaultdict(list)
    for r in shipped24:
        by_category[r["製品カテゴリ"]].append(r)
    worst = max(by_category, key=lambda c: late_rate(by_category[c]))
    q = question(blocks, "late-category")
    assert results["late-category"][0][0] == choice_with_text(q, worst)

    main = defaultdict(int)
    for r in rows["production"]:
        if r["ライン"] == "Bライン" and r["日付"] >= "2024-10-01" and r["主な不良区分"] != "なし":
            main[r["主な不良区分"]] += 1
    assert results["line-b-main-defect"][0][0] == max(main, key=main.get) == "寸法不良"

    by_age = defaultdict(list)
    for r in rows["staff_survey"]:
        if r["部署"] == "製造部":
            by_age[r["年代"]].append(int(r["Q2_変化への前向きさ"]))
    lowest = min(by_age, key=lambda a: statistics.mean(by_age[a]))
    assert results["least-positive-age"][0][0] == lowest == "50代"

    recent = defaultdict(int)
    for r in rows["customers"]:
        if int(r["取引開始年"]) >= 2015:
            recent[r["業種"]] += 1
    q = question(blocks, "new-customer-industry")
    most = max(recent, key=recent.get)
    assert results["new-customer-industry"][0][0] == choice_with_text(q, most)


@pytest.mark.parametrize(("seed", "scale"), [(7, 1.0), (2024, 0.5), (99, 3.0)])
def test_expected_sql_still_answers_with_other_seeds_and_scales(tmp_path, seed, scale):
    """Operators may regenerate the data: every query must still give one value."""
    files = generate.generate(seed, scale)
    connection = connect(files, generate.SLUGS, tmp_path)
    for block in case.blocks(seed, scale):
        for q in block["questions"]:
            if q["expected_sql"]:
                result = connection.execute(q["expected_sql"]).fetchall()
                assert len(result) == 1, q["id"]
                assert result[0][0] is not None, q["id"]
                if q["kind"] == "single":
                    assert result[0][0] in {c["id"] for c in q["choices"]}
    connection.close()
