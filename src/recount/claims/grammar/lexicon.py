"""Words of the claim grammar: what is counted, who is counted, and the cues around them.

Every list maps surface words to the normalised value stored in the ledger
(measure: killed, injured, missing, detained, displaced, evacuated, saved,
casualties; population: all, civilians, combatants, children, women).
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources


def alternation(words: list[str] | dict[str, str]) -> str:
    """A regex alternation, longest first, spaces matching any run of whitespace."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?") for w in items)


POPULATIONS = {
    "people": "all", "persons": "all", "person": "all", "individuals": "all", "syrians": "all",
    "others": "all", "lives": "all", "souls": "all", "human beings": "all", "residents": "all",
    "inhabitants": "all", "men": "all", "victims": "all", "patients": "all",
    "women and children": "all", "men, women and children": "all",
    "civilians": "civilians", "civilian": "civilians", "non-combatants": "civilians",
    "noncombatants": "civilians", "unarmed civilians": "civilians",
    "fighters": "combatants", "combatants": "combatants", "soldiers": "combatants",
    "troops": "combatants", "troopers": "combatants", "cavalrymen": "combatants",
    "rebels": "combatants", "militants": "combatants",
    "jihadists": "combatants", "insurgents": "combatants", "militiamen": "combatants",
    "servicemen": "combatants", "security forces": "combatants", "government forces": "combatants",
    "regime forces": "combatants", "pro-government forces": "combatants", "gunmen": "combatants",
    "members of the security forces": "combatants", "army personnel": "combatants",
    "policemen": "combatants", "police": "combatants", "police officers": "combatants", "combatant": "combatants",
    "fighter": "combatants", "soldier": "combatants", "terrorists": "combatants",
    "armed forces": "combatants", "allied forces": "combatants", "military personnel": "combatants",
    "military": "combatants", "security personnel": "combatants",
    "security forces personnel": "combatants", "security force personnel": "combatants",
    "members of armed groups": "combatants", "members of the armed forces": "combatants",
    "members of the army": "combatants", "armed group members": "combatants",
    "paramilitaries": "combatants", "guerrillas": "combatants", "gendarmes": "combatants",
    "militias": "combatants", "militia": "combatants",
    "operatives": "combatants", "gang members": "combatants", "cartel members": "combatants",
    "attackers": "combatants", "assailants": "combatants", "hijackers": "combatants",
    "service members": "combatants", "servicemembers": "combatants", "servicemen and women": "combatants",
    "policeman": "combatants", "police officer": "combatants", "policemen and soldiers": "combatants",
    "paratroopers": "combatants", "guardsmen": "combatants", "national guardsmen": "combatants",
    "peacekeepers": "combatants", "conscripts": "combatants", "commandos": "combatants",
    "mercenaries": "combatants", "partisans": "combatants", "legionnaires": "combatants",
    "law enforcement officers": "combatants", "security officers": "combatants",
    # Armed men named by their service or their part (Indian "jawans"; "5 perpetrators" of an
    # attack; "57 army officers"; "18 personnel" of a force): health or aid personnel stay "all".
    "personnel": "combatants", "army officers": "combatants", "military officers": "combatants",
    "jawans": "combatants", "perpetrators": "combatants", "kidnappers": "combatants",
    "members of the paramilitary force": "combatants",
    "members of the paramilitary forces": "combatants", "paramilitary personnel": "combatants",
    "UN personnel": "all", "United Nations personnel": "all", "medical personnel": "all",
    "humanitarian personnel": "all", "aid personnel": "all", "civilian personnel": "civilians",
    "members": "all", "member": "all", "monks": "all",
    "children": "children", "child": "children", "minors": "children", "kids": "children",
    "boys": "children", "girls": "children", "infants": "children", "babies": "children",
    "schoolchildren": "children", "toddlers": "children", "schoolgirls": "children",
    "schoolboys": "children",
    "women": "women", "woman": "women",
    "detainees": "all", "refugees": "all", "evacuees": "all", "prisoners": "all",
    "journalists": "all", "doctors": "all", "medics": "all", "aid workers": "all",
    "health workers": "all", "teachers": "all", "students": "all", "workers": "all",
    "volunteers": "all", "protesters": "all", "demonstrators": "all", "families": "all",
    "adults": "all", "elderly people": "all", "older people": "all", "staff members": "all",
    "staffers": "all", "staff": "all", "employees": "all", "health personnel": "all",
    "migrants": "all", "villagers": "all", "worshippers": "all", "passengers": "all",
    "foreigners": "all", "foreign nationals": "all", "tourists": "all", "pupils": "children",
    "citizens": "all", "citizen": "all", "nationals": "all",
    "farmers": "all", "peasants": "all", "herders": "all", "fishermen": "all", "miners": "all",
    "guests": "all", "colleagues": "all", "relatives": "all", "family members": "all",
    "activists": "all", "nurses": "all", "leaders": "all", "campesinos": "all",
}  # fmt: skip
# People named by nation, ethnicity or faith ("6,700 Rohingya", "40 Palestinians"): data.
PEOPLES = tuple(
    tomllib.loads(
        resources.files("recount.claims").joinpath("data/peoples.toml").read_text(encoding="utf-8")
    )["nouns"]
)
POPULATIONS.update({noun.lower(): "all" for noun in PEOPLES if noun.lower() not in POPULATIONS})
# One of a people, named in the singular: "one Indian", "one Briton" (only after "one": "three
# American soldiers" is an adjective on soldiers).
PEOPLE_SINGULARS = tuple(
    noun[:-1] for noun in PEOPLES if noun.endswith("s") and not noun.endswith("ss")
)

