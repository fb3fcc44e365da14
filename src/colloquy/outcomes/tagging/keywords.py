"""Keyword rules: for each GCM objective, word stems that signal it (written for Colloquy from the
objectives' wording; matched on word starts, case-insensitive). A hit on a multi-word phrase counts double."""

import re

RULES: dict[int, list[str]] = {
    1: ["data", "statistic", "evidence-based", "census", "survey", "indicator", "disaggregat", "information system",
        "research", "measur"],
    2: ["root cause", "driver", "compel", "poverty", "climate", "environmental", "disaster", "conflict",
        "livelihood", "forced to leave", "development cooperation", "desertification"],
    3: ["information campaign", "pre-departure", "orientation", "awareness", "information centre", "information center",
        "accurate information", "hotline", "inform migrants"],
    4: ["legal identity", "identity document", "passport", "birth registration", "civil registr", "documentation",
        "identification", "stateless"],
    5: ["regular pathway", "regular migration", "visa", "labour mobility", "labor mobility", "family reunification",
        "circular migration", "seasonal worker", "admission", "temporary migration", "pathways"],
    6: ["recruitment", "recruiter", "decent work", "labour standard", "labor standard", "employer", "working condition",
        "recruitment fee", "labour right", "labor right", "contract", "domestic worker", "labour inspection"],
    7: ["vulnerab", "unaccompanied", "children", "child", "women", "gender", "indigenous", "protection needs",
        "at risk", "victims of violence", "elderly", "disabilit"],
    8: ["missing migrant", "search and rescue", "rescue", "save lives", "deaths", "dead", "identify the remains",
        "shipwreck", "drown"],
    9: ["smuggl"],
    10: ["trafficking", "trafficked", "exploitation", "forced labour", "forced labor", "victims of trafficking"],
    11: ["border", "border management", "border control", "entry and exit", "border guard", "checkpoint"],
    12: ["screening", "referral", "asylum procedure", "procedure", "status determination", "assessment",
         "case management", "due process"],
    13: ["detention", "detain", "alternatives to detention", "custody"],
    14: ["consular", "consulate", "embass"],
    15: ["health", "education", "basic service", "housing", "schooling", "social service", "medical", "health care",
         "firewall"],
    16: ["integration", "inclusion", "social cohesion", "host communit", "language course", "empower", "civic"],
    17: ["discrimination", "xenophob", "racism", "public perception", "media", "public discourse", "hate",
         "stereotyp", "tolerance"],
    18: ["skill", "qualification", "recognition of", "vocational", "training", "brain drain", "brain gain",
         "credential", "diploma", "competenc"],
    19: ["diaspora", "development", "transnational", "expatriate", "co-development", "investment by migrants",
         "brain circulation", "return of talent"],
    20: ["remittance", "money transfer", "transfer cost", "financial inclusion", "financial literacy", "bank account",
         "mobile money"],
    21: ["return", "readmission", "reintegration", "returnee", "voluntary return", "deportation"],
    22: ["social security", "pension", "portability", "social protection", "earned benefit", "bilateral social"],
    23: ["international cooperation", "partnership", "bilateral", "multilateral", "regional consultative",
         "dialogue", "cooperation between", "capacity building", "global forum", "coordination"],
}


_compiled: dict[int, dict] = {}


def _patterns(rules=None) -> dict:
    rules = RULES if rules is None else rules
    if id(rules) not in _compiled:  # rule tables are module constants: compile each once
        _compiled[id(rules)] = {key: [(re.compile(r"\b" + re.escape(word), re.IGNORECASE), 2 if " " in word else 1)
                                      for word in words] for key, words in rules.items()}
    return _compiled[id(rules)]


def keyword_scores(text: str, rules=None) -> dict:
    """{objective number (or SDG code, with `rules=sdg.RULES`): weighted count of distinct keyword hits}
    (keys with no hit are left out)."""
    scores = {}
    for key, patterns in _patterns(rules).items():
        score = sum(weight for pattern, weight in patterns if pattern.search(text or ""))
        if score:
            scores[key] = float(score)
    return scores


def matched_keywords(text: str, key, rules=None) -> list[str]:
    return [p.pattern.removeprefix(r"\b").replace("\\", "") for p, _w in _patterns(rules)[key] if p.search(text or "")]
