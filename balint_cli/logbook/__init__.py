"""Session logs: one JSON Lines file per session in $BALINT_HOME/logs/, its owner's alone.

A log holds timings and counts: the format, planned and actual phase times, pauses,
changes, how the session ended, an optional group label and an attendance count. Never
names, never anything said about a case. `writing` appends events as they happen (each on
disk before the session goes on), `reading` reads logs back (`lines`: their JSON lines),
`finding` finds one (by its id, or the last; `latest` keeps the newest names), `removing`
deletes one. Reports read them through an index, one SQLite database made from them
(`index`, `schema`, `refresh`, `access`, `sources`), with every report a query
(`queries`), sums (`tallies`, `summary`) and the database export (`export`).

May import: core, fs, i18n (a log that cannot be written is said on the live screen), and
settings (a group's spelling in groups.toml).
"""
