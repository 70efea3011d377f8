"""Spreadsheet exports that cannot attack the person who opens them.

Spreadsheet programs read a cell that begins with `=`, `+`, `-` or `@` as a formula (and some
strip a leading tab or carriage return first), so a sign-up named `=HYPERLINK("https://…")`
would become a live link, or worse, in an organiser's copy of the list. Following OWASP's advice
on CSV injection, such CSV cells get a leading single quote: the spreadsheet shows the text as
typed. XLSX cells holding text are written as text cells (openpyxl data type "s"), which are
never evaluated, so there the text is kept exactly.

Every export in the admin goes through Wagtail's SpreadsheetExportMixin (our sign-ups list,
and Wagtail's own reports and redirects), so `install()` makes that mixin neutralise cells once,
at start-up, instead of each view having to remember to. (The JSON copy of one person's data,
events/personal_data.py, is not a spreadsheet: it keeps their data exactly as held.)
"""

from __future__ import annotations

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# OWASP's list, plus the full-width forms some spreadsheet programs also read as formulas.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")  # noqa: RUF001


def neutralise_csv_cell(value):
    """The value, with a leading quote if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


_original_preprocess = SpreadsheetExportMixin.preprocess_field_value
_original_xlsx_row = SpreadsheetExportMixin.generate_xlsx_row


def _safe_preprocess(self, field, value, export_format):
    value = _original_preprocess(self, field, value, export_format)
    if export_format == SpreadsheetExportMixin.FORMAT_CSV:
        return neutralise_csv_cell(value)
    return value


def _safe_xlsx_row(self, worksheet, row_dict, date_format=None):
    for cell in _original_xlsx_row(self, worksheet, row_dict, date_format=date_format):
        if isinstance(cell.value, str):
            # openpyxl guesses formulas ("f") and error codes ("e") from text: text stays text.
            cell.data_type = "s"
        yield cell


def install() -> None:
    """Make every Wagtail spreadsheet export safe (called once from HomeConfig.ready)."""
    SpreadsheetExportMixin.preprocess_field_value = _safe_preprocess
    SpreadsheetExportMixin.generate_xlsx_row = _safe_xlsx_row
