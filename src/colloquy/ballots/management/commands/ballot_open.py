from colloquy.ballots import services
from colloquy.ballots.management.cli import BallotCommand


class Command(BallotCommand):
    help = "Open a draft ballot: freeze its electorate and e-mail the eligible focal points."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("ballot_id")

    def handle(self, *args, ballot_id, **options):
        ballot = services.ballot_open(actor=self.actor(options), ballot=self.ballot(ballot_id))
        self.stdout.write(f"Opened ballot {ballot.pk}: {ballot.eligible.count()} eligible organizations, "
                          f"closes {ballot.closes_at.isoformat()}")