# Words that state what happened to the people counted, after the number.
MEASURES_AFTER = {
    "killed": "killed", "dead": "killed", "died": "killed", "slain": "killed",
    "murdered": "killed", "executed": "killed", "massacred": "killed", "perished": "killed",
    "martyred": "killed", "slaughtered": "killed", "butchered": "killed", "deaths": "killed",
    "death": "killed", "fatalities": "killed",
    "lost their lives": "killed", "lost his life": "killed", "lost her life": "killed",
    "lives lost": "killed", "die": "killed", "dies": "killed", "dying": "killed", "victims": "killed",
    "tortured to death": "killed", "starved to death": "killed", "beaten to death": "killed",
    "burned to death": "killed", "burnt to death": "killed", "shot dead": "killed",
    "found dead": "killed", "succumbed": "killed",
    "hacked to death": "killed", "stabbed to death": "killed", "shot to death": "killed",
    "clubbed to death": "killed", "bludgeoned to death": "killed", "stoned to death": "killed",
    "crushed to death": "killed", "trampled to death": "killed", "burned alive": "killed",
    "burnt alive": "killed", "buried alive": "killed",
    "killings": "killed", "murders": "killed", "executions": "killed", "homicides": "killed",
    "killed or injured": "casualties", "killed or wounded": "casualties",
    "dead or injured": "casualties", "dead or wounded": "casualties",
    "killed and injured": "casualties", "killed and wounded": "casualties", "casualties": "casualties",
    "killed & injured": "casualties", "killed & wounded": "casualties",
    "dead & injured": "casualties", "dead & wounded": "casualties",
    "killed or missing": "killed_or_missing", "dead or missing": "killed_or_missing",
    "killed and missing": "killed_or_missing", "dead and missing": "killed_or_missing",
    "killed & missing": "killed_or_missing", "dead & missing": "killed_or_missing",
    "died or disappeared": "killed_or_missing", "killed or disappeared": "killed_or_missing",
    "missing or dead": "killed_or_missing", "missing or killed": "killed_or_missing",
    "disappeared or killed": "killed_or_missing", "dead and missing persons": "killed_or_missing",
    "names of the dead": "killed", "names of the disappeared": "missing",
    "names of the missing": "missing",
    "killed or kidnapped": "killed_or_abducted", "killed or abducted": "killed_or_abducted",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "maimed": "injured",
    "injuries": "injured",
    "missing": "missing", "disappeared": "missing", "forcibly disappeared": "missing",
    "disappearances": "missing", "enforced disappearances": "missing",
    "forced disappearances": "missing",
    "unaccounted for": "missing", "went missing": "missing",
    "detained": "detained", "arrested": "detained", "imprisoned": "detained", "jailed": "detained",
    "in detention": "detained", "detainees": "detained", "political prisoners": "detained",
    "abducted": "abducted", "kidnapped": "abducted", "taken hostage": "abducted",
    "captured": "detained", "held hostage": "abducted", "hostages": "abducted", "held captive": "abducted",
    "taken captive": "abducted", "captives": "abducted",
    "displaced": "displaced", "fled": "displaced", "uprooted": "displaced",
    "refugees": "displaced", "internally displaced": "displaced", "forced to flee": "displaced",
    "forced from their homes": "displaced", "made homeless": "displaced",
    "sought refuge": "displaced", "seeking refuge": "displaced", "seek refuge": "displaced",
    "sought safety": "displaced", "found shelter": "displaced", "found refuge": "displaced",
    "sought shelter": "displaced", "crossed the border": "displaced",
    "crossed the borders": "displaced", "crossed into": "displaced",
    "suffered forced displacement": "displaced", "forcibly displaced": "displaced",
    "forced to leave their homes": "displaced", "forced off their land": "displaced",
    "forced out of their homes": "displaced", "driven from their homes": "displaced",
    "pushed out of their homes": "displaced", "pushed from their homes": "displaced",
    "deported": "displaced",
    "lost their homes": "displaced", "disabled": "injured", "homeless": "displaced",
    "took refuge": "displaced", "taken refuge": "displaced", "taking refuge": "displaced",
    "sheltering": "displaced", "flee": "displaced", "fleeing": "displaced",
    "left the region": "displaced", "left their homes": "displaced",
    "left the country": "displaced", "fled the country": "displaced", "left the area": "displaced",
    "abandoned their homes": "displaced", "in relief camps": "displaced",
    "in shelter camps": "displaced", "in displacement camps": "displaced",
    "taken prisoner": "detained", "taken prisoners": "detained", "taken prisoner of war": "detained",
    "arrests": "detained", "detentions": "detained", "interned": "detained",
    "internees": "detained", "incarcerated": "detained", "in custody": "detained",
    "behind bars": "detained", "held in custody": "detained",
    "fell into the hands of": "detained", "fell into enemy hands": "detained",
    "evacuated": "evacuated", "evacuees": "evacuated", "bussed out": "evacuated",
    "bused out": "evacuated",
    "saved": "saved", "spared": "saved",  # not "155 were rescued": survivors, no claim
    "bodies": "killed", "corpses": "killed",
    "idps": "displaced", "internal refugees": "displaced", "arrivals": "displaced",
    "new arrivals": "displaced", "arbitrary detention": "detained", "arbitrary arrests": "detained",
    "lost": "killed", "internally displaced persons": "displaced",
    "internally displaced people": "displaced", "asylum seekers": "displaced",
    "asylum-seekers": "displaced",
    "hospitalised": "injured", "hospitalized": "injured", "treated for injuries": "injured",
    # in care for their wounds, said of people: "sought medical help", "needed medical treatment"
    "sought medical help": "injured", "sought medical care": "injured",
    "sought medical attention": "injured", "sought medical treatment": "injured",
    "needed medical treatment": "injured", "needed medical care": "injured",
    "needed medical attention": "injured", "received medical treatment": "injured",
    "received medical care": "injured", "required medical treatment": "injured",
    "required medical attention": "injured", "required hospital treatment": "injured",
    "taken to hospital": "injured", "taken to hospitals": "injured",
    "taken to the hospital": "injured", "admitted to hospital": "injured",
    "admitted to hospitals": "injured", "rushed to hospital": "injured",
    "neutralised": "killed", "neutralized": "killed", "left the areas": "displaced",
    "assassinated": "killed",
    "treated for wounds": "injured", "treated for gunshot wounds": "injured",
    "treated for shrapnel wounds": "injured", "treated for burns": "injured", "treated for their injuries": "injured",
    "among the dead": "killed", "among the killed": "killed", "among those killed": "killed",
    "among the victims": "killed", "among the fatalities": "killed",
    "among the injured": "injured", "among the wounded": "injured",
    "among the missing": "missing", "among the displaced": "displaced",
    "kia": "killed", "killed in action": "killed", "killed in combat": "killed",
    "died in combat": "killed", "died in action": "killed", "wia": "injured",
    "wounded in action": "injured", "mia": "missing", "missing in action": "missing",
    "pow": "detained", "pows": "detained", "kia or mia": "killed_or_missing",
    "kia and mia": "killed_or_missing",
    # in care for their wounds: "34 remain in hospital", "12 are in critical condition", "56 are
    # on admission", "two discharged", "48 patients … are being treated", "had limbs amputated"
    "in hospital": "injured",
    "in critical condition": "injured", "in a critical condition": "injured",
    "in serious condition": "injured", "in a serious condition": "injured",
    "in intensive care": "injured", "on admission": "injured", "being treated": "injured",
    "receiving treatment": "injured", "under treatment": "injured", "discharged": "injured",
    "had limbs amputated": "injured", "had their limbs amputated": "injured",
    "amputees": "injured",
    # sheltered away from home: "moved into camps", "are still in the camps", "left the island"
    "moved into camps": "displaced", "living in camps": "displaced", "live in camps": "displaced",
    "lived in camps": "displaced", "in the camps": "displaced", "in camps": "displaced",
    "in evacuation centres": "displaced", "in evacuation centers": "displaced",
    "in shelters": "displaced", "left the island": "displaced", "left the city": "displaced",
}  # fmt: skip
# The same words in the languages quotations keep ("27 500 militaires tués", "434 muertos o
# desaparecidos", "150 mil pessoas deslocadas", "rund 2.000 Tote"): French, Spanish, Portuguese,
# Italian and German.
QUOTED_MEASURES_AFTER = {
    "morts": "killed", "tués": "killed", "victimes": "killed", "blessés": "injured",
    "disparus": "missing", "déplacés": "displaced", "réfugiés": "displaced",
    "morts ou disparus": "killed_or_missing", "morts et disparus": "killed_or_missing",
    "muertos": "killed", "fallecidos": "killed", "asesinados": "killed", "víctimas": "killed",
    "heridos": "injured", "desaparecidos": "missing", "desplazados": "displaced",
    "detenidos": "detained", "muertos o desaparecidos": "killed_or_missing",
    "muertos y desaparecidos": "killed_or_missing",
    "mortos": "killed", "vítimas": "killed", "feridos": "injured", "deslocados": "displaced",
    "mortos ou desaparecidos": "killed_or_missing", "mortos e desaparecidos": "killed_or_missing",
    "morti": "killed", "uccisi": "killed", "vittime": "killed", "feriti": "injured",
    "dispersi": "missing", "sfollati": "displaced", "profughi": "displaced",
    "tote": "killed", "toten": "killed", "todesopfer": "killed", "verletzte": "injured",
    "verwundete": "injured", "vermisste": "missing", "vertriebene": "displaced",
    "flüchtlinge": "displaced", "getötet": "killed", "starben": "killed",
    # feminine forms after "personnes", "personas", "pessoas", "persone"
    "tuées": "killed", "blessées": "injured", "disparues": "missing", "déplacées": "displaced",
    "muertas": "killed", "asesinadas": "killed", "heridas": "injured",
    "desaparecidas": "missing", "desplazadas": "displaced", "detenidas": "detained",
    "mortas": "killed", "feridas": "injured", "deslocadas": "displaced", "uccise": "killed",
    # verbs of dying after the people counted: "48 personas murieron", "70 pessoas morreram",
    # "20 persone che sono morte", "61 personnes qui sont mortes"
    "murieron": "killed", "fallecieron": "killed", "morreram": "killed", "faleceram": "killed",
    "morirono": "killed", "moururent": "killed", "mortes": "killed", "morte": "killed",
    # Swedish: "131 döda civila, 744 skadade", "29 soldater … dödades"
    "döda": "killed", "dödade": "killed", "dödades": "killed", "omkom": "killed",
    "skadade": "injured", "sårade": "injured", "saknade": "missing", "flyktingar": "displaced",
}  # fmt: skip
QUOTED_POPULATIONS = {
    "personnes": "all", "civils": "civilians", "militaires": "combatants", "soldats": "combatants",
    "enfants": "children", "femmes": "women",
    "personas": "all", "civiles": "civilians", "soldados": "combatants", "niños": "children",
    "mujeres": "women", "pessoas": "all", "civis": "civilians", "crianças": "children",
    "mulheres": "women", "persone": "all", "civili": "civilians", "soldati": "combatants",
    "bambini": "children", "donne": "women", "menschen": "all", "zivilisten": "civilians",
    "soldaten": "combatants", "kinder": "children", "frauen": "women",
    "personer": "all", "människor": "all", "civila": "civilians", "soldater": "combatants",
    "poliser": "combatants", "barn": "children", "kvinnor": "women",
}  # fmt: skip
MEASURES_AFTER.update(QUOTED_MEASURES_AFTER)
POPULATIONS.update(QUOTED_POPULATIONS)

