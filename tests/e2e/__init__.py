"""balint end to end: in a real pseudo-terminal, in a browser, over real sockets, as a wheel."""
