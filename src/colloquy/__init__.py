"""Colloquy: run intergovernmental policy dialogues on migration, and keep their memory."""

__version__ = "0.1.0"