# Armies' words for their own losses ("5,000 WIA", "114,000 killed in combat", "34,000
# non-combat deaths"): the people they count are soldiers.
MILITARY_LOSS_WORDS = r"\b(?:KIA|WIA|MIA|POWs?|(?:killed|wounded|missing|died)\s+in\s+(?:action|combat)|non-?combat)\b"

# Verbs that take the number as their object: "killed 12", "saved some 10,000 lives".
MEASURES_BEFORE = {
    "killed": "killed", "kill": "killed", "kills": "killed", "killing": "killed",
    "slew": "killed", "massacred": "killed", "executed": "killed", "executing": "killed",
    "murdered": "killed", "slaughtered": "killed", "slaughter": "killed", "butchered": "killed",
    "fatally shot": "killed",
    "claimed": "killed", "claiming": "killed", "claims": "killed", "cost": "killed",
    "lost": "killed", "loses": "killed", "losing": "killed",
    "costing": "killed", "took": "killed", "taking": "killed", "taken": "killed",
    "injured": "injured", "injuring": "injured", "wounded": "injured", "wounding": "injured",
    "injures": "injured", "maimed": "injured",
    "detained": "detained", "detaining": "detained", "arrested": "detained",
    "arresting": "detained", "jailed": "detained", "abducted": "abducted", "kidnapped": "abducted",
    "abducting": "abducted", "kidnapping": "abducted",
    "seized": "abducted", "seizing": "abducted", "snatched": "abducted", "snatching": "abducted",
    "displaced": "displaced", "displacing": "displaced", "uprooted": "displaced",
    "disabled": "injured", "disabling": "injured",
    "evacuated": "evacuated", "evacuating": "evacuated", "evacuate": "evacuated",
    "saved": "saved", "saving": "saved", "rescued": "saved", "rescuing": "saved", "save": "saved",
    "eliminated": "killed", "eliminating": "killed", "captured": "detained",
    "assassinated": "killed", "assassinating": "killed",
    "neutralised": "killed", "neutralized": "killed", "neutralising": "killed",
    "neutralizing": "killed",
    # the same verbs in quoted French, Spanish, Portuguese and Italian: "a tué au moins 80
    # personnes et en a blessé …", "matou 41 pessoas", "hanno ucciso 27 persone"
    "tué": "killed", "mató": "killed", "mataron": "killed", "matou": "killed", "mataram": "killed",
    "asesinó": "killed", "asesinaron": "killed", "assassinou": "killed",
    "assassinaram": "killed", "ucciso": "killed", "blessé": "injured", "hirió": "injured",
    "hirieron": "injured", "feriu": "injured", "feriram": "injured", "ferito": "injured",
}  # fmt: skip
# These count the displaced only with "from their homes", "to flee", "out of".
DISPLACING_VERBS = {
    "forced": "displaced",
    "forcing": "displaced",
    "drove": "displaced",
    "driven": "displaced",
    "driving": "displaced",
    "sent": "displaced",
    "sending": "displaced",
    "pushed": "displaced",
    "pushing": "displaced",
}
# Words that, coordinated with killing, make a combined measure the text does not split:
# "killed, injured or disabled" (casualties), "killed or missing", "killed or kidnapped".
KILLING_WORDS = {"killed", "killing", "kill", "kills", "dead", "died", "deaths", "death"}
HARM_WORDS = {"injured", "injuring", "wounded", "wounding", "maimed", "maiming", "disabled",
              "hurt", "injuries", "injures"}  # fmt: skip
