"""`colloquy unlock USER|IP`: lift a login lockout (django-axes), audited under the acting officer."""

import ipaddress

from django.core.management.base import BaseCommand, CommandError

from colloquy.accounts.lockout import lockout_lift
from colloquy.accounts.models import User
from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError


class Command(BaseCommand):
    help = "Lift the login lockout of a username or of a client address (IPv4 or IPv6)."

    def add_arguments(self, parser):
        parser.add_argument("who", metavar="USER|IP")
        parser.add_argument("--as", dest="as_user", metavar="USERNAME",
                            help="the secretariat officer lifting it (default: system)")

    def handle(self, *args, who, as_user=None, **options):
        actor = SYSTEM
        if as_user:
            actor = User.objects.filter(username=as_user).first()
            if actor is None:
                raise CommandError(f"No user named {as_user!r}.")
        try:
            ipaddress.ip_address(who)
            kind, kwargs = "address", {"ip_address": who}
        except ValueError:
            kind, kwargs = "username", {"username": who}
        try:
            removed = lockout_lift(actor=actor, **kwargs)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if removed:
            self.stdout.write(f"Lifted the lockout of {kind} {who} ({removed} record(s) removed).")
        else:
            self.stdout.write(f"No failed logins recorded for {kind} {who}; nothing to lift.")
