"""Cross-cutting Persian helpers: digits, text normalisation, the Jalali calendar.

This package deliberately imports no project app (only Django, jdatetime and the
standard library), so every other app can depend on it without cycles.
"""
