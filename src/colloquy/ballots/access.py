"""Access decisions for consultations and ballots (the colloquy.core.access style: one condition per line)."""

import functools

from django.db import connection

from colloquy.core.access import focal_organization, is_member_of_forum, is_secretariat
from colloquy.core.rows import RowLoader


def can_manage(user) -> bool:
    return is_secretariat(user)


def visible_ballots(user):
    from colloquy.ballots.models import Ballot

    if is_secretariat(user):
        return Ballot.objects.all()
    return Ballot.objects.published()


@functools.cache
def _ballot_loader(vendor: str):
    from colloquy.ballots.models import Ballot

    return RowLoader(Ballot, "b")


def visible_ballot(user, pk, *, related=True):
    """One ballot `user` may see, or None. Published ballots need no role lookup (the common, hot path).

    related=False (casting, the hot path) reads the ballot row alone with a fixed statement (core.rows) and applies the
    published rule to it (Ballot.is_published), instead of compiling an ORM query per request."""
    from colloquy.ballots.models import Ballot

    if not related:
        loader = _ballot_loader(connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {loader.columns} FROM {Ballot._meta.db_table} b WHERE b.id = %s", [pk])
            ballot = loader.load(cursor.fetchone())
        if ballot is None:
            return None
        return ballot if ballot.is_published or is_secretariat(user) else None
    rows = Ballot.objects.select_related("cycle__forum")
    ballot = rows.published().filter(pk=pk).first()
    if ballot is None and is_secretariat(user):
        ballot = rows.filter(pk=pk).first()
    return ballot


def is_eligible(user, ballot) -> bool:
    org = focal_organization(user)
    if org is None:
        return False
    return ballot.eligible.filter(organization=org).exists()


def can_view_results(user, ballot) -> bool:
    from colloquy.ballots.models import BallotState, ResultsVisibility

    if is_secretariat(user):
        return True
    if ballot.state in (BallotState.CLOSED, BallotState.DECIDED):
        return True
    return ballot.state == BallotState.OPEN and ballot.results_visibility == ResultsVisibility.LIVE


def can_view_individual_ballots(user, ballot) -> bool:
    """Who voted for what: the secretariat always; the membership after the close of a recorded ballot."""
    from colloquy.ballots.models import Secrecy

    if is_secretariat(user):
        return True
    if ballot.secrecy != Secrecy.RECORDED:
        return False
    if not ballot.is_over:
        return False
    return is_member_of_forum(user, ballot.cycle.forum)


def visible_consultations(user):
    from colloquy.ballots.models import Consultation

    if is_secretariat(user):
        return Consultation.objects.all()
    org = focal_organization(user)
    if org is None:
        return Consultation.objects.none()
    from django.utils import timezone

    forum_ids = org.memberships.active_on(timezone.localdate()).values_list("forum_id", flat=True)
    return Consultation.objects.filter(cycle__forum_id__in=list(forum_ids))


def can_suggest(user, consultation) -> bool:
    if not consultation.is_open:
        return False
    return is_member_of_forum(user, consultation.cycle.forum)
