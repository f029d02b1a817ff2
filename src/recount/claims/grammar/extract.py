"""The claim grammar: which numbers in a sentence count people, what happened to them, who says so.

A number becomes a claim through one of these constructions (the `construction`
column names it):

- subject: NUMBER [adjectives POPULATION] [, aside ,] [auxiliaries] MEASURE
  ("more than 300,000 people have been killed", "dozens dead", "12 civilian deaths")
- object: VERB NUMBER [POPULATION] ("the strike killed 12 civilians", "saved some 10,000 lives")
- toll: TOLL-NOUN ... LINK NUMBER ("the death toll is more than 300,000",
  "put the toll at 400,000", "the number of children killed rose to 1,200")
- among: "among the dead were 12 children"
- part: "..., including 12 children" (the measure of the claim it belongs to)
- list: "500,000 and 230,000 respectively", "12 civilians and 3 fighters were killed"

Numbers that are years, ages, dates, times, percentages, money or units never
become claims; a number compared with ("more than the 8,000 killed at
Srebrenica") or a casualty figure of another war mentioned in passing is left
out. Negated and hypothetical claims are kept and marked in `context`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from recount.claims.claimants import ClaimantMention, Gazetteer
from recount.claims.grammar import fields, ranking
from recount.claims.grammar.acronyms import definitions
from recount.claims.grammar.attribution import (
    Attribution,
    choose_attribution,
    credited_source,
    find_attributions,
    report_credit_end,
)
from recount.claims.grammar.lexicon import (
    AUXILIARIES,
    CASUALTY_TOLL_NOUNS,
    COMBINED_MEASURES,
    COMPARISON_CUES,
    DEATH_TOLL_NOUNS,
    DISPLACING_VERBS,
    EVENT_NOUNS,
    EVENT_VERBS,
    FIRST_PERSON,
    GENERIC_REFERENCES,
    HELD_NOUNS,
    HYPOTHETICAL_CUES,
    KILLING_WORDS,
    LIFE_VERBS,
    MEASURE_FAMILIES,
    MEASURE_NOUNS,
    MEASURE_TOLL_NOUNS,
    MEASURES_AFTER,
    MEASURES_BEFORE,
    MILITARY_LOSS_WORDS,
    MORE_THAN_LINKS,
    NEARLY_LINKS,
    NEGATION_CUES,
    OTHER_EVENT_CUES,
    PASSING_CUES,
    PEOPLE_SINGULARS,
    PEOPLE_VERBS,
    PEOPLES,
    POPULATIONS,
    RISE_VERBS,
    STATUS_NOUNS,
    TOLL_LINKS,
    TOLL_NOUNS,
    alternation,
)
from recount.claims.grammar.quotes import Quote
from recount.claims.grammar.tables import TableRow
from recount.claims.numbers import (
    ABOUT_BAND,
    NEARLY_BAND,
    QUALIFIER_PATTERN,
    UNITS,
    Quantity,
    find_quantities,
)
from recount.claims.scope import (
    Period,
    Place,
    all_country_adjectives,
    country_adjectives,
    find_periods,
    find_places,
)
from recount.reference import NO_PACK, CountryPack

_POP = alternation(POPULATIONS)
# Held where people are confined: "were held in more than 60 small camps", "held at the
# Hennala prison camp" (a meeting held in a hall is no detention).
_HELD_IN = (
    r"(?:held|confined|kept)\s+(?:in|at|on)\s+(?:[\w'’-]+\s+){0,5}?(?:camps?|prisons?|jails?|"
    r"detention|custody|cells?|stockades?|penitentiar(?:y|ies)|internment)\b"
)
_HELD_IN_RE = re.compile(_HELD_IN, re.IGNORECASE)
_MEAS = f"{alternation(MEASURES_AFTER)}|{_HELD_IN}"
_AUX = alternation(AUXILIARIES)
_PASSIVE_HARM = (
    r"(?:killed|injured|wounded|arrested|detained|abducted|kidnapped|displaced|executed|interned|"
    r"imprisoned|jailed|captured|incarcerated|held(?=\s+(?:in|at|on)\s))"
)
_PLACE_PHRASE = r"(?:in|on|at|near|from|across|around|inside|outside|throughout)\s+(?:(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}|(?:both|each|either)\s+sides?)"
# "3,000 residents of border settlements had been evacuated": whose home the people are
_HOME_OF = (
    r"\s+of\s+(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,2}(?:settlements?|villages?|towns?|areas?|"
    r"regions?|districts?|cit(?:y|ies)|camps?|communit(?:y|ies)|neighbou?rhoods?)"
)
_LOCATIVE = rf"(?:(?:\s+|(?<=\s)){_PLACE_PHRASE}|{_HOME_OF})?"
# What only people do, after a noun the lexicon does not know ("27,927 Boers had died", "68
# inmates died", "300,000 Paraguayans … perished"): that noun names people; animals die too.
_DYING = r"(?:died|perished|succumbed|fled|(?:go|goes|went|gone)\s+missing)"
_ANIMALS = r"(?:[\w-]+\s+)?(?:cattle|cows|sheep|goats|camels|horses|donkeys|animals|livestock|head|birds|fish|dogs)"
# A word before a people noun; initials too ("23 U.S. soldiers died").
_ADJECTIVE = rf"(?:(?!(?:and|or|but|of|with|by|{_POP}|{alternation(UNITS)})\b)(?:[A-Za-z][\w'’-]*|(?-i:[A-Z]\.){{2,3}})\s+)"
_AGE_WORD = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|sixteen|eighteen)"
_AGE_AFTER = (
    r"(?:\s+(?:aged|under|below|over|younger\s+than|older\s+than)\s+(?:the\s+age\s+of\s+)?"
    rf"{_AGE_WORD}(?:\s*(?:to|-|–|and)\s*{_AGE_WORD})?(?:\s+years?(?:\s+old|\s+of\s+age)?)?)"
)
_RATE_BETWEEN = r"(?:\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b)"
_FORWARD_RE = re.compile(
    rf"^\s*(?:\([^()]{{0,60}}\)\s*)?(?P<of>of\s+)?(?:(?:reports?|names|accounts|cases)\s+of\s+)?(?:{_ADJECTIVE}{{0,3}}?(?P<pop>(?:{_POP})(?:\s+(?:{_POP})|\s*,?\s+(?:and|or|&)\s+(?:{_ADJECTIVE}){{0,1}}?(?:{_POP}))?)\b|{_ADJECTIVE}{{1,2}}?(?=(?:{alternation(MEASURE_NOUNS)})\b)|(?!{_ANIMALS}\b){_ADJECTIVE}{{1,2}}?(?=(?:{_PLACE_PHRASE}\s+)?(?:had|have|has|were|was)\s+(?:been\s+)?{_PASSIVE_HARM}\b)"
    rf"|(?!{_ANIMALS}\b){_ADJECTIVE}{{0,2}}?[A-Za-z][\w'’-]*(?=(?:\s*,[^,.;]{{1,40}},)?\s+(?:who\s+)?(?:(?:had|have|has)\s+)?{_DYING}\b))?"
    # "10,000 children under five died", "37 boys aged 12 to 17 were killed": whose ages
    rf"{_AGE_AFTER}?"
    # "70 a day are dying", "2,000 people a day are dying": a rate before the verb
    rf"{_RATE_BETWEEN}?"
    # "56 families (336 people) who had been displaced": the count restated in brackets
    r"(?:\)(?=\s+(?:who|that)\b))?"
    rf"{_LOCATIVE}"
    r"(?P<aside>\s*(?:,|\(|–|—)\s*[^,()–—.;]{0,80}?(?:,|\)|–|—)|\s*\([^()]{0,80}\)"
    r"|\s+[–—-]\s+[^()–—.;]{0,80}?\s[–—-](?=\s))?"
    rf"\s*(?:(?:{_AUX}|[a-z]+ly)\s+){{0,6}}?"
    rf"[\"“‘']?\b(?P<meas>{_MEAS})\b",  # 'who have "disappeared"': a measure in quotes
    re.IGNORECASE,
)
_ONE_OF_A_PEOPLE_RE = re.compile(rf"^\s+(?-i:{alternation(PEOPLE_SINGULARS)})\b")
_POP_AFTER_RE = re.compile(  # "hundreds of Argentine and British lives": adjectives joined
    rf"^\s*(?:of\s+)?(?:{_ADJECTIVE}(?:(?:and|or)\s+(?={_ADJECTIVE}))?){{0,2}}?"
    rf"(?P<pop>(?:{_POP})(?:\s+(?:{_POP})|\s+(?:and|or)\s+(?:{_POP})(?:\s+of\s+war)?)?)\b",
    re.IGNORECASE,
)  # "civilians and prisoners of war": two peoples joined share a population only if both have it
_POP_NEXT_RE = re.compile(  # "742 killed servicemen"; "killed by security forces" is the agent
    rf"\s+(?!(?:by|from|in|at|during|after|including)\b){_ADJECTIVE}{{0,2}}?(?P<pop>{_POP})\b",
    re.IGNORECASE,
)
_OF_THEM_RE = re.compile(r"^\s+of\s+(?:them|those|whom|these)\b", re.IGNORECASE)
# A part of the people just counted with a fate of its own: "one of whom later died".
_OF_WHOM_MEASURE_RE = re.compile(
    rf"^\s+of\s+(?:them|whom)\s+(?:(?:later|subsequently|also|afterwards|then|eventually|"
    rf"reportedly|had|has|have|were|was|been)\s+){{1,3}}(?P<meas>{_MEAS})\b",
    re.IGNORECASE,
)
_POP_WORD_RE = re.compile(rf"\b(?:{_POP})\b", re.IGNORECASE)
# "27,000 of the dead were civilians"
_OF_DEAD_POP_RE = re.compile(
    rf"\s*(?:were|was|are|is)\s+(?:{_ADJECTIVE}){{0,2}}?(?P<pop>{_POP})\b", re.IGNORECASE
)
# "Civilians, at 25,667, represented the vast majority of those killed"
_POP_AT_RE = re.compile(rf"\b(?P<pop>{_POP}),?\s+at\s+$", re.IGNORECASE)
_THOSE_MEASURED_RE = re.compile(
    r"^\s*,[^.;]{0,80}?\b(?:of\s+)?(?:those|the)\s+(?P<meas>killed|dead|victims|injured|wounded|displaced|missing|detained)\b",
    re.IGNORECASE,
)
_ANOTHER_RE = re.compile(r"\b(?:another|a\s+further|an\s+additional)\s+$", re.IGNORECASE)
# "several hundred more had crossed", "Thousands more stayed in Austria": more of the same.
_MORE_AFTER_RE = re.compile(
    r"^\s+more\s+(?=(?:had|have|has|were|was|are)\b|\w+ed\s+(?:in|to|into|from|across|over|by|"
    r"on|at|during|since)\b)",
    re.IGNORECASE,
)
# A camp or a prison that held or housed people: those people were detained.
_CONFINING_RE = re.compile(
    r"\b(?:camps?|prisons?|jails?|stockades?|penitentiar(?:y|ies)|detention\s+(?:centres?|"
    r"centers?|facilit(?:y|ies)))\b[^.;:]{0,80}?\b(?P<verb>held|holds|housed|houses|contained|"
    r"confined)\s+(?:a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)
# Camps the text names as the displaced's: "the displacement camp", "IDP camps", "camps for
# the displaced"; a camp of theirs that houses people shelters them, it does not detain them.
_SHELTER_CAMP_RE = re.compile(
    r"\b(?:displace\w*|refugees?|IDPs?|relief|protection\s+of\s+civilians)(?:['’]s?)?\s+"
    r"(?:persons['’]?\s+)?camps?\b|\bcamps?\s+for\s+(?:the\s+)?(?:displaced|refugees|IDPs)",
    re.IGNORECASE,
)


def _sheltering(confining: re.Match[str], state: DocumentState) -> bool:
    return (
        confining.group("verb").lower() in ("housed", "houses")
        and re.search(r"\bcamps?\b", confining.group(0), re.IGNORECASE) is not None
        and _SHELTER_CAMP_RE.search(state.text[: state.offset]) is not None
    )


_BACKWARD_RE = re.compile(
    rf"\b(?P<verb>{alternation(MEASURES_BEFORE)})\s+(?P<lives>the\s+lives\s+of\s+)?"
    r"(?:(?:a\s+total\s+of|another|a\s+further|an\s+additional|a\s+staggering|the|des|"
    r"all(?:\s+the)?)\s+)?$",  # "killing all 298 people aboard"
    re.IGNORECASE,
)
_TOLL_RE = re.compile(
    rf"\b(?P<toll>(?:(?P<tpop>{_POP})\s+)?(?P<noun>{alternation(TOLL_NOUNS + list(MEASURE_TOLL_NOUNS))}))\b"
    # "The toll from the shootings at two mosques during Friday prayers has climbed to": a
    # longer modifier between the noun and its verb holds no comma and no figure
    r"(?P<mid>(?:[\s,]+[^\s.;:!?]+){0,10}?|(?:\s+[^\s\d.;:!?,()]+){11,14}?)"
    rf"\s*(?P<link>\b(?:{alternation(TOLL_LINKS + RISE_VERBS + [f'{v} from' for v in RISE_VERBS])})\b|:)"
    r"(?:\s+(?:probably|perhaps|likely|possibly|certainly|now|already|only|just))?\s*$",  # "was probably"
    re.IGNORECASE,
)
_NOUN_OF_RE = re.compile(
    r"\b(?:the\s+)?(?P<w>deaths?|killings?|killing|executions?|massacres?|murders?|slaughter|displacement|exodus|flight|influx|abductions?|kidnappings?|whereabouts|arrests?|detention|evacuation|disappearance|injuries|injury|wounding)\s+of\s+"
    rf"(?:(?:{QUALIFIER_PATTERN}|another|an\s+additional|a\s+further)\s+)?$",
    re.IGNORECASE,
)
_NOUN_OF_MEASURES = {
    "death": "killed", "deaths": "killed", "killing": "killed", "killings": "killed",
    "execution": "killed", "executions": "killed", "massacre": "killed", "massacres": "killed",
    "murder": "killed", "murders": "killed", "slaughter": "killed",
    "displacement": "displaced", "arrest": "detained", "arrests": "detained",
    "detention": "detained", "evacuation": "evacuated", "disappearance": "missing",
    "injuries": "injured", "injury": "injured", "wounding": "injured",
    "exodus": "displaced", "flight": "displaced", "influx": "displaced",
    "whereabouts": "missing",
    "abduction": "abducted", "abductions": "abducted", "kidnapping": "abducted",
    "kidnappings": "abducted",
}  # fmt: skip
_DISPLACED_TAIL_RE = re.compile(
    r"^[^.;]{0,40}?\b(?:from\s+their\s+homes|to\s+flee|out\s+of\s+their|from\s+the\s+(?:city|town|area|region)|to\s+seek\s+(?:refuge|safety|shelter)|off\s+their\s+land|into\s+exile|to\s+(?:leave|abandon)\s+(?:their|the)|across\s+the\s+border|abroad|fleeing|into\s+flight)",
    re.IGNORECASE,
)
_AMONG_RE = re.compile(
    r"\bamong\s+(?:the\s+|those\s+)?(?P<w>dead|killed|victims|fatalities|injured|wounded|casualties|missing|detained|displaced)\s*(?:,\s*)?(?:were|are|was|is)?\s*$",
    re.IGNORECASE,
)
_PART_RE = re.compile(
    r"(?:\bincluding|\bamong\s+them|\bamong\s+whom|\bof\s+whom|\bof\s+them|\bmost\s+of\s+them|\bmostly|\bmainly|\bincl\.?|\bamong\s+those|\bcompris(?:e|es|ed|ing)|\bconsist(?:s|ed|ing)?\s+of|\bbroke\s+down\s+into|\()\s*(?:were|are|was|is)?\s*$",
    re.IGNORECASE,
)
# "300 deaths and 450 in June", "spoke of 145 000 victims in 1959 and of 200 000 in 1960".
_COORD_RE = re.compile(
    r"^\s*(?:,\s*)?(?:(?:and|or)(?:\s+(?:(?:more|most)\s+)?(?:likely|possibly|perhaps|probably|maybe|even))?(?:\s+(?:of|at))?|as\s+well\s+as|plus|&|with|,|compared\s+(?:to|with)|versus|vs\.?|against|(?:up|down)\s+from)\s*$|^\s*[-–—:(]\s*$",
    re.IGNORECASE,
)
# "74 people were killed on 13 February in Xococ; 177 on 13 March …; and 92 on …": items of a
# list told apart by semicolons, each with its date and place, take the measure before them
# (only forward: a count before a semicolon keeps its own, "…; 9,625 people were injured").
_SEMICOLON_ITEM_RE = re.compile(r"^\s*;\s*(?:and\s+)?$")
_ITEM_VERB_RE = re.compile(
    r"\b(?:were|was|are|is|be|been|have|has|had|will|would|could|did|do|does|[a-z]+(?:ed|ing))\b"
)


def _verbless_item(sentence: str, claim: SentenceClaim) -> bool:
    """A list item with no verb of its own up to its next comma, semicolon or full stop ("177 on
    13 March at the pass"), not a clause ("two million people were affected")."""
    item = re.match(r"[^,;.]*", sentence[claim.quantity.end :]).group(0)
    return _ITEM_VERB_RE.search(item) is None


_LIST_TAIL_RE = re.compile(
    rf"^\s*(?:(?:{_ADJECTIVE}){{0,2}}(?:{_POP})\b|[,.;:)]|$|respectively\b|and\b|or\b|in\b|on\b|since\b|according\b|were\b|have\b|had\b|who\b|as\b"
    r"|nationwide\b|countrywide\b|overall\b|altogether\b|elsewhere\b|(?:to|from)\s+(?-i:[A-Z])"
    r"|(?:the|a)\s+(?:previous\s+)?(?:year|month|week)\s+(?:before|earlier)\b|last\s+(?:year|month)\b)",
    re.IGNORECASE,
)
_DISPLACING_RE = re.compile(
    rf"\b(?:{alternation(DISPLACING_VERBS)})\s+(?:(?:{QUALIFIER_PATTERN})\s+)?$",
    re.IGNORECASE,
)
_HARM_AFTER_RE = re.compile(
    r"(?:\s*,\s*[a-z]+)*\s*(?:,?\s+(?:or|and|and/or)\s+|,\s*(?=(?:injured|wounded)\b))(?:(?:were|was|are|is|been|went|remain|remained|still)\s+){0,2}(?:forcibly\s+)?(?:injured|injuries|wounded|maimed|disabled|hurt|killed|dead|deaths|missing|disappeared|disappearances|kidnapped|abducted|abductions)\b",
    re.IGNORECASE,
)
_RISE_RE = re.compile(rf"\b(?:{alternation(RISE_VERBS)})\s*$", re.IGNORECASE)
_NEGATION_RE = re.compile(NEGATION_CUES, re.IGNORECASE)
# A capitalised negation inside a sentence before a capitalised word is part of a name the
# gazetteer may not hold: "The No More Hiroshima & Nagasaki Museum", "Doctors Without Borders".
_NAMED_NEGATION_RE = re.compile(r"(?<=\S\s)(?:No|Not|Never|Without)(?=\s+[A-Z][\w'’-]*)")
_HYPOTHETICAL_RE = re.compile(HYPOTHETICAL_CUES, re.IGNORECASE)
_COMPARISON_RE = re.compile(COMPARISON_CUES, re.IGNORECASE)
_PASSING_RE = re.compile(PASSING_CUES, re.IGNORECASE)
_YARDSTICK_EVENT_RE = re.compile(OTHER_EVENT_CUES)
_SCOPE_BEFORE_RE = re.compile(
    r"\b(?:in|on|at|across|throughout|inside|around|near|from|of|to|into|for|over|and|outside|within|between|hit|struck|bombed|besieged)\s+(?:(?:the|a|an|eastern|western|northern|southern|east|west|north|south|central|rural|besieged|rebel-held|city|town|province|governorate|village|district|of)\s+){0,4}$",
    re.IGNORECASE,
)
_POSSESSIVE_RE = re.compile(r"['’]s?\b")
_OTHER_EVENT_RE = re.compile(
    r"\b(?:after(?!\s+being\b)|before(?!\s+being\b)|when|until|once|ago)\b", re.IGNORECASE
)
_SOFT_BREAK_RE = re.compile(r"[,;:—–(]|\bwhil(?:e|st)\b|\bbut\b|\bwhereas\b")
_HARD_BREAK_RE = re.compile(
    r"[;—–]|\bwhil(?:e|st)\b|\bbut\b|\bwhereas\b|\bas\b|\bbecause\b|\bafter\b|\bwhen\b"
)

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_BUILDINGS = (
    r"(?:mosques|churches|temples|schools|hospitals|clinics|houses|homes|buildings|villages|"
    r"businesses|shops|markets|bridges|dams)"
)
_BUILDINGS_COUNTED_RE = re.compile(rf"\d[\d,.]*\s+(?:[\w-]+\s+){{0,2}}?{_BUILDINGS}\b", re.I)
_NOT_A_COUNT_AFTER_RE = re.compile(
    r"^(?:\s*-?\s*(?:years?|yrs?|months?|weeks?|days?|hours?|minutes?|seconds?)(?:[\s-]+old)?\b"
    r"|\s*-\s*(?:year|month|week|day)\b"
    r"|\s*(?:%|per\s*cent|percent|pc\b|percentage)"
    r"|\s*(?:km|kilomet|miles?\b|metres?\b|meters?\b|kg\b|kilograms?|tonnes?\b|tons?\b|hectares?|acres?|square|sq\b|feet\b|ft\b)"
    r"|\s*(?:dollars|usd|euros?|pounds|syrian\s+pounds|lira|liras|\$)"
    r"|\s*(?:times|fold)\b"
    r"|\s+in\s+(?:every\s+)?(?:[1-9]\d?|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred)\b(?![\d,.])"  # one in five
    r"|\s*(?:[a-z]+\s+){0,2}per\s+(?:1,000|10,000|100,000|1000|10000|100000|thousand)\b"
    r"|\s*(?:(?:am|pm|gmt|utc|o['’]clock)\b|[ap]\.m\.)"
    # a fraction's number ("one-sixth of the population", "more than three-quarters of them")
    r"|[\s-]+(?:halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
    # estimates or studies counted, not people ("a survey of 14 estimates"), nor kinds of them
    r"|\s+(?:estimates|studies|surveys|sources|kinds|types|sorts|categories)\b"
    # homes counted, not people ("56 families (336 people) who had been displaced")
    r"|\s+(?:[\w-]+\s+)?(?:families|households)\b"
    # places people are held in, not people ("held in more than 60 small camps")
    r"|\s+(?:[\w-]+\s+){0,2}?(?:camps|prisons|jails|cells|detention\s+cent(?:re|er)s)\b"
    # the troops who served, not the dead among them ("of some 125,000 Americans who fought")
    r"|\s+(?:[\w-]+\s+){0,2}who\s+(?:fought|served)\b"
    # weapons lost, not people: "4 MiG-29s", "1 Aermacchi MB-339", "185 tanks/APCs destroyed"
    r"|\s+(?:(?-i:[A-Z][a-z]+)\s+)?(?-i:[A-Z][A-Za-z]{0,3}-\d)"
    r"|\s+(?:[\w-]+\s+)?(?:tanks?|APCs?|aircraft|airplanes?|planes?|jets?|helicopters?|artillery|"
    r"guns?|cannons?|launchers?|vehicles?|trucks?|ships?|boats?|vessels?|drones?|missiles?)\b"
    # buildings and places counted, not people: "at two Christchurch mosques", "250,000 houses"
    rf"|\s+(?:(?!(?:{_POP}|in|at|of|on|into|from|to|and|or|were|was|are|is|had|have)\b)[\w-]+\s+){{0,2}}?"
    rf"{_BUILDINGS}\b"
    r"|:\d|\s*/\s*\d|/(?=\s|$)"  # "10:30", "1/2", a footnote "54/"; not "383: 145 civilians"
    rf"|\s+(?!(?-i:may)\b){_MONTH}(?![\w])"  # "15 May" is a date; "300,000 may have died" a count
    r"|(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)
_NOT_A_COUNT_BEFORE_RE = re.compile(
    r"(?:\b(?:every|one\s+in|in\s+every|out\s+of\s+every|CI|confidence\s+interval|aged|age|ages|age\s+of|ages\s+of|ages\s+between|population\s+of|out\s+of|resolution|article|chapter|route|highway|road|page|paragraph|section|phase|room|flight|unit|brigade|division|grade|level|number|no\.|nos\.|item|point|verse|platoon|battalion|regiment|district|zone|sector|category|model|type|version|episode|season|volume|vol\.?|p\.|pp\.)"
    rf"|\b{_MONTH}|[$£€¥]|\bus\$|\d\s*/|\d:(?!\s)|\d\s*\.\s*$|#|\bper"
    r"|(?-i:\b[A-Z][A-Za-z]{0,3})-"  # a model's number: "MiG-29", "Su-25", "MB-339"
    # a sample: "interviewed 188 victims and witnesses"; a population: "the population was 525,000"
    r"|\b(?:interviewed|interviewing|surveyed|questioned|polled|sampled)"
    r"|\bpopulation\s+(?:was|is|were|stood\s+at|numbered|of\s+only|had\s+been)"
    r"|\bpopulation\s+(?:is|was|were|had\s+been)\s+(?:estimated|put|reckoned|thought)\s+at"
    # a margin of error, "102,800 (+/- 11,000)"; payments to victims are not a count of them
    r"|\+\s*/\s*-|±"
    r"|\b(?:reparations|compensation|pensions|payments)\s+(?:[a-z]+\s+){0,2}(?:to|for))\s*$",
    re.IGNORECASE,
)
_TEMPORAL_BEFORE_RE = re.compile(
    rf"(?:\b(?:in|since|by|of|during|until|till|from|through|to|between|early|late|mid|before|after|around|summer|spring|autumn|winter|fall|year|end|start|beginning|{_MONTH})|\b(?:19|20)\d\d\s+and)[\s-]*$",
    re.IGNORECASE,
)
# What opens a year of an older century: "in 1867", "since 1864" (not "to 1500": a count).
_OLD_YEAR_BEFORE_RE = re.compile(
    r"\b(?:in|since|during|until|till|before|after|year|of\s+the\s+year)\s+$", re.IGNORECASE
)
_OF_THEM_BEFORE_RE = re.compile(r"\bof\s+(?:them|whom|those|these)\s*$", re.IGNORECASE)
_AGE_QUALIFIER_RE = re.compile(rf"\b(?:{_POP}|those|aged|age)\s*$", re.IGNORECASE)


# Excess deaths said as a comparison with the usual: "1,052 more people than usual died" is a
# count of 1,052 deaths, no comparison with another figure ("more" and "than usual" are blanked).
_EXCESS_RE = re.compile(
    r"(\d\s+)(more)(\s+(?:people|deaths|persons)\s+)(than\s+(?:usual|normal|expected|average))\b",
    re.IGNORECASE,
)


@dataclass
class DocumentState:
    """What later sentences need from earlier ones: the last claimant and measure named."""

    outlet: str | None
    date: dt.date | None
    last_claimant: tuple[str, str] | None = None
    last_measure: str | None = None
    quotes: list[Quote] = field(default_factory=list)  # with offsets into the document
    offset: int = 0  # where the current sentence starts in the document
    new_paragraph: bool = True  # a line break before the current sentence
    previous_claimant: tuple[str, str] | None = None  # of the previous sentence's claims
    paragraph_speaker: tuple[str, str] | None = None  # the last source named in this paragraph
    previous_measure: str | None = None  # of the previous sentence's claims
    previous_head_measure: str | None = None  # … of its first claim, the count the rest break down
    last_country: str | None = None  # ISO code of the last place named
    list_source: tuple[str, str] | None = None  # "Among its other findings:" before a list
    list_heading: tuple[str, str] | None = (
        None  # "Civilian fatalities:": its items' measure, people
    )
    in_list: bool = False  # the previous line was a list's item or the line that opens it
    topic_country: str | None = None  # the country the whole text names most often
    war_start: dt.date | None = None  # when "the war" of that country began
    countries: dict[str, int] = field(default_factory=dict)  # times each country is named …
    countries_to: int = 0  # … in the text up to here
    full_names: dict[str, str] = field(default_factory=dict)  # "Bogner" -> "Matilda Bogner"
    named: list[tuple[str, str]] = field(default_factory=list)  # claimants named so far, in order
    previous_measures: frozenset[str] = frozenset()  # of the previous sentence's attributed claims
    # (source, measure) of each figure a source of this paragraph gave, in order
    paragraph_counts: list[tuple[tuple[str, str], str]] = field(default_factory=list)
    principal: tuple[str, str] | None = None  # the source the text's first figures are credited to
    principal_measures: frozenset[str] = frozenset()  # … and the measures it gave there
    paragraphs: int = 0  # paragraphs with figures so far
    wire_style: bool = False  # paragraphs of one sentence each, as wire copy is written
    datelined: bool = False  # the paragraph opens with its own report's header ("AFP, 6 June —")
    cited: bool = False  # the text has citation markers ("[6]"): an encyclopedia's
    table_row: TableRow | None = None  # the table row the current sentence is
    text: str = ""  # the whole document (citation markers masked), for names given earlier
    pack: CountryPack = NO_PACK  # the workspace's country: its admin units get their codes
    losses: bool = False  # inside an infobox's "Casualties and losses": the sides' fighters
    losses_people: str | None = None  # … under a heading of other people ("Civilian victims:")
    military_blocks: list[tuple[int, int]] | None = None  # runs of lines of an army's losses
    summed: list[tuple[str, str]] = field(default_factory=list)  # (measure, people) since a total
    report_population: str | None = None  # "documented 66 civilian casualties": whom it counts
    report_claimant: str | None = None  # … who counts them
    acronyms: list[tuple[str, str]] | None = None  # (name, acronym) pairs the text defines
    report_period: Period | None = None  # … and over which period ("From 1 January to 29 …")
    field_measure: str | None = None  # an infobox field's measure ("Deaths") for its bare counts
    field_source: tuple[str, str] | None = None  # … and the source a line names inside it
    by_source: tuple[str, str] | None = None  # "Civilians killed according to:": lines "X: 202"
    credited: tuple[str, frozenset[str]] | None = None  # the paragraph credit's source ("site")
    roundup: bool = False  # the text's credit names several reports: no lede speaks for them all
    # "8 March, Daily Trust: …": whose report the line is
    line_source: tuple[str, str] | None = None


@dataclass
class SentenceClaim:
    quantity: Quantity
    measure: str | None = None
    measure_text: str | None = None
    population: str = "all"
    construction: str | None = None
    phrase_end: int = 0  # end of the claim phrase in the sentence
    phrase_start: int = 0  # start of the claim phrase (a verb before the number, when there is one)
    toll_end: int = -9  # where a toll's noun ends ("Fatalities| in 2018 reached 28,182")
    anaphoric: bool = False  # "puts the figure at", "lowered that range to": the figure before
    own_population: bool = False
    context: str = "asserted"
    rate: str | None = None  # a rate's period ("day"): "165 killed a day" is not a total
    continued: bool = False  # credited to the previous sentence's source, not its own
    scoped: bool = False  # credited by a source that covers its own phrase only ("108 (per UN)")
    earlier: Quantity | None = None  # "rose from 20 to 35": the earlier figure, a claim too
    standing: bool = False  # … that earlier figure: it stands now, whatever the rise to come
    claimant: str | None = None
    claimant_kind: str | None = None
    attributed: bool = False
    place: Place | None = None
    period: Period | None = None
    slate: list[ranking.Candidate] = field(default_factory=list)  # the claimant ranker's


def sentence_claims(
    sentence: str, state: DocumentState, gazetteer: Gazetteer
) -> list[SentenceClaim]:
    """The claims one sentence makes, in order. Updates `state` for the sentences after it."""
    sentence = _EXCESS_RE.sub(
        lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3) + " " * len(m.group(4)), sentence
    )
    quantities = find_quantities(sentence)
    credit = report_credit_end(sentence)
    mentions = [m for m in gazetteer.find(sentence) if m.start >= credit]
    _losses_section(sentence, state)
    item = _LIST_ITEM_RE.match(sentence) is not None or (
        state.in_list and _LABEL_COUNT_LINE_RE.match(sentence) is not None
    )
    if item and state.in_list:
        state.new_paragraph = False  # a list's items are one paragraph, whatever their lines
    state.in_list = item or sentence.rstrip().endswith(":")
    if state.new_paragraph:
        state.paragraph_speaker = None
        state.line_source = None
        state.paragraph_counts = []
        state.datelined = _DATELINE_RE.match(sentence) is not None or credit > 0
    label = _LINE_LABEL_RE.match(sentence)
    if label is not None:
        state.line_source = _label_source(label, mentions)
    if state.new_paragraph or credit > 0:
        state.credited = credited_source(sentence)
    if credit > 0 and state.paragraphs == 0:
        state.roundup = _ROUNDUP_CREDIT_RE.search(sentence[:credit]) is not None
    speaker_before = state.paragraph_speaker
    prior = _Prior(
        state.previous_claimant,
        state.last_claimant,
        state.principal,
        [source for source, _ in state.paragraph_counts],
        state.previous_measures,
        state.principal_measures,
    )
    if not item:
        state.list_source = None
        state.list_heading = None
    source_line = _SOURCE_LINE_RE.match(sentence) if state.by_source else None
    if source_line is None:
        state.by_source = None
    if not quantities:
        if _BY_SOURCE_RE.search(sentence):
            state.by_source = _list_heading(sentence)
        _field_line(sentence, mentions, state)
        attributions = find_attributions(sentence, mentions, [])
        _remember_claimant(sentence, mentions, state, attributions)
        if sentence.rstrip().endswith(":"):
            state.list_source = _list_source(attributions, state)
            state.list_heading = _list_heading(sentence)
        state.previous_claimant, state.previous_measure = None, None
        asked = _HOW_MANY_RE.match(sentence)
        if asked is not None:  # "How many people really died? Hundreds, say officials."
            heading = _list_heading(sentence)
            state.previous_measure = heading[0] if heading else None
        state.previous_head_measure = None
        return []
    periods = find_periods(sentence, state.date, state.war_start)
    periods = [p for p in periods if not _a_count_not_a_year(sentence, p, quantities)]
    mention_spans = [(m.start, m.end) for m in mentions]
    all_places = [
        p for p in find_places(sentence, state.pack) if not _inside(p.start, p.end, mention_spans)
    ]
    places = [p for p in all_places if _is_scope(sentence, p)]
    blocked = mention_spans + [(p.start, p.end) for p in periods if _has_date(p)]
    candidates = [
        q for q in quantities if not _overlaps(q.start, q.end, blocked) and _may_count(sentence, q)
    ]
    claims = _with_earlier_figures([_parse(sentence, q, state) for q in candidates])
    claims = _ranges_repeating_the_noun(sentence, claims)
    claims = _shares_of_a_whole(sentence, claims)
    _inherit(sentence, claims, periods)
    _carry_measure(sentence, claims, state)
    claims = _as_many_again(sentence, claims)
    _place_breakdown(sentence, claims)
    _armed_losers(sentence, claims)
    _military_population(sentence, claims)  # before sharing: "24 killed in action, with 59 wounded"
    _share_population(sentence, claims)
    _opening_population(sentence, claims)
    _topic_population(sentence, claims)
    _people_on_the_move(sentence, claims)
    for claim in claims:
        if _SICK_RE.match(sentence, claim.quantity.end):
            claim.measure = None
    if item and state.list_heading is not None:
        _heading_measure(sentence, claims, state.list_heading)
    if source_line is not None and state.by_source is not None:
        _heading_measure(sentence, claims, state.by_source)
    if state.losses and state.losses_people is not None:
        _heading_people(claims, state.losses_people)
    elif state.losses:
        _belligerents_losses(sentence, _sides_claims(sentence, claims))
    if state.losses:
        _side_total(sentence, claims, state)
        _prisoners_taken(sentence, claims)
    _everyones_total(sentence, claims, state.losses)
    if not item and sentence.rstrip().endswith(":"):
        state.list_heading = _counted_heading(sentence)
    for claim in claims:
        if _no_longer_counted(sentence, claim):
            claim.measure = None
    _freed_not_saved(sentence, claims, state)
    field = _field_counts(sentence, claims, state)
    claims = [c for c in claims if c.measure is not None]
    if claims:
        state.last_measure = claims[-1].measure
    claims = [c for c in claims if not _is_yardstick(sentence, c, all_places)]
    for claim in claims:
        claim.context = _context(sentence, claim, mention_spans)
        if claim.standing and claim.context == "hypothetical":
            claim.context = "asserted"  # "the toll will rise from 952 to 1,180": 952 stands
        claim.rate = _rate(sentence, claim)
        claim.place = _nearest(places, claim)
        own = [p for p in periods if not _dates_another_event(sentence, p)]
        claim.period = _as_of(claim, _joined(_nearest(own, claim), own))
    claims = [c for c in claims if not _passing_mention(sentence, c, places)]
    quantity_spans = [(c.phrase_start, max(c.quantity.end, c.phrase_end)) for c in claims]
    attributions = find_attributions(sentence, mentions, quantity_spans)
    if label is not None and state.line_source is not None:  # competes in the label's clause
        name, kind = state.line_source
        span = (label.start("source"), label.end("source"))
        attributions = [*attributions, Attribution(span[0], name, kind, span)]
    _attribute(sentence, claims, attributions, state, mentions)
    for claim in claims:
        _resolve_institution(claim, all_places, state, gazetteer, state.offset + len(sentence))
    _quoted_speaker(claims, state)
    _credited_by_its_noun(claims, state)
    if item and state.list_source is not None:
        for claim in claims:
            if not claim.attributed:  # a list under "Among its other findings:"
                claim.claimant, claim.claimant_kind = state.list_source
                claim.attributed = claim.continued = True
    if source_line is not None:
        _credit_source_line(source_line, claims, mentions)
    if state.line_source is not None:
        for claim in claims:
            if not claim.attributed:  # the rest of a timeline's line is its report's
                claim.claimant, claim.claimant_kind = state.line_source
                claim.attributed = True
    if field:
        _field_source(claims, state)
    _report_period(claims, _report_population(sentence, claims, state), state)
    if state.table_row is not None:
        _read_table_row(claims, state, gazetteer)
    _distribute_respectively(sentence, claims, mentions, places)
    _remember_claimant(sentence, mentions, state, attributions)
    if all_places:
        state.last_country = all_places[-1].country
    attributed = [c for c in claims if c.attributed and not c.continued]
    state.paragraph_counts += [((c.claimant, c.claimant_kind), c.measure) for c in attributed]
    speaking = [c for c in attributed if not c.scoped]  # "108 (per U.N. observers)" stays there
    state.previous_claimant = (
        (speaking[-1].claimant, speaking[-1].claimant_kind) if speaking else None
    )
    state.previous_measures = frozenset(c.measure for c in attributed if c.measure)
    if claims and state.new_paragraph:
        state.paragraphs += 1
    if state.paragraphs <= 1 and attributed and state.principal is None:
        state.principal = (attributed[0].claimant, attributed[0].claimant_kind)
    if state.principal is not None and state.paragraphs <= 1:
        state.principal_measures |= {
            c.measure
            for c in claims
            if c.measure and (c.claimant, c.claimant_kind) == state.principal
        }
    state.previous_measure = claims[-1].measure if claims else None
    state.previous_head_measure = claims[0].measure if claims else None
    for claim in claims:
        _rank_claimant(sentence, claim, attributions, mentions, state, speaker_before, prior)
        if claim.attributed and claim.slate:  # a name as it was written: whose ministry
            _resolve_institution(claim, all_places, state, gazetteer, state.offset + len(sentence))
    return claims


# Reported speech goes on in the tense it was shifted back to: "… said 600 civilians had been
# killed in August. The deadliest day had been 9 August, when … left 41 dead."
_SAID_HAD_RE = re.compile(
    r"\b(?:said|told|reported|stated|added)\b[^.;]{0,120}\bhad\s+(?:been\s+)?\w+",
    re.IGNORECASE,
)
_HAD_BEFORE_RE = re.compile(r"\bhad\s+(?:been\s+)?\w+", re.IGNORECASE)


def _speech_goes_on(sentence: str, position: int, state: DocumentState) -> bool:
    """Whether a sentence with no source of its own, its verb in the past perfect, goes on with
    the previous sentence's reported speech in the past perfect."""
    start = max(
        state.text.rfind(".", 0, max(state.offset - 2, 0)), state.text.rfind("\n", 0, state.offset)
    )
    previous = state.text[start + 1 : state.offset]
    return (
        _HAD_BEFORE_RE.search(sentence[:position]) is not None
        and _SAID_HAD_RE.search(previous) is not None
    )


# A sentence whose subject is estimates or counts no one is named for: the text's own summary of
# them ("Estimates of the deaths ranged from …", "Other counts have reached …").
_UNOWNED_ESTIMATES_RE = re.compile(
    r"^\W*(?:(?:other|wider|some|most|later|earlier|higher|lower|unofficial|various)\s+)?"
    r"(?:estimates|counts|tallies)\b(?![^.;]*\b(?:by|from|of)\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Prior:
    """The sources known before the sentence: the claimant ranker's candidates from earlier text."""

    previous: tuple[str, str] | None
    last: tuple[str, str] | None
    principal: tuple[str, str] | None
    paragraph: list[tuple[str, str]]
    measures: frozenset[str]
    principal_measures: frozenset[str]


def _rank_claimant(
    sentence: str,
    claim: SentenceClaim,
    attributions: list[Attribution],
    mentions: list[ClaimantMention],
    state: DocumentState,
    speaker: tuple[str, str] | None,
    prior: _Prior,
) -> None:
    """A figure the rules leave to the text's own voice: the claimant the learnt ranker
    (grammar/ranking.py) scores best among that voice and the sources the text names."""
    if claim.attributed and claim.claimant_kind != "outlet":
        return
    if _UNOWNED_ESTIMATES_RE.match(sentence):
        return  # "Estimates of the deaths ranged from 5,000 to 9,000": no one's but the text's
    slate = ranking.Slate(state.outlet)
    position = claim.quantity.start
    here = ranking.clause_of(sentence, position)
    quote = _quote_at(state, position)
    if quote is not None:
        slate.named(None, "outlet", outlet_in_quote=1.0)
        if quote.speaker is not None:
            slate.named(quote.speaker, quote.kind, quote_speaker=1.0)
    cues = [a for a in attributions if a.claimant is not None or a.kind in ("anonymous", "others")]
    nearest_cue = min(cues, key=lambda a: abs(a.cue - position), default=None)
    for a in cues:
        name = None if a.kind in ("anonymous", "others") else _full_name(a.claimant, state)
        scoped = a.scope is not None and a.scope[0] <= position < a.scope[1]
        slate.named(
            name,
            "outlet" if name is None else a.kind,
            cue=1.0,
            cue_same_clause=float(ranking.clause_of(sentence, a.cue) == here),
            cue_before=float(a.cue < position),
            cue_scoped=float(scoped),
            cue_nearest=float(a is nearest_cue),
            in_sentence=1.0,
            closeness=ranking.closeness(a.cue, position),
        )
    nearest_mention = min(mentions, key=lambda m: abs(m.start - position), default=None)
    for m in mentions:
        slate.named(
            m.claimant.name,
            m.claimant.kind,
            mention=1.0,
            mention_before=float(m.end <= position),
            mention_nearest=float(m is nearest_mention),
            in_sentence=1.0,
            closeness=ranking.closeness(m.start, position),
        )
    earlier = (
        (prior.previous, "previous_sentence"),
        (speaker, "paragraph_speaker"),
        (prior.last, "last_named"),
        (prior.principal, "principal"),
        *((source, "paragraph_source") for source in prior.paragraph[-3:]),
    )
    for source, feature in earlier:
        if source is not None:
            slate.named(source[0], source[1], **{feature: 1.0})
    if state.credited is not None:
        slate.named(state.credited[0], "other", credited=1.0)
    setting = ranking.Setting(
        credited=state.credited is not None,
        cited=state.cited,
        wire=state.wire_style,
        datelined=state.datelined,
        roundup=state.roundup,
        new_paragraph=state.new_paragraph,
        same_family=_family(claim.measure) in {_family(m) for m in prior.measures},
        principal_family=_family(claim.measure) in {_family(m) for m in prior.principal_measures},
        event_subject=_EVENT_SUBJECT_RE.search(sentence[:position]) is not None,
    )
    ranking.finish(slate.candidates, setting)
    claim.slate = slate.candidates
    chosen = ranking.best(claim.slate)
    if not cues and prior.previous is not None and _speech_goes_on(sentence, position, state):
        chosen = ranking.Candidate(*prior.previous)  # the slate stays the ranker's, as fitted
    if chosen.name is not None:
        claim.claimant, claim.claimant_kind, claim.attributed = chosen.name, chosen.kind, True


# "413 people disappeared; 185 of them were later found": a share of the missing (or the
# abducted, the detained) said to be found or freed is no longer counted by that measure.
_RESOLVED_AFTER_RE = re.compile(
    r"^\s*(?:of\s+(?:them|whom|these|those)\s+)?(?:were|was|have\s+been|had\s+been|are|is)\s+"
    r"(?:\w+\s+)?(?:found|located|traced|released|freed|returned|rescued|reunited)\b"
    r"(?!\s+(?:dead|killed|murdered|executed|buried|in\s+(?:a\s+)?mass))",
    re.IGNORECASE,
)


# "78,494 evacuated sick": soldiers sent away ill, neither evacuated civilians nor harmed.
_SICK_RE = re.compile(r"\s+(?:evacuated\s+|fell\s+)?sick\b", re.IGNORECASE)


# A timeline's line opened by its date and the report it sums up: "8 March, Daily Trust: …",
# "11 March, BBC: police have revised …". The report speaks for the line's figures.
_LINE_LABEL_RE = re.compile(
    rf"^\W*(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})(?:,?\s+\d{{4}})?,\s+"
    r"(?P<source>(?-i:(?:[Tt]he\s+)?[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|for|and)){0,5})):\s",
    re.IGNORECASE,
)


def _label_source(label: re.Match[str], mentions: list[ClaimantMention]) -> tuple[str, str]:
    """The claimant a timeline line's label names (the gazetteer's name where it knows it)."""
    inside = [m for m in mentions if label.start("source") <= m.start < label.end("source")]
    if inside:
        return inside[0].claimant.name, inside[0].claimant.kind
    return re.sub(r"^[Tt]he\s+", "", label.group("source")), "outlet"


# People held: in a paragraph about them, those rescued or saved are hostages freed.
_HELD_RE = re.compile(r"\b(?:hostages?|captives?|kidnapp\w*|abduct\w*)\b", re.IGNORECASE)


def _freed_not_saved(sentence: str, claims: list[SentenceClaim], state: DocumentState) -> None:
    """'20 hostages dead, 13 rescued', 'We were able to save 13 people': where the paragraph is
    about people held, the rescued are hostages freed, survivors of the event, not lives an
    operation claims to have saved; no harm is counted in them."""
    if not any(c.measure == "saved" for c in claims):
        return
    start = max(state.text.rfind("\n\n", 0, state.offset), 0)
    if _HELD_RE.search(state.text[start : state.offset]) or _HELD_RE.search(sentence):
        for claim in claims:
            if claim.measure == "saved":
                claim.measure = None


def _no_longer_counted(sentence: str, claim: SentenceClaim) -> bool:
    """A share of the missing, the abducted or the detained said to be found or freed."""
    return (
        claim.measure in ("missing", "abducted", "detained")
        and claim.construction in ("part", "list")
        and _RESOLVED_AFTER_RE.match(sentence[claim.quantity.end :]) is not None
    )


def _field_line(sentence: str, mentions: list[ClaimantMention], state: DocumentState) -> None:
    """A line with no count: an infobox field's label opens it, a name gives its source."""
    measure = fields.label_measure(sentence)
    if measure is not None:
        state.field_measure, state.field_source = measure, None
        return
    name = fields.name_line(sentence) if state.field_measure else None
    if name is not None:
        whole = [m for m in mentions if m.end - m.start >= len(name)]
        state.field_source = (
            (whole[0].claimant.name, whole[0].claimant.kind) if whole else (name, "other")
        )
    elif len(sentence.split()) > fields.PROSE_WORDS:
        state.field_measure = state.field_source = None


def _field_counts(sentence: str, claims: list[SentenceClaim], state: DocumentState) -> bool:
    """The bare counts of an infobox field take its measure; True if the line is the field's."""
    source = fields.source_count(sentence)
    if source is not None and len(claims) == 1 and claims[0].measure == source[1]:
        state.field_measure, state.field_source = source[1], (source[0], "other")
        return True  # "Health Ministry: 638 killed"
    if state.field_measure is None or not fields.is_bare_count(sentence):
        if len(sentence.split()) > fields.PROSE_WORDS:
            state.field_measure = state.field_source = None
        return False
    for claim in claims:
        if claim.measure is None:
            claim.measure, claim.construction = state.field_measure, "label"
            claim.measure_text = _phrase(sentence, claim.quantity.start, claim.phrase_end)
    return True


def _field_source(claims: list[SentenceClaim], state: DocumentState) -> None:
    """The source a field's line names, for its counts no one else is credited with."""
    if state.field_source is None:
        return
    for claim in claims:
        if not claim.attributed or claim.continued:
            claim.claimant, claim.claimant_kind = state.field_source
            claim.attributed, claim.continued = True, True


# The infobox's heading, or the fields of its first two columns (the belligerents) where a
# copy kept the template's names: "- Casualties1: PLO 3,400 killed", "- Casualties2: 537 killed".
_LOSSES_HEADING_RE = re.compile(
    r"^\W*(?:casualties\s+and\s+losses\W*$|casualties\s*[12]\s*:)", re.IGNORECASE
)
_CIVILIAN_LABEL_RE = re.compile(
    r"\b(?:civilians?|people|residents|inhabitants|non-?combatants)\b", re.I
)
_COMBATANT_MEASURES = {"killed", "injured", "missing", "detained", "casualties", "abducted",
                       "killed_or_missing"}  # fmt: skip


def _losses_section(sentence: str, state: DocumentState) -> None:
    """An encyclopedia infobox's "Casualties and losses" lists each side's losses: fighters,
    unless a line names its people ("119 civilians died") or a heading in it does ("Civilian
    Victims of the Mau Mau:"). A copy that lost the heading still shows the section by an
    army's words for its losses ("8,176 MIA", "7,245 POW") in its lines. Prose ends it."""
    if _LOSSES_HEADING_RE.match(sentence) or _in_military_block(state):
        if not state.losses:
            state.summed = []
        state.losses = True
    elif state.losses and len(sentence.split()) > 12 and "|" not in sentence:
        state.losses = (
            False  # a long line of a table ("U.S. 18 killed, 73 wounded, … |") is not prose
        )
    if not state.losses:
        state.losses_people = None
    elif sentence.rstrip().endswith(":") and not _QUANTITY_START_RE.search(sentence):
        civilian = _CIVILIAN_LABEL_RE.search(sentence)  # a side's or other people's heading
        state.losses_people = "civilians" if civilian else None
    elif _SIDE_LOSSES_RE.match(sentence) and _sides_are_peoples(state.text):
        state.losses_people = "all"  # "Side1: Hindu Jats", "Side2: Muslims": not armies


# A civil conflict's infobox names its sides ("- Side1: Hindu Jats") and counts each one's
# losses on its own line ("- Casualties1: 18 killed, , 108 injured").
_SIDE_LINE_RE = re.compile(
    r"^\W*(?:side|combatants?|belligerents?|parties)\s*\d\s*:\s*(?P<side>[^\n]+)$",
    re.IGNORECASE | re.MULTILINE,
)
_SIDE_LOSSES_RE = re.compile(r"^\W*casualties\s*\d\s*:", re.IGNORECASE)
_PEOPLE_WORDS = frozenset(noun.lower() for noun in PEOPLES) | frozenset(
    singular.lower() for singular in PEOPLE_SINGULARS
)
_ARMED_WORD_RE = re.compile(
    rf"\b(?:{alternation([w for w, p in POPULATIONS.items() if p == 'combatants'])}|army|armies|"
    r"forces?|front|brigades?|movement|state|government|regime|"
    r"liberation|guards?|party)\b",
    re.IGNORECASE,
)


def _sides_are_peoples(text: str) -> bool:
    """Whether an infobox's sides are peoples (communities in a riot: "Side1: Hindu Jats",
    "Side2: Muslims") and no side an armed body: then each side's losses count everyone, not
    fighters."""
    sides = [m.group("side") for m in _SIDE_LINE_RE.finditer(text)]
    peoples = [
        side
        for side in sides
        if any(w.lower() in _PEOPLE_WORDS for w in re.findall(r"[\w-]+", side))
    ]
    return bool(peoples) and not any(_ARMED_WORD_RE.search(side) for side in sides)


_QUANTITY_START_RE = re.compile(r"\d")
_MILITARY_LOSS_RE = re.compile(MILITARY_LOSS_WORDS)
_SHORT_LINE_WORDS = 12


def _in_military_block(state: DocumentState) -> bool:
    """Whether the sentence is in a run of short lines (an infobox) where an army counts its
    losses in its own words: 'United States:' / '36,516 dead' / '8,176 MIA' / '7,245 POW'."""
    if state.military_blocks is None:
        state.military_blocks = _military_blocks(state.text)
    return any(start <= state.offset < end for start, end in state.military_blocks)


def _military_blocks(text: str) -> list[tuple[int, int]]:
    blocks, start, military, position = [], None, False, 0
    for line in [*text.split("\n"), "x " * (_SHORT_LINE_WORDS + 1)]:  # a long line closes
        if len(line.split()) > _SHORT_LINE_WORDS:
            if start is not None and military:
                blocks.append((start, position))
            start, military = None, False
        elif line.strip():
            start = position if start is None else start
            military = military or _MILITARY_LOSS_RE.search(line) is not None
        position += len(line) + 1
    return blocks


def _military_population(sentence: str, claims: list[SentenceClaim]) -> None:
    """'5,000 WIA', '114,000 killed in combat', '34,000 non-combat deaths': soldiers."""
    for claim in claims:
        words = sentence[claim.quantity.end : claim.phrase_end]
        if (
            claim.measure is not None
            and claim.population == "all"
            and not claim.own_population
            and _MILITARY_LOSS_RE.search(words)
        ):
            claim.population, claim.own_population = "combatants", True


# "British and Commonwealth units suffered 57,470 casualties", "the British Army lost nearly
# 60,000 men": an armed body that suffers the losses counts its soldiers.
_ARMED_LOSER_RE = re.compile(
    r"\b(?:units|army|armies|forces|troops|battalions?|regiments?|divisions?|brigades?|corps|"
    r"navy|militar(?:y|ies)|militias?|allies)\s+(?:(?:is|are|was|were)\s+(?:estimated|believed|"
    r"thought|said|reported)\s+to\s+have\s+|(?:had|have|has)\s+)?(?:suffered|sustained|incurred|"
    r"lost|had)\s+(?:a\s+total\s+of\s+)?$"
    # "French military authorities listed their losses at nearly 25,600 dead"
    r"|\b(?:army|armies|forces|military|militaries|navy|militias?)(?:\s+(?:authorities|command|staff))?"
    r"\s+(?:listed|put|gave|reported|estimated|counted|recorded)\s+(?:their|its)\s+(?:own\s+)?"
    r"losses\s+(?:at|as)\s+$",
    re.IGNORECASE,
)


# "the JNA suffered 44 fatalities": an army by its acronym suffers a count of its losses (not
# "UNHCR lost 3 staff": the verb's object is no loss noun).
_ACRONYM_LOSER_RE = re.compile(
    r"\b(?-i:[A-Z]{2,6})\s+(?:(?:had|have|has)\s+)?(?:suffered|sustained|incurred)\s+$",
    re.IGNORECASE,
)
# "Argentina lost 321 men when the cruiser was sunk": a side's men lost are its soldiers.
_SIDE_LOST_RE = re.compile(r"\b(?-i:[A-Z][\w'’.-]+)\s+(?:(?:had|has|have)\s+)?lost\s+$")
_MEN_AFTER_RE = re.compile(r"^\s+men\b(?!\s*(?:,|and)\s+[\w\s]{0,20}?\b(?:women|children)\b)")


def _armed_losers(sentence: str, claims: list[SentenceClaim]) -> None:
    """'The Ottoman forces had more than 300,000 casualties, of whom over 87,000 died': the
    body's soldiers, and so are the counts that break its losses down in the same clause."""
    loser_at = None
    for claim in claims:
        before = sentence[max(0, claim.quantity.start - 60) : claim.quantity.start]
        if loser_at is not None and ";" in sentence[loser_at : claim.quantity.start]:
            loser_at = None
        if claim.measure in _COMBATANT_MEASURES and claim.population == "all":
            acronym = claim.construction == "subject" and _ACRONYM_LOSER_RE.search(before)
            men = _SIDE_LOST_RE.search(before) and _MEN_AFTER_RE.match(
                sentence[claim.quantity.end :]
            )
            if _ARMED_LOSER_RE.search(before) or acronym or men:
                claim.population, claim.own_population = "combatants", True
                loser_at = claim.quantity.end
            elif loser_at is not None and not claim.own_population:
                claim.population = "combatants"  # "…, of whom over 87,000 died"


_PRISONERS_RE = re.compile(r"\s+(?:prisoners(?:\s+of\s+war)?|POWs?)\b", re.IGNORECASE)


def _prisoners_taken(sentence: str, claims: list[SentenceClaim]) -> None:
    """'238 prisoners' under an infobox's losses: a side's fighters taken prisoner."""
    for claim in claims:
        if claim.measure is None and _PRISONERS_RE.match(sentence, claim.quantity.end):
            claim.measure, claim.population, claim.own_population = "detained", "combatants", True


_TOTAL_LINE_RE = re.compile(r"^\W*total\s*:", re.IGNORECASE)


def _side_total(sentence: str, claims: list[SentenceClaim], state: DocumentState) -> None:
    """'Total: Over 474,000' after a side's dead, wounded, missing and captured sums them: its
    casualties, soldiers when every line summed counted soldiers."""
    if not _TOTAL_LINE_RE.match(sentence):
        state.summed += [(c.measure, c.population) for c in claims if c.measure]
        return
    measures = {measure for measure, _ in state.summed}
    soldiers = {people for _, people in state.summed} == {"combatants"}
    for claim in claims:
        if claim.construction == "toll" and len(measures) >= 2:
            claim.measure = "casualties"
        if soldiers and len(measures) >= 2 and claim.population == "all":
            claim.population = "combatants"  # "Total: 300,000 (56,707 dead)": the same soldiers
    state.summed = []


# People counted as they cross, leave, enter or reach a place, or go into exile ("14,000
# Albanians from Macedonia entered Kosovo", "more than 28,000 people have left Macedonia",
# "300,000 Lao, mostly Hmong, are known to have fled to Thailand"), or seek care for wounds.
_MOVED_RE = re.compile(
    rf"^\s*(?:(?:{_ADJECTIVE}){{0,2}}(?P<pop>{_POP}|(?-i:[A-Z][a-z]+)))?"
    r"(?:\s*,[^,.;]{1,40},|\s+[-–—]\s[^-–—.;]{1,60}\s[-–—]|\s+from\s+(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*){0,2})?"
    rf"\s+(?:(?:{_AUX}|[a-z]+ly)\s+){{0,4}}?"
    r"(?:(?P<moved>(?:entered|crossed|cross|crosses|left|fled|escaped|arrived|reached|came)"
    r"\s+(?:(?:into|to|in|from|across|over)\s+)?(?:the\s+)?(?:(?-i:[A-Z][\w'’-]*)"
    r"(?:\s+(?-i:[A-Z][\w'’-]*)){0,2}|border|frontier|country|mountains))"
    r"|(?:(?:followed|accompanied)\s[^.;:]{1,60}?\binto\s+exile|went\s+into\s+exile|"
    r"sought\s+(?:refuge|asylum|shelter)|took\s+refuge)"
    r"|(?P<hurt>sought\s+(?:hospital\s+)?(?:care|treatment)\s+for\s+(?:their\s+)?"
    r"(?:injuries|wounds)|(?:were|was)\s+treated\s+for\s+(?:their\s+)?(?:injuries|wounds)))\b",
    re.IGNORECASE,
)


_ARRIVALS = {"came", "arrived", "reached", "left"}


def _people_on_the_move(sentence: str, claims: list[SentenceClaim]) -> None:
    """Counts of people fleeing (or treated for wounds) that no measure word names."""
    for claim in claims:
        if claim.measure is not None:
            continue
        moved = _MOVED_RE.match(sentence[claim.quantity.end :])
        if moved is None:
            continue
        people = _population(moved.group("pop")) if moved.group("pop") else "all"
        if people == "combatants":
            continue  # "200 troops crossed the border": an army moving, not people fleeing
        verb = (moved.group("moved") or "").split(" ", 1)[0].lower()
        if not moved.group("pop") and verb in _ARRIVALS:
            continue  # "2,000 came from Rome to the fair": people named to come, not a count
        claim.measure = "injured" if moved.group("hurt") else "displaced"
        claim.population, claim.own_population = people, moved.group("pop") is not None
        claim.phrase_end = claim.quantity.end + moved.end()
        claim.measure_text = _phrase(sentence, claim.quantity.start, claim.phrase_end)
        claim.construction = "subject"


# "150 to 250 total dead", "14,000–21,000 killed overall", "1,000 total casualties": a total
# counts everyone, whatever people the figures beside it count.
_TOTAL_BEFORE_MEASURE_RE = re.compile(r"\s+(?:in\s+)?total\s+(?=[a-z])", re.IGNORECASE)
_OVERALL_AFTER_RE = re.compile(r"\s*overall\b", re.IGNORECASE)


def _everyones_total(sentence: str, claims: list[SentenceClaim], losses: bool) -> None:
    """In an infobox's losses a side's total counts its soldiers ('… 62 aircraft lost 70,000
    total casualties'), unless it goes on from its civilians ('90 Civilians killed, 150 to 250
    total dead') or the line is the war's ('Total: 14,000–21,000 killed overall')."""
    previous: SentenceClaim | None = None
    for claim in claims:
        total = _TOTAL_BEFORE_MEASURE_RE.match(sentence, claim.quantity.end) or (
            _OVERALL_AFTER_RE.match(sentence, claim.phrase_end)
        )
        everyone = not losses or _TOTAL_LINE_RE.match(sentence) is not None
        if not everyone and previous is not None and previous.measure is not None:
            joined = _COORD_RE.match(sentence[previous.phrase_end : claim.quantity.start])
            everyone = joined is not None and previous.population in ("civilians", "all")
        if claim.measure is not None and total and everyone and not claim.own_population:
            claim.population = "all"
        previous = claim


# "The dead are from Nairobi (17), Nakuru (3), …": the counts in brackets after each place
# break down the people the sentence's subject names.
# "The dead were from Deir al-Zour (12), Homs (4)", "Outside the capital, most deaths were in
# the counties of Pest (68), Bács-Kiskun (64)": the clause's subject names what the counts count.
_BREAKDOWN_MEASURES = (
    r"(?P<meas>dead|deaths|killed|victims|injured|wounded|injuries|casualties|missing|displaced|"
    r"arrested|detained|arrests)"
)
_PLACE_BREAKDOWN_HEAD_RE = re.compile(
    r"(?:^|[,;:]\s|\s)\W*(?:(?:the\s+)?most(?:\s+of\s+the)?|all(?:\s+of)?\s+the|the)\s+"
    rf"{_BREAKDOWN_MEASURES}\s+(?:are|were|came|occurred)\s+(?:from|in)\s+"
    r"(?=(?:the\s+)?(?:[a-z]+\s+(?:of\s+)?)?[A-Z])",
    re.IGNORECASE,
)
# "Deaths by province: Sichuan (68,712), Gansu (365)": a measure counted by place opens the list.
_BY_PLACE_HEAD_RE = re.compile(
    rf"(?:^|[,;:]\s)\W*(?:the\s+)?{_BREAKDOWN_MEASURES}\s+(?:by|per|in\s+each)\s+"
    r"(?:province|prefecture|region|state|district|governorate|county|department|city|town|"
    r"village|country|municipality)s?\b[^.;:()]{0,30}?(?::|\s+(?:were|are|was|is)\b)",
    re.IGNORECASE,
)
_BRACKET_AFTER_NAME_RE = re.compile(r"[A-Z][\w'’-]*\s*\(\s*$")


def _place_breakdown(sentence: str, claims: list[SentenceClaim]) -> None:
    """'The most deaths were in Miyagi (6,959), Iwate (3,349) …': the counts in brackets after
    the places take the measure of the head that says the dead are broken down by place."""
    head = _PLACE_BREAKDOWN_HEAD_RE.search(sentence) or _BY_PLACE_HEAD_RE.search(sentence)
    if head is None:
        return
    for claim in claims:
        q = claim.quantity
        if (
            claim.measure is None
            and q.start > head.end()
            and _BRACKET_AFTER_NAME_RE.search(sentence, max(0, q.start - 40), q.start)
            and sentence[q.end : q.end + 2].lstrip().startswith(")")
        ):
            claim.measure = MEASURES_AFTER[_key(head.group("meas"))]
            claim.measure_text = head.group("meas")
            claim.construction = "part"


def _heading_people(claims: list[SentenceClaim], people: str) -> None:
    """Under 'Civilian Victims of the Mau Mau:' the lines' people ('Native Kenyans killed: 1,819',
    'Asians wounded: 36') are the heading's."""
    for claim in claims:
        if claim.measure in _COMBATANT_MEASURES and claim.population == "all":
            claim.population = people


_BARE_COUNT_RE = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:(?:were|was|had\s+been|have\s+been)\s+)?"  # "2,414 (2,403) killed"
    r"(?:deaths?|injur(?:y|ies|ed)|killed|wounded|dead|fatalities|casualties)\b",
    re.IGNORECASE,
)
_REPORT_MEASURES = {"killed", "injured", "casualties"}