MISSING_WORDS = {"missing", "disappeared", "disappearances", "unaccounted"}
ABDUCTION_WORDS = {"kidnapped", "abducted", "captive", "hostage", "hostages", "kidnapping"}
# People counted as held: their count is an abduction unless the sentence says they were freed
# or killed ("killed 20 hostages").
HELD_NOUNS = {"hostages", "captives", "detainees", "internees"}
# People named by what befell them before ("refugees", "evacuees"): a harm the sentence says
# they suffered is the claim's measure ("killed 20 refugees", "150 refugees … were massacred").
STATUS_NOUNS = HELD_NOUNS | {"refugees", "evacuees"}
COMBINED_MEASURES = (
    (HARM_WORDS, "casualties"),
    (MISSING_WORDS, "killed_or_missing"),
    (ABDUCTION_WORDS, "killed_or_abducted"),
)
# These count deaths only with "lives": "claimed 300,000 lives", "took the lives of 20";
# "lost" only with people: "Armenia lost 3,825 troops".
LIFE_VERBS = {"claimed", "claiming", "claims", "cost", "costing", "took", "taking", "taken"}
PEOPLE_VERBS = {"lost", "loses", "losing", "eliminated", "eliminating", "captured", "neutralised",
                "seized", "seizing", "snatched", "snatching",
                "neutralized", "neutralising", "neutralizing"}  # fmt: skip

