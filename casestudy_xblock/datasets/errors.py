"""Why a dataset was refused or a query failed: a stable code, parameters and an English message.

Pure: no Django import. The messages are English source strings marked with a no-op ``_`` so
that ``makemessages`` extracts them (as in ``casestudy_xblock.roles``); the Django glue
translates ``MESSAGES[code]`` in the active language and fills in ``params``.
"""


def _(text):
    """Mark ``text`` for translation without translating it here (gettext_noop)."""
    return text


#: English message template of every error and warning code (``%(name)s`` placeholders).
MESSAGES = {
    # The file as a whole.
    "no_file": _("Choose a CSV or Excel (.xlsx) file to upload."),
    "empty": _("The file is empty."),
    "too_large": _("The file is %(size)s; the limit is %(limit)s. Upload a smaller file."),
    "binary": _(
        "This file is not a CSV or Excel (.xlsx) file, whatever its name says. "
        "Upload a CSV file or an .xlsx workbook."
    ),
    "xls_legacy": _(
        "This is an old-format Excel file (.xls). Save it in Excel as an Excel workbook (.xlsx) "
        "or as CSV (UTF-8) and upload that."
    ),
    "utf16": _(
        "This file is saved as UTF-16 (“Unicode text”). Save it as CSV (UTF-8) and upload it again."
    ),
    # CSV text.
    "unknown_encoding": _(
        "Line %(line)s cannot be read as UTF-8 or as Shift_JIS (CP932). "
        "Save the file as CSV (UTF-8) and upload it again."
    ),
    "mixed_encoding": _(
        "The file mixes character encodings: line %(line)s is %(found)s, but earlier lines are "
        "%(first)s. Save the whole file in one encoding (CSV UTF-8 is best) and upload it again."
    ),
    "ragged": _(
        "Line %(line)s has %(found)s fields, but the header has %(expected)s. "
        "Check that line for extra or missing commas."
    ),
    "malformed": _(
        "The file cannot be read as CSV near line %(line)s (for example, a quotation mark that "
        "is never closed). Check that line and upload the file again."
    ),
    "no_header": _("The first row must be a header that names the columns."),
    "no_rows": _("The file has a header but no data rows."),
    "too_many_columns": _("The file has %(count)s columns; the limit is %(limit)s."),
    # XLSX.
    "xlsx_corrupt": _("The Excel file is damaged or is not a real .xlsx workbook."),
    "xlsx_zip_bomb": _(
        "The Excel file would unpack to %(size)s (the limit is %(limit)s). It was not opened: "
        "it may be a “zip bomb”. Remove unused sheets or save the data as CSV."
    ),
    "xlsx_zip_ratio": _(
        "A part of the Excel file (%(part)s) is compressed %(ratio)s times (the limit is "
        "%(limit)s times). It was not opened: it may be a “zip bomb”."
    ),
    "xlsx_macros": _(
        "The Excel file contains macros (VBA). Save it as an Excel workbook without macros "
        "(.xlsx) and upload that."
    ),
    "xlsx_external_links": _(
        "The Excel file links to other workbooks. In Excel, break the links "
        "(Data → Edit Links → Break Link), save, and upload it again."
    ),
    "xlsx_dtd": _(
        "The Excel file contains an XML document type declaration (in %(part)s), which is not "
        "allowed for security reasons. Save the workbook again in Excel and upload it."
    ),
    "xlsx_no_sheet": _("The Excel workbook has no worksheet."),
    "xlsx_formula_no_value": _(
        "Cell %(cell)s on sheet “%(sheet)s” has a formula without a calculated value. Open the "
        "file in Excel, let it calculate, save it, and upload it again."
    ),
    # Processing and reading.
    "processing_failed": _(
        "The file could not be processed. Upload it again; if that fails too, ask the "
        "administrator to check the server log."
    ),
    "not_found": _("There is no such dataset."),
    "sha256_mismatch": _(
        "The file does not have the SHA-256 fingerprint the course names for it (expected "
        "%(expected)s, found %(found)s): it was changed or damaged after the export. Export the "
        "course again and import that archive."
    ),
    "not_ready": _("The dataset is still being processed. Try again in a moment."),
    "failed": _("The dataset could not be processed, so it cannot be read."),
    "unknown_column": _("There is no column “%(column)s” in this dataset."),
    "bad_operator": _("Unknown filter “%(op)s”. Use =, !=, <, <=, >, >= or contains."),
    "bad_filter": _("A filter must name a column, an operator and a value."),
    "too_many_filters": _("Use at most %(limit)s filters at a time."),
    "bad_filter_value": _("The value “%(value)s” cannot be compared with column “%(column)s”."),
    "bad_aggregate": _("Unknown summary “%(agg)s”. Use count, sum, avg, min or max."),
    "not_numeric": _("Column “%(column)s” is not numeric, so “%(agg)s” cannot be used on it."),
    "bad_range": _("%(name)s must be a whole number from %(min)s to %(max)s."),
    # Expected answers in SQL.
    "bad_slug": _(
        "“%(slug)s” cannot be used as a table name: use lower-case letters, digits and "
        "underscores, starting with a letter."
    ),
    "sql_not_select": _("Only a single SELECT statement is allowed."),
    "sql_forbidden": _(
        "The query tried to read files or change settings, which is not allowed. "
        "Use only the case's datasets."
    ),
    "sql_unknown_name": _("The query names a table or column that does not exist: %(detail)s"),
    "sql_syntax": _("The query has a syntax error: %(detail)s"),
    "sql_not_scalar": _(
        "The query must return exactly one value (one row and one column); it returned "
        "%(rows)s rows and %(columns)s columns."
    ),
    "sql_timeout": _("The query took longer than %(seconds)s seconds and was stopped."),
    "sql_error": _("The query failed: %(detail)s"),
    # Warnings: the dataset is accepted, and the operator should know.
    "formulas_cached": _(
        "%(count)s cells contain formulas; the values Excel last calculated were used."
    ),
    "extra_sheets": _(
        "Only the first sheet, “%(sheet)s”, was read; the workbook has %(count)s sheets."
    ),
    "header_renamed": _(
        "Column %(position)s had an empty or repeated name; it is now called “%(name)s”."
    ),
    "empty_rows_skipped": _("%(count)s empty rows were skipped."),
}

