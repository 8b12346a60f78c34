"""Handouts of a format: Markdown, a printable HTML page and an SVG picture, each in two
versions: the leader's (each phase's purpose, the words to say and the tips) and the
members' (what the members and the presenter do in each phase, and that nobody is
assessed). kinds.py chooses and makes one; common.py holds what the three share.

May import: core, i18n.
"""
