"""A country pack's name equivalents: Ukrainian and Russian forms of one name get one key.

Names here are common given names and patronymics, not anyone's record.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.names import fold_latin, normalize_records, split_name
from recount.names.equivalents import NO_EQUIVALENTS, name_equivalents
from recount.names.keys import SPELLING_KEYS
from recount.names.workspace import key_style_setting
from recount.reference import NO_PACK, country_pack

UA = country_pack("UA")
EQ = name_equivalents(UA)

# (Ukrainian, Russian, a Latin spelling of the Russian form as the press writes it)
MALE = """
Олександр Александр Aleksandr|Олексій Алексей Alexey|Андрій Андрей Andrey|Анатолій Анатолий Anatoliy
Антон Антон Anton|Аркадій Аркадий Arkady|Арсеній Арсений Arseniy|Артем Артём Artyom
Богдан Богдан Bogdan|Борис Борис Boris|Вадим Вадим Vadim|Валентин Валентин Valentin
Валерій Валерий Valery|Василь Василий Vasily|Віктор Виктор Viktor|Віталій Виталий Vitaly
Владислав Владислав Vladislav|Володимир Владимир Vladimir|В'ячеслав Вячеслав Vyacheslav
Геннадій Геннадий Gennady|Георгій Георгий Georgy|Григорій Григорий Grigory|Данило Даниил Daniil
Денис Денис Denis|Дмитро Дмитрий Dmitry|Євген Евгений Yevgeny|Захар Захар Zakhar|Іван Иван Ivan
Ігор Игорь Igor|Ілля Илья Ilya|Йосип Иосиф Iosif|Кирило Кирилл Kirill|Костянтин Константин Konstantin
Леонід Леонид Leonid|Максим Максим Maksim|Матвій Матвей Matvey|Микита Никита Nikita
Микола Николай Nikolay|Михайло Михаил Mikhail|Назар Назар Nazar|Олег Олег Oleg|Павло Павел Pavel
Петро Пётр Pyotr|Пилип Филипп Filipp|Роман Роман Roman|Ростислав Ростислав Rostislav
Руслан Руслан Ruslan|Святослав Святослав Svyatoslav|Семен Семён Semyon|Сергій Сергей Sergey
Станіслав Станислав Stanislav|Степан Степан Stepan|Тарас Тарас Taras|Тимофій Тимофей Timofey
Федір Фёдор Fyodor|Юрій Юрий Yury|Яків Яков Yakov|Ярослав Ярослав Yaroslav|Трохим Трофим Trofim
Омелян Емельян Yemelyan
"""
FEMALE = """
Алла Алла Alla|Анастасія Анастасия Anastasia|Ганна Анна Anna|Антоніна Антонина Antonina
Валентина Валентина Valentina|Вікторія Виктория Viktoria|Віра Вера Vera|Галина Галина Galina
Дарія Дарья Darya|Євгенія Евгения Yevgeniya|Зінаїда Зинаида Zinaida|Інна Инна Inna|Ірина Ирина Irina
Катерина Екатерина Yekaterina|Лариса Лариса Larisa|Людмила Людмила Lyudmila|Любов Любовь Lyubov
Марія Мария Maria|Надія Надежда Nadezhda|Наталія Наталья Natalya|Ніна Нина Nina|Оксана Оксана Oksana
Олена Елена Yelena|Олександра Александра Aleksandra|Ольга Ольга Olga|Раїса Раиса Raisa
Світлана Светлана Svetlana|Софія София Sofia|Тамара Тамара Tamara|Тетяна Татьяна Tatyana
Юлія Юлия Yulia|Христина Кристина Kristina|Зоя Зоя Zoya|Лідія Лидия Lidiya
Єлизавета Елизавета Yelizaveta|Марина Марина Marina
"""
NAMES = [tuple(group.split()) for group in (MALE + "|" + FEMALE).replace("\n", "|").split("|")]
NAMES = [group for group in NAMES if group]

# (Ukrainian, Russian, Russian in Latin, Ukrainian in Latin): a father's name as patronymic
PATRONYMICS = [
    ("Олександрович", "Александрович", "Aleksandrovich", "Oleksandrovych"),
    ("Миколайович", "Николаевич", "Nikolaevich", "Mykolaiovych"),
    ("Сергійович", "Сергеевич", "Sergeyevich", "Serhiiovych"),
    ("Юрійович", "Юрьевич", "Yuryevich", "Yuriiovych"),
    ("Григорович", "Григорьевич", "Grigoryevich", "Hryhorovych"),
    ("Андрійович", "Андреевич", "Andreyevich", "Andriiovych"),
    ("Васильович", "Васильевич", "Vasilyevich", "Vasylovych"),
    ("Дмитрович", "Дмитриевич", "Dmitrievich", "Dmytrovych"),
    ("Олексійович", "Алексеевич", "Alekseyevich", "Oleksiiovych"),
    ("Анатолійович", "Анатольевич", "Anatolyevich", "Anatoliiovych"),
    ("Павлович", "Павлович", "Pavlovich", "Pavlovych"),
    ("Олександрівна", "Александровна", "Aleksandrovna", "Oleksandrivna"),
    ("Миколаївна", "Николаевна", "Nikolaevna", "Mykolaivna"),
    ("Сергіївна", "Сергеевна", "Sergeyevna", "Serhiivna"),
    ("Юріївна", "Юрьевна", "Yuryevna", "Yuriivna"),
    ("Петрівна", "Петровна", "Petrovna", "Petrivna"),
]


def key(word: str) -> str:
    tokens = split_name(word, SPELLING_KEYS, EQ).tokens
    assert len(tokens) == 1, word
    return tokens[0].key


@pytest.mark.parametrize("forms", NAMES, ids=lambda forms: forms[2])
def test_ukrainian_and_russian_forms_of_a_given_name_get_one_key(forms):
    assert len({key(form) for form in forms}) == 1


def test_different_names_keep_different_keys():
    keys = [key(forms[0]) for forms in NAMES]
    assert len(NAMES) >= 90 and len(set(keys)) == len(keys)
    assert key("Олександр") != key("Олександра") and key("Іван") != key("Іванна")


@pytest.mark.parametrize("forms", PATRONYMICS, ids=lambda forms: forms[3])
def test_ukrainian_and_russian_forms_of_a_patronymic_get_one_key(forms):
    assert len({key(form) for form in forms}) == 1


def test_a_patronymic_is_not_its_fathers_name_and_sex_stays_apart():
    assert key("Миколайович") != key("Микола")
    assert key("Миколайович") != key("Миколаївна")


@pytest.mark.parametrize(
    "written",
    [
        "Шевченко Олександр Миколайович",
        "Шевченко Александр Николаевич",
        "Александр Николаевич Шевченко",
        "Oleksandr Mykolaiovych Shevchenko",
        "SHEVCHENKO Aleksandr Nikolaevich",
    ],
)
def test_the_patronymic_places_the_given_name_in_either_order(written):
    parts = split_name(written, SPELLING_KEYS, EQ)
    assert (parts.given.key, parts.father.key, parts.family.key) == (
        key("Олександр"),
        key("Миколайович"),
        key("Шевченко"),
    )
    assert parts.identifiable


def test_romanisation_systems_meet_on_family_names():
    for forms in [
        ("Гончаренко", "Goncharenko", "Honcharenko"),
        ("Поліщук", "Полищук", "Polishchuk", "Polyshchuk"),
        ("Васильєв", "Васильев", "Vasilyev", "Vasyliev"),
        ("Згурський", "Zgurskiy", "Zghurskyi"),
    ]:
        assert len({key(form) for form in forms}) == 1, forms[-1]
    assert key("Жук") != key("Гук")  # zh is one letter, not z + h


# Russian letters written as the English-language press romanises Russian (г -> g, и -> i,
# й -> y, е -> e, ю -> yu, я -> ya): independent of recount's Ukrainian table.
_RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ь": "", "ы": "y", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# г after к, с, ц (a soft sign between or not), or after зь, reads as kh, sh, tsh, zh in the
# Ukrainian table: ambiguous, left out.
_WORDS = st.text(alphabet="".join(_RUSSIAN), min_size=2, max_size=12).filter(
    lambda w: (
        not any(f"{c}г" in w.replace("ь", "") for c in "ксц")
        and "зьг" not in w
        and any(_RUSSIAN[ch] for ch in w)
    )
)


@given(_WORDS)
def test_a_russian_word_and_its_english_romanisation_get_one_key(word):
    latin = "".join(_RUSSIAN[ch] for ch in word)
    assert EQ.key(word)[0] == EQ.key(latin)[0]
    assert EQ.key(word.upper())[0] == EQ.key(word)[0]


@given(st.text(min_size=1, max_size=20))
def test_keys_are_plain_lower_case_letters(text):
    folded = EQ.fold(text)
    assert folded == "" or (folded.isascii() and folded.isalnum() and folded.islower())
    keyed, _ = EQ.key(text)
    assert keyed.isascii()


def test_no_pack_and_the_syrian_pack_have_no_equivalents():
    assert name_equivalents(NO_PACK) is NO_EQUIVALENTS
    assert name_equivalents(country_pack("SY")) is NO_EQUIVALENTS
    assert name_equivalents(country_pack("CO"))  # Spanish spellings of one sound
    assert not NO_EQUIVALENTS and EQ
    assert key_style_setting("auto", UA) == SPELLING_KEYS
    assert key_style_setting("auto", country_pack("CO")) == "auto"


def test_the_names_stage_applies_the_pack_to_every_key():
    records = pd.DataFrame(
        {
            "record_id": ["a", "b", "c", "d"],
            "source_id": ["ua", "ru", "en", "news"],
            "name": [
                "Шевченко Олександр Миколайович",
                "Шевченко Александр Николаевич",
                None,
                "Aleksandr Shevchenko",
            ],
            "given_name": [None, None, "Oleksandr", None],
            "father_name": [None, None, "Mykolaiovych", None],
            "family_name": [None, None, "Shevchenko", None],
        }
    )
    with_pack = normalize_records(records, workers=1, key_style="spelling", pack=UA).to_pandas()
    assert with_pack["given_key"].nunique() == 1
    assert with_pack["family_key"].nunique() == 1
    assert with_pack["father_key"].dropna().nunique() == 1 and with_pack["father_key"].count() == 3
    assert len(set.intersection(*map(set, with_pack["name_tokens"]))) == 2
    without = normalize_records(records, workers=1, key_style="spelling").to_pandas()
    assert without["given_key"].nunique() > 1


def test_names_key_keys_as_a_workspace_of_the_pack_does():
    from typer.testing import CliRunner

    from recount.cli import app

    forms = ["Шевченко Олександр Миколайович", "Aleksandr Nikolaevich SHEVCHENKO"]
    with_pack = CliRunner().invoke(app, ["names", "key", "--country", "UA", *forms])
    without = CliRunner().invoke(app, ["names", "key", *forms])
    assert with_pack.exit_code == 0 and without.exit_code == 0
    assert len(set(with_pack.output.split("\n")[:2])) == 1
    assert len(set(without.output.split("\n")[:2])) == 2
    explained = CliRunner().invoke(app, ["names", "key", "--explain", "--country", "UA", forms[1]])
    assert "[UA pack]" in explained.output
    assert CliRunner().invoke(app, ["names", "key", "--country", "XX", "a"]).exit_code != 0


CO = name_equivalents(country_pack("CO"))


@pytest.mark.parametrize(
    "forms",
    [
        ("Hernández", "Ernández", "HERNANDEZ"),
        ("Jiménez", "Giménez"),
        ("Córdoba", "Córdova"),
        ("Díaz", "Días", "Diaz"),
        ("Humberto", "Umberto"),
        ("Cecilia", "Secilia"),
    ],
)
def test_spanish_spellings_of_one_sound_get_one_key(forms):
    keys = {split_name(form, SPELLING_KEYS, CO).tokens[0].key for form in forms}
    assert len(keys) == 1


@pytest.mark.parametrize(
    ("a", "b"), [("Marta", "María"), ("Luz", "Luis"), ("Pedro", "Pablo"), ("Gómez", "López")]
)
def test_different_spanish_names_keep_different_keys(a, b):
    assert (
        split_name(a, SPELLING_KEYS, CO).tokens[0].key
        != split_name(b, SPELLING_KEYS, CO).tokens[0].key
    )


def test_a_workspace_of_cyrillic_names_without_a_pack_keys_every_form_of_a_name_alike():
    """No country chosen: lists that write names in Cyrillic still name one person Олександр,
    Александр and Aleksandr, and a patronymic still places the given name in a family-first
    name. Latin lists alone (no Cyrillic) keep their spellings apart, as before."""
    forms = [form for group in NAMES for form in group]
    surname_first = [f"Шевченко {ua} Миколайович" for ua, _, _ in NAMES]
    records = pd.DataFrame({"name": forms + surname_first})
    records["record_id"] = [f"r{i}" for i in range(len(records))]
    records["source_id"] = "lists"
    keyed = normalize_records(records, workers=1).to_pandas()
    given = keyed["given_key"].tolist()
    for i, group in enumerate(NAMES):
        assert len({given[3 * i + j] for j in range(len(group))}) == 1, group
        assert given[len(forms) + i] == given[3 * i], group  # the given name, not the family's
    assert len(set(given[: len(forms)])) == len(NAMES)  # different names stay apart
    latin = pd.DataFrame({"name": ["Aleksandr", "Oleksandr"], "record_id": ["a", "b"]})
    latin["source_id"] = "news"
    assert normalize_records(latin, workers=1).to_pandas()["given_key"].nunique() == 2


def spanish_keys(written: str, equivalents=CO) -> list[str]:
    return [token.key for token in split_name(written, SPELLING_KEYS, equivalents).tokens]


@pytest.mark.parametrize(
    ("nickname", "name"),
    [("Pepe", "José"), ("Chepe", "José"), ("Paco", "Francisco"), ("Lupe", "Guadalupe"),
     ("Toño", "Antonio"), ("Meche", "Mercedes"), ("Charo", "Rosario")],
)  # fmt: skip
def test_a_nickname_the_pack_lists_is_keyed_as_its_name(nickname, name):
    assert spanish_keys(f"{nickname} Pérez") == spanish_keys(f"{name} Pérez")
    assert spanish_keys(f"{nickname} Pérez", NO_EQUIVALENTS) != spanish_keys(
        f"{name} Pérez", NO_EQUIVALENTS
    )  # no pack, no nicknames


# Surnames (folded, no particle) as lists write them, and particle runs the pack lists.
_SURNAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzñáéíóú", min_size=2, max_size=10).filter(
    # not a particle once its accents are folded ('sañ' is written for 'san')
    lambda w: fold_latin(w) not in {"de", "del", "la", "las", "los", "san", "santa", "y", "e"}
)
_PARTICLES = st.sampled_from(["de", "del", "de la", "de las", "de los", "san"])


@given(_SURNAME, _PARTICLES, st.sampled_from(["Juan", "María José"]))
def test_a_particle_is_keyed_with_its_word_however_it_is_written(surname, particle, given_name):
    """de la Cruz, De La Cruz, DE LA CRUZ and Delacruz: one surname, one key."""
    forms = [
        f"{given_name} {particle} {surname}",
        f"{given_name} {particle.title()} {surname.title()}",
        f"{given_name.upper()} {particle.upper()} {surname.upper()}",
        f"{given_name} {(particle.replace(' ', '') + surname).title()}",
    ]
    keys = {tuple(spanish_keys(form)) for form in forms}
    assert len(keys) == 1
    assert len(keys.pop()) == len(given_name.split()) + 1


@given(st.lists(_SURNAME, min_size=1, max_size=4))
def test_names_without_particles_keep_their_tokens(words):
    """Joining particles changes nothing else: as many tokens as the name has without the pack."""
    text = " ".join(words)
    assert len(spanish_keys(text)) == len(spanish_keys(text, NO_EQUIVALENTS))


def test_without_the_pack_particles_are_dropped_as_before():
    assert spanish_keys("Juan de la Cruz", NO_EQUIVALENTS) == spanish_keys(
        "Juan Cruz", NO_EQUIVALENTS
    )
    assert spanish_keys("García y López") == spanish_keys("García López")  # 'y' is no particle
    assert spanish_keys("Juan de") == spanish_keys("Juan")
