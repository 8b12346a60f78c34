"""What the tests share: stand-ins for the clock, the screen and the Windows console, logs
made by hand and by the session code, commands run in-process, a pseudo-terminal, a browser,
and pages and words as a reader meets them."""