# Between the people counted and what happened to them: "were reportedly killed".
AUXILIARIES = [
    "were", "was", "are", "is", "have", "has", "had", "been", "being", "be", "reportedly",
    "reported", "believed", "thought", "known", "confirmed", "estimated", "said", "to",
    "already", "now", "all", "so", "far", "also", "still", "allegedly", "officially", "got",
    "later", "subsequently", "since", "feared", "presumed", "listed", "recorded", "documented",
    "registered", "classified as", "counted as", "recognised as", "recognized as", "who", "that", "which", "in", "total", "altogether", "overall", "either",
    "them", "mostly", "mainly", "likely", "probably", "collectively", "as", "left",
    "could", "would", "might", "may", "will", "shall", "can", "cannot", "not", "remain",
    "remained", "remains", "being", "go", "gone", "went", "are", "now", "reportedly",
    "live", "living", "lived", "became", "become", "becomes", "more", "just",
    "lay", "lie", "lies", "lying", "lain",
    "considered", "declared", "presumed", "officially",  # "210 who are still considered disappeared"
    # quoted languages' auxiliaries: "134 civils furent tués", "744 personas resultaron heridas"
    "furent", "fut", "ont été", "ont", "sont", "été", "fueron", "fue", "resultaron", "han sido",
    "foram", "sono stati", "sono state", "furono", "wurden", "sind", "blev", "har",
    "qui", "que", "che", "sono", "son", "são",  # "personnes qui sont mortes", "persone che sono"
]  # fmt: skip

