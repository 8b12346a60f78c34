"""Printed output that is not live: format and plan tables (formats.py), the log's listing
and one session, as text and JSON (log.py), the summary and the portfolio (summary.py), the
organiser's HTML report (report.py), handouts (handout/), the attendance list and the
certificate of attendance (sheet/), and what they share (tables.py).

May import: core, formats, logbook, i18n.
"""
