# Fixtures for every app's tests live in colloquy.testing.
from colloquy.testing import *  # noqa: F403
