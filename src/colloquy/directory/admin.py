from django.contrib import admin

from colloquy.audit.admin_mixins import AuditedAdmin
from colloquy.directory.models import Affiliation, Membership, Organization, OrganizationAlias, Person


class AliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 1
    fields = ["name", "language"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name", "acronym", "category", "country"]
    list_filter = ["category", "memberships__forum", "memberships__status"]
    search_fields = ["name", "acronym", "aliases__name", "country"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, MembershipInline]


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 1
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["name", "honorific", "gender", "country", "consents_to_publication"]
    list_filter = ["gender", "consents_to_publication"]
    search_fields = ["name", "affiliations__organization__name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AffiliationInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["organization", "forum", "status", "start_date", "end_date"]
    list_filter = ["forum", "status"]
    search_fields = ["organization__name"]
    autocomplete_fields = ["organization"]
