from colloquy.core.access import focal_organization, is_secretariat


def site(request):
    user = getattr(request, "user", None)
    return {
        "is_secretariat": is_secretariat(user),
        "focal_organization": focal_organization(user),
    }
