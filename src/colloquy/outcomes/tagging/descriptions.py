"""Short descriptions of the 23 GCM objectives, written for Colloquy in plain words (our paraphrase of each
objective's wording, used only to embed the objective for similarity; not quoted from any source)."""

DESCRIPTIONS: dict[int, str] = {
    1: "Collecting, sharing and analysing reliable migration data and statistics, broken down by sex, age and status, to base policy on evidence.",
    2: "Reducing the economic, environmental, climate and conflict pressures that force people to leave their home country; development in places of origin.",
    3: "Giving migrants accurate, timely information before departure, in transit and on arrival about rights, risks and procedures.",
    4: "Making sure every migrant has a legal identity, birth registration, passports and other identity and travel documents.",
    5: "Opening and widening regular, legal channels to migrate: visas, labour mobility schemes, family reunification, study and seasonal work.",
    6: "Fair and ethical recruitment without fees charged to workers, decent working conditions and labour rights for migrant workers.",
    7: "Identifying and reducing the vulnerabilities migrants face, with protection for children, women and others at risk.",
    8: "Saving migrants' lives, search and rescue, and coordinated efforts to find missing migrants and identify those who died.",
    9: "Cooperation across borders against the smuggling of migrants and the criminal networks that profit from it.",
    10: "Preventing and combating human trafficking, prosecuting traffickers and protecting and assisting trafficking victims.",
    11: "Managing borders in an integrated, secure, coordinated way that respects migrants' rights.",
    12: "Clear, predictable procedures for screening and assessing migrants on arrival and referring them to the right services.",
    13: "Using immigration detention only as a last resort and developing community-based alternatives to detention.",
    14: "Consular protection and assistance for nationals abroad and cooperation between consulates throughout migration.",
    15: "Access for migrants to basic services such as health care, schooling and housing, whatever their status.",
    16: "Inclusion of migrants in host societies, social cohesion, language learning and participation in community life.",
    17: "Ending discrimination, racism and xenophobia against migrants and promoting balanced, fact-based public debate and media coverage.",
    18: "Skills development and the mutual recognition of qualifications, diplomas and competences of migrant workers.",
    19: "Enabling migrants and diaspora communities to contribute to development, investment and knowledge transfer in origin and destination countries.",
    20: "Cheaper, faster and safer remittance transfers and financial inclusion of migrants and their families.",
    21: "Safe and dignified return and readmission of migrants and their sustainable reintegration in the country of origin.",
    22: "Making social security and pension entitlements portable so migrants keep the benefits they have earned when they move.",
    23: "International cooperation and partnerships among States and organizations, dialogue and capacity building for safe, orderly and regular migration.",
}
