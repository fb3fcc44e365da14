"""Workflow states as an enum plus one transition table (data, not an if/elif ladder)."""

from collections.abc import Mapping

from colloquy.core.errors import TransitionError


class TransitionTable:
    def __init__(self, transitions: Mapping[str, set[str]], labels: Mapping[str, str] | None = None):
        self.transitions = {state: frozenset(targets) for state, targets in transitions.items()}
        self.labels = dict(labels or {})

    def allowed(self, current: str) -> frozenset[str]:
        return self.transitions.get(current, frozenset())

    def can(self, current: str, target: str) -> bool:
        return target in self.allowed(current)

    def check(self, current: str, target: str) -> None:
        if not self.can(current, target):
            name = self.labels.get
            allowed = ", ".join(sorted(name(s, s) for s in self.allowed(current))) or "none"
            raise TransitionError(
                f"Cannot change status from {name(current, current)!s} to {name(target, target)!s}; "
                f"allowed from here: {allowed}."
            )
