from django.core.exceptions import PermissionDenied

from colloquy.ballots import access


def _require_manage(request):
    """Secretariat screens: a plain 403 page for everyone else (anonymous users are sent to log in first)."""
    if not access.can_manage(request.user):
        raise PermissionDenied("Only secretariat staff can do this.")
