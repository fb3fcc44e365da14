"""French and Spanish versions of the demo's forum names, IDM cycle themes and demonstration records
(docs/translation.md). Keyed by the English original; applied after the records exist. Idempotent."""

from colloquy.ballots.models import Proposal
from colloquy.dialogues.models import Cycle, Event, Forum
from colloquy.outcomes.models import GoodPractice, KeyMessage, Recommendation

FORUM_NAMES = {
    "International Dialogue on Migration": (
        "Dialogue international sur la migration", "Diálogo Internacional sobre la Migración"),
    "UNITAR Migration and Development Series": (
        "Série de séminaires de l'UNITAR sur la migration et le développement",
        "Serie de seminarios del UNITAR sobre migración y desarrollo"),
    "Global Forum on Migration and Development": (
        "Forum mondial sur la migration et le développement", "Foro Mundial sobre Migración y Desarrollo"),
}

IDM_THEMES = {
    "Migration in a Globalized World": (
        "La migration dans un monde globalisé", "La migración en un mundo globalizado"),
    "Towards Policy Coherence on Migration": (
        "Vers une cohérence des politiques migratoires", "Hacia la coherencia de las políticas migratorias"),
    "Partnerships in Migration: Engaging Business and Civil Society": (
        "Les partenariats dans le domaine de la migration : associer le monde de l'entreprise et la société civile",
        "Alianzas en materia de migración: la participación del sector empresarial y la sociedad civil"),
    "Migration Management in the Evolving Global Economy": (
        "La gestion des migrations dans une économie mondiale en mutation",
        "La gestión de la migración en una economía mundial en evolución"),
    "Return Migration: Challenges and Opportunities": (
        "La migration de retour : défis et perspectives", "La migración de retorno: retos y oportunidades"),
    "Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration": (
        "Droits de l'homme et migration : œuvrer ensemble pour des migrations sûres, dignes et sécurisées",
        "Derechos humanos y migración: trabajar conjuntamente en aras de una migración segura, digna y protegida"),
    "Migration and Social Change": ("Migration et changement social", "Migración y cambio social"),
    "The Future of Migration: Building Capacities for Change": (
        "L'avenir des migrations : renforcer les capacités face aux changements",
        "El futuro de la migración: creación de capacidades para el cambio"),
    "Managing Migration in Crisis Situations": (
        "La gestion des migrations dans les situations de crise", "La gestión de la migración en situaciones de crisis"),
    "Human Mobility and Development: Emerging Trends and New Opportunities for Partnerships": (
        "Mobilité humaine et développement : tendances nouvelles et nouvelles possibilités de partenariats",
        "Movilidad humana y desarrollo: tendencias emergentes y nuevas oportunidades de alianzas"),
    "Follow-up and Review of Migration in the SDGs": (
        "Suivi et examen de la migration dans les objectifs de développement durable",
        "Seguimiento y examen de la migración en los Objetivos de Desarrollo Sostenible"),
    "Strengthening international cooperation on and governance of migration towards the adoption of a global compact "
    "on migration in 2018": (
        "Renforcer la coopération internationale en matière de migration et la gouvernance des migrations en vue de "
        "l'adoption d'un pacte mondial sur les migrations en 2018",
        "Fortalecer la cooperación internacional y la gobernanza de la migración con miras a la adopción de un pacto "
        "mundial sobre migración en 2018"),
    "Inclusive and Innovative Partnerships for Effective Global Governance of Migration": (
        "Des partenariats inclusifs et novateurs pour une gouvernance mondiale efficace des migrations",
        "Alianzas inclusivas e innovadoras para una gobernanza mundial eficaz de la migración"),
    "Youth and migration: Engaging youth as key partners in migration governance": (
        "Les jeunes et la migration : associer les jeunes en tant que partenaires clés de la gouvernance des migrations",
        "Los jóvenes y la migración: hacer de los jóvenes asociados clave en la gobernanza de la migración"),
    "COVID-19 crisis: Reimagining the role of migrants and human mobility for the achievement of the Sustainable "
    "Development Goals": (
        "Crise de la COVID-19 : repenser le rôle des migrants et de la mobilité humaine dans la réalisation des "
        "objectifs de développement durable",
        "Crisis de la COVID-19: replantear el papel de los migrantes y la movilidad humana en el logro de los "
        "Objetivos de Desarrollo Sostenible"),
}

EVENT_TITLES = {
    "Demonstration workshop: migration data for policy": (
        "Atelier de démonstration : les données migratoires au service des politiques",
        "Taller de demostración: datos sobre migración para la formulación de políticas"),
}
EVENT_DESCRIPTIONS = {
    "Demonstration record: an upcoming workshop to try registration of delegations.": (
        "Enregistrement de démonstration : un atelier à venir pour essayer l'inscription des délégations.",
        "Registro de demostración: un próximo taller para probar la inscripción de las delegaciones."),
}

