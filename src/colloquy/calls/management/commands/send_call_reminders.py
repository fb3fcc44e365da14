from django.core.management.base import BaseCommand, CommandError

from colloquy.accounts.models import User
from colloquy.calls.services import calls_send_reminders
from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError


class Command(BaseCommand):
    help = ("E-mail focal points of members that have not answered an open call closing within --lead-days days. "
            "Idempotent: each address gets one reminder per call. The worker runs it daily (docs/tasks.md).")

    def add_arguments(self, parser):
        parser.add_argument("--lead-days", type=int, default=7, help="Remind this many days before the deadline (default 7)")
        parser.add_argument("--dry-run", action="store_true", help="List who would be reminded; send nothing")
        parser.add_argument("--as", dest="username", help="Act as this secretariat user (default: system)")

    def handle(self, *args, lead_days, dry_run, username, **options):
        if lead_days < 0:
            raise CommandError("--lead-days must be 0 or more.")
        actor = SYSTEM
        if username:
            actor = User.objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"No user {username!r}.")
        try:
            sent = calls_send_reminders(actor=actor, lead_days=lead_days, dry_run=dry_run)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        verb = "would remind" if dry_run else "reminded"
        for reminder in sent:
            self.stdout.write(f"{verb} {reminder.email} ({reminder.organization}) for call {reminder.call.pk} “{reminder.call}”")
        self.stdout.write(f"{len(sent)} reminder(s) {'to send' if dry_run else 'sent'}.")
