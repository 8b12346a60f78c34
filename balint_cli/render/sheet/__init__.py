"""The paper a programme asks for, as printable HTML pages: the attendance list of a session
(signin.py), which the group signs by hand, and a nameless certificate of attendance of a
group's sessions (certificate.py), made from the logs; common.py holds the page around them
and the fields a leader fills in.

May import: core, logbook, i18n.
"""