def _report_population(
    sentence: str, claims: list[SentenceClaim], state: DocumentState
) -> SentenceClaim | None:
    """A report that counts '66 civilian casualties' goes on counting them: the bare counts its
    author gives later ('14 deaths and 14 injured in Benghazi', '(16 deaths, 26 injuries)') are
    civilians too, until it counts casualties of other people."""
    topic = _TOPIC_NOUN_RE.search(sentence)
    for claim in claims:
        counted = claim.measure == "casualties" and claim.own_population
        broken_down = topic is not None and claim.population == _population(topic.group("pop"))
        if counted or (broken_down and claim.measure in _REPORT_MEASURES):
            state.report_population = (
                claim.population if claim.population in ("civilians", "children") else None
            )
            state.report_claimant = claim.claimant
            return claim
    if state.report_population is None:
        return None
    for index, claim in enumerate(claims):
        previous = claims[index - 1] if index else None
        if (
            previous is not None
            and previous.own_population
            and _AND_GAP_RE.match(sentence[previous.phrase_end : claim.phrase_start])
        ):
            continue  # "17 men killed and 31 injured": the men
        bare = _BARE_COUNT_RE.match(sentence, claim.quantity.end)
        if (
            bare
            and _goes_on(claim, state)
            and claim.measure in _REPORT_MEASURES
            and claim.population == "all"
            and not claim.own_population
        ):
            claim.population = state.report_population
    return None


