"""balint: a calm command-line timer for the leaders of Balint groups."""

__version__ = "0.1.0"
