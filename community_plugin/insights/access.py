"""Who may do what in insights: the secretariat (course operators and staff) runs it."""

from casestudy_xblock import roles


def is_secretariat(user):
    """Course operators and staff administrators (the 事務局)."""
    return roles.has_role(user, roles.OPERATOR) or roles.has_role(user, roles.ADMINISTRATOR)
