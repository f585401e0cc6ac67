"""Backfill (command and task) and recipients from CSV."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.translation import override

from casestudy_xblock import evidence
from community_plugin.badges import csv_import
from community_plugin.badges.models import Award, AwardRule

SKILL = [("block", "", "dss-p/v1/BT-1-1")]


def users(*names):
    return [get_user_model().objects.create_user(n, f"{n}@example.jp", "pw") for n in names]


def test_backfill_awards_who_already_completed_the_case(badge_class, capsys):
    AwardRule.objects.create(
        badge_class=badge_class, kind=AwardRule.CASE_COMPLETED, course_key="yamanami", threshold=2
    )
    AwardRule.objects.create(badge_class=badge_class, kind=AwardRule.COLLABORATION_COMPLETED)
    done, half, none = users("done", "half", "none")
    for unit in (1, 2):
        evidence.record(done, "a-done", f"dx-{unit}-yamanami-seikos-dx.dxq_case.d0.u0", SKILL)
    evidence.record(half, "a-half", "dx-1-yamanami-seikos-dx.dxq_case.d0.u0", SKILL)
    call_command("dxq_badges_backfill", "--dry-run")
    assert not Award.objects.exists()
    call_command("dxq_badges_backfill", "--badge", badge_class.slug)
    out = capsys.readouterr().out
    assert "1 qualified, awarded 1" in out
    assert "no history to read" in out  # collaboration rules act on news only
    award = Award.objects.get()
    assert award.recipient == done
    assert award.source == "backfill"
    call_command("dxq_badges_backfill")
    assert Award.objects.count() == 1
    assert "awarded 0" in capsys.readouterr().out


def test_backfill_skips_holders_and_reawards_after_revocation(badge_class):
    from community_plugin.badges import api, rules

    AwardRule.objects.create(badge_class=badge_class, kind=AwardRule.CASE_COMPLETED)
    (person,) = users("person")
    evidence.record(person, "a-p", "x.dxq_case.d0.u0", SKILL)
    first = api.award(badge_class, person, source="manual")
    assert rules.backfill()[badge_class.rules.get().pk]["awarded"] == 0
    api.revoke(first, "x")
    assert rules.backfill()[badge_class.rules.get().pk]["awarded"] == 1


def test_backfill_of_an_unknown_badge_is_an_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("dxq_badges_backfill", "--badge", "nope")


def test_csv_keeps_good_rows_and_reports_bad_ones_in_japanese(db):
    ok1, ok2, inactive = users("ok1", "ok2", "inactive")
    inactive.is_active = False
    inactive.save()
    get_user_model().objects.create_user("noemail", "", "pw")
    text = "username\nok1\nOK2@example.jp\nghost\ninactive\nnoemail\nok1\n\nnobody@example.jp\n"
    with override("ja"):
        found = csv_import.read(text.encode("utf-8-sig"))
    assert [user.username for user in found.users] == ["ok1", "ok2"]
    assert [(e.line, e.value) for e in found.errors] == [
        (4, "ghost"),
        (5, "inactive"),
        (6, "noemail"),
        (7, "ok1"),
        (9, "nobody@example.jp"),
    ]
    assert all(
        any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in e.message)
        for e in found.errors
    )


def test_csv_in_shift_jis(db):
    users("yamada")
    found = csv_import.read("ユーザー名,氏名\nyamada,山田\n".encode("cp932"))
    assert [user.username for user in found.users] == ["yamada"]
    assert found.errors == []


def test_csv_that_is_not_text_is_refused(db):
    with pytest.raises(ValueError, match="."):
        csv_import.read(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x81")
