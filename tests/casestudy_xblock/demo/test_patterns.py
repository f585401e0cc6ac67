"""What the narrative, the feedback and the fixed (non-SQL) answers say about the data is true.

The generator hides patterns for learners to find; the content states some of them in words
("about 1.3%", "more than half", "one order in three"). If the generator changes, these tests
say which sentence needs rewriting.
"""

import statistics
from collections import defaultdict

import pytest

from .test_expected_sql import FY2023, FY2024, H1, H2, avoided_per_month, late_rate, line_b, within

FY2023_H2 = ("2023-10-01", "2024-03-31")


def rate(report_rows, column="不良数"):
    output = sum(int(r["生産数"]) for r in report_rows)
    return 100 * sum(int(r[column]) for r in report_rows) / output


def per_setup(report_rows):
    return sum(int(r["段取り時間(分)"]) for r in report_rows) / sum(
        int(r["段取り回数"]) for r in report_rows
    )


def orders(rows, category=None, period=FY2024):
    return [
        r
        for r in rows["sales"]
        if within(r, period, "受注日") and (category is None or r["製品カテゴリ"] == category)
    ]


def amount(order_rows):
    return sum(int(r["金額"]) for r in order_rows)


def test_line_b_defects_rose_after_the_setup_change_and_nowhere_else(rows):
    before, after = line_b(rows, H1), line_b(rows, H2)
    assert 1.1 < rate(before) < 1.5  # 「約1.3%」
    assert 2.5 < rate(after) / rate(before) < 3.2  # 「3倍近い」
    assert 44 < per_setup(before) < 48  # 「約46分」
    assert 0.4 < per_setup(after) / per_setup(before) < 0.6  # 「半分ほど」
    main_before = defaultdict(int)
    for r in before:
        main_before[r["主な不良区分"]] += r["主な不良区分"] != "なし"
    assert max(main_before, key=main_before.get) == "外観不良"  # 「10月以前は外観不良が中心」
    assert rate(after, "寸法不良") / rate(after) > 0.6  # most of it is dimensional
    unchanged = 0
    for line in ("Aライン", "Cライン", "Dライン"):
        reports = [r for r in rows["production"] if r["ライン"] == line]
        first = [r for r in reports if within(r, H1, "日付")]
        second = [r for r in reports if within(r, H2, "日付")]
        assert abs(rate(second) - rate(first)) < 0.3
        unchanged += rate(second) <= rate(first)
    assert unchanged >= 1  # so "every line got worse" is false


def test_what_we_know_claims(rows):
    medical_h1 = late_rate(orders(rows, "医療機器部品", H1))
    medical_h2 = late_rate(orders(rows, "医療機器部品", H2))
    assert medical_h2 > 1.5 * medical_h1  # medical-late-timing
    late = defaultdict(int)
    for r in orders(rows):
        late[r["製品カテゴリ"]] += bool(r["出荷日"]) and int(r["納期遅延日数"]) > 0
    assert late["医療機器部品"] > 3 * late["自動車部品"]  # auto-most-late is false
    assert amount(orders(rows, "医療機器部品")) > amount(orders(rows, "医療機器部品", FY2023))


def test_options_plan_and_proposal_statements(rows):
    fy24 = orders(rows)
    channel = {r["顧客ID"]: r["主な受注方法"] for r in rows["customers"]}
    assert 0.4 < sum(channel[r["顧客ID"]] == "FAX" for r in fy24) / len(fy24) < 0.6  # 「約半分」
    payback = 1_800_000 / (avoided_per_month(rows) * 4200 - 60_000)
    assert 4 < payback < 8  # 「半年ほど」
    half_effect = 1_800_000 / (avoided_per_month(rows) / 2 * 4200 - 60_000)
    assert half_effect > 0  # half the effect still pays back
    loss = sum(int(r["不良数"]) for r in line_b(rows, H2)) * 4200 / 10_000
    assert 200 < loss < 1000  # 「数百万円」
    medical_h2 = late_rate(orders(rows, "医療機器部品", H2))
    assert medical_h2 > 100 / 3  # 「3件に1件以上」
    assert medical_h2 > late_rate(orders(rows, "医療機器部品", FY2023_H2))
    assert 700e6 < amount(fy24) < 800e6  # company summary: 年商約7.5億円


def test_survey_supports_the_burden_reading(rows):
    by_department = defaultdict(list)
    for r in rows["staff_survey"]:
        by_department[r["部署"]].append(r)
    manufacturing = by_department["製造部"]

    def mean(group, item):
        return statistics.mean(int(r[item]) for r in group)

    positivity = {d: mean(group, "Q2_変化への前向きさ") for d, group in by_department.items()}
    assert min(positivity, key=positivity.get) == "製造部"
    assert positivity["製造部"] < 3
    assert mean(manufacturing, "Q4_データ活用の必要性") >= 3.5  # they do see the need
    burdened = sum(int(r["Q3_業務負担感"]) >= 4 for r in manufacturing) / len(manufacturing)
    assert burdened > 0.5  # 「半数以上」
    correlation = statistics.correlation(
        [int(r["Q2_変化への前向きさ"]) for r in manufacturing],
        [int(r["Q3_業務負担感"]) for r in manufacturing],
    )
    assert correlation < -0.3
    by_age = defaultdict(list)
    for r in manufacturing:
        by_age[r["年代"]].append(r)
    burden = {age: mean(group, "Q3_業務負担感") for age, group in by_age.items()}
    assert max(burden, key=burden.get) == "50代"  # 「同じ年代は負担感も最も高い」
    assert len(rows["staff_survey"]) == 70  # 回答70名（回答率91%）


def test_customer_base_is_old_and_new_business_comes_from_medical(rows):
    customers = {r["顧客ID"]: r for r in rows["customers"]}
    recent = [r for r in rows["customers"] if int(r["取引開始年"]) >= 2015]
    assert recent
    assert {r["業種"] for r in recent} == {"医療機器メーカー"}  # 「医療機器メーカーばかり」
    fy24 = orders(rows)
    old = [r for r in fy24 if int(customers[r["顧客ID"]]["取引開始年"]) < 2000]
    assert amount(old) / amount(fy24) > 0.5  # 「半分以上」
    exposed = [
        r
        for r in old
        if customers[r["顧客ID"]]["業種"] != "半導体製造装置メーカー"
        and customers[r["顧客ID"]]["業種"] != "医療機器メーカー"
    ]
    assert amount(exposed) / amount(old) > 0.8  # mostly automotive and industrial machinery
    assert amount(orders(rows, "自動車部品")) < amount(orders(rows, "自動車部品", FY2023))


@pytest.mark.parametrize(("period", "biggest"), [(FY2023, "C001"), (FY2024, "C003")])
def test_the_largest_customer_changes(rows, period, biggest):
    totals = defaultdict(int)
    for r in orders(rows, period=period):
        totals[r["顧客ID"]] += int(r["金額"])
    assert max(totals, key=totals.get) == biggest
