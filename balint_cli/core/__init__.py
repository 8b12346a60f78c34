"""The pure core: the format model, the session state machine, the schedule, events, the
rules, reading numbers and writing times. Nothing here reads a clock, a file or a terminal.

May import: errors, i18n (the words), pydantic; nothing else of balint.
"""
