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
- `nav_items(request) -> list[dict(label=, url=)]`  links in the main navigation
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
