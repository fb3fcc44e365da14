"""Benchmarks that run against a served Colloquy (not installed with the package; docs/architecture.md)."""
