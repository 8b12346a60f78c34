"""Formats as files: finding and loading them by name or path (catalogue.py), writing a new
one for a person to edit (writing.py), and the built-in ones (builtin/).

May import: core, fs.
"""
