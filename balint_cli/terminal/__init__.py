"""The terminal: one interface to the console on each platform (console.py, with posix.py
and windows.py), key names (keys.py), stop signals (stopping.py), and frames drawn a row at
a time (rows.py).

May import: i18n, rich.
"""
