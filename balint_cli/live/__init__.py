"""Running a session: what was asked (request.py), setting it up (start.py, prepare.py, with
the end it keeps: ending.py), carrying one on from its log (resume.py), the loop (loop.py),
the keys (controller.py, a table), the plain lines when piped (plain.py), the live screen
(screen.py, layout.py, panels.py), when it wakes (wakes.py), and the real clock (clock.py).

May import: core, fs, formats, settings, logbook, terminal, groupview.state, i18n, and
cli.output (the printer).
"""
