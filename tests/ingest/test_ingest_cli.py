"""The two commands: `recount ingest` and `recount sources suggest`."""

from __future__ import annotations

import json
import os
import tomllib

import pandas as pd
import pytest
from ingest_helpers import write_workspace
from typer.testing import CliRunner

from recount.cli import app
from recount.simulate import simulate

runner = CliRunner()
ARABIC_CSV = (
    "رقم,الاسم الكامل,الجنس,العمر,تاريخ الوفاة,المحافظة,المنطقة,الصفة\n"
    "1,محمد أحمد,ذكر,34,17/12/2016,حلب,الباب,مدني\n"
    "2,فاطمة علي,أنثى,27,05/06/2016,ريف دمشق,دوما,مدني\n"
    "3,خالد عمر,ذكر,19,2014,ادلب,سراقب,عسكري\n"
)


def test_ingest_prints_the_accounting(tmp_path):
    sources = [
        {"id": "a", "path": "a.csv", "columns": {"name": "name"}},
        {"id": "b", "path": "b.jsonl", "columns": {"name": "n"}},
    ]
    files = {"a.csv": b"name\nAli\n\nOmar\n", "b.jsonl": b'{"n": "Sara"}\nbroken\n'}
    ws = write_workspace(tmp_path / "ws", sources, files)
    result = runner.invoke(app, ["ingest", "--workspace", str(ws.root)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "│" in line]
    cells = {
        line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]] for line in lines
    }
    assert cells["a"][2:6] == [
        "4",
        "3",
        "2",
        "1",
    ]  # lines (with the header), rows, records, quarantined
    assert cells["b"][2:6] == ["2", "2", "1", "1"]
    assert "invalid_json 1" in result.output
    assert "Sara" not in result.output and "Ali" not in result.output  # never print names

    only_b = runner.invoke(app, ["ingest", "-w", str(ws.root), "--source", "b"])
    assert only_b.exit_code == 0
    assert "│ a " not in only_b.output


