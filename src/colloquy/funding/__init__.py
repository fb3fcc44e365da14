"""Funding: donors' pledges per event or cycle, event budgets and their coverage, the yearly donor report
(docs/funding.md)."""