KEY_MESSAGES = {
    "Labour mobility arrangements work best when countries of origin and destination exchange information on "
    "labour supply and demand.": (
        "Les dispositifs de mobilité de main-d'œuvre fonctionnent au mieux lorsque les pays d'origine et de destination "
        "échangent des informations sur l'offre et la demande de main-d'œuvre.",
        "Los mecanismos de movilidad laboral funcionan mejor cuando los países de origen y de destino intercambian "
        "información sobre la oferta y la demanda de mano de obra."),
    "Protecting the rights of migrant workers is a precondition for the development benefits of labour migration.": (
        "La protection des droits des travailleurs migrants est une condition préalable aux retombées de la migration "
        "de main-d'œuvre sur le développement.",
        "La protección de los derechos de los trabajadores migrantes es una condición previa para que la migración "
        "laboral reporte beneficios para el desarrollo."),
}

RECOMMENDATIONS = {
    "Spell out the conditions of entry, stay, work and return in bilateral labour migration agreements.": (
        "Préciser les conditions d'entrée, de séjour, de travail et de retour dans les accords bilatéraux sur la "
        "migration de main-d'œuvre.",
        "Especificar las condiciones de entrada, estancia, trabajo y retorno en los acuerdos bilaterales sobre "
        "migración laboral."),
    # No French version yet: the pages show the English original, marked "(in English)".
    "Support countries of origin in building capacity to manage labour migration, including pre-departure training.": (
        "", "Apoyar a los países de origen en la creación de capacidad para gestionar la migración laboral, incluida "
            "la formación previa a la partida."),
    "Lower the cost of sending remittances and encourage their productive investment.": (
        "Réduire le coût des envois de fonds et encourager leur investissement productif.",
        "Reducir el costo del envío de remesas y fomentar su inversión productiva."),
}

PRACTICES = {
    "Seasonal agricultural workers programme (Mexico–Canada)": (
        "Programme des travailleurs agricoles saisonniers (Mexique–Canada)",
        "Programa de trabajadores agrícolas temporales (México–Canadá)"),
}

PROPOSAL_TITLES = {
    "Migration data for evidence-based policy": (
        "Les données migratoires au service de politiques fondées sur des données factuelles",
        "Datos sobre migración para políticas basadas en datos empíricos"),
    "Regular pathways and skills mobility": (
        "Voies de migration régulière et mobilité des compétences",
        "Vías de migración regular y movilidad de competencias"),
    "Human mobility and climate change": (
        "Mobilité humaine et changements climatiques", "Movilidad humana y cambio climático"),
}
PROPOSAL_RATIONALES = {
    "Demonstration proposal: how States collect, share and use migration data.": (
        "Proposition de démonstration : comment les États recueillent, partagent et utilisent les données migratoires.",
        "Propuesta de demostración: cómo los Estados recopilan, comparten y utilizan los datos sobre migración."),
    "Demonstration proposal: labour mobility, skills recognition and fair recruitment.": (
        "Proposition de démonstration : mobilité de main-d'œuvre, reconnaissance des compétences et recrutement "
        "équitable.",
        "Propuesta de demostración: movilidad laboral, reconocimiento de competencias y contratación equitativa."),
    "Demonstration proposal: displacement and migration in the context of climate change.": (
        "Proposition de démonstration : déplacements et migrations dans le contexte des changements climatiques.",
        "Propuesta de demostración: desplazamientos y migración en el contexto del cambio climático."),
}


def _versions(queryset, field: str, table: dict) -> int:
    """Set `<field>_fr` and `<field>_es` on the rows whose English `<field>` is a key of `table`."""
    changed = 0
    for record in queryset.filter(**{f"{field}_en__in": list(table)}):
        fr, es = table[getattr(record, f"{field}_en")]
        setattr(record, f"{field}_fr", fr or None)
        setattr(record, f"{field}_es", es or None)
        record.save(update_fields=[f"{field}_fr", f"{field}_es"])
        changed += 1
    return changed


def load_translations() -> dict:
    return {
        "forums": _versions(Forum.objects.all(), "name", FORUM_NAMES),
        "idm_themes": _versions(Cycle.objects.filter(forum__slug="idm"), "overarching_theme", IDM_THEMES),
        "events": _versions(Event.objects.all(), "title", EVENT_TITLES)
        + _versions(Event.objects.all(), "description", EVENT_DESCRIPTIONS),
        "key_messages": _versions(KeyMessage.objects.all(), "text", KEY_MESSAGES),
        "recommendations": _versions(Recommendation.objects.all(), "text", RECOMMENDATIONS),
        "practices": _versions(GoodPractice.objects.all(), "title", PRACTICES),
        "proposals": _versions(Proposal.objects.all(), "title", PROPOSAL_TITLES)
        + _versions(Proposal.objects.all(), "rationale", PROPOSAL_RATIONALES),
    }
