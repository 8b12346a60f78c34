"""Run balint as `python -m balint_cli`."""

from balint_cli.cli.main import main

if __name__ == "__main__":
    main()