def _goes_on(claim: SentenceClaim, state: DocumentState) -> bool:
    """The report's author goes on: named again, or the text's own voice after it (whose
    figures the claimant ranker may yet credit to the report)."""
    return not claim.attributed or _same_source(claim.claimant, state)


def _same_source(claimant: str | None, state: DocumentState) -> bool:
    """The report's author, by its name or the acronym the text defines for it."""
    if claimant is None or state.report_claimant is None:
        return False
    if claimant == state.report_claimant:
        return True
    if state.acronyms is None:
        state.acronyms = definitions(state.text)
    return (state.report_claimant, claimant) in state.acronyms or (
        claimant,
        state.report_claimant,
    ) in state.acronyms


def _report_period(
    claims: list[SentenceClaim], report: SentenceClaim | None, state: DocumentState
) -> None:
    """The period a report's total covers ("From 1 January to 29 February 2016, UNSMIL
    documented 66 civilian casualties") is the period of the breakdowns that follow it."""
    if report is not None:
        period = report.period
        if state.report_population is None:
            state.report_period = None
        elif period is not None and period.first_day and period.last_day:
            state.report_period = period
        elif period is None and state.report_period is not None:
            report.period = state.report_period  # "The majority of civilian casualties …"
        return
    if state.report_period is None:
        return
    for claim in claims:
        if _goes_on(claim, state) and claim.period is None and claim.measure in _REPORT_MEASURES:
            claim.period = state.report_period


