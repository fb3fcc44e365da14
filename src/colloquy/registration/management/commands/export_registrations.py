import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from colloquy.dialogues.models import Event
from colloquy.registration import exports, lists, pdf


class Command(BaseCommand):
    help = ("Export an event's registrations (one row per participant) as CSV or XLSX, or print its "
            "badges / list of participants as PDF. Secretariat tool: runs with full access.")

    def add_arguments(self, parser):
        parser.add_argument("event", help="Event slug (see the URL of the event page)")
        parser.add_argument("--format", choices=["csv", "xlsx", "badges", "participants-pdf", "participants-csv"],
                            default="csv")
        parser.add_argument("--public", action="store_true",
                            help="participants-*: only people who consented to publication")
        parser.add_argument("-o", "--output", help="File to write (default: standard output; required for binary formats)")

    def handle(self, *args, event, format, public, output, **options):
        found = Event.objects.filter(slug=event).first()
        if found is None:
            raise CommandError(f"No event with slug {event!r}.")
        if format == "csv":
            data = exports.registrations_csv(found)
        elif format == "xlsx":
            data = exports.registrations_xlsx(found)
        elif format == "badges":
            data = pdf.badges_pdf(found)
        elif format == "participants-pdf":
            data = pdf.participants_pdf(found, public=public)
        else:
            data = exports.to_csv(lists.CSV_HEADER, lists.csv_rows(lists.participants(found, public=public)))
        binary = format in ("xlsx", "badges", "participants-pdf")
        if output:
            Path(output).write_bytes(data)
            self.stderr.write(f"{found.slug}: wrote {len(data)} bytes to {output}")
        elif binary:
            raise CommandError(f"--format {format} is binary; give --output FILE.")
        else:
            sys.stdout.flush()
            self.stdout.write(data.decode("utf-8-sig"), ending="")
