"""The group's view: the state file a running session keeps of where the group is
(state.py), what the view says (words.py), and its two faces, in a terminal (terminal.py)
and as a web page (web.py).

May import: core, fs, terminal, i18n, cli.output (the printer).
"""
