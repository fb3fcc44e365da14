import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
application = get_wsgi_application()

from colloquy.core import hooks  # noqa: E402 — needs the apps loaded above

hooks.warm_up()
