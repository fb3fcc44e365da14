from django.core.management import call_command
from django.core.management.base import BaseCommand

from colloquy.core import hooks


class Command(BaseCommand):
    help = "Serve Colloquy (development server) on 127.0.0.1:8000, or the given address."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        hooks.warm_up()
        call_command("runserver", addrport, use_reloader=False)
