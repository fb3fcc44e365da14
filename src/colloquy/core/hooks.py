"""Extension points that let an app add to pages it does not own, without editing their templates.

An AppConfig may define any of:
- `cycle_intro_panel(request, cycle) -> str | None` HTML section on the cycle page, before its events (theme selection)
- `cycle_panel(request, cycle) -> str | None`       HTML section on the cycle page, after its events (outcomes)
- `event_panel(request, event) -> str | None`       HTML section on the public event page
- `cycle_panel(request, cycle) -> str | None`       HTML section on the public cycle page
- `country_panel(request, code) -> str | None`      HTML section on the country page
- `organization_panel(request, org) -> str | None`  HTML section on the organization page
- `document_panel(request, document) -> str | None` HTML section on the document page
- `member_panel(request, org) -> str | None`       HTML section on a focal point's desk (what waits for `org`)
- `secretariat_desk_panel(request, today) -> str | None`  HTML section on the secretariat desk (what waits)
- `nav_items(request) -> list[dict(label=, url=)]`  links in the main navigation
- `warm_up()`                                        work a server process starts before its first request
- `wait_for_background_work() -> str | None`        a command waits for what it left running; says what it did

These are the registries through which a lower app reaches a higher one: the lower layer (core) defines the
hook, the higher app fills it in on its AppConfig, and no module imports up the layer order
(docs/architecture.md).
"""

from django.apps import apps
from django.utils.safestring import mark_safe


def panels(name: str, request, obj) -> list[str]:
    out = []
    for config in apps.get_app_configs():
        hook = getattr(config, f"{name}_panel", None)
        if hook is not None:
            html = hook(request, obj)
            if html:
                out.append(mark_safe(html))  # produced by the app's own (autoescaping) template
    return out


def nav_items(request) -> list[dict]:
    items = []
    for config in apps.get_app_configs():
        hook = getattr(config, "nav_items", None)
        if hook is not None:
            items.extend(hook(request) or [])
    return items


def warm_up() -> None:
    """Called once by a server process (wsgi.py, `colloquy serve`) before it answers requests."""
    for config in apps.get_app_configs():
        hook = getattr(config, "warm_up", None)
        if hook is not None:
            hook()


def wait_for_background_work() -> list[str]:
    """Wait for work the apps left running in this process; one line per app that had some."""
    lines = []
    for config in apps.get_app_configs():
        hook = getattr(config, "wait_for_background_work", None)
        if hook is not None and (line := hook()):
            lines.append(line)
    return lines
