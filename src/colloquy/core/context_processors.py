from colloquy.core.access import focal_organization, is_secretariat
from colloquy.core.hooks import nav_items


def site(request):
    user = getattr(request, "user", None)
    return {
        "is_secretariat": is_secretariat(user),
        "focal_organization": focal_organization(user),
        "nav_items": nav_items(request),
    }
