"""Where and when the Colombian world's deaths happen: departments, municipalities, massacres.

The shares follow the broad shape of published Colombian victim registries (Antioquia
heaviest; the Pacific, the south and the Magdalena Medio high; Bogotá and the Caribbean islands
low; a peak between 1998 and 2005) without claiming to reproduce any count. Written by hand,
independently of the CO country pack: some municipalities here are not in the pack at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FIRST_MONTH = (1985, 1)
LAST_MONTH = (2016, 12)

# ISO 3166-2:CO code, share of deaths, share in areas held by an armed group other than the state.
DEPARTMENT_SHARES: dict[str, tuple[float, float]] = {
    "CO-ANT": (0.200, 0.55),
    "CO-BOL": (0.060, 0.50),
    "CO-NAR": (0.055, 0.60),
    "CO-CAU": (0.055, 0.65),
    "CO-VAC": (0.055, 0.35),
    "CO-CHO": (0.045, 0.70),
    "CO-CAQ": (0.045, 0.75),
    "CO-MET": (0.050, 0.70),
    "CO-MAG": (0.040, 0.50),
    "CO-PUT": (0.040, 0.70),
    "CO-NSA": (0.045, 0.60),
    "CO-COR": (0.035, 0.55),
    "CO-CES": (0.035, 0.50),
    "CO-TOL": (0.035, 0.50),
    "CO-SUC": (0.030, 0.50),
    "CO-HUI": (0.025, 0.45),
    "CO-SAN": (0.030, 0.40),
    "CO-ARA": (0.020, 0.70),
    "CO-GUV": (0.020, 0.80),
    "CO-CUN": (0.020, 0.30),
    "CO-LAG": (0.015, 0.45),
    "CO-CAL": (0.015, 0.40),
    "CO-DC": (0.012, 0.05),
    "CO-CAS": (0.010, 0.55),
    "CO-RIS": (0.008, 0.30),
    "CO-BOY": (0.008, 0.35),
    "CO-ATL": (0.005, 0.20),
    "CO-VID": (0.004, 0.75),
    "CO-QUI": (0.003, 0.20),
    "CO-AMA": (0.002, 0.60),
    "CO-VAU": (0.002, 0.80),
    "CO-GUA": (0.002, 0.80),
    "CO-SAP": (0.0005, 0.0),
}
# Remote areas where documentation was hardest.
HARD_TO_REACH = {"CO-GUV": (1995, 2008), "CO-VAU": (1995, 2008), "CO-CAQ": (1998, 2004)}

# Municipalities per department: name|weight (names as the registries write them, with accents).
PLACES = {
    "CO-ANT": "Medellín|6;Apartadó|4;Turbo|4;Dabeiba|2;Ituango|3;Segovia|3;Remedios|2;El Bagre|2;Cáceres|2;Tarazá|2;Yarumal|2;Urrao|2;San Carlos|3;Granada|3;Cocorná|2;San Luis|2;Frontino|2;Peque|1;Sonsón|2;Amalfi|2;Anorí|2;Mutatá|2;Chigorodó|2;San Francisco|1",
    "CO-BOL": "Cartagena|3;El Carmen de Bolívar|5;San Jacinto|3;María la Baja|2;San Pablo|3;Simití|2;Santa Rosa del Sur|2;Morales|2;Córdoba|1",
    "CO-NAR": "Pasto|3;Tumaco|6;Barbacoas|3;Ricaurte|2;El Charco|2;Samaniego|2;Policarpa|2;Magüí|1",
    "CO-CAU": "Popayán|3;Toribío|3;Caldono|2;Argelia|3;El Tambo|3;Suárez|2;Santander de Quilichao|3;Corinto|2;Buenos Aires|2;Patía|2;Balboa|1",
    "CO-VAC": "Cali|5;Buenaventura|5;Tuluá|3;Jamundí|2;Trujillo|3;Bugalagrande|2;Dagua|2;Florida|1",
    "CO-CHO": "Quibdó|4;Bojayá|3;Riosucio|4;Carmen del Darién|2;Alto Baudó|2;Istmina|2;Unguía|1",
    "CO-CAQ": "Florencia|4;San Vicente del Caguán|4;Cartagena del Chairá|3;Puerto Rico|2;La Montañita|2;El Doncello|2;Solano|1",
    "CO-MET": "Villavicencio|3;Mapiripán|3;Puerto Rico|2;Vista Hermosa|3;Mesetas|2;La Macarena|2;Uribe|2;Granada|2;Puerto Gaitán|2",
    "CO-MAG": "Santa Marta|4;Ciénaga|4;Zona Bananera|3;Fundación|2;Aracataca|2;El Banco|2;Pivijay|1",
    "CO-PUT": "Mocoa|3;Puerto Asís|4;Valle del Guamuez|4;Orito|3;San Miguel|2;Puerto Guzmán|2",
    "CO-NSA": "Cúcuta|5;Tibú|5;Ocaña|3;El Tarra|3;Teorama|2;Hacarí|2;Sardinata|2;Convención|1",
    "CO-COR": "Montería|3;Tierralta|4;Valencia|2;Puerto Libertador|3;Montelíbano|2;San Carlos|1;Canalete|1",
    "CO-CES": "Valledupar|5;Aguachica|3;Agustín Codazzi|2;La Jagua de Ibirico|2;Pelaya|2;Curumaní|1",
    "CO-TOL": "Ibagué|3;Chaparral|3;Planadas|3;Ataco|2;Rioblanco|2;Líbano|2;Rovira|1",
    "CO-SUC": "Sincelejo|3;Ovejas|3;San Onofre|3;Chalán|2;Colosó|2;Macayepo|1",
    "CO-HUI": "Neiva|4;Algeciras|3;Pitalito|2;La Plata|2;Campoalegre|1",
    "CO-SAN": "Bucaramanga|3;Barrancabermeja|5;San Vicente de Chucurí|3;Sabana de Torres|2;Puerto Wilches|2",
    "CO-ARA": "Arauca|3;Saravena|3;Tame|4;Arauquita|3;Fortul|2",
    "CO-GUV": "San José del Guaviare|5;Miraflores|3;El Retorno|2;Calamar|2",
    "CO-CUN": "Soacha|4;Viotá|2;La Palma|2;Yacopí|2;Fusagasugá|2;Caparrapí|1",
    "CO-LAG": "Riohacha|4;Maicao|3;Dibulla|2;San Juan del Cesar|2",
    "CO-CAL": "Manizales|3;Samaná|3;Riosucio|2;Pensilvania|2;Norcasia|1",
    "CO-DC": "Bogotá|6;Ciudad Bolívar|2;Usme|1;Bosa|1;Kennedy|1",
    "CO-CAS": "Yopal|3;Paz de Ariporo|2;Tauramena|2;Aguazul|2",
    "CO-RIS": "Pereira|4;Quinchía|2;Pueblo Rico|2;Mistrató|1",
    "CO-BOY": "Tunja|2;Puerto Boyacá|4;Otanche|2;Pajarito|1",
    "CO-ATL": "Barranquilla|5;Soledad|3;Malambo|2",
    "CO-VID": "Puerto Carreño|3;Cumaribo|3;La Primavera|1",
    "CO-QUI": "Armenia|4;Calarcá|2;Génova|1",
    "CO-AMA": "Leticia|4;Puerto Nariño|1",
    "CO-VAU": "Mitú|4;Carurú|1",
    "CO-GUA": "Inírida|4;Barrancominas|1",
    "CO-SAP": "San Andrés|1",
}


@dataclass(frozen=True)
class Massacre:
    """A period of concentrated killing in some municipalities of one department."""

    department: str
    start: tuple[int, int]
    end: tuple[int, int]
    deaths_share: float
    places: tuple[str, ...]


MASSACRES = (
    Massacre("CO-ANT", (1988, 11), (1988, 11), 0.002, ("Segovia",)),
    Massacre("CO-VAC", (1990, 3), (1990, 5), 0.003, ("Trujillo",)),
    Massacre("CO-MET", (1997, 7), (1997, 7), 0.002, ("Mapiripán",)),
    Massacre("CO-ANT", (1997, 10), (1997, 10), 0.002, ("Ituango",)),
    Massacre("CO-ANT", (1996, 1), (1998, 12), 0.015, ("Apartadó", "Turbo", "Dabeiba", "Mutatá", "Chigorodó")),
    Massacre("CO-BOL", (2000, 2), (2000, 2), 0.003, ("El Carmen de Bolívar", "San Jacinto")),
    Massacre("CO-SUC", (2001, 1), (2001, 1), 0.002, ("Ovejas", "Chalán")),
    Massacre("CO-CHO", (2002, 5), (2002, 5), 0.003, ("Bojayá",)),
    Massacre("CO-ANT", (2002, 10), (2002, 12), 0.006, ("Medellín",)),
    Massacre("CO-NSA", (1999, 5), (2000, 6), 0.006, ("Tibú", "El Tarra")),
    Massacre("CO-PUT", (1999, 1), (2001, 12), 0.006, ("Valle del Guamuez", "Puerto Asís")),
)  # fmt: skip

DEPARTMENT_CODES = tuple(DEPARTMENT_SHARES)


def month_index(year: int, month: int) -> int:
    return (year - FIRST_MONTH[0]) * 12 + (month - FIRST_MONTH[1])


N_MONTHS = month_index(*LAST_MONTH) + 1


def national_intensity() -> np.ndarray:
    """Relative deaths per month: rising through the 1990s, a peak in 1998-2005, a decline."""
    t = np.arange(N_MONTHS) / 12.0 + FIRST_MONTH[0]
    return 0.15 + np.exp(-(((t - 2001.5) / 5.0) ** 2)) + 0.25 * np.exp(-(((t - 1990) / 3.0) ** 2))


@dataclass(frozen=True)
class PlaceTable:
    name: tuple[str, ...]
    department: np.ndarray  # index into DEPARTMENT_CODES
    weight: np.ndarray  # within its department, sums to 1 per department


def place_table() -> PlaceTable:
    names, department, weight = [], [], []
    for d, code in enumerate(DEPARTMENT_CODES):
        entries = [entry.split("|") for entry in PLACES[code].split(";")]
        total = sum(float(w) for _, w in entries)
        for name, w in entries:
            names.append(name)
            department.append(d)
            weight.append(float(w) / total)
    return PlaceTable(tuple(names), np.asarray(department), np.asarray(weight))


def outside_control_share(year: np.ndarray, department: np.ndarray) -> np.ndarray:
    """Probability that a death happened where an armed group other than the state held sway."""
    base = np.array([DEPARTMENT_SHARES[c][1] for c in DEPARTMENT_CODES])[department]
    return np.where(year >= 2008, base * 0.5, base)
