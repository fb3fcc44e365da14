"""Workflow states as an enum plus one transition table (data, not an if/elif ladder)."""

from collections.abc import Mapping

from django.utils.translation import gettext

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
            def name(state):
                return str(self.labels.get(state, state))
            allowed = ", ".join(sorted(name(s) for s in self.allowed(current))) or gettext("none")
            raise TransitionError(
                gettext("Cannot change status from %(current)s to %(target)s; allowed from here: %(allowed)s.")
                % {"current": name(current), "target": name(target), "allowed": allowed}
            )
