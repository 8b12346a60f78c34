"""The command line, the only Typer layer: the app and the one place errors become exit
statuses (main.py), a module per command group (run.py, formats.py, groups.py, log.py with
log_reports.py, view.py, handout.py, config.py), every shared option declared once
(options.py), the one printer of Error/Note/Warning lines and of JSON (output.py), and
output in any encoding (encoding.py).

May import: every package. Other packages import output.py alone (the printer).
"""
