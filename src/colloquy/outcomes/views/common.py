from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from colloquy.core.errors import DomainError, PermissionDenied


def domain_errors(view):
    """Turn a DomainError from a service into a message (and a 403 page for permission errors)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return TemplateResponse(request, "403.html", {"exception": exc.message}, status=403)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(request.get_full_path())

    return wrapper


def login_required_here(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
