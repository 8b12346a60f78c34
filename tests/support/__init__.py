"""What the tests share: stand-ins for the clock and the screen."""