#: Names of the encodings in messages (translated like messages).
ENCODING_NAMES = {
    "utf-8": _("UTF-8"),
    "utf-8-sig": _("UTF-8 (with BOM)"),
    "cp932": _("Shift_JIS (CP932)"),
}


class DatasetError(Exception):
    """A dataset or query problem the user can fix; ``code`` is a key of :data:`MESSAGES`."""

    def __init__(self, code, **params):
        if code not in MESSAGES:
            raise ValueError(f"unknown dataset error code {code!r}")
        self.code = code
        self.params = params
        super().__init__(self.english())

    def english(self):
        """The message in English (logs, admin); users see it translated."""
        return render(self.code, self.params)

    def as_dict(self):
        """``{"code": ..., "params": {...}}``: what is stored and sent between processes."""
        return {"code": self.code, "params": dict(self.params)}


def render(code, params, translate=None):
    """The message of ``code`` filled with ``params``, through ``translate`` when given.

    Encoding codes among the parameters (``utf-8``, ``cp932``) are shown by their names.
    """
    translate = translate or (lambda text: text)
    template = translate(MESSAGES.get(code, MESSAGES["processing_failed"]))
    values = {
        key: translate(ENCODING_NAMES[value]) if value in ENCODING_NAMES else value
        for key, value in (params or {}).items()
    }
    try:
        return template % values
    except (KeyError, TypeError, ValueError):
        return template


def warning(code, **params):
    """A warning of the intake or conversion, JSON-ready: ``{"code": ..., "params": {...}}``."""
    if code not in MESSAGES:
        raise ValueError(f"unknown dataset warning code {code!r}")
    return {"code": code, "params": params}


def human_size(size):
    """``52428800`` -> ``"50.0 MB"`` (decimal places only below 100)."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            if unit == "bytes":
                return f"{int(value)} bytes"
            return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
        value /= 1024
    return f"{value:.0f} GB"  # pragma: no cover
