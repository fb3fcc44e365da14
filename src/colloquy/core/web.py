"""The web edge: how every view guards a screen and shows a refused operation to the user.

- `secretariat_required`: anonymous visitors go to the login page; signed-in users who are not secretariat
  staff get the 403 page. The one guard for secretariat screens.
- `domain_errors`: a `DomainError` raised by a service reaches the user. A full-page POST is redirected back
  with the message (to the page the form was on: a same-host Referer); an htmx request gets the message as an alert swapped into `#page-alerts` (htmx swaps
  4xx answers there, see the `htmx-config` meta in base.html); a GET gets an error page with the message.
- `HtmxErrorMiddleware`: any other 4xx answer to an htmx request (a 404, a 403) becomes the same alert, so
  nothing vanishes silently.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from colloquy.core.access import is_secretariat
from colloquy.core.errors import DomainError, PermissionDenied

ALERTS_TARGET = "#page-alerts"


def is_htmx(request) -> bool:
    """True for a request htmx made (django-htmx sets `request.htmx`; the header is read when it is absent)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) if htmx is not None else request.headers.get("HX-Request") == "true"


def alert_response(request, message: str, *, status: int = 400, target: str = ALERTS_TARGET) -> HttpResponse:
    """An error alert that htmx swaps into the page-level alert region (or `target`, a region beside a form)."""
    html = render_to_string("core/_alert.html", {"message": message, "level": "error"}, request=request)
    response = HttpResponse(html, status=status)
    response["HX-Retarget"] = target
    response["HX-Reswap"] = "innerHTML"
    return response


def secretariat_required(view):
    """Secretariat screens: log in first; a 403 page for everyone else."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_secretariat(request.user):
            raise DjangoPermissionDenied(_("Only secretariat staff can do this."))
        return view(request, *args, **kwargs)

    return wrapper


def domain_errors(view):
    """Show a DomainError from a service to the user instead of a 500 (see the module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return domain_error_response(request, exc)

    return wrapper


def domain_error_response(request, exc: DomainError) -> HttpResponse:
    if is_htmx(request):
        return alert_response(request, exc.message, status=exc.status)
    if isinstance(exc, PermissionDenied):
        return TemplateResponse(request, "403.html", {"exception": exc.message}, status=403)
    if request.method == "POST":
        messages.error(request, exc.message)
        return redirect(_back(request))
    return TemplateResponse(request, "400.html", {"message": exc.message}, status=exc.status)


def _back(request) -> str:
    """Where a refused POST returns: the page the form was on (a same-host Referer), else the URL posted to.

    A form often posts to an action URL (`/ballots/5/close/`) that has no page of its own."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return referer
    return request.get_full_path()


class HtmxErrorMiddleware:
    """A 4xx answer to an htmx request that is not already an alert becomes one (htmx would drop it)."""

    MESSAGES = {
        403: gettext_noop("You do not have permission to do this."),
        404: gettext_noop("This item no longer exists, or you cannot see it."),
        405: gettext_noop("This action is not available here."),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if 400 <= response.status_code < 500 and "HX-Retarget" not in response and is_htmx(request):
            message = self.MESSAGES.get(response.status_code, gettext_noop("The request could not be completed."))
            return alert_response(request, _(message), status=response.status_code)
        return response
