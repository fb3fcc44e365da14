from django.core.management.base import BaseCommand, CommandError

from colloquy.accounts.models import User
from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError
from colloquy.outcomes.services import round_send_reminders
from colloquy.outcomes.services.rounds import members_without_contact


class Command(BaseCommand):
    help = ("E-mail focal points of members who have not reported in an open follow-up round whose deadline is near "
            "or past. Idempotent: run it daily from cron; each person gets at most one reminder per round every "
            "--every-days days.")

    def add_arguments(self, parser):
        parser.add_argument("--lead-days", type=int, default=14, help="Start reminding this many days before the deadline (default 14)")
        parser.add_argument("--every-days", type=int, default=7, help="Minimum days between two reminders to one person (default 7)")
        parser.add_argument("--dry-run", action="store_true", help="List who would be reminded; send nothing")
        parser.add_argument("--as", dest="username", help="Act as this secretariat user (default: system)")

    def handle(self, *args, lead_days, every_days, dry_run, username, **options):
        if lead_days < 0 or every_days < 1:
            raise CommandError("--lead-days must be 0 or more and --every-days 1 or more.")
        actor = SYSTEM
        if username:
            actor = User.objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"No user {username!r}.")
        try:
            sent = round_send_reminders(actor=actor, lead_days=lead_days, every_days=every_days, dry_run=dry_run)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        verb = "would remind" if dry_run else "reminded"
        for log in sent:
            self.stdout.write(f"{verb} {log.email} ({log.organization}) for round {log.round.pk} “{log.round}”")
        self.stdout.write(f"{len(sent)} reminder(s) {'to send' if dry_run else 'sent'}.")
        unreachable = members_without_contact(lead_days=lead_days)
        for followup_round, organization in unreachable:
            self.stdout.write(f"cannot remind {organization} for round {followup_round.pk} “{followup_round}”: "
                              "no active focal point with an e-mail address")
        if unreachable:
            self.stdout.write(f"{len(unreachable)} member(s) could not be reminded; contact them another way.")
