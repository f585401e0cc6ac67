"""Django admin for companies, hubs and who acts for them."""

from django.contrib import admin

from .models import Affiliation, Organization


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "prefecture", "hub"]
    list_filter = ["kind", "prefecture"]
    search_fields = ["name"]
    inlines = [AffiliationInline]
