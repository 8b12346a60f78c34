"""The commands, run in-process with CliRunner or as subprocesses of `python -m balint_cli`."""
