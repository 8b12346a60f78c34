"""Files: reading what the user gave safely, writing what balint makes whole or not at all,
locks, TOML input and its problems in plain words, changing one key of a TOML file, and the
name of every file balint keeps in the user's folder (paths.py).

May import: errors, core.text; typer (where the user's folder is by default) and pydantic
(its validation errors, said in plain words).
"""
