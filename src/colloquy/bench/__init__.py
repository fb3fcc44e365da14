"""Benchmarks (`make bench`, `make bench-ballots`, `make bench-search`). Never run by the test suite."""
