"""Which notification kinds exist and how each is delivered by default (pure: no Django)."""

MENTION = "mention"
ANSWER = "answer"
ACCEPTED = "accepted"
REPLY = "reply"
SESSION_REMINDER = "session_reminder"
ESCALATION = "escalation"
DIGEST = "digest"

IMMEDIATE = "immediate"
IN_DIGEST = "digest"
OFF = "off"

#: Kinds in the order the preferences page lists them.
KINDS = (MENTION, ANSWER, ACCEPTED, REPLY, SESSION_REMINDER, ESCALATION, DIGEST)

#: How each kind reaches people by email unless they chose otherwise.
DEFAULTS = {
    MENTION: IMMEDIATE,
    ANSWER: IMMEDIATE,
    ACCEPTED: IMMEDIATE,
    REPLY: IN_DIGEST,
    SESSION_REMINDER: IMMEDIATE,
    ESCALATION: IMMEDIATE,
    DIGEST: IMMEDIATE,  # "immediate" for the digest itself means: send me the weekly digest
}


def choices_for(kind):
    """The deliveries a person may choose for ``kind`` (the digest cannot go in itself)."""
    if kind == DIGEST:
        return (IMMEDIATE, OFF)
    return (IMMEDIATE, IN_DIGEST, OFF)


def effective(kind, chosen):
    """The delivery that applies: the person's valid choice, else the default."""
    if chosen in choices_for(kind):
        return chosen
    return DEFAULTS.get(kind, OFF)
