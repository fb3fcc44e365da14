"""Forms parse input only; the services decide."""

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from colloquy.core.countries import country_choices
from colloquy.core.errors import DomainError
from colloquy.core.translated import LANGUAGE_LABELS
from colloquy.core.uploads import MATERIAL_TYPES, NOMINATION_TYPES, check_upload
from colloquy.dialogues.models import LANGUAGE_CHOICES, DocumentAccess, DocumentType, Session, SessionRole
from colloquy.directory.models import Gender, Organization
from colloquy.reference.categories import CATEGORY_CHOICES
from colloquy.registration.models import INDIVIDUAL_CATEGORIES, Attendance, ParticipantRole

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")



class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        # `title` is the English original; its French and Spanish versions by name (docs/translation.md)
        fields = ["date", "start_time", "end_time", "title", "title_fr", "title_es", "kind", "room", "description"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME,
                   "title": forms.TextInput(attrs={"lang": "en"}), "title_fr": forms.TextInput(attrs={"lang": "fr"}),
                   "title_es": forms.TextInput(attrs={"lang": "es"}),
                   "description": forms.Textarea(attrs={"rows": 2})}
        labels = {"date": _("Date"), "start_time": _("Start"), "end_time": _("End"), "title": _("Title"),
                  "title_fr": format_lazy("{} ({})", _("Title"), LANGUAGE_LABELS["fr"]),
                  "title_es": format_lazy("{} ({})", _("Title"), LANGUAGE_LABELS["es"]),
                  "kind": _("Kind"), "room": _("Room"), "description": _("Description")}


class SessionPersonForm(forms.Form):
    person_name = forms.CharField(label=_("Name"), max_length=200,
                                  help_text=_("An existing person is reused; a new name creates a person."))
    role = forms.ChoiceField(label=_("Role"), choices=SessionRole.choices, initial=SessionRole.SPEAKER)
    organization_name = forms.CharField(label=_("Organization"), max_length=300, required=False)
    affiliation_title = forms.CharField(label=_("Title at the time"), max_length=200, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", _("Not recorded")), *Gender.choices], required=False)
    consents_to_publication = forms.BooleanField(label=_("Consents to publication"), required=False, initial=True)
    anonymous_label = forms.CharField(label=_("Shown instead of the name"), max_length=100, required=False,
                                      initial="a migrant representative")


class SettingsForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Opens at"), required=False, widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes at"), required=False, widget=DATETIME)
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=0, help_text=_("In-person seats; empty = no limit"))
    waitlist_enabled = forms.BooleanField(label=_("Waitlist enabled"), required=False, initial=True)
    note_verbale_required = forms.BooleanField(required=False, label=_("Note verbale required"))
    individual_applications = forms.BooleanField(label=_("Individual applications"), required=False, initial=True)
    offer_days = forms.IntegerField(required=False, min_value=1, max_value=60, initial=3, label=_("Days to accept an offered place"),
                                    help_text=_("A waitlisted registration offered a freed place has this long to "
                                                "accept it."))
    booked_languages = forms.MultipleChoiceField(choices=LANGUAGE_CHOICES, required=False,
                                                 widget=forms.CheckboxSelectMultiple,
                                                 label=_("Interpretation booked"))

    def clean_offer_days(self):
        return self.cleaned_data.get("offer_days") or 3  # empty: the default, three days


class ParticipantForm(forms.Form):
    honorific = forms.CharField(label=_("Honorific"), max_length=40, required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(max_length=200, required=False, label=_("Title / function"))
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", _("Prefer not to say")), *Gender.choices], required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.DELEGATE)
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Attendance.choices, initial=Attendance.IN_PERSON)
    interpretation_language = forms.ChoiceField(label=_("Interpretation language"), choices=[("", _("None needed")), *LANGUAGE_CHOICES], required=False)
    accessibility_needs = forms.CharField(label=_("Accessibility needs"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 1}))
    email = forms.EmailField(label=_("Email"), required=False)
    consents_to_publication = forms.BooleanField(required=False, label=_("May be listed publicly"))


class BaseParticipantFormSet(BaseFormSet):
    """Each participant can be removed again (a ticked DELETE box; at least one participant stays)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this participant")


ParticipantFormSet = formset_factory(ParticipantForm, formset=BaseParticipantFormSet, extra=0, min_num=1,
                                     validate_min=True, max_num=60, validate_max=True, can_delete=True)


def _check_upload(f, allowed, what):
    """The services check again (the API and the CLI do not pass through these forms)."""
    if f is None:
        return f
    try:
        check_upload(f, allowed=allowed, what=what)
    except DomainError as exc:
        raise forms.ValidationError(exc.message) from exc
    return f


def _accept(allowed) -> dict:
    return {"accept": ",".join(sorted(allowed))}


class DelegationForm(forms.Form):
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    nomination_letter = forms.FileField(required=False, label=_("Nomination letter or note verbale"),
                                        widget=forms.ClearableFileInput(attrs=_accept(NOMINATION_TYPES)),
                                        help_text=_("PDF, Word, OpenDocument, JPEG or PNG; at most 20 MB."))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note to the secretariat"))

    def clean_nomination_letter(self):
        return _check_upload(self.cleaned_data.get("nomination_letter"), NOMINATION_TYPES, "nomination letter")


class OnBehalfForm(DelegationForm):
    """The secretariat registers a delegation on an organization's behalf (e.g. sent by e-mail)."""

    organization = forms.ModelChoiceField(queryset=None, label=_("Organization (registering on its behalf)"))

    field_order = ["organization", "contact_email", "nomination_letter", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name")


class IndividualForm(forms.Form):
    organization_name = forms.CharField(max_length=300, label=_("Organization"))
    category = forms.ChoiceField(label=_("Category"), choices=[c for c in CATEGORY_CHOICES if c[0] in INDIVIDUAL_CATEGORIES])
    country = forms.ChoiceField(label=_("Country"), choices=lambda: [("", "—"), *country_choices()],
                                required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note to the secretariat"))


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    doc_type = forms.ChoiceField(label=_("Type"), choices=[(k, v) for k, v in DocumentType.choices if k in (
        "background_paper", "presentation", "list_of_participants", "agenda", "programme", "discussion_note", "other")])
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    access = forms.ChoiceField(label=_("Access"), choices=DocumentAccess.choices)
    session = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label=_("Session (optional)"))
    file = forms.FileField(label=_("File"), widget=forms.ClearableFileInput(attrs=_accept(MATERIAL_TYPES)),
                           help_text=_("PDF, Word, PowerPoint, Excel, OpenDocument, RTF or plain text; at most 20 MB."))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", _("The whole event"))] + [
            (s.pk, f"{s.date or ''} {s.start_time or ''} {s.title}".strip()) for s in event.sessions.all()]

    def clean_file(self):
        return _check_upload(self.cleaned_data["file"], MATERIAL_TYPES, "material")


def form_error(form) -> str:
    """A form's errors as one line for a message: `field: problem; other: problem`."""
    return "; ".join(f"{'' if f == '__all__' else f + ': '}{' '.join(e)}" for f, e in form.errors.items())
