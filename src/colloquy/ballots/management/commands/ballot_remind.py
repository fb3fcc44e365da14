from colloquy.ballots import services
from colloquy.ballots.management.cli import BallotCommand


class Command(BallotCommand):
    help = ("E-mail focal points of eligible organizations that have not voted, N days before the close. "
            "Safe to run from cron every hour or day: each organization is reminded once per ballot.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--ballot", dest="ballot_id", help="only this ballot")
        parser.add_argument("--days", type=int, help="days before the close (default: each ballot's reminder_days)")

    def handle(self, *args, ballot_id=None, days=None, **options):
        ballot = self.ballot(ballot_id) if ballot_id else None
        sent = services.ballot_send_reminders(actor=self.actor(options), ballot=ballot, days=days)
        total = sum(sent.values())
        self.stdout.write(f"Sent {total} reminder e-mail(s) for {sum(1 for v in sent.values() if v)} ballot(s).")
