"""Spanish names of the Colombian world, with the spellings and nicknames lists use.

Written by hand for the simulator, independently of recount's names stage and of the
country pack it is measured against. Entries are `name|other spellings|weight`; weights are
relative frequencies, heavy-tailed as in Colombian victim registries (José, Luis, Carlos, Juan,
María; Rodríguez, Gómez, González, Martínez, García). Accent-free spellings are not listed:
lists drop accents by their own habit (records.py). Compound given names (Juan Carlos,
María del Carmen) are one entry; surnames with particles (de la Hoz, del Río) too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MALE_GIVEN = """
José||40
Luis||28
Carlos||24
Juan||22
Jorge||14
Jesús||12
Manuel||10
Pedro||10
Francisco||9
Antonio||9
Fernando||7
Jairo|Yairo|8
Alberto||6
Orlando||6
Édgar|Egdar|6
Wilson|Wilsón|6
William|Wiliam,Willian|6
Jhon|John,Jon,Yon|6
Jaime||5
Óscar||6
Álvaro||5
Rafael||5
Miguel||5
Javier|Xavier|5
Diego||4
Andrés||5
Julio||4
Hernán|Ernán|4
Rubén||3
Gustavo||4
Alexander|Alexánder,Alexandre|5
Fabio||4
Hugo||3
Ricardo||4
Guillermo||4
Henry|Henrry,Enrry|4
Nelson||4
Ramiro||3
Arnulfo||2
Gilberto||3
Héctor||4
Rodrigo||4
Sergio||3
Eduardo||3
Enrique||3
Ignacio||2
Mario||3
Daniel||3
Víctor|Bíctor|3
Darío||3
Alonso||2
Humberto|Umberto|2
Germán||3
Fredy|Freddy,Fredi|4
Yesid|Yesit,Jesid|3
Wilmer|Wílmer,Vilmer|3
Jhon Jairo|John Jairo,Jhonjairo|5
Luis Alberto||4
Juan Carlos||6
José Luis||5
Luis Fernando||4
Carlos Arturo||3
José Antonio||3
Juan Pablo||2
Luis Carlos||3
Jesús María||2
José de Jesús||2
Luis Eduardo||2
Carlos Alberto||3
José Miguel||2
Juan de Dios||2
Luis Ángel||2
José Gregorio||2
"""

FEMALE_GIVEN = """
María||20
Ana||8
Luz||7
Carmen||5
Rosa||5
Martha|Marta|5
Gloria||4
Blanca||4
Sandra||4
Claudia||4
Diana||3
Patricia||3
Olga||3
Nelly|Nely,Neli|3
Ligia|Lígia|2
Dora||2
Gladys|Gladis|3
Marleny|Marleni,Marlene|3
Yolanda|Iolanda|3
Mercedes||3
Rosario||2
Concepción||2
Graciela||2
Beatriz|Beatríz|3
Esperanza||2
Fanny|Fani|2
Amparo||3
Luz Marina||4
Luz Mery|Luz Mary,Luzmery|3
María del Carmen||4
María Elena||3
Ana María||3
María José||2
María de los Ángeles||2
Ana Lucía||2
Luz Dary|Luz Dari|2
Rosa Elena||2
Flor||2
Yaneth|Janeth,Yanet|3
Leidy|Leydi,Lady|3
Paola||2
Lina||2
Adriana||2
Alba||2
Aura||2
Nubia||2
"""

SURNAMES = """
Rodríguez||30
Gómez|Gomes|25
González|Gonsález|25
Martínez|Martines|22
García||22
López|Lopes|20
Hernández|Ernández,Hernándes|18
Sánchez|Sanches|17
Ramírez|Ramíres|17
Pérez|Peres|16
Díaz|Dias|15
Muñoz|Muños|14
Rojas||13
Moreno||12
Jiménez|Giménez,Jimenes|11
Vargas|Bargas|11
Castro||10
Gutiérrez|Gutiérres|10
Romero||9
Ortiz|Ortíz,Ortis|9
Álvarez|Álvares|9
Torres||9
Suárez|Suáres|8
Ruiz|Ruíz,Ruis|8
Valencia||8
Quintero||7
Restrepo||7
Mosquera|Mozquera|7
Palacios||7
Córdoba|Córdova,Cordoba|6
Rentería||5
Cuesta||4
Murillo|Murilló|6
Guerrero||6
Cárdenas||6
Ospina|Ospino|5
Giraldo|Jiraldo|6
Zapata|Sapata|6
Londoño||5
Arango||5
Cardona||6
Vélez|Veles|5
Salazar|Salasar|6
Osorio||5
Montoya||5
Hoyos|Oyos|4
Agudelo||5
Betancur|Betancourt,Betancurt|4
Henao|Enao|5
Benítez|Benites|4
Bolívar||3
Cuéllar|Cueyar|3
Peña||5
Navarro||4
Mejía|Megía|5
Acosta||5
Rincón||4
Medina||5
Castillo|Castiyo|5
Herrera|Errera|6
Aguirre||4
Ríos||5
Patiño||4
Arias||5
Chávez|Cháves|3
Ocampo||4
Quiñones|Quiñonez|5
Caicedo|Caycedo,Cayzedo|5
Angulo||4
Cortés|Cortez|4
Hurtado|Urtado|4
Cabezas||3
Palacio||3
Lozano||4
Pineda||4
Barrera||3
Serna||3
Tapias||2
Ibargüen|Ibarguen,Ibargüén|3
Perea||3
de la Hoz|De La Hoz,Delahoz|3
de la Cruz|De La Cruz,Delacruz|4
del Río|Del Río,Delrío|2
de los Ríos|De Los Ríos|2
de Ávila|De Ávila,Dávila|2
de la Rosa|De La Rosa|3
del Castillo|Del Castillo|2
de Armas|De Armas|2
"""

# Given name -> the nicknames (hipocorísticos) lists sometimes write instead of it.
NICKNAMES = {
    "José": ("Pepe", "Chepe"),
    "Francisco": ("Pacho", "Pancho", "Paco"),
    "Jesús": ("Chucho",),
    "Ignacio": ("Nacho",),
    "Luis": ("Lucho",),
    "Antonio": ("Toño",),
    "Guillermo": ("Memo",),
    "Alberto": ("Beto",),
    "Enrique": ("Quique",),
    "Manuel": ("Manolo",),
    "Rafael": ("Rafa",),
    "Fernando": ("Nando",),
    "Rosario": ("Charo",),
    "Concepción": ("Concha",),
    "Graciela": ("Chela",),
    "Mercedes": ("Meche",),
}
PARTICLES = ("de la", "de los", "del", "de")


@dataclass(frozen=True)
class Names:
    """One vocabulary: names (as their most common spelling) with other spellings and weights."""

    names: tuple[str, ...]
    spellings: tuple[tuple[str, ...], ...]  # the name first, then other spellings
    weights: np.ndarray  # sums to 1

    def __len__(self) -> int:
        return len(self.names)


def _parse(text: str, exponent: float = 1.0) -> Names:
    names, spellings, weights = [], [], []
    for line in text.strip().splitlines():
        name, others, weight = line.split("|")
        names.append(name)
        spellings.append(tuple(dict.fromkeys([name, *(o for o in others.split(",") if o)])))
        weights.append(float(weight))
    w = np.asarray(weights) ** exponent
    return Names(tuple(names), tuple(spellings), w / w.sum())


MALE = _parse(MALE_GIVEN)
FEMALE = _parse(FEMALE_GIVEN)
SURNAME = _parse(SURNAMES, exponent=0.7)
