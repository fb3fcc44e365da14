"""A small hand-written archive (no corpus text): two forums, three years, 22 documents on distinct
topics, records of every searchable kind, and one restricted and one draft document."""

import datetime

import pytest

TOPICS = {
    # key: (title, year, doc_type, text paragraphs)
    "remittances": ("Lowering the cost of remittances", 2006, "discussion_note", [
        "Remittance transfer fees remain high in many corridors, and sending money home costs migrants a large share of small transfers.",
        "Mobile money and postal networks can cut transfer costs when regulators allow competition among providers.",
    ]),
    "diaspora": ("Diaspora bonds and investment", 2006, "workshop_report", [
        "Several governments issued diaspora bonds to finance infrastructure, inviting emigrants abroad to invest in their country of origin.",
        "Trust in public institutions decides whether the diaspora subscribes.",
    ]),
    "climate": ("Environmental change and human mobility", 2007, "workshop_report", [
        "Drought, desertification and sea-level rise push rural households to move, often within their own country.",
        "Planned relocation of island communities needs consent and land.",
    ]),
    "trafficking": ("Combating trafficking in persons", 2007, "background_paper", [
        "Victims of trafficking need protection, shelter and legal aid regardless of their cooperation with prosecutors.",
        "Identification of victims at borders improves when officials are trained.",
    ]),
    "smuggling": ("Rescue at sea and migrant smuggling", 2008, "discussion_note", [
        "Smugglers put overcrowded boats to sea; search and rescue obligations bind coastal States and shipmasters.",
        "Disembarkation arrangements remain contested among neighbouring States.",
    ]),
    "return": ("Return and sustainable reintegration", 2008, "workshop_report", [
        "Reintegration assistance after return works best when it includes psychosocial support and small business grants.",
        "Community-based reintegration projects benefit returnees and their neighbours alike.",
    ]),
    "schooling": ("Schooling for migrant children", 2006, "background_paper", [
        "Enrolment of migrant children in primary school depends on documentation requirements and language support classes.",
        "Teachers need training for multilingual classrooms.",
    ]),
    "health": ("Migrant health and access to care", 2007, "discussion_note", [
        "Access to health care for migrants in irregular situations is limited by fear of reporting to immigration authorities.",
        "Firewalls between clinics and enforcement protect public health.",
    ]),
    "statistics": ("Migration data and statistics", 2008, "background_paper", [
        "Censuses and household surveys undercount temporary migrants; administrative registers help fill the gaps.",
        "Harmonised definitions make statistics comparable across countries.",
    ]),
    "consular": ("Consular protection of nationals abroad", 2006, "summary_of_conclusions", [
        "Consulates assist nationals detained abroad, issue travel documents and support families after deaths overseas.",
        "Mobile consulates reach workers on remote plantations.",
    ]),
    "domestic": ("Women migrant domestic workers", 2007, "workshop_report", [
        "Domestic workers living in their employers' homes face long hours, confiscated passports and isolation.",
        "Standard employment contracts and labour inspection of private households were recommended.",
    ]),
    "skills": ("Recognition of skills and qualifications", 2008, "discussion_note", [
        "Engineers and nurses often work below their qualifications because diplomas are not recognised.",
        "Mutual recognition agreements and skills partnerships can prevent deskilling.",
    ]),
    "braindrain": ("Health worker emigration", 2006, "background_paper", [
        "The emigration of doctors and nurses strains health systems in small countries of origin.",
        "Ethical recruitment codes discourage active recruitment from countries with critical shortages.",
    ]),
    "indigenous": ("Indigenous peoples and migration", 2006, "workshop_report", [
        "Indigenous peoples moving to cities keep ties to ancestral territories and seasonal circular movement.",
        "Their collective rights to land shape decisions to migrate.",
    ]),
    "refugies": ("Protection des réfugiés et apatridie", 2007, "other", [
        "Les réfugiés et les apatrides ont besoin d'une protection internationale et d'un accès à la naturalisation.",
        "La détermination du statut d'apatride reste rare dans la région.",
    ]),
    "espanol": ("Migración laboral en América Latina", 2008, "other", [
        "La migración laboral de trabajadores agrícolas temporales exige contratos justos y protección social.",
        "Los niños que quedan en el país de origen necesitan apoyo escolar.",
    ]),
    "borders": ("Integrated border management", 2007, "discussion_note", [
        "Biometric passports and advance passenger information speed legitimate crossings while detecting fraud.",
        "Cooperation between customs and immigration agencies at land borders is uneven.",
    ]),
    "integration": ("Integration and social cohesion in cities", 2008, "workshop_report", [
        "Municipal welcome centres, language courses and anti-discrimination campaigns foster cohesion.",
        "Local authorities lead integration where national policies are silent.",
    ]),
    "gulf": ("Labour mobility to the Gulf", 2006, "discussion_note", [
        "Recruitment fees charged to workers bound for the Gulf create debt bondage; the employer pays model removes them.",
        "Sponsorship systems tie workers to a single employer.",
    ]),
    "pandemic": ("Mobility during public health emergencies", 2008, "background_paper", [
        "Quarantine rules and travel bans stranded seafarers and seasonal workers far from home.",
        "Regularisation drives extended residence permits during emergencies.",
    ]),
    "detention": ("Alternatives to immigration detention", 2007, "summary_of_conclusions", [
        "Case management and community supervision keep asylum seekers out of detention at lower cost.",
        "Children should never be detained for immigration reasons.",
    ]),
    "youth": ("Youth, education and migration aspirations", 2008, "other", [
        "Young graduates without jobs dream of leaving; scholarships abroad sometimes become permanent departures.",
        "Youth employment schemes reduce the pressure to emigrate.",
    ]),
}


