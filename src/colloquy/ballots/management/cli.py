"""Shared plumbing for the ballot commands: `--as USERNAME`, ballot lookup, DomainError → CommandError."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from colloquy.accounts.models import User
from colloquy.ballots.models import Ballot
from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError


class BallotCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--as", dest="as_user", metavar="USERNAME", help="act as this user (default: system)")

    def actor(self, options):
        username = options.get("as_user")
        if not username:
            return SYSTEM
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None

    def ballot(self, ballot_id):
        try:
            return Ballot.objects.get(pk=int(ballot_id))
        except (ValueError, Ballot.DoesNotExist):
            raise CommandError(f"No ballot with id {ballot_id!r}.") from None

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc


def aware_datetime(value: str) -> datetime.datetime:
    """Parse an ISO 8601 date-time with an offset (e.g. 2027-03-01T17:00+01:00 or ...Z)."""
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CommandError(f"{value!r} is not an ISO 8601 date-time (e.g. 2027-03-01T17:00:00+01:00).") from None
    if moment.tzinfo is None:
        raise CommandError(f"{value!r} has no time zone offset; add one, e.g. +00:00 or Z.")
    return moment
