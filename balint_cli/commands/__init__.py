"""The balint commands, one module per sub-app; each imports what it needs when it runs.

Only typer is imported at the top of these modules so that `balint --help` stays quick.
"""
