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
- `schedule = [Scheduled(...)]`                      timed jobs `colloquy worker` queues (core/schedule.py)
- `health_checks() -> dict[str, dict]`               named checks for /healthz, each a dict with `ok` (core/health.py)
- `open_data_exports() -> list[OpenDataExport]`      more kinds for the open-data bundle (/outcomes/export/…)

These are the registries through which a lower app reaches a higher one: the lower layer (core) defines the
hook, the higher app fills it in on its AppConfig, and no module imports up the layer order
(docs/architecture.md).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class Scheduled:
    """A timed job, run by `colloquy worker` instead of cron (core/schedule.py, docs/tasks.md)."""

    name: str  # as the command is known: "ballot-close --due"
    cron: str  # five-field cron expression, in UTC
    task: str  # dotted path of a task that takes no arguments
    what: str  # one line for the docs and `colloquy worker --schedule`
    catch_up: datetime.timedelta = datetime.timedelta(hours=1)  # a missed run still happens up to this late


@dataclass(frozen=True)
class OpenDataExport:
    """One kind of the open-data bundle (outcomes/exporting.py serialises it as CSV and JSON). `rows(user, filters)`
    returns dicts keyed by `columns`, only what `user` may see; `filters` is the dashboard's filter (forum slug,
    year, ...), which an app applies as far as its records allow."""

    kind: str  # the URL's name: /outcomes/export/<kind>.csv
    label: str  # shown on the dashboard
    columns: tuple[str, ...]
    rows: Callable


def open_data_exports() -> dict[str, OpenDataExport]:
    out = {}
    for config in apps.get_app_configs():
        hook = getattr(config, "open_data_exports", None)
        if hook is not None:
            out.update((e.kind, e) for e in hook())
    return out


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
def health_checks() -> dict[str, dict]:
    """Every app's checks for /healthz, by name. A check that raises fails with the error's kind (no text)."""
    results = {}
    for config in apps.get_app_configs():
        hook = getattr(config, "health_checks", None)
        if hook is None:
            continue
        try:
            results.update(hook())
        except Exception as exc:  # a broken check is a failed check, not a 500 on the health page
            results[config.label] = {"ok": False, "error": type(exc).__name__}
    return results
