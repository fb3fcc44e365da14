from django.db import transaction

from colloquy.audit import log as audit
from colloquy.core.access import require_secretariat


def recommendation_address(*, recommendation, organizations, actor):
    """Set the member organizations a recommendation is addressed to (they then report on it)."""
    require_secretariat(actor)
    organizations = list(organizations)
    with transaction.atomic():
        before = sorted(recommendation.addressed_organizations.values_list("pk", flat=True))
        recommendation.addressed_organizations.set(organizations)
        after = sorted(o.pk for o in organizations)
        audit.record(actor=actor, action="recommendation.address", target=recommendation,
                     before={"addressed_organizations": before}, after={"addressed_organizations": after})
    return recommendation
