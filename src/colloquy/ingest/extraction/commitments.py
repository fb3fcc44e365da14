"""What the governments of a dialogue declared or agreed, in the forms joint statements, communiqués and
ministerial conclusions take in French and Spanish, and the numbered commitments that follow an agreement.

Used by `outcomes.key_messages_and_recommendations`; kept apart so that module stays short.
"""

from __future__ import annotations

import re

# The declaring body in French and Spanish, as the subject of its sentence; a few adjectives may stand between
# the noun and the verb ("les partenaires africains et européens ont constaté"). The partners of a process are its
# States; workshop participants are not a declaring body (what they said is discussion).
_BODY_FR = (r"(?:ministres|gouvernements|États(?:\s+membres)?|délégations|pays(?:\s+membres|\s+participants)?|partenaires"
            r"|chefs\s+de\s+délégation|hauts\s+fonctionnaires|co-présidents)")
_BODY_ES = (r"(?:gobiernos|ministr[oa]s|viceministr[oa]s|estados(?:\s+miembros)?|delegaciones|países(?:\s+miembros)?|socios"
            r"|jefes\s+de\s+delegación|altos\s+funcionarios|copresidentes)")
_ADJECTIVES = r"(?:\s+(?:[a-zà-ÿ-]{3,}|et|y))?(?:\s+(?:[a-zà-ÿ-]{3,}|et|y)){0,3}?"
_VERB_FR = (r"(?:réaffirmé|souligné|reconnu|convenu|constaté|affirmé|salué|insisté|conclu|décidé|souhaité|réitéré|exprimé"
            r"|appelé|adopté|pris\s+note|pris\s+l['’]engagement|(?:se\s+sont|s['’]est)\s+engagé(?:e?s)?)")
_VERB_ES = (r"(?:reafirmaron|reconocieron|destacaron|subrayaron|acordaron|coincidieron|convinieron|concluyeron|decidieron"
            r"|reiteraron|enfatizaron|resaltaron|expresaron|aprobaron|se\s+comprometieron|estuvieron\s+de\s+acuerdo)")
ROMANCE_DECLARATION = re.compile(
    rf"\b(?i:les)\s+{_BODY_FR}{_ADJECTIVES}\s+ont\s+(?:également\s+|aussi\s+|en\s+outre\s+)?{_VERB_FR}\b"
    rf"|\b(?i:los|las)\s+{_BODY_ES}{_ADJECTIVES}\s+(?:también\s+|además\s+|asimismo\s+)?{_VERB_ES}\b")
# "Ils ont souhaité ...", right after the body's own sentence (the next sentence or paragraph): the body again.
ROMANCE_PRONOUN = re.compile(rf"\s*(?:Ils|Elles)\s+ont\s+(?:également\s+|aussi\s+|en\s+outre\s+)?{_VERB_FR}\b")

# A verb of agreeing that announces the numbered commitments after it ("The Ministers agreed to: 1. ... 2. ...",
# "APROBARON PUNTOS SUSTANTIVOS 1. Reconocer ... 2. Adoptar ...", "Les États réaffirment : 1. ...").
AGREEMENT_CUE = re.compile(
    r"\b(?:agreed(?:\s+(?:to|on|upon|the\s+following))?|decided|resolved|committed\s+(?:themselves\s+)?to|reaffirmed"
    r"|adopted\s+the\s+following|(?:hereby\s+)?(?:agree|decide|resolve|reaffirm|commit)"
    r"|aprobaron|acordaron|convinieron|decidieron|resolvieron|reafirmaron|se\s+comprometieron|acuerdan|deciden|reafirman"
    r"|se\s+comprometen|r[ée]affirment|conviennent|d[ée]cident|s['’]engagent|ont\s+convenu|ont\s+d[ée]cid[ée]"
    r"|ont\s+r[ée]affirm[ée])\b", re.I)
_LIST_START = re.compile(r"^[^.;]{0,60}?(?:\s|:)(?=(?:1[.)]|\((?:1|a)\))\s+\S)")
# A list item that opens with the verb of a commitment, after a lead-in that ends with a colon:
# "- Reaffirm their commitment ...", "- Reafirman su compromiso ...", "- Réaffirment ...".
COMMITMENT_ITEM = re.compile(
    r"^\s*(?:[-*•·]\s*|\(?[a-z0-9]{1,3}[.)]\s+)?(?:Reaffirm|Agree|Commit|Recogni[sz]e|Acknowledge|Decide|Resolve|Welcome|Underline"
    r"|Reafirma[rn]?|Acuerda[rn]?|Reconoce[rn]?|Decide[rn]?|Se\s+comprometen|Destaca[rn]?|Subraya[rn]?|Reitera[rn]?"
    r"|Réaffirme(?:nt)?|Reconnaisse?nt|Convien(?:nen)?t|Décide(?:nt)?|S['’]engage(?:nt)?|Souligne(?:nt)?)\b")


def agreement_list_at(text: str, at: int) -> int | None:
    """Offset in text of the "1." that opens a numbered list announced by an agreeing verb at or after `at`
    (within the same sentence), or None."""
    for m in AGREEMENT_CUE.finditer(text, at):
        if m.start() > at + 400:
            break
        if _LIST_START.match(text[m.end():]):
            return m.end()
    return None
