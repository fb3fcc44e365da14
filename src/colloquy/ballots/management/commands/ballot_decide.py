from colloquy.ballots import services
from colloquy.ballots.management.cli import BallotCommand


class Command(BallotCommand):
    help = "Record the decision on a closed ballot: adopt the winner(s), or --no-decision."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("ballot_id")
        parser.add_argument("--rationale", required=True)
        parser.add_argument("--no-decision", action="store_true", help="record that no decision was taken")
        parser.add_argument("--option", action="append", type=int, default=[], help="adopt this option id (repeatable)")

    def handle(self, *args, ballot_id, rationale, no_decision, option, **options):
        decision = services.ballot_decide(actor=self.actor(options), ballot=self.ballot(ballot_id), rationale=rationale,
                                          adopt=not no_decision, options=option or None)
        adopted = ", ".join(o.label for o in decision.adopted_options.all()) or "—"
        self.stdout.write(f"Decision on ballot {decision.ballot_id}: {decision.get_outcome_display()} ({adopted}).")