def _sides_claims(sentence: str, claims: list[SentenceClaim]) -> list[SentenceClaim]:
    """The claims of a line of the losses that count one side's fighters. None when the line is
    labelled with other people ("SNA Militia and civilians 200–315 killed") or gives other
    estimates of the war's dead; a war's total ("| 70,000 (total dead); 8,000 disappeared")
    counts everyone from there on, unless it sums the side's own losses listed before it on
    the line ("25,904 dead or missing 43,557 wounded … 70,000 total casualties", a copy that
    lost the infobox's line breaks)."""
    label = sentence[: claims[0].quantity.start] if claims else sentence
    estimates = bool(claims) and all(
        c.construction == "toll" and _ESTIMATE_NOUN_RE.match(c.measure_text or "") for c in claims
    )  # "Other estimates reach as high as 80,000": of the war's dead, no side's
    if estimates or _CIVILIAN_LABEL_RE.search(label):
        return []
    total = _TOTAL_WORD_RE.search(sentence)
    if total is None:
        return claims
    # the total is the figure the word follows ("70,000 total casualties", "(total dead)"), or
    # the first after it ("Total: 300,000")
    preceding = [i for i, c in enumerate(claims) if c.quantity.start < total.start()]
    at = preceding[-1] if preceding else 0
    before = claims[:at]
    if len({c.measure for c in before if c.measure}) >= 2:
        return claims[: at + 1]
    return before


_TOTAL_WORD_RE = re.compile(r"\btotal\b", re.IGNORECASE)


_ESTIMATE_NOUN_RE = re.compile(r"(?:estimates?|figures?)\b", re.IGNORECASE)


# "15,000 to 20,000 Bougainvilleans dead": a nation's people, not a side's fighters.
_NATION_AFTER_RE = re.compile(r"\s+(?-i:[A-Z][a-z]+(?:ans|ese|is|ites))\b")


def _belligerents_losses(sentence: str, claims: list[SentenceClaim]) -> None:
    for claim in claims:
        if (
            claim.measure in _COMBATANT_MEASURES
            and claim.population == "all"
            and not claim.own_population
            and not _NATION_AFTER_RE.match(sentence, claim.quantity.end)
        ):
            claim.population = "combatants"


_LIST_ITEM_RE = re.compile(r"^\s*(?:[•·*▪◦‣-]|–\s|\d{1,2}[.)]\s)")
# A line of a label and its count alone ("Al Haouz 290", "Taroudant: 190") under a line that
# opens a list: an item without a bullet.
_LABEL_COUNT_LINE_RE = re.compile(
    r"^\s*[A-Z][\w'’.-]*(?:\s+[\w'’.()-]+){0,5}?\s*[:–—-]?\s+\d[\d,.]*\s*$"
)


# A heading over one line per source ("Panamanian civilians killed according to:" over "U.S.
# military: 202", "Americas Watch: 300"): each line's label is who gives its count.
_BY_SOURCE_RE = re.compile(r"\b(?:according\s+to|by\s+source|per\s+source)\s*:\s*$", re.IGNORECASE)
_SOURCE_LINE_RE = re.compile(
    rf"^\W*(?P<label>[A-Z][^:\d\n]{{1,80}}?)\s*:\s*(?=(?:(?:{QUALIFIER_PATTERN})\s+)?[~≈]?\s*\d)",
    re.IGNORECASE,
)


def _credited_by_its_noun(claims: list[SentenceClaim], state: DocumentState) -> None:
    """'15 November (HJEnglish, an English-learning site) - … 50,000 more", the site says': the
    site is the source the paragraph's credit names."""
    if state.credited is None:
        return
    name, nouns = state.credited
    for claim in claims:
        if claim.claimant is not None and claim.claimant.lower() in nouns:
            claim.claimant, claim.claimant_kind = name, "other"


def _credit_source_line(
    line: re.Match[str], claims: list[SentenceClaim], mentions: list[ClaimantMention]
) -> None:
    """'Americas Watch: 300' under a heading by source: the label is who counts."""
    named = [m for m in mentions if m.start >= line.start("label") and m.end <= line.end("label")]
    source = (
        (named[0].claimant.name, named[0].claimant.kind)
        if named
        else (line.group("label").strip(), "other")
    )
    for claim in claims:
        if claim.measure is not None and not claim.attributed:
            claim.claimant, claim.claimant_kind = source
            claim.attributed = True


def _list_heading(sentence: str) -> tuple[str, str] | None:
    """The measure and people a line opening a list names ("Civilian fatalities:")."""
    match = re.search(
        rf"(?:\b(?P<people>[\w-]+)\s+)?\b(?P<meas>{_MEAS})\b", sentence, re.IGNORECASE
    )
    if match is None:
        return None
    people = match.group("people")
    return MEASURES_AFTER[_key(match.group("meas"))], _population(people) if people else "all"


def _counted_heading(sentence: str) -> tuple[str, str] | None:
    """'In total 907 were killed during the conflict:' gives its items its measure, of all."""
    heading = _list_heading(sentence)
    return (heading[0], heading[1] or "all") if heading else None


def _heading_measure(sentence: str, claims: list[SentenceClaim], heading: tuple[str, str]) -> None:
    """'- 4,614 since 2016, including 1,326 in 2018' under 'Civilian fatalities:': the heading's.
    An item's label names whom it counts ('British Army – 123 (7 officers, ...)')."""
    measure, people = heading
    label = _label_population(sentence)
    for claim in claims:
        if claim.measure is None and not claim.own_population:
            claim.measure = measure
            claim.measure_text = _phrase(sentence, claim.quantity.start, claim.phrase_end)
            claim.construction = claim.construction or "part"
        if claim.measure == measure and claim.population == "all" and not claim.own_population:
            added = _ADDEND_RE.search(sentence, 0, claim.quantity.start) and _NOUN_AFTER_RE.match(
                sentence[claim.quantity.end :]
            )  # "Royal Navy – 86 + 2 Hong Kong laundrymen": the 2 are not the Navy's
            claim.population = people if added else label or people


_ADDEND_RE = re.compile(r"\+\s*$")
_NOUN_AFTER_RE = re.compile(  # "2 Hong Kong laundrymen", not "2 lost in", "2 killed"
    rf"^\s+(?:[A-Z][\w'’-]*\s+){{0,3}}(?!(?:{_MEAS}|in|at|on|of|by|from|and|or|more)\b)"
    r"[a-z][\w'’-]+"
)
_ITEM_LABEL_RE = re.compile(
    r"^\s*(?:[•·*▪◦‣-]|\d{1,2}[.)])?\s*(?P<label>[^–—:\d]{2,80}?)\s+[–—:-]\s"
)


def _label_population(item: str) -> str | None:
    """Whom a list item's label counts: an armed service's dead are combatants."""
    label = _ITEM_LABEL_RE.match(item)
    if label is None:
        return None
    if _ARMED_RE.search(label.group("label")):
        return "combatants"
    words = _POP_WORD_RE.findall(label.group("label"))
    return _population(words[-1]) if words else None


def _list_source(attributions: list[Attribution], state: DocumentState) -> tuple[str, str] | None:
    """Who speaks in the list a line ending in a colon opens ("Among its other findings:")."""
    if not attributions:
        return None
    last = max(attributions, key=lambda a: a.cue)
    if last.claimant is not None:
        return _full_name(last.claimant, state), last.kind
    return state.last_claimant


_ARMED_RE = re.compile(  # a merchant navy is civilian seafarers
    r"\b(?:military|forces|army|armed|militias?|(?<!merchant\s)navy|air\s+force|"
    r"(?<!merchant\s)marines|guards?)\b",
    re.IGNORECASE,
)


def _read_table_row(
    claims: list[SentenceClaim], state: DocumentState, gazetteer: Gazetteer
) -> None:
    """A table row's label says who is counted, its source column who says so, its period
    column when ("Civilians | 52,000+ killed | 3 November 2020 – 2 February 2021 | TPLF |")."""
    row = state.table_row
    words = _POP_WORD_RE.findall(row.label)
    population = _population(words[-1]) if words else None
    if population is None and _ARMED_RE.search(row.label):
        population = "combatants"
    source = None
    if row.source:
        found = gazetteer.find(row.source)
        name = found[0].claimant if found else None
        source = (name.name, name.kind) if name else (row.source.strip(" .;,"), "other")
    period = None
    if row.period:
        cell = re.sub(r"\b(?:c\.|ca\.|circa)\s*", "", row.period)
        periods = find_periods(cell, state.date, state.war_start)
        period = periods[0] if periods else None
    for claim in claims:
        if population and not claim.own_population and claim.population == "all":
            claim.population = population
        if source is not None:
            claim.claimant, claim.claimant_kind = source
            claim.attributed, claim.continued = True, False
        if period is not None:
            claim.period = period


def _full_name(name: str, state: DocumentState) -> str:
    """A surname alone ("Bogner said") is the person the text named in full before, on one
    line; a place ("Vietnam") is nobody's surname."""
    if " " in name or not name[:1].isupper() or name.isupper() or find_places(name):
        return name
    if name in state.full_names:
        return state.full_names[name]
    window = state.text[max(0, state.offset - 5000) : state.offset]
    earlier = (
        re.findall(rf"\b((?:[A-Z][\w'’-]+[ \t]+){{1,3}}){re.escape(name)}\b", window)
        if name in window
        else []
    )
    full = f"{earlier[-1].strip()} {name}" if earlier else name
    if name in window:  # once the name was seen, what it was seen with stays its full name
        state.full_names[name] = full
    return full


_OFFICER_RE = re.compile(
    r"^(?:the\s+)?(?:(?P<owner>[\w'’.-]+(?:\s+[\w'’.-]+){0,3}?)['’]s?\s+)?"
    r"(?P<title>president|spokes(?:man|woman|person)|chair(?:man|woman|person)?|director|head|"
    r"chief|leader|governor|prime\s+minister|commander)$",
    re.IGNORECASE,
)


def _officer(name: str, state: DocumentState) -> tuple[str, str] | None:
    """'The commission's president (said)' speaks for the commission named before; 'Chad's
    president', 'the president' is the person the text named with that title ('President
    Idriss Déby')."""
    match = _OFFICER_RE.match(name)
    if match is None:
        return None
    owner = match.group("owner")
    if owner and owner[:1].islower():
        named = _named_before(owner, state)
        if named is not None:
            return named
    title = r"\s+".join(match.group("title").split())
    window = state.text[max(0, state.offset - 5000) : state.offset]
    titled = re.findall(rf"\b(?i:{title})\s+((?:[A-Z][\w'’-]+[ \t]+){{0,2}}[A-Z][\w'’-]+)", window)
    return (titled[-1], "person") if titled else None


def _quote_at(state: DocumentState, position: int) -> Quote | None:
    """The quote the sentence position lies in, if any."""
    absolute = state.offset + position
    return next((q for q in state.quotes if q.start <= absolute < q.end), None)


def _title_of(reference: str, state: DocumentState) -> str | None:
    """'The Monitor' when the text writes the generic noun capitalised inside a sentence (a
    newspaper's title), so the word is that name wherever it stands."""
    title = "The " + " ".join(w.capitalize() for w in reference.split())
    inside = re.search(rf"(?<=[a-z,(] ){re.escape(title)}\b", state.text)
    return title if inside is not None else None


def _refers_to(reference: str, state: DocumentState) -> bool:
    """'the commission' refers back only to a claimant that is a commission."""
    return _named_before(reference, state) is not None


def _named_before(reference: str, state: DocumentState) -> tuple[str, str] | None:
    """The last claimant named whose name has the reference's noun: 'the ministry' is the
    last ministry named, even when a study was quoted in between."""
    noun = reference.split()[-1].rstrip("s")
    if noun in ("paper", "newspaper"):  # "the paper wrote": the last newspaper named
        return next(
            (n for n in reversed(state.named) if n[1] == "media" or _MASTHEAD_RE.search(n[0])),
            None,
        )
    found = next((n for n in reversed(state.named) if noun in n[0].lower() or noun == n[1]), None)
    if noun in _ANY_BODY:  # "the group": the last body named, whatever its name
        body = next((n for n in reversed(state.named) if n[1] not in ("person", "outlet")), None)
        return body or found
    return found


_ANY_BODY = {"group", "organisation", "organization", "body", "charity", "watchdog", "ngo"}
# The words of a newspaper's title: "The Irish Times", "the Jakarta Post", "Sunday Observer".
_MASTHEAD_RE = re.compile(
    r"\b(?:Times|Post|Tribune|Herald|Journal|Gazette|Observer|Guardian|Telegraph|Chronicle|"
    r"Daily|Star|Mail|Express|Independent|Courier|Standard|Globe|Inquirer|Record|Examiner)\b"
)


def _quoted_speaker(claims: list[SentenceClaim], state: DocumentState) -> None:
    """Inside a quote, 'we' (or no attribution at all) is the person quoted."""
    for claim in claims:
        quote = _quote_at(state, claim.quantity.start)
        if quote is None or quote.speaker is None:
            continue
        first_person = claim.claimant is not None and claim.claimant.lower() in FIRST_PERSON
        if first_person or not claim.attributed:
            claim.claimant, claim.claimant_kind, claim.attributed = (
                quote.speaker,
                quote.kind,
                True,
            )


# A credit naming several reports: "(a summary of Pledge Times, 12 September 2024; Mosaique; …)",
# "(summary of BBC and AFP reports)".
_ROUNDUP_CREDIT_RE = re.compile(r"\([^()]*(?:;|\band\b)[^()]*\)")
# A report's header before a dash that opens its paragraph: who published it and when
# ("Kyiv Independent, 17 June 2023 —", "BEIRUT, Dec 14 (Reuters) —"), a few words with a name.
_DATELINE_RE = re.compile(r"^\W*[A-Z][^—–\n.;:]{1,100}?\s[—–]\s(?=\W*[A-Z0-9])")


def _family(measure: str | None) -> str:
    return MEASURE_FAMILIES.get(measure or "", "harm")


# "Last week an airstrike on a detention centre killed", "… when Hamas-led attacks on Israel
# killed", "The conflict, which began in 2023 …, has claimed": an event is the clause's subject.
_EVENT_SUBJECT_RE = re.compile(
    rf"(?:^|[;:]\s*|\b(?:when|as|after|while|and|but)\s+)\W*(?:[\w'’-]+\s+){{0,5}}?"
    rf"(?:{alternation(EVENT_NOUNS)})\b[^;:]{{0,100}}?\b(?:has\s+|have\s+|had\s+)?"
    rf"(?:{alternation(EVENT_VERBS)})\s+(?:[\w-]+\s+){{0,2}}$",
    re.IGNORECASE,
)


_CARRY_RE = re.compile(
    r"^\W*(?:the\s+(?:rest|remainder|others)|of\s+(?:them|these|those|the\s+(?:dead|victims|total))|among\s+(?:them|these|those|the\s+(?:dead|victims))|(?:they|these|this)\s+includ(?:e|es|ed)|the\s+(?:dead|victims)\s+includ(?:e|es|ed))\b",
    re.IGNORECASE,
)


def _carry_measure(sentence: str, claims: list[SentenceClaim], state: DocumentState) -> None:
    """'The rest were from the military – 9,044 soldiers ...': the previous sentence's measure;
    'Of the dead, 1,200 were children': the measure the opening names; 'In 2016, another
    2,500.': a sentence that names no measure goes on with the previous one's."""
    named = _OF_MEASURED_RE.match(sentence)
    measure = MEASURES_AFTER.get(_key(named.group("meas"))) if named else None
    anaphor = _CARRY_RE.match(sentence)
    head = claims[0] if claims else None
    if (
        anaphor is not None
        and named is None
        and state.previous_head_measure is not None
        and head is not None
        and head.construction == "list"
        and head.quantity.start - anaphor.end() < 12
    ):
        # "Of these, 3,512 were children - 923 dead and …": "these" are the head count's
        head.measure, head.construction = state.previous_head_measure, "part"
        head.measure_text = _phrase(sentence, head.quantity.start, head.phrase_end)
    group = None
    if named is not None and named.group("mod"):
        group = _population(named.group("mod"))  # "Among the civilian victims": civilians
    if named is not None and _key(named.group("meas")) == "victims" and state.previous_measure:
        measure = state.previous_measure  # the victims of the toll just given, whatever its measure
    if measure is None and _CARRY_RE.match(sentence):
        measure = state.previous_measure or state.last_measure  # "Of the total, 9,260 were …"
    elliptic = (
        measure is None
        and state.previous_measure is not None
        and (
            len(sentence) < 80
            or _ANSWER_RE.match(sentence) is not None
            or (
                head is not None
                and head.quantity.start < 20
                and _MORE_AFTER_RE.match(sentence[head.quantity.end :]) is not None
            )
        )
        and not _MEASURE_WORD_RE.search(sentence)
        and not _BUILDINGS_COUNTED_RE.search(sentence)  # "191,058 houses … and 175,162 partly"
    )
    answer = _ANSWER_RE.match(sentence)
    answered = len(sentence) if len(sentence) < 80 or answer is None else answer.end()
    listing = False
    if measure is None and state.previous_measure and _LISTS_RE.search(sentence):
        # "its database lists 10,812 Albanians, 2,197 Serbs …": the people of the toll just given
        # (people named as people; not "It named 377 state agents … after two years of work")
        measure = state.previous_measure
        named = _LISTS_RE.search(sentence)
        listing = True
    if elliptic:
        measure = state.previous_measure
    if measure is None:
        return
    for claim in claims:
        if elliptic:  # "In 2016, another 2,500.", not "Rwanda is sending 2,000 troops"
            carries = (
                not claim.own_population
                and not _OWN_PREDICATE_RE.match(sentence, claim.quantity.end)
                and claim.quantity.start < answered  # "Hundreds, say …", not the rest
            )  # nor "2,714 surrendered", "41 downed aircraft": a word of their own
        else:
            bare_head = (  # "counted 389 — 151 civilians, …": the total before its breakdown
                listing
                and claim.quantity.start < named.end()
                and re.match(r"\s*(?:[—–:(,;.]|$)", sentence[claim.quantity.end :]) is not None
            )
            carries = claim.own_population or (named is not None and not listing) or bare_head
        if claim.measure is None and carries:
            claim.measure = measure
            claim.measure_text = _phrase(sentence, claim.quantity.start, claim.phrase_end)
            claim.construction = claim.construction or "part"
            if group not in (None, "all") and claim.population == "all":
                claim.population = group
    _inherit(sentence, claims, [])
    if group not in (None, "all"):
        for claim in claims:
            if claim.construction in ("part", "list") and claim.population == "all":
                claim.population = group


_HOW_MANY_RE = re.compile(r"^\W*how\s+many\b[^?]*\?\s*$", re.IGNORECASE)
# A count that opens its sentence and its source after it: "Thousands, say rights groups."
_ANSWER_RE = re.compile(
    rf"^\W*(?:(?:{QUALIFIER_PATTERN})\s+)?[\w.,-]+(?:\s+[\w.,-]+){{0,2}},\s+"
    r"(?:say|says|said|claim|claims|estimate|estimates|according\s+to)\b",
    re.IGNORECASE,
)
_OWN_PREDICATE_RE = re.compile(r"\s*(?:\+\s*)?[a-z]+ed\b")
_LISTS_RE = re.compile(
    r"\b(?:lists|listed|includes|included|comprises|comprised|counts|counted|names|named|breaks\s+down\s+as)"
    rf"\s+(?:(?:{QUALIFIER_PATTERN})\s+)?\d",
    re.IGNORECASE,
)
_OF_MEASURED_RE = re.compile(
    r"^\W*(?:of|among)\s+(?:the|those|these)\s+(?P<mod>[a-z-]+\s+)?(?P<meas>dead|killed|injured|wounded|victims|missing|"
    r"displaced|detained|abducted|kidnapped|deaths|fatalities|injuries)\b",
    re.IGNORECASE,
)
_MEASURE_WORD_RE = re.compile(
    rf"\b(?:{_MEAS}|{alternation(MEASURES_BEFORE)}|toll|casualt\w*|victims?)\b", re.IGNORECASE
)


def _is_scope(sentence: str, place: Place) -> bool:
    """A place the claim is about ("in Aleppo", "Syria's war"), not a dateline or a speaker."""
    before = sentence[max(0, place.start - 40) : place.start]
    if not sentence[: place.start].strip(" •*-–") and sentence[place.end : place.end + 1] == ":":
        return True  # "Yemen: The Secretary-General condemned …" in a list of countries
    return bool(_SCOPE_BEFORE_RE.search(before) or _POSSESSIVE_RE.match(sentence, place.end))


