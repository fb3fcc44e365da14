"""Fill French and Spanish translations of the foundation's interface strings into the .po catalogs.

Run after `django-admin makemessages -l fr -l es` (in src/colloquy), then `compilemessages`.
Strings not listed here stay untranslated (Django falls back to English).
"""

import re
import sys
from pathlib import Path

FR = {
    "Forbidden": "Accès refusé", "You cannot do this": "Vous ne pouvez pas faire cela",
    "You do not have permission to view this page.": "Vous n'avez pas l'autorisation de voir cette page.",
    "Not found": "Introuvable", "Page not found": "Page introuvable",
    "This record does not exist, or it is not published.": "Cet enregistrement n'existe pas ou n'est pas publié.",
    "Back to the archive": "Retour aux archives", "Skip to main content": "Aller au contenu principal",
    "Main": "Principal", "Archive": "Archives", "Admin": "Administration", "Search the archive": "Rechercher dans les archives",
    "Search": "Rechercher", "Log out": "Se déconnecter", "Log in": "Se connecter", "Language": "Langue", "Go": "Valider",
    "the record of intergovernmental dialogues on migration.": "la mémoire des dialogues intergouvernementaux sur la migration.",
    "API": "API", "Source": "Source", "Participation over the years": "Participation au fil des ans",
    "Events with a role, by year": "Événements avec un rôle, par année", "Year": "Année", "Events": "Événements",
    "Roles": "Rôles", "Event": "Événement",
    "No recorded roles as speaker, chair, donor or co-organizer yet.": "Aucun rôle enregistré comme intervenant, président, donateur ou co-organisateur.",
    "Region": "Région", "Organizations": "Organisations", "Events hosted": "Événements accueillis", "Breadcrumb": "Fil d'Ariane",
    "Overarching theme": "Thème général", "Events of this cycle": "Événements de ce cycle", "Dates": "Dates", "Kind": "Type",
    "Place": "Lieu", "Status": "Statut", "No published events.": "Aucun événement publié.", "Documents": "Documents",
    "Symbol": "Cote", "Type": "Type", "Date": "Date", "Access": "Accès", "Cycle": "Cycle", "Download": "Télécharger",
    "Parts of this document": "Parties de ce document", "Interpretation": "Interprétation", "Time zone": "Fuseau horaire",
    "Participants": "Participants", "as reported": "selon le rapport", "Add to calendar (iCal)": "Ajouter au calendrier (iCal)",
    "About": "À propos", "Programme": "Programme", "Date to be confirmed": "Date à confirmer", "Sessions": "Séances",
    "Time": "Heure", "Session": "Séance", "No programme has been published for this event.": "Aucun programme n'a été publié pour cet événement.",
    "Organizers and donors": "Organisateurs et donateurs", "Co-organized with": "Co-organisé avec",
    "With funding from": "Avec le financement de", "No documents.": "Aucun document.", "Sources": "Sources",
    "Secretariat": "Secrétariat", "Cycles": "Cycles", "No published cycles.": "Aucun cycle publié.",
    "The record of migration policy dialogues": "La mémoire des dialogues sur les politiques migratoires",
    "Forums": "Forums", "No forums yet.": "Aucun forum pour l'instant.", "Timeline": "Chronologie",
    "No published cycles yet.": "Aucun cycle publié pour l'instant.", "Category": "Catégorie", "Country": "Pays",
    "Also known as": "Également appelé", "Membership": "Statut de membre", "since": "depuis", "until": "jusqu'en",
    "Affiliations": "Affiliations", "Contact (secretariat only)": "Coordonnées (secrétariat uniquement)",
    "Roles in events": "Rôles dans les événements", "No recorded roles.": "Aucun rôle enregistré.",
    "Title contains": "Le titre contient", "Username": "Nom d'utilisateur", "Password": "Mot de passe",
    "Your username and password didn't match. Please try again.": "Nom d'utilisateur ou mot de passe incorrect. Veuillez réessayer.",
}
FR_PLURAL = {
    "%(n)s cycle": ("%(n)s cycle", "%(n)s cycles"),
    "%(n)s event": ("%(n)s événement", "%(n)s événements"),
    "%(n)s result for “%(q)s”": ("%(n)s résultat pour « %(q)s »", "%(n)s résultats pour « %(q)s »"),
}
ES = {
    "Forbidden": "Acceso denegado", "You cannot do this": "No puede hacer esto",
    "You do not have permission to view this page.": "No tiene permiso para ver esta página.",
    "Not found": "No encontrado", "Page not found": "Página no encontrada",
    "This record does not exist, or it is not published.": "Este registro no existe o no está publicado.",
    "Back to the archive": "Volver al archivo", "Skip to main content": "Ir al contenido principal",
    "Main": "Principal", "Archive": "Archivo", "Admin": "Administración", "Search the archive": "Buscar en el archivo",
    "Search": "Buscar", "Log out": "Cerrar sesión", "Log in": "Iniciar sesión", "Language": "Idioma", "Go": "Ir",
    "the record of intergovernmental dialogues on migration.": "la memoria de los diálogos intergubernamentales sobre migración.",
    "API": "API", "Source": "Fuente", "Participation over the years": "Participación a lo largo de los años",
    "Events with a role, by year": "Eventos con un papel, por año", "Year": "Año", "Events": "Eventos",
    "Roles": "Funciones", "Event": "Evento",
    "No recorded roles as speaker, chair, donor or co-organizer yet.": "Aún no hay funciones registradas como orador, presidente, donante u coorganizador.",
    "Region": "Región", "Organizations": "Organizaciones", "Events hosted": "Eventos acogidos", "Breadcrumb": "Ruta de navegación",
    "Overarching theme": "Tema general", "Events of this cycle": "Eventos de este ciclo", "Dates": "Fechas", "Kind": "Tipo",
    "Place": "Lugar", "Status": "Estado", "No published events.": "No hay eventos publicados.", "Documents": "Documentos",
    "Symbol": "Signatura", "Type": "Tipo", "Date": "Fecha", "Access": "Acceso", "Cycle": "Ciclo", "Download": "Descargar",
    "Parts of this document": "Partes de este documento", "Interpretation": "Interpretación", "Time zone": "Zona horaria",
    "Participants": "Participantes", "as reported": "según el informe", "Add to calendar (iCal)": "Añadir al calendario (iCal)",
    "About": "Acerca de", "Programme": "Programa", "Date to be confirmed": "Fecha por confirmar", "Sessions": "Sesiones",
    "Time": "Hora", "Session": "Sesión", "No programme has been published for this event.": "No se ha publicado un programa para este evento.",
    "Organizers and donors": "Organizadores y donantes", "Co-organized with": "Coorganizado con",
    "With funding from": "Con financiación de", "No documents.": "No hay documentos.", "Sources": "Fuentes",
    "Secretariat": "Secretaría", "Cycles": "Ciclos", "No published cycles.": "No hay ciclos publicados.",
    "The record of migration policy dialogues": "La memoria de los diálogos sobre políticas migratorias",
    "Forums": "Foros", "No forums yet.": "Aún no hay foros.", "Timeline": "Cronología",
    "No published cycles yet.": "Aún no hay ciclos publicados.", "Category": "Categoría", "Country": "País",
    "Also known as": "También conocido como", "Membership": "Condición de miembro", "since": "desde", "until": "hasta",
    "Affiliations": "Afiliaciones", "Contact (secretariat only)": "Contacto (solo la secretaría)",
    "Roles in events": "Funciones en eventos", "No recorded roles.": "No hay funciones registradas.",
    "Title contains": "El título contiene", "Username": "Nombre de usuario", "Password": "Contraseña",
    "Your username and password didn't match. Please try again.": "El nombre de usuario y la contraseña no coinciden. Inténtelo de nuevo.",
}
ES_PLURAL = {
    "%(n)s cycle": ("%(n)s ciclo", "%(n)s ciclos", "%(n)s ciclos"),
    "%(n)s event": ("%(n)s evento", "%(n)s eventos", "%(n)s eventos"),
    "%(n)s result for “%(q)s”": ("%(n)s resultado para «%(q)s»", "%(n)s resultados para «%(q)s»", "%(n)s resultados para «%(q)s»"),
}


def esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def fill(path: Path, single: dict, plural: dict) -> int:
    text = path.read_text(encoding="utf-8")
    entries = text.split("\n\n")
    done = 0
    for i, entry in enumerate(entries):
        m = re.search(r'^msgid "(.*)"$', entry, re.M)
        if not m or not m.group(1):
            continue
        key = m.group(1).replace('\\"', '"')
        entry = entry.replace("#, fuzzy\n", "")
        if key in plural and "msgid_plural" in entry:
            for n, form in enumerate(plural[key]):
                entry = re.sub(rf'^msgstr\[{n}\] ".*"$', f'msgstr[{n}] "{esc(form)}"', entry, flags=re.M)
            done += 1
        elif key in single and "msgid_plural" not in entry:
            entry = re.sub(r'^msgstr ".*"$', f'msgstr "{esc(single[key])}"', entry, flags=re.M)
            done += 1
        entries[i] = entry
    text = "\n\n".join(entries).replace('#, fuzzy\nmsgid ""\nmsgstr ""\n', 'msgid ""\nmsgstr ""\n', 1)
    path.write_text(text, encoding="utf-8")
    return done


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "src/colloquy/locale")
    print("fr", fill(root / "fr/LC_MESSAGES/django.po", FR, FR_PLURAL))
    print("es", fill(root / "es/LC_MESSAGES/django.po", ES, ES_PLURAL))
