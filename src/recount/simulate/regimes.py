"""Regimes: independent switches on how the world and its lists are made.

A `Regime` leaves every setting at today's default unless told otherwise, so
`Regime()` writes the default world byte for byte. Each switch changes one
thing: how lists order names, which romanisation they use, how often they
leave a field out, how many relatives die together, how dependent the lists
are, how large they are, which country. `REGIMES` holds named presets for
`recount simulate --regime NAME`, split into the ones linkage may be tuned on
and the held-out ones nobody tunes on (docs/simulator.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from recount.errors import ConfigError

NAME_ORDERS = (
    "given_first",  # Mohammad Ahmad al-Halabi (the list's own layout)
    "family_first",  # al-Halabi Mohammad Ahmad: family name first, with its article
    "family_first_bare",  # Halabi Mohammad Ahmad: family name first, article dropped
    "comma",  # AL-HALABI, Mohammad Ahmad
    "comma_given",  # Mohammad, Ahmad al-Halabi: the part before the comma is not the family name
    "parts",  # separate columns for the given, father's, grandfather's and family names
)
ROMANISATIONS = ("mixed", "english", "french", "german", "academic")
SCRIPTS = ("arabic", "latin", "both")
# Missing-field switches -> the Errors rate they set. A rate of 1 leaves the column out of the list.
MISSING_FIELDS = {
    "date_of_death": "date_missing",
    "date_of_birth": "birth_missing",
    "place": "place_missing",
    "governorate": "governorate_missing",
    "father_name": "drop_father",
    "grandfather_name": "drop_grandfather",
    "second_surname": "drop_second_surname",
    "age": "age_missing",
    "sex": "sex_missing",
    "status": "status_missing",
    "year_only": "year_only",
    "month_only": "month_only",
}
# Variation switches -> the Errors rate they set: how a list writes what it does hold.
VARIATIONS = {
    "age_heaped": "age_heaped",  # ages rounded to a multiple of five ('about forty')
    "age_swapped": "age_swapped",  # two-digit ages with their digits exchanged (34 -> 43)
    "father_initial": "father_initial",  # Latin names: the father's name as its initial
}
COUNTRIES = ("SY", "CO")


@dataclass(frozen=True)
class ListStyle:
    """How one list (or every list, under "*") departs from its own habits."""

    name_order: str | None = None  # one of NAME_ORDERS; None: the list's own
    name_order_share: float = 1.0  # share of the list's records written in that order
    romanisation: str | None = None  # one of ROMANISATIONS (Latin-script names); None: mixed
    script: str | None = None  # arabic | latin | both; None: the list's own
    missing: Mapping[str, float] = field(default_factory=dict)  # MISSING_FIELDS key -> rate
    variation: Mapping[str, float] = field(default_factory=dict)  # VARIATIONS key -> rate


@dataclass(frozen=True)
class Regime:
    """One world's settings; every default is today's simulator."""

    name: str = "default"
    description: str = "the default world: Syrian-like lists as docs/simulator.md describes"
    country: str = "SY"
    lists: Mapping[str, ListStyle] = field(default_factory=dict)  # list id or "*" -> style
    relatives: float = 1.0  # multiplies the share of people killed together with relatives
    cousins: float = 0.0  # share of multi-person events in which children of two brothers die
    namesakes: float = 0.5  # share of those cousins named like a cousin (after their grandfather)
    dependence: float = 1.0  # multiplies every list's informant-network loading (0: independent)
    copying: float = 1.0  # multiplies every list's copying from another list
    hard_to_reach: float = 1.0  # multiplies the hard-to-reach group's penalty on every list
    household_capture: float = 0.7  # share of household members captured by one shared draw
    people: int | None = None  # the population, when the regime fixes it
    sources: int | None = None  # number of lists, when the regime fixes it
    coverage: float | None = None  # expected share on at least one list, when the regime fixes it
    held_out: bool = False  # True: never tune linkage on this regime

    def style(self, list_id: str) -> ListStyle:
        """The list's style: its own entry over the "*" entry over the defaults."""
        base = self.lists.get("*", ListStyle())
        own = self.lists.get(list_id, ListStyle())
        return ListStyle(
            name_order=own.name_order or base.name_order,
            name_order_share=own.name_order_share if own.name_order else base.name_order_share,
            romanisation=own.romanisation or base.romanisation,
            script=own.script or base.script,
            missing={**base.missing, **own.missing},
            variation={**base.variation, **own.variation},
        )

    def settings(self) -> str:
        """Every setting that differs from the default world, as `key=value; ...`."""
        default = Regime()
        items = [
            f"{f.name}={getattr(self, f.name)}"
            for f in dataclasses.fields(self)
            if f.name not in ("name", "description", "lists", "held_out")
            and getattr(self, f.name) != getattr(default, f.name)
        ]
        for list_id, style in sorted(self.lists.items()):
            for f in dataclasses.fields(style):
                value = getattr(style, f.name)
                if value not in (None, {}) and not (
                    f.name == "name_order_share" and not style.name_order
                ):
                    items.append(f"lists.{list_id}.{f.name}={value}")
        return "; ".join(items)

    def check(self) -> Regime:
        """The regime itself, or a ConfigError naming the bad setting."""
        if self.country not in COUNTRIES:
            raise ConfigError(
                "country", f"expected one of {', '.join(COUNTRIES)}, got {self.country!r}"
            )
        for name in ("relatives", "dependence", "copying", "hard_to_reach"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or value < 0 or value > 10:
                raise ConfigError(name, f"expected a factor from 0 to 10, got {value!r}")
        for name in ("cousins", "namesakes", "household_capture"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ConfigError(name, f"expected a share from 0 to 1, got {value!r}")
        if self.relatives * 0.14 > 0.95:
            raise ConfigError("relatives", "at most about 6.8 (95% of events with relatives)")
        for list_id, style in self.lists.items():
            key = f"lists.{list_id}"
            if style.name_order is not None and style.name_order not in NAME_ORDERS:
                raise ConfigError(f"{key}.name_order", f"expected one of {', '.join(NAME_ORDERS)}")
            if not 0 <= style.name_order_share <= 1:
                raise ConfigError(f"{key}.name_order_share", "expected a share from 0 to 1")
            if style.romanisation is not None and style.romanisation not in ROMANISATIONS:
                raise ConfigError(
                    f"{key}.romanisation", f"expected one of {', '.join(ROMANISATIONS)}"
                )
            if style.script is not None and style.script not in SCRIPTS:
                raise ConfigError(f"{key}.script", f"expected one of {', '.join(SCRIPTS)}")
            for table, rates, allowed in (
                ("missing", style.missing, MISSING_FIELDS),
                ("variation", style.variation, VARIATIONS),
            ):
                for name, rate in rates.items():
                    where = f"{key}.{table}.{name}"
                    if name not in allowed:
                        raise ConfigError(where, f"expected one of {', '.join(allowed)}")
                    if not isinstance(rate, int | float) or not 0 <= rate <= 1:
                        raise ConfigError(where, "expected a rate from 0 to 1")
        return self


def parse_list_option(text: str, option: str) -> tuple[str, str]:
    """'gov=family_first' -> ('gov', 'family_first'); a bare value applies to every list ('*')."""
    if "=" not in text:
        return "*", text.strip()
    target, value = text.split("=", 1)
    if not target.strip() or not value.strip():
        raise ConfigError(option, f"expected LIST=VALUE or VALUE, got {text!r}")
    return target.strip(), value.strip()


def regime_from_options(
    base: Regime,
    name_order: list[str] = (),
    romanisation: list[str] = (),
    script: list[str] = (),
    missing: list[str] = (),
    variation: list[str] = (),
    **settings,
) -> Regime:
    """A regime from a preset and command-line style options.

    name_order: `gov=family_first`, `scsr=comma_given:0.5` (share after a colon), `family_first`;
    romanisation: `snhr=french`; script: `vdc=latin`; missing: `vdc.place=0.4`, `date_of_death=1`
    (every list); variation: `scsr.father_initial=0.6`, `age_swapped=0.05`. Other settings (relatives=2.0, country="CO", ...) replace the preset's.
    """
    styles = {key: dataclasses.replace(value) for key, value in base.lists.items()}

    def update(list_id: str, **changes) -> None:
        current = styles.get(list_id, ListStyle())
        for kind in ("missing", "variation"):
            if kind in changes:
                changes[kind] = {**getattr(current, kind), **changes[kind]}
        styles[list_id] = dataclasses.replace(current, **changes)

    for text in name_order:
        list_id, value = parse_list_option(text, "name_order")
        order, _, share = value.partition(":")
        try:
            update(list_id, name_order=order, name_order_share=float(share) if share else 1.0)
        except ValueError as exc:
            raise ConfigError(
                "name_order", f"share after ':' must be a number, got {share!r}"
            ) from exc
    for text in romanisation:
        list_id, value = parse_list_option(text, "romanisation")
        update(list_id, romanisation=value)
    for text in script:
        list_id, value = parse_list_option(text, "script")
        update(list_id, script=value)
    for option, texts in (("missing", missing), ("variation", variation)):
        for text in texts:
            target, rate = parse_list_option(text, option)
            list_id, _, kind = target.rpartition(".")
            try:
                update(list_id or "*", **{option: {kind: float(rate)}})
            except ValueError as exc:
                raise ConfigError(option, f"expected [LIST.]KIND=RATE, got {text!r}") from exc
    chosen = {k: v for k, v in settings.items() if v is not None}
    name = (
        base.name
        if not (name_order or romanisation or script or missing or variation or chosen)
        else (f"{base.name}+options")
    )
    return dataclasses.replace(base, lists=styles, name=name, **chosen).check()


def _styles(**lists: ListStyle) -> dict[str, ListStyle]:
    return {key.replace("all", "*"): value for key, value in lists.items()}


REGIMES: dict[str, Regime] = {
    regime.name: regime.check()
    for regime in (
        Regime(),
        Regime(
            name="family_first",
            description="government-style lists write the family name first: gov always (with "
            "its article), sohr on 60% of records, vdc on 30%; scsr keeps 'FAMILY, Given'",
            lists=_styles(
                gov=ListStyle(name_order="family_first"),
                sohr=ListStyle(name_order="family_first", name_order_share=0.6),
                vdc=ListStyle(name_order="family_first", name_order_share=0.3),
            ),
            sources=6,
        ),
        Regime(
            name="transliteration",
            description="Latin-script lists each follow one romanisation system: snhr English, "
            "scsr French, lcc academic; vdc also writes a Latin name column (German style)",
            lists=_styles(
                snhr=ListStyle(romanisation="english"),
                scsr=ListStyle(romanisation="french"),
                lcc=ListStyle(romanisation="academic"),
                vdc=ListStyle(script="both", romanisation="german"),
            ),
            sources=6,
        ),
        Regime(
            name="sparse",
            description="fields left out: snhr has no date of death, sohr and scsr no place, "
            "every list drops the father's name on 30% of records and writes 20% of dates "
            "as a year only",
            lists=_styles(
                all=ListStyle(missing={"father_name": 0.3, "year_only": 0.2}),
                snhr=ListStyle(missing={"date_of_death": 1.0}),
                sohr=ListStyle(missing={"place": 1.0}),
                scsr=ListStyle(missing={"place": 1.0}),
            ),
            sources=6,
        ),
        Regime(
            name="relatives",
            description="relatives killed together: 2.5 times as many multi-person events, and "
            "in 40% of them cousins (children of two brothers) with namesakes among them",
            relatives=2.5,
            cousins=0.4,
            namesakes=0.5,
            sources=6,
        ),
        Regime(
            name="colombia",
            description="a Colombian world: Spanish names (two surnames, compound given names, "
            "particles, accents kept or dropped), departments and municipalities, dates of birth",
            country="CO",
        ),
        # ---- held out: nobody tunes linkage on these ----
        Regime(
            name="orders",
            description="held out: gov writes family first without any article, local family "
            "first with it on half its records, scsr 'Given, Father Family' on 40%, hospital "
            "separate name columns",
            lists=_styles(
                gov=ListStyle(name_order="family_first_bare"),
                local=ListStyle(name_order="family_first", name_order_share=0.5),
                scsr=ListStyle(name_order="comma_given", name_order_share=0.4),
                hospital=ListStyle(name_order="parts"),
            ),
            sources=8,
            held_out=True,
        ),
        Regime(
            name="latin_only",
            description="held out: every list in Latin script only, each with its own "
            "romanisation (no Arabic script to fall back on)",
            lists=_styles(
                all=ListStyle(script="latin"),
                vdc=ListStyle(script="latin", romanisation="french"),
                snhr=ListStyle(script="latin", romanisation="english"),
                sohr=ListStyle(script="latin", romanisation="academic"),
                gov=ListStyle(script="latin", romanisation="german"),
                scsr=ListStyle(script="latin", romanisation="mixed"),
            ),
            sources=6,
            held_out=True,
        ),
        Regime(
            name="mixed",
            description="held out: family-first and comma orders, several romanisations, "
            "missing places and fathers' names, dense relatives with cousins, stronger list "
            "dependence, all at once",
            lists=_styles(
                all=ListStyle(missing={"father_name": 0.2, "place": 0.3}),
                gov=ListStyle(name_order="family_first", name_order_share=0.8),
                sohr=ListStyle(name_order="family_first_bare", name_order_share=0.3),
                snhr=ListStyle(romanisation="french"),
                scsr=ListStyle(
                    name_order="comma_given", name_order_share=0.3, romanisation="academic"
                ),
                lcc=ListStyle(missing={"date_of_death": 1.0}),
            ),
            relatives=2.0,
            cousins=0.3,
            namesakes=0.6,
            dependence=1.5,
            copying=2.0,
            sources=6,
            held_out=True,
        ),
        Regime(
            name="colombia_hard",
            description="held out: the Colombian world with the government list in surnames-first "
            "capitals without accents, nicknames, dropped second surnames and dense relatives",
            country="CO",
            lists=_styles(
                ruv=ListStyle(name_order="family_first"),
                prensa=ListStyle(missing={"second_surname": 0.6, "date_of_birth": 1.0}),
                cinep=ListStyle(name_order="comma", name_order_share=0.3),
            ),
            relatives=2.0,
            cousins=0.3,
            held_out=True,
        ),
        Regime(
            name="dependent",
            description="held out: strongly dependent lists (network loading x2, copying x3) and a "
            "harder-to-reach group (penalty x1.5), for linkage under heavy copying and for the "
            "estimators",
            dependence=2.0,
            copying=3.0,
            hard_to_reach=1.5,
            sources=6,
            held_out=True,
        ),
        Regime(
            name="independent",
            description="no list dependence at all: no shared informants, no copying, no "
            "hard-to-reach group, independent household capture (the estimators' null case)",
            dependence=0.0,
            copying=0.0,
            hard_to_reach=0.0,
            household_capture=0.0,
        ),
        Regime(
            name="small_lists",
            description="held out: small lists, a third of the people on any list (coverage 0.35)",
            coverage=0.35,
            held_out=True,
        ),
        # ---- held out since #13 round 12 (2026-12-06): variation nobody had simulated before ----
        Regime(
            name="ages",
            description="held out: ages as informants give them: every list rounds 35% of ages "
            "to a multiple of five and writes 6% of two-digit ages with their digits swapped, "
            "ages on 85% of records, sohr writes 30% of dates as a year only",
            lists=_styles(
                all=ListStyle(
                    missing={"age": 0.15}, variation={"age_heaped": 0.35, "age_swapped": 0.06}
                ),
                sohr=ListStyle(missing={"year_only": 0.3}),
            ),
            sources=6,
            held_out=True,
        ),
        Regime(
            name="initials",
            description="held out: snhr and lcc in Latin script only, which with scsr write the "
            "father's name as its initial on 60% of records (Mohammad A. al-Halabi); gov drops "
            "fathers' names on 30%; relatives x1.5 with 30% cousins (half namesakes)",
            lists=_styles(
                snhr=ListStyle(script="latin", variation={"father_initial": 0.6}),
                lcc=ListStyle(script="latin", variation={"father_initial": 0.6}),
                scsr=ListStyle(variation={"father_initial": 0.6}),
                gov=ListStyle(missing={"father_name": 0.3}),
            ),
            relatives=1.5,
            cousins=0.3,
            sources=6,
            held_out=True,
        ),
        # ---- held out since #14/#15 (2026-12-06), fixed before any estimate ran on it ----
        Regime(
            name="reached",
            description="held out: the default world whose hard-to-reach group the lists reach, "
            "rarely: half its log-odds penalty on every list (x0.5); dependence, copying and "
            "heterogeneous capture as the default. The acceptance world of #14 and #15: in the "
            "default world ~8% of the dead are in a group no list nearly ever sees, whom no "
            "multiple-systems model can count",
            hard_to_reach=0.5,
            sources=6,
            held_out=True,
        ),
    )
}
TUNING = tuple(name for name, regime in REGIMES.items() if not regime.held_out)
HELD_OUT = tuple(name for name, regime in REGIMES.items() if regime.held_out)


def regime(name: str) -> Regime:
    """A preset by name, or a ConfigError listing them."""
    if name not in REGIMES:
        raise ConfigError(
            "regime", f"unknown regime {name!r}; expected one of {', '.join(REGIMES)}"
        )
    return REGIMES[name]


# ---- applying a regime to the lists --------------------------------------------------------
ARABIC_PART_HEADERS = {
    "given_name": "الاسم",
    "father_name": "اسم الأب",
    "grandfather_name": "اسم الجد",
    "family_name": "الكنية",
}
LATIN_PART_HEADERS = {
    "given_name": "First name",
    "father_name": "Father's name",
    "grandfather_name": "Grandfather's name",
    "family_name": "Family name",
}
SPANISH_PART_HEADERS = {"given_name": "Nombres", "family_name": "Apellidos"}
FULL_NAME_HEADERS = {"arabic": "الاسم الكامل", "latin": "Full name", "spanish": "Nombre completo"}
DROPPABLE = {  # missing field at rate 1 -> the column(s) the list then leaves out
    "date_of_death": ("date_of_death",),
    "date_of_birth": ("date_of_birth",),
    "place": ("place",),
    "governorate": ("governorate",),
    "father_name": ("father_name",),
    "grandfather_name": ("grandfather_name",),
    "age": ("age",),
    "sex": ("sex",),
    "status": ("status",),
}


def restyle(spec, regime: Regime):
    """The list as this regime makes it: capture factors, error rates and schema."""
    from recount.simulate.lists import ListSpec

    style = regime.style(spec.id)
    capture = dataclasses.replace(
        spec.capture,
        loading=spec.capture.loading * regime.dependence,
        copy_rate=spec.capture.copy_rate * regime.copying,
        hard_to_reach=spec.capture.hard_to_reach * regime.hard_to_reach,
    )
    rates = {MISSING_FIELDS[name]: rate for name, rate in style.missing.items()}
    rates |= {VARIATIONS[kind]: rate for kind, rate in style.variation.items()}
    errors = dataclasses.replace(spec.errors, **rates)
    schema = _restyle_schema(spec.id, spec.schema, style, _language(spec.schema, regime.country))
    return ListSpec(spec.id, spec.description, capture, schema, errors)


def _language(schema, country: str) -> str:
    """The language of the list's headers: arabic, spanish or latin (English)."""
    if any("\u0600" <= ch <= "\u06ff" for header in schema.columns.values() for ch in header):
        return "arabic"
    return "spanish" if country == "CO" else "latin"


def _restyle_schema(list_id: str, schema, style: ListStyle, language: str):
    columns = dict(schema.columns)
    changes: dict = {}
    layout, script = schema.layout, schema.script
    if style.script and style.script != script:
        if layout == "inverted" and style.script != "latin":
            raise ConfigError(
                f"lists.{list_id}.script", "this list writes 'FAMILY, Given' in Latin only"
            )
        columns = _rescript(columns, layout, script, style.script, language == "arabic")
        script = style.script
        changes["script"] = script
        if script == "latin":
            changes["place_script"] = "latin"
            if schema.governorate_style == "arabic":
                changes["governorate_style"] = "english"
    upper = all(h == h.upper() for h in schema.columns.values())
    if style.name_order == "parts" and layout != "parts":
        columns = _to_parts(columns, script, language, upper)
        layout = "parts"
    elif style.name_order and style.name_order != "parts":
        if layout == "parts" and script != "both":
            columns = _to_full(columns, language, upper)
            layout = "full"
        changes["name_order"] = style.name_order
        changes["name_order_share"] = style.name_order_share
    changes["layout"] = layout
    if style.romanisation:
        changes["romanisation"] = style.romanisation
    for name, rate in style.missing.items():
        if rate >= 1.0:
            for dropped in DROPPABLE.get(name, ()):
                columns.pop(dropped, None)
    if not set(columns) & {"name", "name_latin", "given_name", "family_name"}:
        raise ConfigError(f"lists.{list_id}", "the list would have no name column left")
    return dataclasses.replace(schema, columns=columns, **changes)


def _replace_key(columns: dict, old: str, new: dict) -> dict:
    """`columns` with `old` replaced, in place, by the entries of `new`."""
    out: dict = {}
    for key, value in columns.items():
        if key == old:
            out.update(new)
        else:
            out[key] = value
    if old not in columns:
        out.update(new)
    return out


def _rescript(columns: dict, layout: str, old: str, new: str, arabic_headers: bool) -> dict:
    if layout == "parts":
        if new == "both" and "name" not in columns:
            columns = {
                **columns,
                "name": "الاسم الكامل" if arabic_headers else "Full name (Arabic)",
            }
        elif new != "both":
            columns = {k: v for k, v in columns.items() if k != "name"}
        return columns
    if new == "latin" and "name_latin" in columns:
        latin_header = columns["name_latin"]
        columns = {k: v for k, v in columns.items() if k != "name_latin"}
        return _replace_key(columns, "name", {"name": latin_header})
    if new == "arabic":
        return {k: v for k, v in columns.items() if k != "name_latin"}
    if new == "both" and "name_latin" not in columns:
        header = "الاسم باللاتينية" if arabic_headers else "Name (Latin)"
        return _replace_key(columns, "name", {"name": columns["name"], "name_latin": header})
    return columns


def _to_parts(columns: dict, script: str, language: str, upper: bool) -> dict:
    headers = {
        "arabic": ARABIC_PART_HEADERS,
        "spanish": SPANISH_PART_HEADERS,
        "latin": LATIN_PART_HEADERS,
    }[language]
    headers = {k: v.upper() if upper else v for k, v in headers.items()}
    kept = {k: v for k, v in columns.items() if k != "name_latin"}
    if script == "both":
        return _replace_key(kept, "name", {"name": kept["name"], **headers})
    return _replace_key(kept, "name", headers)


def _to_full(columns: dict, language: str, upper: bool) -> dict:
    parts = [k for k in LATIN_PART_HEADERS if k in columns]
    header = FULL_NAME_HEADERS[language].upper() if upper else FULL_NAME_HEADERS[language]
    out: dict = {}
    for key, value in columns.items():
        if key in parts:
            if key == parts[0]:
                out["name"] = header
            continue
        out[key] = value
    return out
