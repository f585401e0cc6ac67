"""Helpers of the MariaDB bridge migrations (a leading underscore: not a migration itself)."""


def is_mariadb(connection):
    if connection.vendor != "mysql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT VERSION()")
        return "mariadb" in cursor.fetchone()[0].lower()


#: Tables edx-submissions' 0006 alters although their models have no ``uuid`` field.
TABLES_WITHOUT_UUID = ["submissions_studentitem", "submissions_score"]


def has_uuid_column(connection, table):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
            "AND table_name = %s AND column_name = 'uuid'",
            [table],
        )
        return cursor.fetchone()[0] > 0
