"""Handouts of a format: Markdown, a printable HTML page and an SVG picture, each in two
versions: the leader's crib (each phase's purpose, the words to say and the interventions)
and the members' (what a newcomer needs to know, and what the members and the presenter do
in each phase). kinds.py chooses and makes one; common.py holds what the three share.

May import: core, i18n.
"""
