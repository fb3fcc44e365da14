"""Browsing organizations and people: filter forms and filtered lists."""

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import is_secretariat
from colloquy.core.browse import ANY, CountryFilterField
from colloquy.directory.models import Membership, MembershipStatus, Organization, Person, normalize_name
from colloquy.reference.categories import CATEGORY_CHOICES

# The forums are the dialogues app's model, a layer above this one: reached through the membership's key.
Forum = Membership._meta.get_field("forum").related_model


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, acronym or alias"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Stakeholder category"), choices=ANY + list(CATEGORY_CHOICES), required=False)
    forum = forms.ModelChoiceField(label=_("Member of forum"), queryset=Forum.objects.order_by("name"),
                                   to_field_name="slug", required=False, empty_label=_("Any"))
    membership = forms.ChoiceField(label=_("Membership status"), choices=ANY + MembershipStatus.choices, required=False)
    country = CountryFilterField(label=_("Country"))


def organizations_filtered(data: dict, today):
    orgs = Organization.objects.all()
    if data.get("q"):
        key = normalize_name(data["q"])
        orgs = orgs.filter(Q(normalized_name__contains=key) | Q(acronym__iexact=data["q"].strip())
                           | Q(aliases__normalized__contains=key))
    if data.get("category"):
        orgs = orgs.filter(category=data["category"])
    if data.get("country"):
        orgs = orgs.filter(country=data["country"])
    if data.get("forum") or data.get("membership"):
        memberships = Membership.objects.active_on(today)
        if data.get("forum"):
            memberships = memberships.filter(forum=data["forum"])
        if data.get("membership"):
            memberships = memberships.filter(status=data["membership"])
        orgs = orgs.filter(pk__in=memberships.values("organization_id"))
    return orgs.distinct().annotate(n_roles=Count("session_roles", distinct=True)).order_by("name")


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)


def people_filtered(user, data: dict):
    """People the viewer may see by name: those who consent to publication (everyone, for the secretariat)."""
    people = Person.objects.all() if is_secretariat(user) else Person.objects.publishable()
    if data.get("q"):
        people = people.filter(normalized_name__contains=normalize_name(data["q"]))
    return people.annotate(n_roles=Count("session_roles")).order_by("name")
