import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
application = get_wsgi_application()

from colloquy.core import hooks, production  # noqa: E402 — needs the apps loaded above

production.require_secret_key()  # DEBUG off: no server without a configured COLLOQUY_SECRET_KEY
hooks.warm_up()