def _joined(period: Period | None, periods: list[Period]) -> Period | None:
    """'As of 31 August, … had killed 11,743 civilians … since 24 February 2022': an open
    start and an open end stated apart are one period."""
    if period is None:
        return None
    if period.first_day is not None and period.last_day is None:
        ends = [p for p in periods if p.first_day is None and p.last_day is not None]
        if ends and ends[0].last_day >= period.first_day:
            return replace(period, last_day=ends[0].last_day)
    if period.first_day is None and period.last_day is not None:
        starts = [p for p in periods if p.first_day is not None and p.last_day is None]
        if starts and starts[0].first_day <= period.last_day:
            return replace(period, first_day=starts[0].first_day)
    return period


def _as_of(claim: SentenceClaim, period: Period | None) -> Period | None:
    """A toll is cumulative: 'put the toll at 191,369 in 2014' counts up to 2014, not within it."""
    if period is None or claim.construction != "toll":
        return period
    if not re.match(r"(?:in|during|on)\b", period.text, re.IGNORECASE):
        return period
    if 0 <= period.start - claim.toll_end <= 1:
        return period  # "Fatalities in 2018 reached 28,182": the toll of 2018
    return Period(period.start, period.end, period.text, None, period.last_day)


def _dates_another_event(sentence: str, period: Period) -> bool:
    """'Ten years after protests erupted in March 2011, ...': the period dates the protests, not the claim."""
    clause = _clause_window(sentence, period.start, _SOFT_BREAK_RE, 120)
    return _OTHER_EVENT_RE.search(clause) is not None


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _has_date(period: Period) -> bool:
    return period.first_day is not None or period.last_day is not None


def _a_count_not_a_year(sentence: str, period: Period, quantities: list[Quantity]) -> bool:
    """'Over 2000 people were injured': a qualified number of people, not the year 2000."""
    return any(
        q.qualifier in ("more_than", "at_least", "about", "nearly", "up_to", "fewer_than")
        and q.start <= period.start < period.end <= q.end
        and _FORWARD_RE.match(sentence[q.end :]) is not None
        and _POP_AFTER_RE.match(sentence[q.end :]) is not None
        for q in quantities
    )


def _may_count(sentence: str, q: Quantity) -> bool:
    """False for numbers that are years, ages, dates, times, percentages, money or units."""
    before = sentence[max(0, q.start - 40) : q.start]
    after = sentence[q.end : q.end + 40]
    if _NOT_A_COUNT_AFTER_RE.match(after) or _NOT_A_COUNT_BEFORE_RE.search(before):
        return False
    if q.year_like:
        if _TEMPORAL_BEFORE_RE.search(before) or not (
            _POP_AFTER_RE.match(after) or _FORWARD_RE.match(after)
        ):
            return False
    elif (
        re.fullmatch(r"1[0-8]\d\d", q.text)
        and _OLD_YEAR_BEFORE_RE.search(before)
        and not _POP_AFTER_RE.match(after)
    ):
        return False  # "since Canada's confederation in 1867": an older year
    if q.qualifier in ("more_than", "fewer_than") and q.text.lower().split()[0] in (
        "under",
        "over",
        "above",
        "below",
    ):
        if _AGE_QUALIFIER_RE.search(before):
            return False  # "children under 5"
        if _OF_THEM_BEFORE_RE.search(before) and not _POP_AFTER_RE.match(after):
            return False  # "20,000 children, most of them under 13"
    if not sentence[: q.start].strip() and re.match(r"[.)](?:\s|$)", sentence[q.end : q.end + 2]):
        return False  # "134. The Government has claimed …": a numbered paragraph
    if _RATIO_BEFORE_RE.search(sentence[max(0, q.start - 60) : q.start]):
        return False  # "For every combatant killed, four civilians died"
    if _AID_RECEIVED_RE.match(after):
        return False  # "73,000 individuals have received cash assistance": people reached by aid
    start = max(0, q.start - 60)
    window = sentence[start : q.end + 60]
    if any(
        q.start < start + r.end() and start + r.start() < q.end
        for r in _MEASURE_RATIO_RE.finditer(window)
    ):
        return False
    if q.year_like and re.match(r"\s+[a-z]+['’]s?\s", after):
        return False  # "the 2011 victims' law"
    return not (q.value is not None and q.value != q.value)


# People who received aid are counted by who helps them, not by what befell them: "more than
# 73,000 individuals have received cash assistance".
_AID = r"(?:food|aid|assistance|relief|help|support|cash|water|shelter|rations|supplies|items|kits|services)"
_AID_RECEIVED_RE = re.compile(
    rf"^\s*(?:[\w-]+\s+){{0,3}}?(?:have\s+|has\s+|had\s+)?(?:received|receiving|benefit+(?:ed|ing)?\s+from)"
    rf"\s+(?:[\w-]+\s+){{0,2}}?{_AID}\b",
    re.IGNORECASE,
)
# Fleeing a jail, a post or custody is an escape, not displacement.
_ESCAPE_RE = re.compile(
    r"^\s*(?:from\s+)?(?:the\s+|their\s+|a\s+)?(?:[\w-]+\s+)?(?:jail|prison|base|barracks|custody|detention|post|garrison|front)\b",
    re.IGNORECASE,
)


# "nearly five killed to one wounded": a ratio of two measures (a rise, "from 30 killed to 45
# killed", keeps one measure).
_MEASURE_RATIO_RE = re.compile(
    r"\b[\w,.]+\s+(?:killed|dead|deaths?)\s+(?:to|for)\s+(?:every\s+|each\s+)?[\w,.]+\s+"
    r"(?:wounded|injured|injuries)\b"
    r"|\b[\w,.]+\s+(?:wounded|injured|injuries)\s+(?:to|for)\s+(?:every\s+|each\s+)?[\w,.]+\s+"
    r"(?:killed|dead|deaths?)\b",
    re.IGNORECASE,
)
_RATIO_BEFORE_RE = re.compile(r"\bfor\s+(?:every|each)\b[^.;,]{0,40},\s*$", re.IGNORECASE)


def _parse(sentence: str, q: Quantity, state: DocumentState) -> SentenceClaim:
    before = sentence[max(0, q.start - 200) : q.start]
    if q.qualifier == "about" and q.text.lower().startswith("estimated"):
        subject = _WORD_BEFORE_RE.search(before)
        if subject is not None and subject.group(1).lower() not in _NOT_A_SUBJECT:
            q = _without_estimated(q)  # "the authors estimated 64 260 deaths": a verb
    claim = SentenceClaim(q, phrase_end=q.end, phrase_start=q.start)
    after = sentence[q.end : q.end + 200]
    members = _MEMBERS_OF_RE.match(after)
    if members is not None:  # "421 members of the Iraqi Security Forces were killed"
        claim.population, claim.own_population = "combatants", True
        claim.phrase_end = q.end + members.end()
        forward = _FORWARD_RE.match(after[members.end() :])
        if forward and not forward.group("pop") and _key(forward.group("meas")) != "lost":
            claim.measure = MEASURES_AFTER[_key(forward.group("meas"))]
            claim.phrase_end += forward.end()
            claim.measure_text = _phrase(sentence, q.start, claim.phrase_end)
            claim.construction = "subject"
            return claim
    share = _OF_WHOM_MEASURE_RE.match(after)
    if share is not None and members is None:  # "Fourteen were wounded, one of whom later died"
        claim.measure = MEASURES_AFTER[_key(share.group("meas"))]
        claim.phrase_end = q.end + share.end()
        claim.measure_text = _phrase(sentence, q.start, claim.phrase_end)
        claim.construction = "part"
        claim.population = _antecedent_population(sentence, q.start)
        return claim
    brought = _BRINGING_TO_RE.search(before[-40:]) and _THE_NUMBER_OF_AFTER_RE.match(after)
    if brought:  # "bringing to eight the number of people killed": the toll after its number
        claim.measure = _brought_measure(brought)
        claim.phrase_end = q.end + brought.end()
        claim.measure_text = _phrase(sentence, q.start, claim.phrase_end)
        claim.construction = "toll"
        if brought.group("pop"):
            claim.population = _population(brought.group("pop"))
            claim.own_population = True
        return claim
    forward = None if members else _FORWARD_RE.match(after)
    if forward and _key(forward.group("meas")) == "lost":
        pop = forward.group("pop")
        if not pop or _key(pop) != "lives":
            forward = None  # "5,050 lives had been lost", not "300 jobs were lost"
    if (
        forward
        and MEASURES_AFTER[_key(forward.group("meas"))] == "displaced"
        and _ESCAPE_RE.match(after[forward.end() :])
    ):
        forward = None  # "12 prisoners fled the jail" escaped; they were not displaced
    if (
        forward
        and forward.group("pop")
        and _key(forward.group("meas")) in MEASURES_BEFORE  # "300 people dead 154,000 …": no verb
        and _counts_an_object(after[forward.end() :])
    ):
        forward = None  # "two gunmen killed almost 60 people": the two did the killing
    if (
        forward
        and re.search(r"\band\b", after[: forward.start("meas")])
        and _BACKWARD_RE.search(before[-60:])
    ):
        forward = None  # "killed 25,000 Hungarians in Budapest alone and wounded 50,000 more"
    if forward:
        word = forward.group("meas")
        claim.measure = MEASURES_AFTER[_key(word)]
        claim.measure_text = _phrase(sentence, q.start, q.end + forward.end())
        claim.construction = "subject"
        claim.phrase_end = q.end + forward.end()
        if forward.group("pop"):
            claim.population = _population_of(forward)
            claim.own_population = True
        elif _OF_THEM_RE.match(after):
            claim.population = _antecedent_population(sentence, q.start)
        elif forward.group("of"):
            of_pop = _OF_DEAD_POP_RE.match(sentence, claim.phrase_end)
            share = _SHARE_SUBJECT_RE.search(before)
            if share is not None:  # "Civilians accounted for 10,000 of the deaths"
                claim.population = _population(share.group("pop"))
                claim.own_population = True
            elif of_pop:
                claim.population = _population(of_pop.group("pop"))
                claim.own_population = True
                claim.phrase_end = of_pop.end()
        after_measure = _POP_NEXT_RE.match(sentence, claim.phrase_end)
        if not claim.own_population and after_measure:  # "742 killed servicemen"
            claim.population = _population(after_measure.group("pop"))
            claim.own_population = True
            claim.phrase_end = after_measure.end()
        if _key(word) in STATUS_NOUNS:
            claim.measure = _held_measure(sentence, claim, before, _key(word))
            if claim.measure != MEASURES_AFTER[_key(word)]:
                claim.construction = "object"
        if _key(word) == "victims":
            claim.measure = _victims_measure(sentence, claim) or claim.measure
            if _RELEASED_RE.match(sentence, claim.phrase_end):
                claim.measure = None  # "While 105 victims were released, 14 were found dead"
        if _counts_incidents(sentence, claim, word) or _counts_identifications(
            sentence, claim, word
        ):
            claim.measure = None
        harm = _HARM_AFTER_RE.match(sentence, claim.phrase_end)
        combined = _combined_measure(word + harm.group(0)) if harm else None
        if claim.measure in ("killed", "injured", "missing", "abducted") and combined:
            claim.measure = combined
            claim.phrase_end = harm.end()
        return claim
    pop = None if members else _POP_AFTER_RE.match(after)
    if pop:
        claim.population = _population_of(pop)
        # "killed 12 civilians and wounded 121 others": others of the people just counted
        claim.own_population = _key(pop.group("pop")) != "others"
        claim.phrase_end = q.end + pop.end()
    elif members is None and q.value == 1 and (one := _ONE_OF_A_PEOPLE_RE.match(after)):
        claim.own_population = True  # "one Indian and one U.S. citizen": a person of a people
        claim.phrase_end = q.end + one.end()
    backward = _BACKWARD_RE.search(before[-60:])
    if backward:
        verb = _key(backward.group("verb"))
        lives = (
            backward.group("lives")
            or (pop and _key(pop.group("pop")) == "lives")
            or _KILLER_SUBJECT_RE.search(before[-60:][: backward.start("verb")]) is not None
        )  # "Death is taking about 200 Somalis a day": the subject kills, whatever the object
        if (verb not in LIFE_VERBS or lives) and (verb not in PEOPLE_VERBS or pop):
            claim.measure = MEASURES_BEFORE[verb]
            coordinated = _COORDINATED_HARM_RE.search(before[-60:][: backward.end("verb")])
            combined = _combined_measure(coordinated.group("words")) if coordinated else None
            if combined:
                claim.measure = combined
            claim.phrase_start = q.start - len(before[-60:]) + backward.start()
            claim.measure_text = _phrase(sentence, claim.phrase_start, claim.phrase_end)
            claim.construction = "object"
            return claim
    confining = _CONFINING_RE.search(before[-100:])
    if confining and _sheltering(confining, state):
        confining = None  # "The camp houses about 5,000 people": a camp of the displaced
    if confining:  # "These camps also held 5,000 soldiers"
        claim.measure = "detained"
        claim.phrase_start = q.start - len(before[-100:]) + confining.start("verb")
        claim.measure_text = _phrase(sentence, claim.phrase_start, claim.phrase_end)
        claim.construction = "object"
        return claim
    displacing = _DISPLACING_RE.search(before[-40:])
    if displacing and _DISPLACED_TAIL_RE.match(after):
        claim.measure = "displaced"
        claim.phrase_start = q.start - len(before[-40:]) + displacing.start()
        claim.measure_text = _phrase(
            sentence, claim.phrase_start, q.end + _DISPLACED_TAIL_RE.match(after).end()
        )
        claim.construction = "object"
        return claim
    noun_of = _NOUN_OF_RE.search(before[-60:])
    if noun_of:
        claim.measure = _NOUN_OF_MEASURES[noun_of.group("w").lower()]
        claim.measure_text = _phrase(
            sentence, q.start - len(before[-60:]) + noun_of.start(), claim.phrase_end
        )
        claim.construction = "object"
        return claim
    among = _AMONG_RE.search(before[-60:])
    if among:
        claim.measure = MEASURES_AFTER.get(_key(among.group("w")), "killed")
        claim.measure_text = among.group(0).strip()
        claim.construction = "among"
        return claim
    toll = _nearest_toll(before)
    if toll and _key(toll.group("link")) == "including" and re.search(r"\d", toll.group("mid")):
        toll = None  # "1,048 dead, …, and another 5,558 wounded, including 289": a part of 5,558
    if toll:
        measure, population = _toll_meaning(toll, sentence, state, q.start)
        if measure is not None:
            claim.measure = measure
            claim.measure_text = " ".join((toll.group("toll") + toll.group("mid")).split())
            claim.construction = "toll"
            claim.toll_end = q.start - len(before) + toll.end("toll")
            claim.anaphoric = bool(_ANAPHORIC_TOLL_RE.search(before[: toll.end("toll")]))
            if population and not claim.own_population:
                claim.population = population
            link = _key(toll.group("link"))
            reached = _REACHED_OR_RE.search(
                before, 0, len(before) - len(toll.group(0)) + toll.start("link") - toll.start()
            )
            if q.qualifier is None and link in MORE_THAN_LINKS and reached:
                claim.quantity = _qualified(q, "at_least")  # "reached or even exceeded 200,000"
            elif q.qualifier is None and (link in MORE_THAN_LINKS or link in NEARLY_LINKS):
                claim.quantity = _qualified(q, "more_than" if link in MORE_THAN_LINKS else "nearly")
            elif q.qualifier is None and link == "reach" and _MODAL_BEFORE_RE.search(before):
                claim.quantity = _qualified(q, "up_to")  # "could reach 800,000"
            elif q.qualifier is None and _ESTIMATED_TOLL_RE.search(before[: toll.start()]):
                claim.quantity = _qualified(q, "about")  # "the estimated number kidnapped is"
            if q.text.lower().startswith("from") and _RISE_RE.search(
                (toll.group("mid") or "") + " " + toll.group("link")
            ):
                claim.quantity = _upper_end(q)
                claim.earlier = _lower_end(q)
            return claim
    apposed = _APPOSED_TOLL_RE.search(before[-80:])
    if apposed is not None and _APPOSED_END_RE.match(after):
        # "has the most deaths, 2,838;", "The highest toll among the districts, 1,021, was"
        claim.measure = MEASURE_TOLL_NOUNS.get(_key(apposed.group("w")), "killed")
        claim.measure_text = apposed.group(0).rstrip(", ")
        claim.construction = "toll"
        return claim
    population_at = _POP_AT_RE.search(before[-40:])
    measured = _THOSE_MEASURED_RE.match(after) if population_at else None
    if measured:
        claim.measure = MEASURES_AFTER.get(_key(measured.group("meas")), "killed")
        claim.population = _population(population_at.group("pop"))
        claim.own_population = True
        claim.measure_text = _phrase(sentence, q.start - 40 + population_at.start(), q.end)
        claim.construction = "subject"
        return claim
    share = _SHARE_OF_RE.match(after)
    if share is not None:  # "Children made up 3,000 of those killed"
        claim.measure = MEASURES_AFTER.get(_key(share.group("meas")), "killed")
        claim.measure_text = _phrase(sentence, q.start, q.end + share.end())
        claim.construction = "subject"
        claim.phrase_end = q.end + share.end()
        if _key(share.group("meas")) in STATUS_NOUNS:  # "Two of the hostages … were killed"
            claim.measure = _held_measure(sentence, claim, before, _key(share.group("meas")))
        subject = _SHARE_SUBJECT_RE.search(before)
        if subject is not None:
            claim.population = _population(subject.group("pop"))
            claim.own_population = True
        return claim
    label = _LABEL_BEFORE_RE.search(before)
    if label is not None:  # an infobox or table label: "Deaths25,000–43,000", "Injured: 35"
        claim.measure = MEASURES_AFTER.get(_key(label.group("label")), "killed")
        claim.measure_text = label.group("label")
        claim.construction = "label"
        if label.group("people"):  # "Palestinians killed: 11,100+"
            claim.population = _population(label.group("people"))
            claim.own_population = True
        return claim
    taken = _TOOK_HOSTAGE_RE.match(after)
    if taken is not None and _TOOK_BEFORE_RE.search(before):  # "took over 700 students hostage"
        claim.measure = (
            "detained" if taken.group("held").lower().startswith("prisoner") else "abducted"
        )
        claim.measure_text = taken.group("held")
        claim.construction = "object"
        claim.phrase_end = q.end + taken.end()
        if taken.group("pop"):
            claim.population = _population(taken.group("pop"))
            claim.own_population = True
        return claim
    hostage = _HOSTAGE_RE.match(after)
    if hostage is not None:  # "more than 220 others were taken to Gaza as hostages"
        claim.measure, claim.measure_text = "abducted", _phrase(after, 0, hostage.end())
        claim.construction = "subject"
        claim.phrase_end = q.end + hostage.end()
        return claim
    predicate = _PREDICATE_POP_RE.match(after)
    if predicate is not None:  # "of 218,094 dead it counted, 177,307 were civilians"
        claim.population = _population(predicate.group("pop"))
        claim.own_population = True
        claim.phrase_end = q.end + predicate.end()
        claim.construction = "part"
    elif _ANOTHER_RE.search(before[-30:]) or _MORE_AFTER_RE.match(after):
        claim.construction = "another"  # "another 2,500", "several hundred more had crossed"
    elif _PART_RE.search(before[-40:]) or _OF_WHOM_AFTER_RE.match(after):
        claim.construction = "part"  # "…, 9,532 of whom are serving sentences"
    return claim


# A count in apposition to the toll it gives: "the most deaths, 2,838;", "The highest toll
# among the districts, 1,021, was reported from …".
_APPOSED_TOLL_RE = re.compile(
    r"\b(?P<w>toll|deaths|fatalities|casualties|injuries|dead)\b(?:\s+(?:among|in|of|from|across)"
    r"\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?\s*,\s*$",
    re.IGNORECASE,
)
_APPOSED_END_RE = re.compile(r"^\s*(?:[,;.]|(?:was|were)\b|$)", re.IGNORECASE)
_BRINGING_TO_RE = re.compile(r"\bbr(?:ing|ings|inging|ought)\s+(?:up\s+)?to\s*$", re.IGNORECASE)
_THE_NUMBER_OF_AFTER_RE = re.compile(
    rf"^\s+the\s+(?:(?P<adj>death|civilian|casualty|overall)\s+)?(?P<noun>number|toll|tally|count|total)\b"
    rf"(?:\s+of\s+(?:(?P<pop>{_POP})\s+)?(?:(?:who\s+(?:were|have\s+been|had\s+been)\s+)?(?P<meas>{_MEAS})\b)?)?",
    re.IGNORECASE,
)


def _brought_measure(brought: re.Match) -> str | None:
    """The measure of "the number of people killed", "the death toll", "the casualty count"."""
    if brought.group("meas"):
        return MEASURES_AFTER.get(_key(brought.group("meas")))
    if brought.group("pop") and _key(brought.group("pop")) in MEASURES_AFTER:
        return MEASURES_AFTER[_key(brought.group("pop"))]  # "the total of detainees"
    if brought.group("adj") and brought.group("adj").lower() == "casualty":
        return "casualties"
    if brought.group("noun").lower() == "toll" or (brought.group("adj") or "").lower() == "death":
        return "killed"
    return None


def _counts_an_object(after_verb: str) -> bool:
    """'… killed almost 60 people': the verb has a count of people as its object."""
    quantities = find_quantities(after_verb[:60])
    if not quantities or after_verb[: quantities[0].start].strip():
        return False
    return _POP_AFTER_RE.match(after_verb[quantities[0].end :]) is not None


