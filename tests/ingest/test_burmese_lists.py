"""Myanmar lists: Burmese headers and values, Burmese numerals, a Zawgyi-typed list (issue #13)."""

from __future__ import annotations

import datetime as dt
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from recount.cli import app
from recount.ingest.dates import parse_dates
from recount.ingest.values import recognise_age, recognise_sex
from recount.workspace import Workspace

runner = CliRunner()
BURMESE_DIGITS = str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.sampled_from(["{d}.{m}.{y}", "{d}/{m}/{y}", "{y}-{m:02d}-{d:02d}"]),
)
def test_a_date_in_burmese_numerals_reads_as_its_day(date, pattern):
    text = pattern.format(d=date.day, m=date.month, y=date.year).translate(BURMESE_DIGITS)
    settles = "31.12.2020".translate(BURMESE_DIGITS)  # a day above 12: the source is day-first
    (parsed, _), _ = parse_dates([text, settles], today=dt.date(2031, 1, 1))
    assert (parsed.date, parsed.precision) == (date, "day")


@given(st.integers(min_value=0, max_value=120))
def test_an_age_in_burmese_numerals_reads_as_its_years(age):
    assert recognise_age([str(age).translate(BURMESE_DIGITS)]) == [(age, None)]


def test_burmese_sex_words_and_their_zawgyi_spelling():
    assert recognise_sex(["ကျား", "မ", "အမျိုးသား", "အမျိုးသမီး", "\u1000\u103a\u102c\u1038"]) == [
        ("M", None), ("F", None), ("M", None), ("F", None), ("M", None),
    ]  # fmt: skip


MEDIA_CSV = (
    "စဉ်,အမည်,ကျား/မ,အသက်,အဖအမည်,ကျဆုံးသည့်နေ့,မြို့နယ်,တိုင်း/ပြည်နယ်\n"
    "၁,ဦးကျော်ကျော်,ကျား,၄၅,ဦးအောင်ဆန်း,၁၂.၃.၂၀၂၂,ကနီ,စစ်ကိုင်းတိုင်း\n"
    "၂,မခင်မြ,မ,၂၃,,၁၃.၃.၂၀၂၂,ကနီ,စစ်ကိုင်းတိုင်း\n"
    "၃,မောင်ဇော်မင်း,ကျား,၁၇,ဦးထွန်း,31/12/2021,မုံရွာ,စစ်ကိုင်းတိုင်း\n"
)
# The same kind of list typed in the Zawgyi font encoding (headers too).
ZAWGYI_CSV = (
    "\u1021\u1019\u100a\u1039,\u1000\u103a\u102c\u1038/\u1019,\u1021\u101e\u1000\u1039\n"
    "\u1031\u1000\u103a\u102c\u1039\u1031\u1000\u103a\u102c\u1039,\u1000\u103a\u102c\u1038,၄၅\n"
    "\u1019\u1001\u1004\u1039\u103b\u1019,\u1019,၂၃\n"
)


def test_a_burmese_list_is_mapped_by_suggest_and_ingested(tmp_path):
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    (tmp_path / "media.csv").write_text(MEDIA_CSV, encoding="utf-8")
    result = runner.invoke(
        app, ["sources", "suggest", str(tmp_path / "media.csv"), "-w", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    columns = tomllib.loads(result.stdout)["sources"][0]["columns"]
    assert columns == {
        "name": "အမည်", "father_name": "အဖအမည်", "sex": "ကျား/မ", "age": "အသက်",
        "date_of_death": "ကျဆုံးသည့်နေ့", "governorate": "တိုင်း/ပြည်နယ်", "place": "မြို့နယ်",
        "record_ref": "စဉ်",
    }  # fmt: skip
    with open(tmp_path / "recount.toml", "a", encoding="utf-8") as config:
        config.write("\n" + result.output)
    assert runner.invoke(app, ["ingest", "-w", str(tmp_path)]).exit_code == 0
    records = Workspace(tmp_path).query(
        "select sex, age, date_of_death from records order by source_row"
    )
    assert records["sex"].tolist() == ["M", "F", "M"]
    assert records["age"].tolist() == [45, 23, 17]
    assert records["date_of_death"].dt.date.tolist() == [
        dt.date(2022, 3, 12), dt.date(2022, 3, 13), dt.date(2021, 12, 31)
    ]  # fmt: skip
    assert runner.invoke(app, ["normalize", "-w", str(tmp_path)]).exit_code == 0
    normalized = Workspace(tmp_path).query(
        "select identifiable, name_key from normalized order by record_id"
    )
    assert normalized["identifiable"].all()
    assert normalized["name_key"].tolist()[0] == "kyaw kyaw"  # ဦး is an honorific


def test_a_zawgyi_list_is_mapped_by_its_headers(tmp_path):
    (tmp_path / "township.csv").write_text(ZAWGYI_CSV, encoding="utf-8")
    result = runner.invoke(app, ["sources", "suggest", str(tmp_path / "township.csv")])
    assert result.exit_code == 0, result.output
    columns = tomllib.loads(result.stdout)["sources"][0]["columns"]
    assert columns["name"] == "\u1021\u1019\u100a\u1039"
    assert columns["sex"] == "\u1000\u103a\u102c\u1038/\u1019"
    assert columns["age"] == "\u1021\u101e\u1000\u1039"