TOLL_NOUNS = [
    "death toll", "toll", "body count", "casualty toll", "casualty figure", "casualty count",
    "civilian toll", "civilian death toll", "fatality count", "fatality figure", "tally",
    "count", "figure", "estimate", "number", "total", "range", "figures", "estimates",
]  # fmt: skip
# Nouns of a measure that act as a toll: "the injuries rose to 25,408", "the displacement is
# close to 50,000", "the deaths included 4,104 children".
MEASURE_TOLL_NOUNS = {
    "deaths": "killed", "fatalities": "killed", "dead": "killed", "killings": "killed",
    "murders": "killed", "homicides": "killed",
    "injuries": "injured", "injured": "injured", "wounded": "injured",
    "casualties": "casualties", "displacement": "displaced", "displaced": "displaced",
    "refugees": "displaced", "arrivals": "displaced", "missing": "missing", "disappearances": "missing",
    "arrests": "detained", "detentions": "detained", "detainees": "detained",
    "prisoners": "detained", "internees": "detained", "political prisoners": "detained",
    "excess": "killed", "excess deaths": "killed", "excess mortality": "killed",
}  # fmt: skip
# Toll nouns that name deaths themselves; the others take their measure from context.
DEATH_TOLL_NOUNS = {"death toll", "toll", "body count", "civilian toll", "civilian death toll",
                    "fatality count", "fatality figure"}  # fmt: skip
CASUALTY_TOLL_NOUNS = {"casualty toll", "casualty figure", "casualty count"}
TOLL_LINKS = [
    "at", "of", "to", "is", "was", "are", "were", "stands at", "stood at", "reached", "reaches",
    "hit", "hits", "topped", "tops", "exceeded", "exceeds", "surpassed", "surpasses", "passed",
    "crossed", "neared", "nears", "approached", "approaches", "now", "as", ":", "totals",
    "totalled", "totaled", "numbered", "numbers", "is now", "was now", "had reached",
    "included", "includes", "including", "include", "reach", "top", "exceed", "surpass",
    "pass", "range between", "ranges between", "ranged between", "range from", "range",
    "ranges", "ranged", "vary", "varies", "varied", "ran", "run", "runs", "account for",
    "accounts for", "accounted for", "make up", "makes up", "made up", "be",
    "ranges from", "ranged from", "put at", "stand at", "amount to", "amounts to",
    "amounted to", "reaching", "stopped at", "stops at", "remained at", "remains at",
    "put",  # "the toll has been put as high as 20,000"
    # a toll revised: "revised the death toll down from 79", "the number … from more than 500 to 109"
    "from", "down from", "up from", "down to",
]  # fmt: skip
# Nouns that name the measure themselves and may take adjectives: "191,369 documented killings".
MEASURE_NOUNS = ["deaths", "killings", "murders", "homicides", "fatalities", "casualties", "injuries", "refugees",
                 "detainees", "evacuees", "victims", "dead", "executions",
                 "disappearances", "bodies", "corpses"]  # fmt: skip
