"""English date formats that no desk can misread: "2 Dec 2026", never "12/02/2026".

Django's defaults for English are American (month first); a European desk reads 12/02 as
12 February. Day, abbreviated month name and year read the same everywhere.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
TIME_FORMAT = "H:i"