# Members of an armed body, named by its own words or acronym ("members of the Turkish
# security forces", "members of the PKK"): fighters, whatever the body is called.
_MEMBERS_OF_RE = re.compile(
    r"^\s*(?:(?!by\b|of\b|and\b|or\b)[\w'’-]+\s+){0,2}?(?:members?|personnel|operatives)\s+of\s+(?:the\s+)?"
    r"(?:[\w'’-]+[\s,]+){0,4}?(?:forces|army|police|military|militias?|armed\s+groups?|guard|"
    r"gendarmerie|security\s+services|(?-i:[A-Z]{2,6}))\b",
    re.IGNORECASE,
)
_RELEASED_RE = re.compile(
    r"\s+(?:were|was|have\s+been|had\s+been|are)\s+(?:later\s+)?(?:released|freed|returned)\b",
    re.IGNORECASE,
)
_SHARE_OF_RE = re.compile(
    rf"^\s+of\s+(?:the|those|all)\s+(?:(?:{_ADJECTIVE}){{0,2}}?(?:people|persons)\s+)?(?P<meas>{_MEAS})\b",
    re.IGNORECASE,
)
_SHARE_SUBJECT_RE = re.compile(
    rf"\b(?P<pop>{_POP})\s+(?:accounted\s+for|account\s+for|accounts\s+for|made\s+up|make\s+up|"
    r"makes\s+up|represented|represent|comprised|numbered|were|are)\s+(?:some\s+|about\s+|"
    r"around\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|at\s+least\s+)?$",
    re.IGNORECASE,
)
_LABEL_BEFORE_RE = re.compile(
    rf"^\W*(?:(?:(?-i:[A-Z])[\w'’-]*\s+){{0,2}}?(?P<people>{_POP}|(?-i:[A-Z])[\w'’-]*s)\s+)?"
    r"(?:(?:non-?fatal|fatal|total|confirmed|reported)\s+)?(?P<label>deaths?|casualties|killed|dead|fatalities|injured|wounded|injuries|missing|"
    r"displaced|refugees|internally\s+displaced|abducted|kidnapped|detained|arrested|evacuated)"
    r"\s*(?::|\|)?\s*$",
    re.IGNORECASE,
)
_TOOK_BEFORE_RE = re.compile(r"\b(?:took|take|takes|taking|taken|seized|held)\s+$", re.IGNORECASE)
_TOOK_HOSTAGE_RE = re.compile(
    rf"^\s+(?:(?:{_ADJECTIVE}){{0,2}}?(?P<pop>{_POP})\s+|(?:[a-z]+\s+){{0,2}}?)(?:as\s+)?"
    r"(?P<held>hostages?|captives?|prisoners?)\b",
    re.IGNORECASE,
)
_HOSTAGE_RE = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:were|was|have\s+been|had\s+been|are|being)\s+(?:taken|held|"
    r"carried\s+off|seized|dragged)\b[^.;,]{0,30}?\bas\s+(?:hostages?|captives?)\b",
    re.IGNORECASE,
)
_PREDICATE_POP_RE = re.compile(
    rf"^\s*(?:were|are|was|is)\s+(?:{_ADJECTIVE}){{0,2}}?(?P<pop>{_POP})\b", re.IGNORECASE
)
_OF_WHOM_AFTER_RE = re.compile(r"^\s*,?\s*of\s+(?:whom|them|these|those)\b", re.IGNORECASE)


_ANAPHORIC_TOLL_RE = re.compile(
    r"\b(?:(?:the|that|this|its|their|the\s+same)\s+(?:figure|number|estimate|tally|count|total|range)"
    r"|an?\s+range)$",
    re.IGNORECASE,
)


def _nearest_toll(before: str) -> re.Match[str] | None:
    """The toll noun nearest the number ("its own count in 2014, when it put the toll at")."""
    toll = _TOLL_RE.search(before)
    while toll is not None:
        closer = _TOLL_RE.search(before, toll.end("toll"))
        if closer is None:
            return toll
        if _key(closer.group("noun")) in MEASURE_TOLL_NOUNS and re.match(
            r"\s+of\b", toll.group("mid")
        ):
            return toll  # "the toll of killed and missing stands at": the toll, not "missing"
        toll = closer
    return None


_ARMED_BODIES = {"militia", "rebel", "guerrilla", "insurgent", "cartel", "gang", "army",
                 "taliban", "jihadist", "security", "police", "military", "paramilitary"}  # fmt: skip


def _population_of(match: re.Match[str]) -> str:
    """The population of a matched phrase: its people noun, or fighters where the noun is the
    members of an armed body ('25 PKK members', 'militia members')."""
    phrase = match.string[match.start() : match.end("pop")]
    armed = re.search(r"(?P<body>[\w'’-]+)\s+members?\s*$", phrase)
    if armed and (armed.group("body").isupper() or armed.group("body").lower() in _ARMED_BODIES):
        return "combatants"
    if _UNARMED_PERSONNEL_RE.search(phrase):
        return "all"  # "three UN personnel": "personnel" alone are a force's
    return _population(match.group("pop"))


_UNARMED_PERSONNEL_RE = re.compile(
    r"\b(?:UN|U\.N\.|United\s+Nations|aid|humanitarian|medical|health|hospital|relief)\s+"
    r"personnel\s*$"
)


def _population(words: str) -> str:
    """The population of a people noun, or of the last of two ('Rohingya Muslims', 'Yazidi
    children'); two joined ('men and boys', 'soldiers and police') share one only if both have it."""
    key = _key(words)
    if key in POPULATIONS:
        return POPULATIONS[key]
    joined = re.split(r"\s*,?\s+(?:and|or|&)\s+", key)
    if len(joined) == 2:
        first, second = (_population(part) for part in joined)
        return first if first == second else "all"
    words = key.split()
    last = POPULATIONS.get(words[-1], "all")
    if len(words) == 2 and POPULATIONS.get(words[0]) == "civilians":
        return "civilians"  # "civilian police" are not a side's police
    if last == "all" and len(words) == 2 and POPULATIONS.get(words[0], "all") != "all":
        return POPULATIONS[words[0]]  # "civilian men", "child refugees"
    return last


def _antecedent_population(sentence: str, position: int) -> str:
    """'Afghan civilians … as 1,366 of them were killed': the people named before."""
    words = _POP_WORD_RE.findall(sentence[:position])
    return _population(words[-1]) if words else "all"


def _key(text: str) -> str:
    if _HELD_IN_RE.fullmatch(text):
        return "held in custody"  # "held in more than 60 small camps": one measure, detained
    return " ".join(text.lower().replace("’", "'").split())


def _phrase(sentence: str, start: int, end: int) -> str:
    return " ".join(sentence[max(0, start) : end].split())


def _words_at_every_start(words) -> re.Pattern[str]:
    """One pattern finding, at every position, the longest of `words` there (a lookahead, so
    matches may overlap): one compiled search instead of one per word."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?=\b(" + "|".join(re.escape(w) for w in ordered) + r")\b)")


_POP_WORDS_RE = _words_at_every_start(POPULATIONS)
_MEASURE_WORDS_RE = _words_at_every_start(MEASURES_AFTER)


def _longest_word(pattern: re.Pattern[str], words: str) -> str | None:
    """The longest word of the pattern's list found in `words` (the first listed on a tie)."""
    found = [m.group(1) for m in pattern.finditer(words)]
    return max(found, key=len) if found else None


def _toll_meaning(
    toll: re.Match[str], sentence: str, state: DocumentState, position: int
) -> tuple[str | None, str | None]:
    noun = _key(toll.group("noun"))
    words = _key(toll.group("mid") or "")
    population = None
    if toll.group("tpop"):
        population = POPULATIONS[_key(toll.group("tpop"))]
    pop_word = _longest_word(_POP_WORDS_RE, words)
    if pop_word is not None:
        population = population or POPULATIONS[pop_word]
    if noun.startswith("civilian"):
        population = "civilians"
    measure = None
    word = _longest_word(_MEASURE_WORDS_RE, words)
    if word is not None:
        measure = MEASURES_AFTER[word]
    if measure is None and noun in ("number", "total") and re.match(r"\s*of\b", words):
        measure = next(  # "the number of Red prisoners was 4,000"
            (v for w, v in MEASURE_TOLL_NOUNS.items() if re.search(rf"\b{w}\b", words)), None
        )
    if noun in MEASURE_TOLL_NOUNS:
        return MEASURE_TOLL_NOUNS[noun], population
    if noun in DEATH_TOLL_NOUNS:
        combined = ("injured", "casualties", "killed_or_missing", "killed_or_abducted")
        return measure if measure in combined else "killed", population
    if noun in CASUALTY_TOLL_NOUNS:
        return "casualties", population
    anaphoric_number = (  # "by 1985 the number had fallen to 1,655", not "a total of 3,321"
        noun in ("number", "total")
        and not re.match(r"\s*of\b", words)
        and _key(toll.group("link")) != "of"
    )
    if measure is None and (
        anaphoric_number
        or noun
        in (
            "figure",
            "figures",
            "tally",
            "count",
            "estimate",
            "estimates",
            "range",
        )
    ):
        # the measure named last before the figure: "1.2 million displaced persons …; death
        # estimates range around 500,000, with high estimates at 1,000,000" are deaths
        named = list(_MEASURE_NAMED_RE.finditer(sentence, 0, position))
        measure = (
            MEASURES_AFTER[_key(named[-1].group(0))]
            if named
            else _sentence_measure(sentence) or state.last_measure
        )
    return measure, population


_REACHED_OR_RE = re.compile(r"\breach(?:ed|es)?\s+or\s+(?:even\s+)?$", re.IGNORECASE)
_MEASURE_NAMED_RE = re.compile(rf"\b(?:{_MEAS})\b", re.IGNORECASE)


def _sentence_measure(sentence: str) -> str | None:
    match = re.search(rf"\b(?:{_MEAS})\b", sentence, re.IGNORECASE)
    return MEASURES_AFTER[_key(match.group(0))] if match else None


_WORD_BEFORE_RE = re.compile(r"\b([A-Za-z]+)\s+$")
_NOT_A_SUBJECT = {"an", "the", "some", "were", "was", "are", "is", "be", "been", "being", "of",
                  "at", "to", "and", "or", "by", "with", "killed", "left", "put"}  # fmt: skip


def _without_estimated(q: Quantity) -> Quantity:
    """The number of 'X estimated 500', exact: 'estimated' is X's verb, not a qualifier."""
    rest = re.match(r"estimated\s+", q.text, re.IGNORECASE).end()
    start, text = q.start + rest, q.text[rest:]
    return Quantity(start, q.end, text, q.value, q.value, q.value, None, q.vague, q.year_like)


_MODAL_BEFORE_RE = re.compile(r"\b(?:could|would|might|may|will)\s+(?:\w+\s+)?reach\s*$")
_ESTIMATED_TOLL_RE = re.compile(r"\b(?:the|an)\s+estimated\s+$", re.IGNORECASE)


def _qualified(q: Quantity, qualifier: str) -> Quantity:
    """'the toll topped 400,000': the verb says what a qualifier would."""
    if qualifier in ("more_than", "at_least"):
        return Quantity(q.start, q.end, q.text, q.value, q.low, None, qualifier, q.vague, False)
    if qualifier == "up_to":
        return Quantity(q.start, q.end, q.text, q.value, None, q.value, qualifier, q.vague, False)
    if qualifier == "about":
        value = q.value if q.value is not None else q.low
        low, high = value * (1 - ABOUT_BAND), value * (1 + ABOUT_BAND)
        return Quantity(q.start, q.end, q.text, value, low, high, qualifier, q.vague, False)
    low = q.value * (1 - NEARLY_BAND) if q.value is not None else q.low
    return Quantity(q.start, q.end, q.text, q.value, low, q.value, qualifier, q.vague, False)


def _lower_end(q: Quantity) -> Quantity:
    """'rose from 200 to 300': the figure before, which the text also reports."""
    prefix = re.match(r"(?:from|between)\s+", q.text, re.IGNORECASE)
    offset = prefix.end() if prefix else 0
    marker = max(q.text.lower().rfind(" to "), q.text.rfind("-"), q.text.rfind("–"))
    text = q.text[offset:marker].strip()
    start = q.start + offset
    return Quantity(start, start + len(text), text, q.low, q.low, q.low, None, q.vague, False)


def _with_earlier_figures(claims: list[SentenceClaim]) -> list[SentenceClaim]:
    """Each claim preceded by the earlier figure it was updated from, when the text gives one."""
    out = []
    for claim in claims:
        if claim.earlier is not None and claim.measure is not None:
            earlier = replace(claim, quantity=claim.earlier, earlier=None, standing=True)
            earlier.phrase_end = claim.earlier.end
            out.append(earlier)
        out.append(claim)
    return out


# "30,000 killed-57,000 soldiers killed", "from 28,000 children to 32,000 children", "between 500
# dead and 700 dead": a range whose ends each repeat what they count.
_REPEATED_NOUN_GAP_RE = re.compile(
    r"\s+(?P<words>[^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*){0,3})\s*(?:(?P<sep>to|and)\s+|[-–—])$",
    re.IGNORECASE,
)


_RISE_FROM_RE = re.compile(rf"\b(?:{alternation(RISE_VERBS)})\s+from\s+$", re.IGNORECASE)


def _ranges_repeating_the_noun(sentence: str, claims: list[SentenceClaim]) -> list[SentenceClaim]:
    """Two figures that are one range's ends, each with its noun: one claim of the range."""
    out: list[SentenceClaim] = []
    for claim in claims:
        first = out[-1] if out else None
        if first is None or first.quantity.qualifier or claim.quantity.qualifier:
            out.append(claim)
            continue
        gap = _REPEATED_NOUN_GAP_RE.match(sentence, first.quantity.end, claim.quantity.start)
        if gap is None or first.quantity.low is None or claim.quantity.high is None:
            out.append(claim)
            continue
        words = gap["words"].lower().split()
        opener = sentence[max(0, first.quantity.start - 9) : first.quantity.start].lower()
        rise = _RISE_FROM_RE.search(
            sentence, 0, first.quantity.start
        )  # "rose from 30 killed to 45"
        sep = (gap["sep"] or "-").lower()
        opened = {"to": "from", "and": "between"}.get(sep)
        after = sentence[claim.quantity.end : claim.quantity.end + 60].lower()
        if (
            (opened is not None and not opener.rstrip().endswith(opened))
            or words[-1] not in re.findall(r"[\w'’-]+", after)[: len(words) + 3]
            or first.quantity.low >= claim.quantity.high
            or first.measure not in (None, claim.measure)
            or rise is not None
        ):
            out.append(claim)
            continue
        start, end = first.quantity.start, claim.quantity.end
        low, high = first.quantity.low, claim.quantity.high
        merged = Quantity(start, end, sentence[start:end], None, low, high, "range", False, False)
        out[-1] = replace(claim, quantity=merged, phrase_start=first.phrase_start)
    return out


_SHARE_OF_WHOLE_RE = re.compile(r"\s+of\s+(?:the\s+)?[\w-]+['’]s\s+$")


def _shares_of_a_whole(sentence: str, claims: list[SentenceClaim]) -> list[SentenceClaim]:
    """'about 70,000 of the island's roughly 200,000 people had been driven from their homes':
    the share is the claim, with what the sentence says of the whole; the whole is a population."""
    out: list[SentenceClaim] = []
    for claim in claims:
        share = out[-1] if out else None
        if (
            share is not None
            and share.measure is None
            and claim.measure is not None
            and _SHARE_OF_WHOLE_RE.fullmatch(sentence, share.quantity.end, claim.quantity.start)
        ):
            out[-1] = replace(claim, quantity=share.quantity, phrase_start=share.phrase_start)
            continue
        out.append(claim)
    return out


# A figure given by reference to the count before: "2,600 dead and as many wounded", "almeno
# 2600 morti e altrettanti feriti", "… and a similar number injured".
_AS_MANY_RE = re.compile(
    r"\s*,?\s+(?:and|e|et|y)\s+(?P<ref>(?:as\s+many|altrettant[ie]|autant\s+de|otros\s+tantos|"
    r"otras\s+tantas|a\s+similar\s+number(?:\s+of)?)(?:\s+(?:again|more))?\s+(?:were\s+)?"
    r"(?P<meas>wounded|injured|feriti|ferite|blessés|heridos|heridas|missing|arrested|detained|"
    r"displaced))\b",
    re.IGNORECASE,
)


def _as_many_again(sentence: str, claims: list[SentenceClaim]) -> list[SentenceClaim]:
    """'2,600 dead and as many wounded': the second figure is the first's number, its own measure."""
    out: list[SentenceClaim] = []
    for claim in claims:
        out.append(claim)
        again = _AS_MANY_RE.match(sentence, claim.phrase_end) if claim.measure else None
        if again is None:
            continue
        q = claim.quantity
        start, end = again.span("ref")
        quantity = replace(q, start=start, end=end, text=again.group("ref"), year_like=False)
        out.append(
            SentenceClaim(
                quantity,
                measure=MEASURES_AFTER[_key(again.group("meas"))],
                measure_text=again.group("ref"),
                population=claim.population,
                construction="list",
                phrase_start=start,
                phrase_end=end,
            )
        )
    return out


def _upper_end(q: Quantity) -> Quantity:
    """'rose from 200 to 300': the claim is the new figure."""
    marker = max(q.text.lower().rfind(" to "), q.text.rfind("-"))
    offset = q.start + marker + (4 if q.text.lower()[marker : marker + 4] == " to " else 1)
    text = q.text[offset - q.start :]
    return Quantity(offset, q.end, text.strip(), q.high, q.high, q.high, None, q.vague, False)


def _inherit(sentence: str, claims: list[SentenceClaim], periods: list[Period]) -> None:
    """Lists and parts take the measure of the claim they belong to."""
    _measure_after_list(sentence, claims)
    for previous, claim in pairwise(claims):
        if claim.construction != "toll" or previous.measure is None or not claim.measure_text:
            continue
        word = sentence.rfind(claim.measure_text, 0, claim.quantity.start)
        colon = ":" in sentence[previous.phrase_end : claim.quantity.start]
        if colon and previous.quantity.start <= word < previous.phrase_end:
            # "13,000 people as dead or missing in the region: some 10,000 Albanians": the
            # measure word is the count's before the colon, not a label over the breakdown
            claim.measure = claim.measure_text = claim.construction = None
    for index, claim in enumerate(claims):
        if claim.measure is not None or index == 0:
            continue
        head = next(
            (
                c
                for c in claims[:index]
                if c.construction == "subject"
                and c.quantity.end < claim.quantity.start < c.phrase_end
            ),
            None,
        )
        if head is not None:  # "108 people — eight women and 100 men — were killed"
            claim.measure, claim.measure_text = head.measure, head.measure_text
            claim.construction = "part"
            continue
        previous = claims[index - 1]
        if previous.measure is None and (
            claim.construction == "part"
            or _COLON_BREAKDOWN_RE.search(sentence[previous.phrase_end : claim.quantity.start])
        ):
            # "17,451 had been arrested in 155 cities, among them 540 students": the count of
            # people before, not of the cities; so "1,500 killed in six countries - at least
            # 1,071 in Nicaragua" breaks the 1,500 down, not the six
            measured = [c for c in claims[:index] if c.measure is not None]
            previous = measured[-1] if measured else previous
        if previous.measure is None:
            continue
        gap = _without_periods(sentence, previous.phrase_end, claim.quantity.start, periods)
        echo = _ECHO_TAIL_RE.match(sentence, claim.quantity.end) or _cause_echo(
            sentence, previous, claim
        )
        between = sentence[previous.quantity.end : claim.quantity.start]
        if echo and re.search(rf"\b{echo.group('prep')}\s+[^,;:.]{{1,40}}?\s+and\s+$", between):
            gap = " and "  # "2,300 had crossed into Albania and 1,300 into southern Serbia"
        breakdown = _COLON_BREAKDOWN_RE.search(gap) is not None
        agent = _AGENT_ASIDE_RE.match(gap)
        gap = _GAP_ASIDE_RE.sub(" ", _SOURCE_ASIDE_GAP_RE.sub(" ", gap))
        tail = sentence[claim.quantity.end : claim.quantity.end + 30]
        named = _PEOPLE_NAME_RE.match(tail) is not None and not _LIST_TAIL_RE.match(tail)

        item_word = _ITEM_WORD_GAP_RE.match(gap)
        if item_word and (
            _PEOPLE_NAME_RE.match(tail)
            or (gap.strip()[:1].isupper() and _POPULATION_TAIL_RE.match(tail))
        ):
            # "Fatalities: 2 unidentified, 36 Muslims, 15 Hindus": the item's own word; "the
            # deaths of 146 Danes and 25 soldiers": a people's name, then people of another kind
            gap = ", "
        listed = (
            _LIST_TAIL_RE.match(tail)
            or _SOURCE_ASIDE_TAIL_RE.match(sentence, claim.quantity.end)
            or echo
            or named
            or (agent and _AGENT_ASIDE_RE.match(tail))  # "215 killed by police and 97 by the"
        )
        if named:
            claim.own_population = True  # "35 Bedouin": people of their own, not the item's before
        gapped = _GAPPED_WITH_RE.match(gap) and _WITH_BEFORE_RE.search(
            sentence[: previous.quantity.start]
        )  # "September closed with 144 murders, October with 188": the verb and noun left out
        if (
            claim.construction in ("part", "another")
            or gapped
            or (
                (
                    _COORD_RE.match(gap)
                    or (_SEMICOLON_ITEM_RE.match(gap) and _verbless_item(sentence, claim))
                    or _OTHER_SOURCE_GAP_RE.search(gap)
                    or breakdown
                )
                and listed
            )
            or (_verb_gapped(gap) and previous.construction in _CLAUSE_CONSTRUCTIONS and listed)
        ):
            claim.measure = previous.measure
            claim.measure_text = previous.measure_text
            if (
                not claim.own_population
                and claim.construction != "part"
                and not _others_beside(sentence, claim, previous)
            ):
                claim.population = previous.population
            claim.construction = claim.construction or "list"
    for index in range(len(claims) - 2, -1, -1):
        claim, following = claims[index], claims[index + 1]
        if (
            claim.measure is not None
            or following.measure is None
            or following.construction not in ("subject", "list")
        ):
            continue
        gap = sentence[claim.phrase_end : following.quantity.start]
        people = _PEOPLE_PLURAL_GAP_RE.match(gap)
        if people:
            claim.own_population = True  # "2,500 Hungarians and 700 Soviet troops died"
        shared = _SHARED_NOUN_GAP_RE.match(gap) and not claim.own_population
        if (
            _COORD_RE.match(gap) or shared or people
        ):  # "27,000 French and 115,000 British troops died"
            claim.measure = following.measure
            claim.measure_text = following.measure_text
            claim.construction = "list"
            if not claim.own_population:
                claim.population = following.population


