"""@mentions (pure)."""

from community_plugin.discussions.mentions import parse


def test_people_and_groups_each_once_in_order():
    found = parse("@learner2 さん、@cohort のみなさん、@learner2 と @Team")
    assert found.usernames == ("learner2",)
    assert found.groups == ("cohort", "team")


def test_code_and_email_do_not_mention():
    found = parse("`@learner1` と\n```\n@learner2\n```\nmail: a@b.example")
    assert not found


def test_trailing_punctuation_is_not_part_of_the_name():
    assert parse("thanks @learner1.").usernames == ("learner1",)
