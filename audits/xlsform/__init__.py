"""XLSForm interoperability: import ODK / KoboToolbox forms, export our questionnaires.

``import_xlsform(path)`` returns the questionnaire document and the notices of what could
not be carried over; ``export_xlsform(questionnaire)`` returns an openpyxl workbook pyxform
accepts and the notices of what XLSForm cannot hold.
"""

from audits.xlsform.importer import ImportResult, import_xlsform
from audits.xlsform.notices import Notice
from audits.xlsform.reading import XLSFormError

__all__ = ["ImportResult", "Notice", "XLSFormError", "import_xlsform"]
