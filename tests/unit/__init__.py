"""Pure, in-process tests: no subprocess, pseudo-terminal, browser, socket or sleep."""