# A count whose verb is left out, its place said with the preposition the count before had:
# "2,300 had crossed into Albania and 1,300 into southern Serbia", "and a few hundred more into".
_ECHO_TAIL_RE = re.compile(
    r"\s+(?:more\s+)?(?P<prep>into|to|from|in|across|at|towards?)\s+(?=(?:the\s+)?(?:[a-z]+\s+)?[A-Z])"
)
_POPULATION_TAIL_RE = re.compile(rf"^\s+(?:(?:{_ADJECTIVE}){{0,2}})(?:{_POP})\b", re.IGNORECASE)
_ITEM_WORD_GAP_RE = re.compile(r"^\s+[A-Za-z][\w-]*(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")
# "111 prisoners killed: 102 from gunshots … and nine from stab wounds": the parts of a count
# told apart by their cause, each after the same preposition (the first, after the colon).
_CAUSE_TAIL_RE = re.compile(r"\s+(?P<prep>from|by|of|in)\s+(?:the\s+)?[a-z]")


def _cause_echo(sentence: str, previous: SentenceClaim, claim: SentenceClaim) -> re.Match | None:
    tail = _CAUSE_TAIL_RE.match(sentence, claim.quantity.end)
    if tail is None:
        return None
    between = sentence[previous.phrase_end : claim.quantity.start]
    if re.fullmatch(r"\s*:\s*", between):
        return tail
    before = re.match(rf"\s+{tail.group('prep')}\s", sentence[previous.quantity.end :])
    return tail if before is not None and previous.construction in ("part", "list") else None


# "27,000 French and 115,000 British troops": adjectives alone before the next count share its noun.
# "2,500 Hungarians and 700 Soviet troops": a people's plural name is a noun of its own, not an
# adjective sharing the next count's noun.
_PEOPLE_PLURAL_GAP_RE = re.compile(
    r"^\s+(?:ethnic\s+)?(?-i:[A-Z][a-z]+(?:an|ian|ean|i|ite|er)s)\s+(?:and|or)\s+$"
)
_SHARED_NOUN_GAP_RE = re.compile(
    r"^\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:and|or)\s+$|^\s+[A-Z][\w'’-]*,\s+$"
)


def _measure_after_list(sentence: str, claims: list[SentenceClaim]) -> None:
    """'12 men, four women and four children killed, and 60 men and seven children injured':
    a list of people counted takes the measure said after its last item, not the one before."""
    for index, claim in enumerate(claims):
        if claim.measure is not None or not claim.own_population or claim.construction == "part":
            continue  # "5,614 deaths, including 362 children, and 7,946 injured": 362 died
        for later, following in zip(claims[index:], claims[index + 1 :], strict=False):
            gap = sentence[later.phrase_end : following.quantity.start]
            if not _COORD_RE.match(gap) or not following.own_population:
                break
            if following.measure is not None:
                if following.construction == "subject":
                    claim.measure, claim.measure_text = following.measure, following.measure_text
                    claim.construction = "list"
                break


# Another source's figure for the same thing: "Darfur Dead May Be 300,000; Sudan Says 10,000",
# "…, while the government says only 9,000".
# "… 13,000 people as dead or missing in the region: some 10,000 Albanians, 2,000 Serbs": a
# colon after a count opens its breakdown, whatever scope was said between them.
_COLON_BREAKDOWN_RE = re.compile(  # "the dead at 49: 41 at …", "… at 49 - 41 at the Central Mosque"
    rf"^[^;:.]{{0,80}}(?::|\s[–—-])\s*(?:(?:{QUALIFIER_PATTERN})\s*)?$",
    re.IGNORECASE,
)
# "2,000 Serbs", "some 10,000 ethnic Albanians": a people named by a capitalised plural.
# "10,812 Albanians", and a people's name the same in the plural closing a list's item:
# "833 Druze, 533 fighters … and 35 Bedouin."
_PEOPLE_NAME_RE = re.compile(
    r"^\s*(?:[a-z]+\s+)?(?:[A-Z][a-z]+s\b|(?-i:[A-Z][a-z]+)(?=\s*(?:[,;.)]|$)))"
)
# "September closed with 144 murders, October with a record 188 and November with 175": each
# item says its name and "with", the verb and the noun left out after the first.
_WITH_COUNT = r"with\s+(?:(?:a|an)\s+(?:record|further|new|another)\s+)?$"
_GAPPED_WITH_RE = re.compile(rf"^\s*,?\s*(?:and\s+)?(?:[A-Z][\w'’-]*\s+){{1,3}}{_WITH_COUNT}")
_WITH_BEFORE_RE = re.compile(rf"\b[A-Za-z]\w*\s+{_WITH_COUNT}")
_OTHER_SOURCE_GAP_RE = re.compile(
    r"^\s*[;,]?\s*(?:while|whilst|but|whereas|and)?\s*[^;,.]{0,40}?\b(?:says|said|say|puts\s+it\s+at|"
    r"put\s+it\s+at|estimates|estimated|claims|claimed|counts|counted)\s+(?:only|just|about|some)?\s*$",
    re.IGNORECASE,
)
# Between coordinated figures, what belongs to the first: "2,310 according to the Ministry of
# Health, 2,251 according to the UN", "550 civilians died in Boko Haram attacks, compared with";
# the place a count is from ("29,500 from Britain and Ireland, over 12,000 from France"), and the
# end of a body's name with its acronym ("74 members of the Central Reserve Police Force (CRPF)
# and two policemen"), and a study cited by its authors and year ("15 million deaths by Houser,
# Sands and Xiao (2005), 18 million by Yao (1999)").
_GAP_ASIDE_RE = re.compile(
    r"^\s*(?:by\s+(?-i:[A-Z])[\w'’-]*(?:(?:,\s+|\s+and\s+)(?-i:[A-Z])[\w'’-]*){0,4}"
    r"(?:\s+and\s+colleagues)?\s+\(\d{4}\)|(?:according\s+to|per|citing)\s+[^,;]{1,60}?|(?:in|during|on|at|across|from|by|near|"
    r"inside|to(?=\s+(?-i:[A-Z])))\s+(?:[^,;]{1,40}(?=\s*,)|[^,;]{1,40}?)|(?:(?-i:[A-Z])[\w'’-]*\s+){0,4}\((?-i:[A-Z][A-Za-z&.-]{1,10})\))(?=\s*(?:[,;]|and\b|$))",
    re.IGNORECASE,
)


# "Guerrillas kidnapped 25,482 people and paramilitary groups 2,541", "the Red terror claimed
# 1,650 victims and the White terror about 10,000": a second subject whose verb and noun are the
# first clause's, left out (gapping). The subject is a short phrase with no verb of its own.
_GAPPED_SUBJECT_RE = re.compile(
    r"^(?:\s+(?:in|at|on|across|from|near)\s+[^,;.]{1,40}?)?\s*(?:[,;](?:\s*(?:and|while|whereas|but))?|"
    r"\s+(?:and|while|whereas|but))\s+(?!(?:of|from|to|than|as|by|after|before|when|since|if|"
    r"because|although|though|where|only|just|some|over|under)\b)"
    r"(?P<subject>(?:[\w'’.-]+\s+){0,4}?(?!(?:of|with|only|just)\b)[\w'’.-]+)\s+"
    r"(?:(?:for|at|to)\s+)?$",
    re.IGNORECASE,
)
_NOT_A_SUBJECT_WORD_RE = re.compile(
    r"^(?:were|was|are|is|be|been|have|has|had|will|would|could|may|might|can|who|that|which|"
    r"said|says|say|told|added|more|another|further|than|as|including|among|it|they|he|she|we|"
    r"[a-z]+ed|[a-z]+ing|\d[\d,.]*)$",
    re.IGNORECASE,
)
_CLAUSE_CONSTRUCTIONS = ("object", "subject", "toll")


def _verb_gapped(gap: str) -> bool:
    """The words between two counts are a new subject whose verb is left out."""
    match = _GAPPED_SUBJECT_RE.match(gap)
    if match is None:
        return False
    return not any(_NOT_A_SUBJECT_WORD_RE.match(w) for w in match.group("subject").split())


_SOURCE_ASIDE = r"\((?:(?:according\s+to|per|by)\s+[^()\d;]{1,60}|(?-i:[A-Z])[^()\d;]{0,60})\)"
# "Deaths 161+ or 200+ (Human Rights Watch)", "20,000 (Robert Fisk) or 40,000 (SHRC)": a
# source in brackets after a count closes it as a list's item would.
_SOURCE_ASIDE_TAIL_RE = re.compile(
    rf"\s*{_SOURCE_ASIDE}(?:\[[^\]]{{1,20}}\])*\s*(?:[,.;:]|$|(?:and|or|in|on)\b)",
    re.IGNORECASE,
)

# … and between two counts it is an aside, as a place or an agent is.
_SOURCE_ASIDE_GAP_RE = re.compile(rf"^\s*{_SOURCE_ASIDE}(?:\[[^\]]{{1,20}}\])*", re.IGNORECASE)


# An agent after a count, said again after the next count with its verb left out.
_AGENT_ASIDE_RE = re.compile(r"^\s+by\s+(?:the\s+)?[\w'’-]", re.IGNORECASE)
_COMPARED_EVENT_CLAUSE_RE = re.compile(
    r"\b(?:than|like|as\s+in|compared\s+(?:with|to)|rivals?|dwarf(?:s|ed|ing)?|eclips(?:es|ed|ing))\s+"
    r"(?:that\s+of\s+)?(?:the\s+)?[^,;.]{0,60},?\s+(?:which|that|where|when|in\s+which)\s+"
    r"(?:\w+\s+){0,2}?(?:claimed|killed|left|took|cost|saw|caused)\s+[^,;.]{0,25}$",
    re.IGNORECASE,
)


def _is_yardstick(sentence: str, claim: SentenceClaim, places: list[Place]) -> bool:
    """A compared figure of another place or event ("higher than the 100,000 killed in Bosnia").

    A figure compared with one of the same war ("2,500 in April, compared to approximately
    1,700 in September"; "almost double the estimates of more than 6,000") is a claim.
    """
    before = sentence[max(0, claim.quantity.start - 80) : claim.quantity.start]
    if _COMPARED_EVENT_CLAUSE_RE.search(
        sentence[max(0, claim.quantity.start - 140) : claim.quantity.start]
    ):
        return True  # "more people than the 1994 genocide in Rwanda, which claimed some 800,000"
    if _COMPARISON_RE.search(before) is None:
        return False
    tail_end = min(len(sentence), claim.phrase_end + 60)
    breaks = [
        m.start() for m in re.finditer(r"[,;]|\s[–—]\s", sentence[claim.phrase_end : tail_end])
    ]
    tail_end = claim.phrase_end + breaks[0] if breaks else tail_end
    own_place = any(claim.quantity.end <= p.start < tail_end for p in places)
    return (
        own_place or _YARDSTICK_EVENT_RE.search(sentence, claim.quantity.end, tail_end) is not None
    )


def _clause_window(sentence: str, position: int, breaks: re.Pattern[str], width: int) -> str:
    window_start = max(0, position - width)
    window = sentence[window_start:position]
    ends = [m.end() for m in breaks.finditer(window)]
    return window[ends[-1] :] if ends else window


# An estimate of what is, not a hypothesis: "may have been killed", "could be as high as 300,000",
# "the toll may be closer to 50,000" (but "could be displaced" is a projection).
_EPISTEMIC_RE = re.compile(
    r"\b(?:may|might|could)\s+(?:well\s+)?have\b"
    r"|\b(?:may|might|could)\s+(?:well\s+|actually\s+|even\s+)?be\b(?!\s+(?:\w+ed|\w+en|left|hit|cut|made)\b)"
    # a reading of what has happened, hedged: "the toll is more likely to be around 2,500",
    # "officials fear the toll will reach 200,000", "deaths could exceed 1,000"
    r"|\b(?:more\s+|most\s+|very\s+)?likely\s+to\s+be\b"
    r"|\b(?:toll|number|figure|count|deaths|dead)\s+(?:\w+\s+){0,2}?(?:will|could|may|might|would|can)"
    r"\s+(?:well\s+|eventually\s+|even\s+)?(?:reach|exceed|surpass|top|run\s+into)\b",
    re.IGNORECASE,
)
# a hedge on the speaker's own judgement, not a hypothesis: "We would conclude that at least …"
_HEDGE_RE = re.compile(
    r"\b(?:would|could|might|may)\s+(?:\w+ly\s+)?(?:conclude|estimate|say|argue|suggest|think|"
    r"guess|put|place|assume|stress|add|note)\b",
    re.IGNORECASE,
)
# A negated comparison bounds a figure, it does not deny it: "no fewer than 528 dead and 4,599
# injured", "does not exceed 10,000".
_BOUND_RE = re.compile(
    r"\b(?:no|not)\s+(?:more|fewer|less|greater|higher|lower)\s+than\b"
    r"|\b(?:does|did|do|will|would|could|can)\s*(?:not|n['’]t)\s+exceed\b",
    re.IGNORECASE,
)
_MODAL_AFTER_RE = re.compile(
    r"[^,;.]{0,30}?\b(?:could|would|might|may|will|are\s+expected\s+to|are\s+likely\s+to)\b(?!\s+have\b)",
)


def _context(sentence: str, claim: SentenceClaim, names: list[tuple[int, int]]) -> str:
    """negated, hypothetical or asserted, from cues in the claim's clause.

    Names are blanked first ("Doctors Without Borders" negates nothing), and "may have
    been killed" is an estimate of the past, not a hypothesis.
    """
    for start, end in names:
        sentence = sentence[:start] + " " * (end - start) + sentence[end:]
    sentence = _NAMED_NEGATION_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    sentence = _EPISTEMIC_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    sentence = _HEDGE_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    if _MODAL_AFTER_RE.match(sentence, claim.quantity.end) and claim.construction in (
        "another",
        "list",
        "part",
    ):
        return "hypothetical"  # "another 800,000 could soon follow"
    sentence = _BOUND_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    q = claim.quantity
    inside = sentence[q.end : claim.phrase_end] if claim.construction == "subject" else ""
    near = _clause_window(sentence, q.start, _SOFT_BREAK_RE, 80)
    if _NEGATION_RE.search(near) or _NEGATION_RE.search(inside):
        return "negated"
    wide = _clause_window(sentence, q.start, _HARD_BREAK_RE, 120)
    if _HYPOTHETICAL_RE.search(wide) or _HYPOTHETICAL_RE.search(inside):
        return "hypothetical"
    return "asserted"


_TOPIC_RE = re.compile(
    rf"^\W*(?:the\s+)?(?:number\s+of\s+)?(?P<pop>{_POP})\s+(?:casualties|deaths|fatalities|victims|injuries|death\s+toll|toll)\b",
    re.IGNORECASE,
)
# "documented civilian casualties – 20 deaths and 69 injuries", "The majority of civilian
# casualties were caused by shelling (11 killed and 51 injured)": the counts break the topic down
_TOPIC_NOUN_RE = re.compile(
    rf"\b(?P<pop>{_POP})\s+(?:casualties|deaths|fatalities|injuries)\b", re.IGNORECASE
)
_AGENT_PHRASE_RE = re.compile(r"\bby\s+[^,;:.()\d]{1,80}", re.IGNORECASE)
# The people an attack was aimed at, before the count of its harm: "shot at Iraqi civilians,
# killing 17 and injuring 20", "opened fire on protesters, killing 12".
_TARGET_BEFORE_RE = re.compile(
    rf"\b(?:shot|fired|opened\s+fire|attacked|targeted|shelled|bombed|struck|ambushed|stormed)"
    rf"\s+(?:at\s+|on\s+|upon\s+|into\s+)?(?:(?:a|the|crowds?|groups?|of|unarmed|[A-Z][\w-]*)\s+)*"
    rf"(?P<pop>{_POP})\s*,\s*$",
    re.IGNORECASE,
)
_FOR_PEOPLE_RE = re.compile(rf"\b(?:for|among)\s+(?:the\s+)?({_POP})\b", re.IGNORECASE)
_TO_POPULATION_RE = re.compile(
    rf"\s+(?:{_MEAS})\s+(?:to|among)\s+(?:the\s+)?(?P<pop>{_POP})\b", re.IGNORECASE
)


def _topic_population(sentence: str, claims: list[SentenceClaim]) -> None:
    """Who is counted, said once for counts that do not say it again.

    - a sentence's topic: 'Child casualties comprised nearly one-third …, with 327 deaths and
      880 injured', 'UNSMIL documented civilian casualties in Derna (seven killed and 30
      injured)', '66 civilian casualties, including 28 deaths and 38 injuries';
    - after the counts: 'at least seven deaths and 30 injuries to civilians'.
    """
    topic = _TOPIC_RE.match(sentence)
    # who did it ("killed by Indian security forces") is not who is counted
    unagented = _AGENT_PHRASE_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    for claim in claims:
        if claim.own_population or claim.population != "all":
            continue
        if topic is not None:
            claim.population = _population(topic.group("pop"))
            continue
        named = [
            m
            for m in _TOPIC_NOUN_RE.finditer(sentence, 0, claim.quantity.start)
            if not _POP_WORD_RE.search(unagented, m.end(), claim.quantity.start)
        ]
        if named and claim.construction in ("subject", "list", "part"):
            claim.population = _population(named[-1].group("pop"))
            continue
        colon = sentence.rfind(": ", 0, claim.quantity.start)
        heading = _FOR_PEOPLE_RE.findall(sentence[:colon]) if colon > 0 else []
        people = {_population(w) for w in heading}
        if (
            len(people) == 1
            and "all" not in people
            and not _POP_WORD_RE.search(sentence, colon, claim.quantity.start)
        ):  # "2025 was the deadliest year for civilians: 2,514 were killed and 12,142 injured"
            claim.population = people.pop()
    for index, claim in enumerate(claims):
        target = _TARGET_BEFORE_RE.search(sentence, 0, claim.phrase_start)
        if claim.construction != "object" or claim.own_population or target is None:
            continue
        claim.population, later = _population(target.group("pop")), claim
        for following in claims[index + 1 :]:  # "…, killing 17 and injuring 20"
            gap = sentence[later.phrase_end : following.phrase_start]
            if following.own_population or not _AND_GAP_RE.match(gap):
                break
            following.population, later = claim.population, following
    for index in range(len(claims) - 1, -1, -1):
        claim = claims[index]
        after = _TO_POPULATION_RE.match(sentence, claim.quantity.end)
        if after is None or claim.construction != "subject":
            continue
        population = _population(after.group("pop"))
        claim.population, claim.own_population = population, True
        later = claim
        for earlier in reversed(claims[:index]):  # "seven deaths and 30 injuries to civilians"
            gap = sentence[earlier.phrase_end : later.phrase_start]
            if earlier.own_population or not _AND_GAP_RE.match(gap):
                break
            earlier.population, later = population, earlier


_BREAKDOWN_GAP_RE = re.compile(r"^[^.;]{0,40}?(?::|\s[–—-]\s|\()\s*$")
_AND_GAP_RE = re.compile(
    r"^\s*(?:(?:in|during|on|at|across|since|over|from|of)\s+[^,;.]{1,30}?)?\s*[,;]?\s*(?:and|as\s+well\s+as|along\s+with|while|with)?\s*(?:another|a\s+further|an\s+additional)?\s*$",
    re.IGNORECASE,
)
_PART_GAP_RE = re.compile(r"^\s*,?\s*(?:including|among\s+them|of\s+whom)\s*$", re.IGNORECASE)
_MORE_TAIL_RE = re.compile(r"\s+(?:more|others?)\b", re.IGNORECASE)


# "Among the French civilians of Algeria, 2 788 were killed and 875 disappeared": the people the
# sentence opens on are the people its counts count.
_AMONG_PEOPLE_RE = re.compile(
    rf"^\W*Among\s+(?:the|those|these)?\s*(?:[\w'’-]+\s+){{0,3}}?(?P<pop>{_POP})\b[^,;:]{{0,40}},",
    re.IGNORECASE,
)


def _opening_population(sentence: str, claims: list[SentenceClaim]) -> None:
    """Counts of no people of their own under an opening 'Among the civilians of X,'."""
    opening = _AMONG_PEOPLE_RE.match(sentence)
    if opening is None or _population(opening["pop"]) == "all":
        return
    for claim in claims:
        if claim.quantity.start >= opening.end() and not claim.own_population:
            if claim.population == "all":
                claim.population = _population(opening["pop"])


def _share_population(sentence: str, claims: list[SentenceClaim]) -> None:
    """Who is counted carries over where the text does not say it again.

    - a breakdown after a colon or dash: '752 civilian casualties: 227 killed and 525 injured';
    - coordinated counts: '1,366 of them were killed and 2,446 injured', 'the deaths of 144
      women and injured 286', 'killed 464 children and injured 931 more'.
    """
    head: SentenceClaim | None = None
    for index, claim in enumerate(claims):
        if index > 0 and claim.anaphoric and not claim.own_population and claim.population == "all":
            same = [c for c in claims[:index] if c.measure == claim.measure]
            if same:  # "326 civilian deaths, while Airwars puts the figure at more than 1,400"
                claim.population = same[-1].population
        if index > 0:
            previous = claims[index - 1]
            another = _ANOTHER_RE.search(
                sentence, max(0, claim.quantity.start - 30), claim.quantity.start
            )
            earlier = reversed(claims[: index - 1])
            whole = next((c for c in earlier if c.construction != "part"), None)
            if (
                previous.construction == "part"
                and whole is not None
                and (
                    another is not None
                    or whole.measure not in ("casualties", claim.measure)
                    or _outnumbers(sentence, claim, previous)
                )
            ):
                # "852 civilians were killed (including 158 police) a further 1793 were
                # injured", "12,910 killed, including 682 children, and 30,700 injured":
                # the next count is of the people counted, not of the part (a count of
                # casualties breaks down into its killed and its injured); "416 killed,
                # including 51 children, more than 72 of them …": 72 are not of the 51
                previous = whole
            gap = sentence[previous.phrase_end : claim.phrase_start]
            if another is not None:
                gap = re.sub(r"\([^()]*\)", " ", gap)
            if _BREAKDOWN_GAP_RE.match(gap) and previous.population != "all":
                head = previous
            inheritable = not claim.own_population and claim.population == "all"
            if (claim.measure == "displaced") != (previous.measure == "displaced"):
                continue  # "5,350 civilians had been killed, more than 3.3 million displaced"
            if inheritable and previous.population != "all" and _PART_GAP_RE.match(gap):
                claim.population = (
                    previous.population
                )  # "military casualties, including 140,000 dead"
                continue
            if inheritable and head is not None and head.population != "all":
                claim.population = head.population
            elif (
                inheritable
                and previous.population != "all"
                and (_AND_GAP_RE.match(gap) or _MORE_TAIL_RE.match(sentence, claim.quantity.end))
                and not _others_beside(sentence, claim, previous)
            ):
                claim.population = previous.population