# Toll verbs that say what a qualifier would: "the toll topped 400,000" is more than 400,000.
MORE_THAN_LINKS = {
    "topped",
    "tops",
    "exceeded",
    "exceeds",
    "surpassed",
    "surpasses",
    "passed",
    "crossed",
    "exceed",  # "the total could exceed 1,000"
    "top",
    "surpass",
    "pass",
}
NEARLY_LINKS = {"neared", "nears", "approached", "approaches"}
RISE_VERBS = [
    "rose",
    "risen",
    "rises",
    "rise",  # "will rise from 952 to 1,180"
    "climbed",
    "climbs",
    "increased",
    "jumped",
    "grew",
    "went up",
    "soared",
    "fell",
    "fallen",
    "dropped",
    "declined",
    "decreased",
]

SPEECH_VERBS = [
    "said", "says", "say", "saying", "told", "tells", "reported", "reports", "estimated",
    "estimates", "put", "puts", "putting", "placed", "places", "recorded", "records",
    "documented", "documents", "counted", "counts", "announced", "announces", "stated",
    "states", "claimed", "claims", "confirmed", "confirms", "added", "adds", "noted", "notes",
    "wrote", "writes", "cited", "cites", "tallied", "registered", "found", "finds", "verified",
    "gave", "gives", "warned", "warns", "calculated", "concluded", "revealed", "published",
    "listed", "believes", "estimating", "reporting", "estimate", "believe",
    "report", "record", "document", "count", "acknowledged", "acknowledges", "acknowledge",
    "admitted", "admits", "admit", "conceded", "concedes", "noting", "adding", "stressing",
    "claiming", "warning", "announcing", "confirming", "indicated", "indicates", "indicate",
    "showed", "shows", "show", "suggested", "suggests", "calculates", "compiled",
    "documenting", "recording", "reports", "publishing", "informed", "briefed", "corroborated",
    "stressed", "emphasised", "emphasized", "underlined", "highlighted", "identified",
    "argued", "argues", "argue", "believed", "claim", "spoke of", "speaks of", "spoken of",
    "recalls", "recalled", "recall", "recalling",
    # "officials insist", "the ministry disclosed", "the witness testified"
    "asserted", "asserts", "insisted", "insists",
    "disclosed", "discloses", "testified", "affirmed", "affirms", "specified", "tweeted",
    "reckoned", "reckons", "mentioned", "declared that", "declares that",
    # "UNISFA condemned an attack … in which at least 14 people died": who condemns an attack
    # gives its toll
    "condemned", "condemns", "condemning", "denounced", "denounces", "deplored", "deplores",
]  # fmt: skip
# Speech verbs that are nouns after a determiner: "a conservative estimate", "the report".
VERB_NOUNS = {"estimate", "estimates", "report", "reports", "count", "counts", "record",
              "records", "claims", "claim", "warning", "lists", "figures", "document",
              "documents", "show", "shows"}  # fmt: skip
SOURCE_NOUNS = ["figures", "figure", "data", "tally", "tallies", "count", "counts", "estimate",
                "estimates", "report",
                "toll", "statistics", "numbers", "records", "documentation", "database",
                "reports", "survey", "study", "investigation", "analysis", "assessment",
                "update", "updates", "calculations", "count", "information"]  # fmt: skip
# Participles that say who holds or made a body of figures: "data held by the HLC", "figures
# compiled by the ministry", "a count kept by volunteers" (the agent after "by" is the source).
COMPILED_PARTICIPLES = ["compiled", "published", "released", "issued", "gathered", "given",
                        "provided", "supplied", "obtained", "made", "presented", "prepared",
                        "produced", "conducted", "carried out", "held", "kept", "maintained",
                        "collected", "collated", "assembled", "written", "authored",
                        "commissioned"]  # fmt: skip
