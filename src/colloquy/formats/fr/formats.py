# French: month names in lower case and never abbreviated ("juil." and "juin" are easy to confuse):
# "6 juillet 2007", "6 juillet 2007 à 14:30".
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \à H:i"
SHORT_DATETIME_FORMAT = r"j F Y \à H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"  # narrow no-break space, as the Imprimerie nationale recommends
