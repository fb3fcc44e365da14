import os

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from colloquy.core import hooks, production


class Command(BaseCommand):
    help = ("Serve Colloquy on 127.0.0.1:8000, or the given address: the development server, or with --production "
            "gunicorn with the packaged configuration (docs/deployment.md).")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--production", action="store_true", dest="production_server",
                            help="gunicorn (COLLOQUY_WEB_WORKERS processes), static files by whitenoise; needs "
                                 "COLLOQUY_SECRET_KEY when DEBUG is off. Runs collectstatic first when needed.")

    def handle(self, *args, addrport, production_server: bool = False, **options):
        if not production_server:
            hooks.warm_up()
            call_command("runserver", addrport, use_reloader=False)
            return
        try:
            production.require_secret_key()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        production.collectstatic_if_needed(self.stdout)
        command = production.gunicorn_command(addrport)
        self.stdout.write(f"Starting gunicorn on {addrport}")
        self.stdout.flush()
        # gunicorn takes this process's place, so a supervisor's signals (systemd, docker) reach it directly.
        os.execv(command[0], command)

