"""API authentication: a bearer token (focal points' scripts), or the browser session."""

import datetime

from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from colloquy.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        token_row = ApiToken.objects.active().select_related("user__organization").filter(key_hash=ApiToken.hash_key(token)).first()
        if token_row is None or not token_row.user.is_active:
            return None
        now = timezone.now()
        # At most one write a minute per token: a write per request would contend for SQLite's lock.
        if token_row.last_used_at is None or now - token_row.last_used_at > datetime.timedelta(minutes=1):
            ApiToken.objects.filter(pk=token_row.pk).update(last_used_at=now)
        request.user = token_row.user
        return token_row.user


def api_user(request):
    """The caller for public endpoints: a token's user, the session user, or anonymous."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = TokenAuth().authenticate(request, header.split(" ", 1)[1].strip())
        if user is not None:
            return user
    return request.user


# Use on endpoints that need a signed-in caller: a bearer token or a browser session (with CSRF).
authenticated = [TokenAuth(), django_auth]
