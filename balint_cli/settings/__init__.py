"""The user's settings: config.toml (config.py) and their groups in groups.toml (groups.py):
read, checked and changed.

May import: core, fs, formats.
"""
