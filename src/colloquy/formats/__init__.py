"""Per-language date and time formats (settings.FORMAT_MODULE_PATH); Django's defaults fill in the rest.

Templates use the named formats (DATE_FORMAT, SHORT_DATE_FORMAT, DATETIME_FORMAT, ...), never a literal pattern,
so a French page reads "6 juillet 2007" and a Spanish one "6 de julio de 2007".
"""