def _others_beside(sentence: str, claim: SentenceClaim, previous: SentenceClaim) -> bool:
    """'killed three soldiers and four others': with the same measure, 'others' are other
    people than those just counted; with another ('and injured four others'), the same ones."""
    tail = re.match(r"\s+others\b", sentence[claim.quantity.end :], re.IGNORECASE)
    return tail is not None and claim.measure == previous.measure


def _outnumbers(sentence: str, claim: SentenceClaim, part: SentenceClaim) -> bool:
    """'…, including 51 children, more than 72 of them': a count of 'them' larger than the
    part before it cannot be a share of that part."""
    of_them = _OF_WHOM_AFTER_RE.match(sentence[claim.quantity.end :])
    low, high = claim.quantity.low, part.quantity.high
    return of_them is not None and low is not None and high is not None and low > high


def _passing_mention(sentence: str, claim: SentenceClaim, places: list[Place]) -> bool:
    """Another war's toll, cited as a yardstick for the sentence's own place, is not a claim."""
    if claim.place is None:
        return False
    country = claim.place.code[:2]
    if not any(p.code[:2] != country for p in places):
        return False  # nothing here to compare it with: the claim is about its own place
    q = claim.quantity
    rest = _QUALIFYING_THAN_RE.sub(" ", sentence[: q.start] + " " + sentence[q.end :])
    return _PASSING_RE.search(rest) is not None  # "more than 220" qualifies, compares nothing


_QUALIFYING_THAN_RE = re.compile(
    r"\b(?:more|fewer|less|rather|other)\s+than\b(?=\s+(?:\d|some|about|an?\b))", re.IGNORECASE
)


_WHEN_RE = re.compile(
    rf"\b(?:in|on|during|since|by|last|this)\s+(?:{_MONTH}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)


def _without_periods(sentence: str, start: int, end: int, periods: list[Period]) -> str:
    """The text between two claims with dates left out: '580,000 as of May 2021, and 617,910',
    '2,500 were killed in April, compared to 1,700'."""
    gap = sentence[start:end]
    for period in periods:
        if start <= period.start and period.end <= end:
            gap = gap.replace(sentence[period.start : period.end], " ")
    return _WHEN_RE.sub(" ", gap)


def _nearest(items: list, claim: SentenceClaim):
    if not items:
        return None
    q = claim.quantity

    def distance(item) -> tuple[int, int]:
        if item.end <= q.start:
            return q.start - item.end, 1
        if item.start >= claim.phrase_end:
            return item.start - claim.phrase_end, 0
        return 0, 0

    return min(items, key=distance)


def _attribute(
    sentence: str,
    claims: list[SentenceClaim],
    attributions: list[Attribution],
    state: DocumentState,
    mentions: list[ClaimantMention],
) -> None:
    """Each claim's claimant; a pronoun takes the claimant named last before it."""
    named_here = [a for a in attributions if a.claimant is not None]
    chosen_for: dict[int, Attribution] = {}
    for claim in claims:
        chosen = choose_attribution(attributions, sentence, claim.quantity.start)
        if chosen is not None:
            chosen_for[id(claim)] = chosen
        if chosen is None:
            claim.claimant, claim.claimant_kind, claim.attributed = state.outlet, "outlet", False
            continue
        claim.attributed = True
        claim.scoped = chosen.scope is not None and chosen.scope[1] < len(sentence.rstrip(" .;"))
        if chosen.kind in ("anonymous", "others"):  # estimates nobody owns: the text reports them
            claim.claimant, claim.claimant_kind = state.outlet, "outlet"
            claim.scoped = claim.scoped or chosen.kind == "others"  # the speaker goes on after
            continue
        if chosen.claimant is not None:
            claim.claimant, claim.claimant_kind = _officer(chosen.claimant, state) or (
                _full_name(chosen.claimant, state),
                chosen.kind,
            )
            continue
        quote = _quote_at(state, claim.quantity.start)
        speaking = chosen.pronoun in FIRST_PERSON or chosen.pronoun in ("he", "she")
        if speaking and quote is not None and quote.speaker is not None:
            # "we" in a quote; '"… 35 injured," she said': the person quoted
            claim.claimant, claim.claimant_kind = quote.speaker, quote.kind
            continue
        if chosen.pronoun in FIRST_PERSON and quote is None:
            # "We have documented 500 deaths": outside quotes, the text's author speaks
            claim.claimant, claim.claimant_kind, claim.attributed = state.outlet, "outlet", False
            continue
        generic = f"the {chosen.pronoun}" in GENERIC_REFERENCES
        if chosen.pronoun not in _PERSONAL and _title_of(chosen.pronoun, state) is not None:
            # "(summary of The Monitor) - The Monitor counted 173 bodies": a name, not "it"
            claim.claimant, claim.claimant_kind = _title_of(chosen.pronoun, state), "media"
            continue
        if generic and not _refers_to(chosen.pronoun, state):
            claim.claimant, claim.claimant_kind = chosen.pronoun, "other"
            continue
        earlier = [a for a in named_here if a.cue < chosen.cue]
        noun = chosen.pronoun not in _PERSONAL and not earlier
        if noun and _named_before(chosen.pronoun, state) is not None:
            claim.claimant, claim.claimant_kind = _named_before(chosen.pronoun, state)
            continue
        mentioned = [m for m in mentions if m.end <= chosen.cue]
        if earlier:
            claim.claimant, claim.claimant_kind = earlier[-1].claimant, earlier[-1].kind
        elif mentioned:
            claim.claimant, claim.claimant_kind = (
                mentioned[-1].claimant.name,
                mentioned[-1].claimant.kind,
            )
        elif state.last_claimant is not None:
            claim.claimant, claim.claimant_kind = _antecedent(chosen.pronoun, state)
        else:
            claim.claimant, claim.claimant_kind = chosen.pronoun, "other"
    _parts_with_their_whole(sentence, claims, chosen_for)


def _antecedent(pronoun: str, state: DocumentState) -> tuple[str, str]:
    """The claimant a pronoun refers back to: the last named; for "it", the last that is one
    body, not people named by a plural noun ("BBC News wrote that officials said …; its list …":
    BBC News)."""
    if pronoun != "it" or not _plural_people(state.last_claimant[0]):
        return state.last_claimant
    return next((n for n in reversed(state.named) if not _plural_people(n[0])), state.last_claimant)


def _plural_people(name: str) -> bool:
    """'officials', 'state officials', 'local residents': people named by a plural noun."""
    return name == name.lower() and name.endswith("s") and not name.endswith("ss")


def _parts_with_their_whole(
    sentence: str, claims: list[SentenceClaim], chosen_for: dict[int, Attribution]
) -> None:
    """'The SNHR documented 426 deaths, including seven children, Anadolu reported': the parts
    of a count its source gives before it are that source's, not the carrier's named after them."""
    whole = None
    for claim in claims:
        between = sentence[whole.quantity.end : claim.quantity.start] if whole else ""
        part = claim.construction in ("part", "list") or (
            claim.construction == "toll" and _PART_RE.search(between) is not None
        )  # "426 deaths in July, including seven children": the deaths' toll, read as a part
        if not part:
            whole = claim
            continue
        if whole is None or not whole.attributed:
            continue
        own, source = chosen_for.get(id(claim)), chosen_for.get(id(whole))
        if (
            own is not None
            and source is not None
            and own is not source
            and source.cue < whole.quantity.start
            and own.cue > claim.quantity.end
            and own.scope is None
        ):
            claim.claimant, claim.claimant_kind = whole.claimant, whole.claimant_kind


_PERSONAL = {"he", "she", "it", "they", "we", "our", "us", "i", "my", "them"}


def _distribute_respectively(
    sentence: str, claims: list[SentenceClaim], mentions: list[ClaimantMention], places: list[Place]
) -> None:
    """'SOHR and SNHR put the toll at 500,000 and 230,000 respectively': one claimant per number."""
    if not re.search(r"\brespectively\b", sentence, re.IGNORECASE):
        return
    heads = [c for c in claims if c.construction != "part"]
    if len(heads) < 2:
        return
    if len(mentions) == len(heads) and len({m.claimant.name for m in mentions}) == len(mentions):
        for claim, mention in zip(heads, mentions, strict=True):
            claim.claimant, claim.claimant_kind, claim.attributed = (
                mention.claimant.name,
                mention.claimant.kind,
                True,
            )
        return
    if len(places) == len(heads):
        for claim, place in zip(heads, places, strict=True):
            claim.place = place


def _remember_claimant(
    sentence: str, mentions, state: DocumentState, attributions: list[Attribution] | None = None
) -> None:
    if attributions is None:
        attributions = find_attributions(sentence, mentions, [])
    named = [a for a in attributions if a.claimant is not None]
    if named:
        last = max(named, key=lambda a: a.cue)
        state.last_claimant = (_full_name(last.claimant, state), last.kind)
        state.paragraph_speaker = state.last_claimant
        # every speaker of the sentence named by a name, in order: "BBC News wrote that officials
        # said …" (BBC News, for an "it" after)
        earlier = sorted(
            (a for a in named if a is not last and a.claimant[:1].isupper()), key=lambda a: a.cue
        )
        state.named.extend((_full_name(a.claimant, state), a.kind) for a in earlier)
    elif mentions:
        state.last_claimant = (mentions[-1].claimant.name, mentions[-1].claimant.kind)
    state.named.extend((m.claimant.name, m.claimant.kind) for m in mentions)
    if state.last_claimant is not None:
        state.named.append(state.last_claimant)


# A subject that kills, before "is taking", "has claimed": death, hunger, disease.
_KILLER_SUBJECT_RE = re.compile(
    r"\b(?:death|hunger|famine|starvation|disease|cholera|malaria|measles|the\s+cold|"
    r"exposure|thirst)\s+(?:is|was|has\s+been|had\s+been|has|have|had|are|were)?\s*"
    r"(?:now\s+|already\s+|still\s+)?$",
    re.IGNORECASE,
)
_RATE_AFTER_RE = re.compile(
    r"^[^.;,]{0,25}?\b(?:(?<!\bin\s)(?<!\bover\s)(?<!\bwithin\s)(?<!\bfor\s)(?<!\bthan\s)"
    r"(?<!\bafter\s)(?<!\bunder\s)a|per|each|every)\s+(?P<unit>day|week|month|year)\b(?!\s+of\b)"
    r"|^\s*(?P<adverb>daily|weekly|monthly|yearly|annually)\b",
    re.IGNORECASE,
)
_RATE_BEFORE_RE = re.compile(
    r"\b(?:an?\s+)?(?P<adjective>daily|weekly|monthly|yearly|annual)\s+(?:average|rate|toll)\s+(?:of\s+)?(?:some\s+|about\s+|around\s+)?$",
    re.IGNORECASE,
)
_EVERY_BEFORE_RE = re.compile(
    rf"\b(?:every|each)\s+(?P<unit>day|week|month|year)\s*,?\s*(?:(?:{QUALIFIER_PATTERN})\s+)?$",
    re.IGNORECASE,
)
_RATE_UNITS = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
               "annually": "year", "annual": "year"}  # fmt: skip


def _rate(sentence: str, claim: SentenceClaim) -> str | None:
    """'165 killed a day', 'an average 223 killed every day', 'a daily average of 2,000': a rate;
    not 'killed in a crackdown on a month of protests', a span of time."""
    before = _RATE_BEFORE_RE.search(
        sentence[max(0, claim.quantity.start - 40) : claim.quantity.start]
    )
    if before:
        return _RATE_UNITS[before.group("adjective").lower()]
    every = _EVERY_BEFORE_RE.search(
        sentence[max(0, claim.quantity.start - 30) : claim.quantity.start]
    )
    if every:  # "every day more than 50 bodies are collected"
        return every.group("unit").lower()
    inside = re.search(_RATE_BETWEEN, sentence[claim.quantity.end : claim.phrase_end], re.I)
    if inside:  # "2,000 people a day are dying"
        return inside.group(0).split()[-1].lower()
    after = _RATE_AFTER_RE.match(sentence[claim.phrase_end : claim.phrase_end + 40])
    if after:
        return (
            after.group("unit").lower()
            if after.group("unit")
            else _RATE_UNITS[after.group("adverb").lower()]
        )
    return None


_INCIDENT_TAIL_RE = re.compile(
    r"^[^.;,]{0,30}?\b(?:that|which)\s+(?:claimed|killed|left|took|cost)\b",
    re.IGNORECASE,
)
_EVENT_NOUNS = {"killings", "massacres"}


def _counts_incidents(sentence: str, claim: SentenceClaim, word: str) -> bool:
    """'19 major killings that claimed the lives of 252 people': the 19 are incidents."""
    return _key(word) in _EVENT_NOUNS and bool(
        _INCIDENT_TAIL_RE.match(sentence[claim.phrase_end : claim.phrase_end + 60])
    )


_IDENTIFIED_RE = re.compile(
    r"^(?:(?!\b(?:never|not|yet\s+to)\b)[^.;,]){0,25}?\bidentified\b", re.IGNORECASE
)


def _counts_identifications(sentence: str, claim: SentenceClaim, word: str) -> bool:
    """'Of the 1,200 bodies identified so far': identifications, not a count of the dead
    ('16,000 bodies … had never been identified' are the dead)."""
    if _key(word) not in ("bodies", "corpses"):
        return False
    before = sentence[max(0, claim.quantity.start - 20) : claim.quantity.start]
    return bool(
        _IDENTIFIED_RE.match(sentence[claim.phrase_end : claim.phrase_end + 40])
        or re.search(r"\bidentified\s+$", before, re.IGNORECASE)
    )


_VICTIMS_OF_RE = re.compile(
    r"^\s*(?:of\s+)?(?:forced\s+)?(?P<what>displacement|kidnapping|abduction|enforced\s+disappearance|disappearance|injur(?:y|ies)|detention)",
    re.IGNORECASE,
)
_VICTIMS_CONTEXT_RE = re.compile(
    r"\b(?P<what>displacement|displaced|kidnapping|kidnapped|abduction|abducted|disappearance|disappeared|detention|injur(?:y|ies))\b[^.;]{0,60}$",
    re.IGNORECASE,
)
_VICTIMS_MEASURES = {
    "displacement": "displaced", "displaced": "displaced", "kidnapping": "abducted",
    "kidnapped": "abducted", "abduction": "abducted", "abducted": "abducted",
    "disappearance": "missing", "disappeared": "missing", "enforced disappearance": "missing",
    "detention": "detained", "injury": "injured", "injuries": "injured",
}  # fmt: skip


# Held people freed: "rescuing 13 hostages", "released 20 captives" count no harm.
_FREED_BEFORE_RE = re.compile(
    r"\b(?:freed|freeing|frees|released|releasing|releases|rescued|rescuing|rescues|liberated|"
    r"liberating|saved|saving|exchanged|swapped)\s+(?:(?:the|all|some|another|a\s+further)\s+)?$",
    re.IGNORECASE,
)
_HELD_FREED_RE = re.compile(
    r"\s+(?:were|was|have\s+been|had\s+been|are|is)\s+(?:(?:later|reportedly|all|also|since|"
    r"safely|then)\s+)*(?:released|freed|rescued|returned|set\s+free|let\s+go)\b",
    re.IGNORECASE,
)
# "Two of the hostages taken from the resort were killed": the fate said after the held people.
_FATES = alternation([word for word, measure in MEASURES_AFTER.items() if measure != "abducted"])
_HARMS = {"killed", "injured", "missing", "casualties", "killed_or_missing"}
_HELD_FATE_RE = re.compile(
    rf"[^.;:]{{0,80}}?\b(?:were|was|have\s+been|had\s+been|are|is)\s+(?:later\s+|also\s+)?"
    rf"(?P<meas>{_FATES})\b",
    re.IGNORECASE,
)


def _held_measure(sentence: str, claim: SentenceClaim, before: str, noun: str) -> str | None:
    """Hostages count an abduction, refugees a displacement, unless the sentence says what
    befell them: a harm ("killed 20 hostages", "two of the hostages ... were killed", "150
    refugees ... were massacred") or, for people held, their release ("rescuing 13 hostages":
    no harm counted). A verb that only takes them ("took 20 hostages") is the abduction itself."""
    held = noun in HELD_NOUNS
    if held and _FREED_BEFORE_RE.search(before[-40:]):
        return None
    verb = _BACKWARD_RE.search(before[-60:])
    if verb is not None and _key(verb.group("verb")) not in LIFE_VERBS | PEOPLE_VERBS:
        measure = MEASURES_BEFORE[_key(verb.group("verb"))]
        if measure == "saved":
            return None if held else MEASURES_AFTER[noun]
        return measure
    if held and _HELD_FREED_RE.match(sentence, claim.phrase_end):
        return None  # "Three of the hostages were reportedly freed"
    fate = _HELD_FATE_RE.match(sentence, claim.phrase_end)
    if fate is not None and MEASURES_AFTER[_key(fate.group("meas"))] in _HARMS:
        return MEASURES_AFTER[_key(fate.group("meas"))]
    return MEASURES_AFTER[noun]


def _victims_measure(sentence: str, claim: SentenceClaim) -> str | None:
    """'Victims' count what the text makes them victims of: 8 million victims of displacement."""
    of = re.match(r"^\s*of\s+([^.;,]{0,60})", sentence[claim.phrase_end : claim.phrase_end + 60])
    if (
        of
        and re.search(r"\bkill", of.group(1), re.I)
        and re.search(r"disappear", of.group(1), re.I)
    ):
        return "killed_or_missing"  # "victims of killings and forced disappearances"
    after = _VICTIMS_OF_RE.match(sentence[claim.phrase_end : claim.phrase_end + 40])
    if after is None:
        after = _VICTIMS_CONTEXT_RE.search(
            sentence[max(0, claim.quantity.start - 80) : claim.quantity.start]
        )
    if after is None:
        return None
    return _VICTIMS_MEASURES.get(" ".join(after.group("what").lower().split()))


_COORDINATED_HARM_RE = re.compile(
    r"(?P<words>\b[a-z]+(?:\s*,\s*[a-z]+)*\s*,?\s+(?:or|and|and/or)\s+[a-z]+)\s*$", re.IGNORECASE
)


def _combined_measure(words: str) -> str | None:
    """Measures named together: 'killed, injured or disabled' (casualties), 'killed, died or
    were forcibly disappeared' (killed_or_missing), 'killed or kidnapped' (killed_or_abducted)."""
    tokens = {w.lower() for w in re.findall(r"[a-z]+", words, re.IGNORECASE)}
    if not tokens & KILLING_WORDS:
        return None
    for family, measure in COMBINED_MEASURES:
        if tokens & family:
            return measure
    return None


_MINISTRY_KIND = (
    r"(?P<kind>public\s+health|health|defen[cs]e|interior|foreign\s+affairs|foreign|information)"
)
_OWNER = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}?"
_MINISTRY_RES = (
    re.compile(
        rf"^(?:the\s+)?(?:(?P<owner>{_OWNER})(?:['’]s)?\s+)?(?:[a-z-]+\s+)?{_MINISTRY_KIND}\s+ministry(?:\s+(?:in|of)\s+(?P<place>{_OWNER}))?$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?:the\s+)?(?:(?P<owner>{_OWNER})(?:['’]s)?\s+)?ministry\s+of\s+{_MINISTRY_KIND}(?:\s+(?:in|of)\s+(?P<place>{_OWNER}))?$",
        re.IGNORECASE,
    ),
)


def _resolve_institution(
    claim: SentenceClaim,
    places: list[Place],
    state: DocumentState,
    gazetteer: Gazetteer,
    sentence_end: int,
) -> None:
    """A ministry is named by whose it is: "Gaza's health ministry" -> "Gaza Ministry of Health".

    An unqualified one ("the health ministry") belongs to the country of the places the
    sentence (or else the text so far) names, never to a default country; with no place
    at all it stays as the text says it. A name the gazetteer knows takes its entry
    ("Syrian Ministry of Health").
    """
    if claim.claimant is None or claim.claimant_kind == "outlet":
        return
    if any(known.name == claim.claimant for known in gazetteer.claimants):
        return  # already the gazetteer's entry
    named = re.sub(r"\b[A-Z][\w'’]*-(?:run|led|controlled|held)\s+", "", claim.claimant)
    named = re.sub(
        r"^(?:the\s+)?(?:country|territory|enclave|nation|region|state|strip)['’]s\s+",
        "",
        named,
        flags=re.IGNORECASE,
    )  # "the territory's Health Ministry": the country the text is about
    match = next((m for m in (r.match(named) for r in _MINISTRY_RES) if m), None)
    if match is None:
        return
    owner = _place_word(match.group("place")) or _place_word(match.group("owner"))
    if owner is None:
        # the country the text is about (named most often so far), not the last one named:
        # "the Ministry of Health" in a story on Gaza that also names Israel
        country = _country_so_far(state, sentence_end) or (
            places[-1].country if places else state.last_country
        )
        owner = country_adjectives().get(country) if country else None
    if owner is None:
        return
    kind = " ".join(w.capitalize() for w in match.group("kind").split())
    if kind == "Foreign":  # "the Foreign Ministry" is the Ministry of Foreign Affairs
        kind = "Foreign Affairs"
    named = f"{owner} Ministry of {kind}"
    mentions = gazetteer.find(named)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(named):
        claim.claimant, claim.claimant_kind = mentions[0].claimant.name, mentions[0].claimant.kind
    else:
        claim.claimant, claim.claimant_kind = named, "government"


def _country_so_far(state: DocumentState, sentence_end: int) -> str | None:
    """The country the text up to this sentence names most often ("Gaza's" counts too)."""
    counts = state.countries
    if sentence_end > state.countries_to:  # each part of the text is read once
        for place in find_places(state.text[state.countries_to : sentence_end], state.pack):
            counts[place.country] = counts.get(place.country, 0) + 1
        state.countries_to = sentence_end
    return max(counts, key=counts.get) if counts else None


def _place_word(words: str | None) -> str | None:
    """`words` when they name a place or a country's people ("Gaza", "Sudanese"), else None."""
    if not words:
        return None
    words = re.sub(r"['’]s$", "", words)
    if words in all_country_adjectives():
        return words
    found = find_places(words)
    return words if found and found[0].start == 0 and found[0].end == len(words) else None