@pytest.fixture
def archive(db, forum, make_forum, make_cycle, make_event, make_organization):
    """Build the archive through the ORM (the signals index it as they would after any service call)."""
    from colloquy.dialogues.models import Document, DocumentAccess, DocumentStatus, EventKind, Theme
    from colloquy.directory.models import OrganizationAlias, Person
    from colloquy.outcomes.models import Commitment, GoodPractice, KeyMessage, Recommendation
    from colloquy.reference.models import GcmObjective

    idm = forum  # slug "idm", the forum the named actors belong to
    gfmd = make_forum(name="Global Forum on Migration and Development", slug="gfmd", acronym="GFMD")
    cycles = {y: make_cycle(forum=idm, year=y, overarching_theme=f"Theme of {y}") for y in (2006, 2007, 2008)}
    gfmd_cycle = make_cycle(forum=gfmd, year=2007, overarching_theme="Partnerships")
    events = {
        y: make_event(cycle=c, title=f"Intersessional meeting {y}", start_date=datetime.date(y, 3, 20),
                      kind=EventKind.WORKSHOP, country="CHE")
        for y, c in cycles.items()
    }
    gfmd_event = make_event(cycle=gfmd_cycle, title="Brussels meeting", start_date=datetime.date(2007, 7, 9),
                            kind=EventKind.CONFERENCE, country="BEL", city="Brussels")
    docs = {}
    for key, (title, year, doc_type, paras) in TOPICS.items():
        event = events[year]
        docs[key] = Document.objects.create(title=title, date=datetime.date(year, 3, 1), doc_type=doc_type,
                                            event=event, text="\n\n".join(paras))
    docs["restricted"] = Document.objects.create(
        title="Confidential note on quota arrangements", forum=idm, access=DocumentAccess.RESTRICTED,
        date=datetime.date(2008, 1, 1), text="Quota arrangements among member States are confidential.")
    docs["draft"] = Document.objects.create(
        title="Draft zeppelin study", status=DocumentStatus.DRAFT, date=datetime.date(2008, 1, 1),
        text="A draft about zeppelin transport of seasonal workers.")
    iom = make_organization(name="International Organization for Migration", acronym="IOM",
                            category="international_organizations")
    OrganizationAlias.objects.create(organization=iom, name="Organisation internationale pour les migrations")
    ngo = make_organization(name="Harbour Rescue Network", category="ngos", country="ITA")
    Person.objects.create(name="Amina Okonkwo-Zeller", country="NGA", biography="Expert on seasonal agriculture.")
    Person.objects.create(name="Hidden Quillfeather", consents_to_publication=False)
    Theme.objects.create(cycle=cycles[2007], title="Making global labour mobility work for development")
    km = KeyMessage.objects.create(event=events[2007], text="Policy coherence across ministries is essential.")
    rec = Recommendation.objects.create(event=events[2008], addressee="states",
                                        text="States should abolish recruitment fees charged to workers.")
    rec2 = Recommendation.objects.create(cycle=gfmd_cycle, addressee="civil_society",
                                         text="Civil society should monitor recruitment agencies.")
    gp = GoodPractice.objects.create(event=gfmd_event, country="PHL", title="Pre-departure orientation seminars",
                                     description="Orientation before departure prepares workers for life abroad.")
    cm = Commitment.objects.create(organization=ngo, event=gfmd_event, text="We will train volunteer lifeguards.")
    # get_or_create: a browser test's flush (transactional_db) empties the reference data migration's rows.
    gcm6, _ = GcmObjective.objects.get_or_create(number=6, defaults={"title": "Fair and ethical recruitment"})
    gcm2, _ = GcmObjective.objects.get_or_create(number=2, defaults={"title": "Minimize adverse drivers"})
    rec.gcm_objectives.add(gcm6)
    km.gcm_objectives.add(gcm6, gcm2)
    return {"idm": idm, "gfmd": gfmd, "cycles": cycles, "events": events, "gfmd_event": gfmd_event, "docs": docs,
            "iom": iom, "ngo": ngo, "key_message": km, "recommendation": rec, "recommendation2": rec2,
            "practice": gp, "commitment": cm}


@pytest.fixture
def run(db):
    """search_run as the secretariat (sees everything) unless an actor is given."""
    from colloquy.core.access import SYSTEM
    from colloquy.search.services import search_run

    def call(q, actor=SYSTEM, **kw):
        return search_run(q=q, actor=actor, **kw)

    return call


@pytest.fixture
def schema_editor(db):
    """What a migration's RunPython function needs of a schema editor: the connection, and execute()."""
    from django.db import connection

    class Editor:
        def __init__(self):
            self.connection = connection

        def execute(self, sql, params=None):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)

    return Editor()
