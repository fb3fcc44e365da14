"""The directory API's output shapes (`api.py` mounts them at /api)."""

from ninja import Schema


class OrganizationOut(Schema):
    slug: str
    name: str
    acronym: str
    category: str
    country: str
    aliases: list[str]

    @staticmethod
    def resolve_aliases(obj):
        return [a.name for a in obj.aliases.all()]


class PersonOut(Schema):
    slug: str
    name: str
    honorific: str