PRONOUNS = {
    "he", "she", "it", "they", "the group", "the monitor", "the organisation", "the organization",
    "the agency", "the office", "the ministry", "the network", "the body", "the official",
    "the spokesman", "the spokeswoman", "the spokesperson", "the report", "the watchdog",
    "the charity", "the centre", "the center", "the observatory", "the statement", "the monitoring group",
    "the project", "the commission", "the mission", "the study", "the survey", "the team",
    "the database", "the tracker", "the department", "the authority", "the committee",
    "the council", "the unit", "the directorate", "the institute", "the researchers",
    "the service", "the authorities", "the army", "the military", "the police",
    "the paper", "the newspaper",
    "we", "our", "us", "i", "my", "them",
}  # fmt: skip
FIRST_PERSON = {"we", "our", "us", "i", "my"}
# Generic nouns that refer back only to a claimant whose name has the noun ("the commission" ->
# "Truth Commission"); otherwise they stand for themselves.
GENERIC_REFERENCES = {
    "the project", "the commission", "the mission", "the study", "the survey", "the team",
    "the database", "the tracker", "the department", "the authority", "the committee",
    "the council", "the unit", "the directorate", "the institute", "the researchers",
    "the service", "the authorities", "the army", "the military", "the police",
    "the paper", "the newspaper",
}  # fmt: skip
# What happens, as the subject of a verb that harms people ("an airstrike killed 50 people", "the
# fighting has driven two million from their homes"): the text narrating events in its own voice.
EVENT_NOUNS = ["attack", "attacks", "airstrike", "airstrikes", "air strike", "air strikes", "strike",
               "strikes", "bombing", "bombings", "bombardment", "bombardments", "shelling", "explosion",
               "explosions", "blast", "blasts", "bomb", "bombs", "raid", "raids", "assault", "offensive",
               "fighting", "clashes", "conflict", "war", "violence", "massacre", "insurgency", "ambush",
               "famine", "earthquake", "flood", "floods", "siege", "campaign", "hostilities"]  # fmt: skip
EVENT_VERBS = ["killed", "kills", "kill", "claimed", "left", "wounded", "injured", "displaced",
               "driven", "drove", "forced", "uprooted", "sent", "caused", "cost"]  # fmt: skip
# Measures of one kind: a source that counted the dead does not go on to count the displaced.
MEASURE_FAMILIES = {"displaced": "displacement", "evacuated": "displacement", "saved": "saved"}
# Vague subjects that name no one: "some believe", "many say".
NOBODY = {"some", "many", "others", "most", "few", "several", "some experts", "critics"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}

NEGATION_CUES = r"\b(?:no|not|never|none|nobody|n['’]t|deny|denies|denied|denying|rejected|rejects|dismissed|dismisses|refuted|refutes|false|falsely|untrue|without)\b"
HYPOTHETICAL_CUES = r"(?:\b(?:could|would|might|will|shall|should|if|unless|risk|risks|threaten|threatens|threatened|projected|projection|potentially|possibly|scenario|expected\s+to|likely\s+to|set\s+to)\b|['’]ll\b|\bmay\b(?-i:(?<=may)))"
COMPARISON_CUES = r"\b(?:than(?:\s+the)?|compared\s+(?:with|to)(?:\s+the)?|(?:compar(?:e|es|ed|ing)|likened|likens)\b[^.;]{0,60}?\b(?:to|with)(?:\s+the)?|like\s+the|similar\s+to(?:\s+the)?|equivalent\s+to(?:\s+the)?|surpassing(?:\s+the)?|exceeding(?:\s+the)?|eclipsing(?:\s+the)?|twice(?:\s+the)?|dwarfing(?:\s+the)?|as\s+in)\s*$"
PASSING_CUES = r"\b(?:than|compared|deadliest|worst|since\s+the|like\s+the|dwarf|dwarfs|dwarfed|rivals?|eclipsed?|surpass(?:es|ed)?)\b"
# What a compared figure belongs to when it is another event's: "the 100,000 killed in Bosnia",
# "the six million killed in the Holocaust in the last century".
OTHER_EVENT_CUES = r"\b(?:in|during|of|at|from)\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+){0,3}(?:Holocaust|War|Genocide|genocide|Massacre|massacre|Famine|famine|Blitz|Revolution|Crusades?)\b|\b(?:last|previous|past|nineteenth|twentieth|1[0-9]th|20th)\s+century\b|\bWorld\s+War\b|\b(?:in|of|during)\s+1[0-9]{3}\b|\b(?:in|of|during)\s+19[0-8][0-9]\b"