def test_ingest_counts_the_values_it_kept_but_flagged(tmp_path):
    """An NGO's age column of bands ('18-30') is kept as written and flagged: the counts show
    after the accounting, per source and flag, so a mapping to fix is seen at once."""
    sources = [
        {
            "id": "ngo",
            "path": "n.csv",
            "columns": {"name": "name", "age": "age", "date_of_death": "d"},
        },
        {"id": "clean", "path": "c.csv", "columns": {"name": "name"}},
    ]
    files = {
        "n.csv": b"name,age,d\nAdam Musa,18-30,2023-06-01\nHawa Ali,51+,someday\nIsa Adam,40,\n",
        "c.csv": b"name\nAli\n",
    }
    ws = write_workspace(tmp_path / "ws", sources, files)
    result = runner.invoke(app, ["ingest", "--workspace", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "  ngo: age_unparsed 2, date_unparsed 1" in result.output
    assert "  clean:" not in result.output
    assert "Adam" not in result.output and "Hawa" not in result.output  # never print names


def test_ingest_reads_every_readable_source_and_names_each_failure(tmp_path):
    kinds = ["good", "folder", "fifo", "loop", "zero", "gone", "empty", "garbage"]
    sources = [{"id": k, "path": f"{k}.csv", "columns": {"name": "name"}} for k in kinds]
    files = {"good.csv": b"name\nAli\nOmar\n", "empty.csv": b"", "garbage.csv": b"\x00\xff" * 99}
    ws = write_workspace(tmp_path / "ws", sources, files)
    (ws.root / "folder.csv").mkdir()
    os.mkfifo(ws.root / "fifo.csv")
    os.symlink("loop.csv", ws.root / "loop.csv")
    os.symlink("/dev/zero", ws.root / "zero.csv")
    os.symlink("nowhere.csv", ws.root / "gone.csv")
    result = runner.invoke(app, ["ingest", "--workspace", str(ws.root)])
    assert result.exit_code != 0, result.output
    assert "│ good " in result.output  # the accounting of what was read
    message = str(result.exception)
    assert "7 of 8 sources could not be read (the others were ingested)" in message
    causes = {
        "folder": "a folder, not a file",
        "fifo": "a named pipe (FIFO)",
        "loop": "a loop of symbolic links",
        "zero": "a device, not a file",
        "gone": "a symbolic link to nowhere.csv, which does not exist",
        "empty": "the file is empty",
        "garbage": "garbage.csv",
    }
    lines = message.splitlines()
    for kind, cause in causes.items():
        line = next(line for line in lines if line.strip().startswith(f"{kind}:"))
        assert cause in line, line
    assert ws.query("select count(*) from records").iloc[0, 0] == 2


def test_sources_suggest_maps_arabic_headers(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "vdc.csv").write_bytes(ARABIC_CSV.encode("cp1256"))
    result = runner.invoke(
        app, ["sources", "suggest", str(tmp_path / "lists" / "vdc.csv"), "-w", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    block = tomllib.loads(result.stdout)["sources"][0]
    assert block["id"] == "vdc" and block["path"] == "lists/vdc.csv" and block["format"] == "csv"
    assert block["columns"] == {
        "name": "الاسم الكامل",
        "sex": "الجنس",
        "age": "العمر",
        "date_of_death": "تاريخ الوفاة",
        "governorate": "المحافظة",
        "place": "المنطقة",
        "status": "الصفة",
        "record_ref": "رقم",
    }
    assert "windows-1256" in result.output


def test_suggested_block_ingests_as_it_is(tmp_path):
    (tmp_path / "lists").mkdir()
    rows = [
        {
            "ref": f"r{i}",
            "full": {"first": "Ali", "last": "Omar"},
            "c1": "Male" if i % 2 else "Female",
            "c2": "Aleppo",
            "c3": "2016-01-0" + str(i + 1),
        }
        for i in range(6)
    ]
    (tmp_path / "lists" / "x.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows), encoding="utf-8"
    )
    result = runner.invoke(
        app, ["sources", "suggest", str(tmp_path / "lists" / "x.jsonl"), "-w", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    columns = tomllib.loads(result.stdout)["sources"][0]["columns"]
    assert columns["given_name"] == "full.first" and columns["family_name"] == "full.last"
    assert (
        columns["sex"] == "c1"
        and columns["governorate"] == "c2"
        and columns["date_of_death"] == "c3"
    )
    (tmp_path / "recount.toml").write_text(
        '[project]\nname = "t"\n\n' + result.stdout, encoding="utf-8"
    )
    ingest = runner.invoke(app, ["ingest", "-w", str(tmp_path)])
    assert ingest.exit_code == 0, ingest.output
    assert "│ x " in ingest.output


def test_suggest_outside_a_workspace_writes_the_path_whole(tmp_path, monkeypatch):
    """`recount sources suggest ws/lists/a.csv >> ws/recount.toml` from the folder above: a
    path relative to here ("ws/lists/a.csv") named no file from ws/recount.toml."""
    from recount.workspace import Workspace

    (tmp_path / "ws" / "lists").mkdir(parents=True)
    path = tmp_path / "ws" / "lists" / "a.csv"
    path.write_text("name,date of death\nA B,2012-01-02\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["sources", "suggest", "ws/lists/a.csv"])
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.stdout)["sources"][0]["path"] == str(path.resolve())
    assert "no recount.toml here" in result.stderr
    Workspace.init(tmp_path / "ws")
    monkeypatch.chdir(tmp_path / "ws")
    result = runner.invoke(app, ["sources", "suggest", "lists/a.csv"])
    assert tomllib.loads(result.stdout)["sources"][0]["path"] == "lists/a.csv"
    assert "no recount.toml" not in result.output


def test_suggest_guesses_from_values_when_headers_say_nothing(tmp_path):
    lines = ["a,b,c,d"] + [
        f"محمد أحمد {i},{'ذكر' if i % 2 else 'أنثى'},{20 + i},{i + 1}/03/2015" for i in range(20)
    ]
    (tmp_path / "l.csv").write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["sources", "suggest", str(tmp_path / "l.csv")])
    columns = tomllib.loads(result.stdout)["sources"][0]["columns"]
    assert columns == {"name": "a", "sex": "b", "age": "c", "date_of_death": "d"}


def test_config_errors_show_the_key_without_a_traceback(tmp_path):
    ws = write_workspace(
        tmp_path / "ws",
        [{"id": "a", "path": "a.csv", "columns": {"name": "Name"}}],
        {"a.csv": b"nom\nAli\n"},
    )
    result = runner.invoke(app, ["ingest", "-w", str(ws.root)])
    assert result.exit_code != 0
    assert isinstance(result.exception, Exception)
    assert "sources.a.columns.name" in str(result.exception)


def _suggest(path, workspace=None) -> tuple[dict, str]:
    args = ["sources", "suggest", str(path)] + (["-w", str(workspace)] if workspace else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return tomllib.loads(result.stdout)["sources"][0]["columns"], result.stdout


def _suggest_lines(tmp_path, lines: list[str]) -> tuple[dict, str]:
    """Suggest for a CSV of these lines (header first)."""
    (tmp_path / "l.csv").write_text("\n".join(lines), encoding="utf-8")
    return _suggest(tmp_path / "l.csv")


def test_suggest_maps_spanish_french_and_arabic_birth_and_other_headers(tmp_path):
    spanish = (
        "Nombres,Apellidos,Sexo,Fecha de nacimiento,Lugar de nacimiento,Departamento,"
        "Municipio,Fecha del hecho,Cédula,Ocupación,Nombre de la madre\n"
        "Juan Carlos,Pérez Gómez,Hombre,12/03/1950,Medellín,Antioquia,Apartadó,05/06/2002,"
        "7123,agricultor,Ana Gómez\n"
    )
    (tmp_path / "es.csv").write_text(spanish, encoding="utf-8")
    columns, _ = _suggest(tmp_path / "es.csv")
    assert columns == {
        "given_name": "Nombres",
        "family_name": "Apellidos",
        "sex": "Sexo",
        "date_of_death": "Fecha del hecho",
        "date_of_birth": "Fecha de nacimiento",
        "governorate": "Departamento",
        "place": "Municipio",
        "place_of_birth": "Lugar de nacimiento",
        "extra": {
            "mother_name": "Nombre de la madre",
            "id_number": "Cédula",
            "occupation": "Ocupación",
        },
    }
    french = "Nom,Prénom,Sexe,Date de naissance,Lieu de naissance,Date du décès\nDupont,Marie,F,1950,Lyon,2001\n"
    (tmp_path / "fr.csv").write_text(french, encoding="utf-8")
    columns, _ = _suggest(tmp_path / "fr.csv")
    assert columns == {
        "given_name": "Prénom",
        "family_name": "Nom",
        "sex": "Sexe",
        "date_of_death": "Date du décès",
        "date_of_birth": "Date de naissance",
        "place_of_birth": "Lieu de naissance",
    }
    arabic = "الاسم,اسم الأم,تاريخ الولادة,مكان الولادة,الرقم الوطني\nمحمد,فاطمة,1980,حمص,0101\n"
    (tmp_path / "ar.csv").write_text(arabic, encoding="utf-8")
    columns, _ = _suggest(tmp_path / "ar.csv")
    assert columns == {
        "name": "الاسم",
        "date_of_birth": "تاريخ الولادة",
        "place_of_birth": "مكان الولادة",
        "extra": {"mother_name": "اسم الأم", "id_number": "الرقم الوطني"},
    }


def test_suggest_on_a_generic_list_of_people_proposes_dob_and_keeps_unknown_columns_commented(
    tmp_path,
):
    """A list like Splink's historical people: no date of death, births over centuries."""
    lines = ["unique_id,cluster,full_name,dob,birth_place,postcode_fake,gender,occupation"]
    for i in range(30):
        lines.append(
            f"{i},Q{i // 3},john smith {i},{1700 + 7 * i}-0{1 + i % 9}-1{i % 9},bath,BA1 {i}AB,male,baker"
        )
    (tmp_path / "people.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    columns, output = _suggest(tmp_path / "people.csv")
    assert columns == {
        "name": "full_name",
        "sex": "gender",
        "date_of_birth": "dob",
        "place_of_birth": "birth_place",
        "record_ref": "unique_id",
        "extra": {"occupation": "occupation", "postcode": "postcode_fake"},
    }
    assert '# extra.cluster = "cluster"' in output  # a truth column is never mapped by itself


def test_suggest_tells_which_dates_are_births_from_their_spread(tmp_path):
    lines = ["a,b,c"] + [
        f"Juan Pérez {i},{1930 + 2 * i}-03-0{1 + i % 9},2002-06-{10 + i % 9}" for i in range(30)
    ]
    (tmp_path / "l.csv").write_text("\n".join(lines), encoding="utf-8")
    columns, _ = _suggest(tmp_path / "l.csv")
    assert columns["date_of_birth"] == "b" and columns["date_of_death"] == "c"


@pytest.mark.parametrize(
    ("header", "died", "admitted"),
    [
        ("رقم الملف,اسم المتوفى,العمر,تاريخ الدخول,تاريخ الوفاة", "تاريخ الوفاة", "تاريخ الدخول"),
        ("file,patient,age,admitted,date of death", "date of death", "admitted"),
        ("file,patient,age,admitted,when", "when", "admitted"),  # neither header says
    ],
)
def test_suggest_never_takes_an_admission_date_for_a_birth_date(tmp_path, header, died, admitted):
    """A hospital's list: the date of admission, like the date of death, falls in the
    conflict's years, so it is no birth date (it made a 35-year-old born last week)."""
    lines = [header] + [
        f"H{i},Adam Musa {i},{20 + i},{10 + i % 15:02d}/0{1 + i % 9}/2023,"
        f"{12 + i % 15:02d}/0{1 + i % 9}/2023"
        for i in range(40)
    ]
    (tmp_path / "h.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    columns, output = _suggest(tmp_path / "h.csv")
    assert "date_of_birth" not in columns
    assert columns["date_of_death"] in (died, admitted)
    other = admitted if columns["date_of_death"] == died else died
    assert f'= "{other}"   # dates in the same years as the deaths, not births' in output


def test_suggest_maps_locality_residence_tribe_and_victim_status_headers(tmp_path):
    """Sudanese lists: a committee's 'المحلية' (locality, the unit below the state) and a
    hospital's 'السكن' (residence) are places, 'القبيلة' (tribe) is kept like an ethnicity, a
    UN-style 'victim_status' is the status; all were left unmapped."""
    committee = "م,الاسم الثلاثي,النوع,القبيلة,تاريخ الاستشهاد,الولاية,المحلية\n" + "".join(
        f"{i},محمد آدم عبدالله,ذكر,مساليت,1{i}/06/2023,غرب دارفور,الجنينة\n" for i in range(9)
    )
    hospital = "رقم الملف,اسم المتوفى,العمر,تاريخ الوفاة,السكن\n" + "".join(
        f"H{i},زينب محمد داود,3{i} سنة,0{i + 1}/09/2024,أبوشوك\n" for i in range(9)
    )
    un = "case_id,first_name,last_name,date_of_incident,admin2_pcode,victim_status\n" + "".join(
        f"SDN-{i},Adam,Musa,2023-06-1{i},SD04001,civilian\n" for i in range(9)
    )
    expected = {
        "committee.csv": (committee, {"place": "المحلية", "extra": {"ethnicity": "القبيلة"}}),
        "hospital.csv": (hospital, {"place": "السكن"}),
        "un.csv": (un, {"place": "admin2_pcode", "status": "victim_status"}),
    }
    for name, (text, fields) in expected.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        columns, _ = _suggest(tmp_path / name)
        assert {field: columns.get(field) for field in fields} == fields, name


@pytest.mark.parametrize(
    ("first", "middle", "expected"),
    [
        (["Mohamed", "Ahmed", "Fatima", "Omar"], ["Adam", "Ali", "Musa", "Hassan"], "father"),
        (["John", "Mary", "Peter", "Anne"], ["Paul", "Jane", "James", "Louise"], "given"),
    ],
)
def test_suggest_reads_the_middle_name_of_arabic_names_as_the_fathers(
    tmp_path, first, middle, expected
):
    """A UN-style list of Sudanese names in first/middle/last columns: the middle name is the
    father's, not a second given name as in an English list."""
    lines = ["case_id,first_name,middle_name,last_name"] + [
        f"C{i},{first[i % 4]},{middle[i % 4]},X{i}" for i in range(12)
    ]
    (tmp_path / "l.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    columns, _ = _suggest(tmp_path / "l.csv")
    if expected == "father":
        assert (columns["given_name"], columns["father_name"]) == ("first_name", "middle_name")
    else:
        assert columns["given_name"] == ["first_name", "middle_name"]
        assert "father_name" not in columns


def test_suggest_leaves_an_age_column_of_bands_unmapped_and_says_why(tmp_path):
    """An NGO's 'Age group' ('18-30', '51+', 'Child (0-17)') holds no ages in years: mapped as
    age, every value was flagged age_unparsed. Ages with a few words among them stay mapped."""
    bands = ["18-30", "51+", "Child (0-17)", "31-50", ""]
    lines = ["Full Name,Age group,Age"] + [
        f"Adam Musa {i},{bands[i % 5]},{'طفل' if i % 7 == 0 else 20 + i}" for i in range(30)
    ]
    (tmp_path / "l.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    columns, output = _suggest(tmp_path / "l.csv")
    assert columns["age"] == "Age"
    lines = ["Full Name,Age group"] + [f"Adam Musa {i},{bands[i % 5]}" for i in range(30)]
    (tmp_path / "l.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    columns, output = _suggest(tmp_path / "l.csv")
    assert "age" not in columns
    assert '# extra.age_group = "Age group"   # an age header, but most values are no age' in output


def test_suggest_names_the_country_pack_whose_units_the_values_are(tmp_path):
    lines = ["nombre,x"] + [
        f"Juan Pérez {i},{d}" for i, d in enumerate(["Antioquia", "Chocó", "Meta"] * 8)
    ]
    (tmp_path / "l.csv").write_text("\n".join(lines), encoding="utf-8")
    columns, output = _suggest(tmp_path / "l.csv")
    assert columns["governorate"] == "x"
    assert 'country = "CO"' in output and "departments of Colombia" in output
    # said on stderr too: a block appended to recount.toml (`>>`) hides its last comment
    result = runner.invoke(app, ["sources", "suggest", str(tmp_path / "l.csv")])
    assert 'set country = "CO"' in result.stderr and "l.csv" in result.stderr
    workspace = tmp_path / "ws"
    runner.invoke(app, ["init", str(workspace), "--country", "SY"])
    columns, output = _suggest(tmp_path / "l.csv", workspace)
    assert "governorate" not in columns and 'country = "CO"' not in output


def test_suggest_runs_while_recount_toml_is_invalid_and_says_what_is_wrong(tmp_path):
    """A user fixing a pasted block still gets the next list's block; the config's problem is
    named on stderr, so stdout stays a block to append, and its country pack is still used."""
    lines = ["nombre,x"] + [
        f"Juan Pérez {i},{d}" for i, d in enumerate(["Antioquia", "Chocó", "Meta"] * 8)
    ]
    (tmp_path / "l.csv").write_text("\n".join(lines), encoding="utf-8")
    workspace = tmp_path / "ws"
    runner.invoke(app, ["init", str(workspace), "--country", "SY"])
    config = workspace / "recount.toml"
    valid = config.read_text(encoding="utf-8")
    config.write_text(
        valid + '\n[[sources]]\nid = "a"\npath = "a.csv"\n[sources.columns]\nsex = "S"\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["sources", "suggest", str(tmp_path / "l.csv"), "-w", str(workspace)]
    )
    assert result.exit_code == 0, result.output
    assert "recount.toml is not valid" in result.stderr and "sources.a" in result.stderr
    assert "with the SY country pack" in result.stderr
    columns = tomllib.loads(result.stdout)["sources"][0]["columns"]
    assert columns["name"] == "nombre" and "governorate" not in columns  # SY's pack, as before
    config.write_text(valid + '\n[[sources]\nid = "a"\n', encoding="utf-8")  # not TOML
    result = runner.invoke(
        app, ["sources", "suggest", str(tmp_path / "l.csv"), "-w", str(workspace)]
    )
    assert result.exit_code == 0, result.output
    assert "not valid TOML" in result.stderr and "with no country pack" in result.stderr
    block = tomllib.loads(result.stdout)["sources"][0]
    assert block["columns"]["governorate"] == "x" and 'country = "CO"' in result.stdout
    assert runner.invoke(app, ["ingest", "-w", str(workspace)]).exit_code != 0


def test_suggest_reads_a_headers_words_before_guessing_from_values(tmp_path):
    """sex_code holds 1/2 (which look like ages); death_date_serial holds Excel serials."""
    lines = ["victim_name,sex_code,death_date_serial,batch_id"] + [
        f"mohammad ahmad {i},{1 + i % 2},{42000 + i},{10000 + i}" for i in range(30)
    ]
    (tmp_path / "l.csv").write_text("\n".join(lines), encoding="utf-8")
    columns, _ = _suggest(tmp_path / "l.csv")
    assert columns["sex"] == "sex_code"
    assert columns["date_of_death"] == "death_date_serial"
    assert "age" not in columns and columns.get("record_ref") != "death_date_serial"


def test_suggest_joins_a_name_split_over_two_columns(tmp_path):
    lines = ["PRIMER NOMBRE,SEGUNDO NOMBRE,PRIMER APELLIDO,SEGUNDO APELLIDO,SEXO"] + [
        f"JUAN,CARLOS,PEREZ {i},GOMEZ,HOMBRE" for i in range(10)
    ]
    (tmp_path / "l.csv").write_text("\n".join(lines), encoding="utf-8")
    columns, _ = _suggest(tmp_path / "l.csv")
    assert columns["given_name"] == ["PRIMER NOMBRE", "SEGUNDO NOMBRE"]
    assert columns["family_name"] == ["PRIMER APELLIDO", "SEGUNDO APELLIDO"]


def test_suggest_on_febrl_maps_every_column_it_can_and_no_address_as_a_name(shared_data):
    columns, _ = _suggest(shared_data / "febrl" / "dataset4a.csv")
    assert columns == {
        "given_name": "given_name",
        "family_name": "surname",
        "date_of_birth": "date_of_birth",
        "governorate": "state",
        "place": "suburb",
        "record_ref": "rec_id",
        "extra": {
            "id_number": "soc_sec_id",
            "address": ["address_1", "address_2"],
            "street_number": "street_number",
            "postcode": "postcode",
        },
    }


def _flat(columns: dict) -> dict:
    extra = {f"extra.{k}": v for k, v in columns.get("extra", {}).items()}
    return {k: v for k, v in columns.items() if k != "extra"} | extra


@pytest.mark.parametrize(
    "regime", ["default", "transliteration", "colombia", "latin_only", "orders"]
)
def test_suggest_proposes_every_simulated_lists_own_mapping(tmp_path, regime):
    """The simulator's lists (their headers, scripts, name layouts) come with the mapping they
    were written with; suggest must find it from the file alone: 'الاسم' is the full name in
    one list and the given name beside father and family columns in another."""
    simulate(tmp_path, people=150, seed=5, regime=regime)
    config = tomllib.loads((tmp_path / "recount.toml").read_text(encoding="utf-8"))
    for source in config["sources"]:
        columns, _ = _suggest(tmp_path / source["path"])
        assert _flat(columns) == _flat(source["columns"]), source["id"]


def test_a_one_word_name_column_beside_family_and_father_columns_is_the_given_name(tmp_path):
    rows = ["الاسم,اسم الأب,الكنية", "محمد,أحمد,الحلبي", "عبد الله,خالد,العلي", "هبة,سعيد,العبيد"]
    (tmp_path / "parts.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    columns, _ = _suggest(tmp_path / "parts.csv")
    assert columns == {"given_name": "الاسم", "father_name": "اسم الأب", "family_name": "الكنية"}
    # Iraqi forms call the family name 'اللقب' (note 83: left unmapped, the family was lost).
    iraqi = ["الاسم,اسم الأب,اسم الجد,اللقب", "علي,كريم,خالد,المشهداني", "حسين,يوسف,عمر,البياتي"]
    (tmp_path / "iraqi.csv").write_text("\n".join(iraqi) + "\n", encoding="utf-8")
    columns, _ = _suggest(tmp_path / "iraqi.csv")
    assert columns["family_name"] == "اللقب" and columns["given_name"] == "الاسم"
    full = ["الاسم,اسم الأب", "محمد أحمد الحلبي,أحمد", "عبد الله خالد العلي,خالد"]
    (tmp_path / "full.csv").write_text("\n".join(full) + "\n", encoding="utf-8")
    columns, _ = _suggest(tmp_path / "full.csv")
    assert columns == {"name": "الاسم", "father_name": "اسم الأب"}


@pytest.mark.parametrize(
    ("header", "encoding", "delimiter"),
    [
        (
            [
                "№",
                "ПІБ",
                "Стать",
                "Вік",
                "Дата загибелі",
                "Область",
                "Населений пункт",
                "Статус",
                "Джерело",
                "Примітка",
            ],
            "utf-8-sig",
            ",",
        ),
        (
            [
                "ID",
                "ФИО",
                "Пол",
                "Возраст",
                "Дата гибели",
                "Область",
                "Город/село",
                "Статус",
                "Источник",
                "Примечание",
            ],
            "cp1251",
            ";",
        ),
    ],
)
def test_suggest_maps_ukrainian_and_russian_headers(tmp_path, header, encoding, delimiter):
    rows = [
        [str(i), f"Бо{'ра' * (i % 3 + 1)} Ки{'лу' * (i % 2 + 1)}", "ч" if i % 2 else "ж",
         str(20 + i), f"{i % 28 + 1:02d}.03.2022", "Одеська", f"Мо{'на' * (i % 4 + 1)}",
         "цивільний", "ЗМІ", ""]
        for i in range(1, 40)
    ]  # fmt: skip
    text = "\n".join(delimiter.join(r) for r in [header, *rows]) + "\n"
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "x.csv").write_bytes(text.encode(encoding))
    result = runner.invoke(
        app, ["sources", "suggest", str(tmp_path / "lists" / "x.csv"), "-w", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    fields = ["record_ref", "name", "sex", "age", "date_of_death", "governorate", "place", "status"]
    block = tomllib.loads(result.stdout.replace("# extra.", "extra."))["sources"][0]
    assert {f: block["columns"][f] for f in fields} == dict(zip(fields, header, strict=False))
    # the two unrecognised headers in Cyrillic stay two fields once uncommented
    assert sorted(block["columns"]["extra"].values()) == sorted(header[8:])


def test_suggest_maps_the_short_fname_and_lname_headers_to_the_name_parts(tmp_path):
    lines = ["id,fname,lname,pc"] + [
        f"r{i},given{i % 7},family{i},ab{i} {i % 9}cd" for i in range(30)
    ]
    columns, _ = _suggest_lines(tmp_path, lines)
    assert columns["given_name"] == "fname" and columns["family_name"] == "lname"
    assert "name" not in columns


def test_suggest_never_takes_codes_with_digits_for_names(tmp_path):
    """Multi-word values that carry digits (postcodes 'tq13 8df', street addresses) are no
    names: a column of them, under a header that says nothing, stays unmapped."""
    lines = ["ref,x,born"] + [
        f"r{i},{'tq' if i % 2 else 'n'}{i % 20 + 1} {i % 9}{'df' if i % 3 else 'ab'},1850-01-{i % 28 + 1:02d}"
        for i in range(40)
    ]
    columns, text = _suggest_lines(tmp_path, lines)
    assert "name" not in columns
    assert '# extra.x = "x"   # not recognised' in text


def test_suggest_reads_french_abbreviations_of_birth_and_employment(tmp_path):
    """'Lieu naiss.' is the place of birth, not the place of death its 'lieu' suggested."""
    lines = ["Référence,Nom & Prénom,Date naiss.,Lieu naiss.,Sexe (H/F),Emploi"] + [
        f"R{i},Jean Dupont{i},0{1 + i % 9}/03/18{10 + i},Tesarivka,H,meunier" for i in range(30)
    ]
    columns, _ = _suggest_lines(tmp_path, lines)
    assert columns["date_of_birth"] == "Date naiss."
    assert columns["place_of_birth"] == "Lieu naiss." and "place" not in columns
    assert columns["extra"]["occupation"] == "Emploi"


def test_suggest_reads_the_sheet_that_holds_the_list_and_names_the_others(tmp_path):
    """A workbook whose first sheet is a note: suggest mapped the note as a name column
    and never said that another sheet held the list (made-up names)."""
    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["This workbook lists the registry."])
    data = book.create_sheet("Data")
    data.append(["Full name", "Date of birth", "Sex"])
    for i in range(40):
        data.append([f"Ivo Marek{i}", f"1850-01-{i % 28 + 1:02d}", "M"])
    book.save(tmp_path / "two.xlsx")
    columns, text = _suggest(tmp_path / "two.xlsx")
    assert 'sheet = "Data"' in text and columns["name"] == "Full name"
    assert '# other sheets: "Notes"' in text


@pytest.mark.parametrize("country", [None, "SY"])
def test_ingest_says_why_every_admin_unit_is_unrecognised_without_a_pack(tmp_path, country):
    """Without a country pack every department of a Guatemalan list is flagged: the summary
    says that no unit is mapped and what to do; with a pack the flag is about the values."""
    sources = [{"id": "g", "path": "g.csv", "columns": {"name": "n", "governorate": "depto"}}]
    files = {"g.csv": "n,depto\nAna Tum,Quiché\nJuan Us,Huehuetenango\n".encode()}
    ws = write_workspace(tmp_path / "ws", sources, files, country=country)
    result = runner.invoke(app, ["ingest", "--workspace", str(ws.root)], env={"COLUMNS": None})
    assert result.exit_code == 0, result.output
    assert "  g: governorate_unrecognised 2" in result.output
    explained = "governorate_unrecognised: no country pack is set" in result.output
    assert explained == (country is None)


def test_a_country_without_a_pack_maps_its_departments_from_iso_3166_2(tmp_path):
    """`[project] country = "GT"` (no shipped pack): the departments as lists write them are
    Guatemala's ISO 3166-2 units, so they can be strata; a value that is none stays flagged."""
    sources = [{"id": "g", "path": "g.csv", "columns": {"name": "n", "governorate": "depto"}}]
    rows = "Ana Tum,QUICHÉ\nJuan Us,Departamento de Huehuetenango\nEva Poz,Peten\nLuis Ba,Narnia\n"
    ws = write_workspace(
        tmp_path / "ws", sources, {"g.csv": ("n,depto\n" + rows).encode()}, country="GT"
    )
    result = runner.invoke(app, ["ingest", "--workspace", str(ws.root)], env={"COLUMNS": None})
    assert result.exit_code == 0, result.output
    records = ws.table("records").sort_values("source_row")
    assert records["governorate"].tolist()[:3] == ["GT-14", "GT-13", "GT-17"]
    assert pd.isna(records["governorate"].iloc[3])
    assert "  g: governorate_unrecognised 1" in result.output


def test_rows_not_in_the_file_encoding_name_the_setting_that_reads_them(tmp_path):
    """Two Windows-1252 lines in a UTF-8 list are quarantined; the command says which
    setting would read them, and in which encoding they look written."""
    good = [f"José Peña {i},Zürich\n".encode() for i in range(150)]  # 2 in 152: not a mixed file
    pasted = "Françoise Müller,Genève\nInès Núñez,Ibáñez\n".encode("cp1252")
    sources = [{"id": "a", "path": "a.csv", "columns": {"name": "name", "place": "place"}}]
    files = {"a.csv": b"name,place\n" + b"".join(good[:70]) + pasted + b"".join(good[70:])}
    ws = write_workspace(tmp_path / "ws", sources, files)
    result = runner.invoke(app, ["ingest", "--workspace", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "undecodable_bytes 2" in result.output
    assert 'encoding = "utf-8, windows-1252"' in " ".join(result.output.split())
    fixed = dict(sources[0], encoding="utf-8, windows-1252")
    ws = write_workspace(tmp_path / "ws2", [fixed], files)
    result = runner.invoke(app, ["ingest", "--workspace", str(ws.root)])
    assert result.exit_code == 0 and "quarantined rows" not in result.output
    assert "decoded_as:windows-1252 2" in result.output
