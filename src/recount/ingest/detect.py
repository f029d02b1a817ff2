"""Detect what a source file is: its format, text encoding and delimiter.

Detection reads a sample from the start of the file only, so it costs the
same for a small list and a huge one. Anything the config declares wins.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

from charset_normalizer import from_bytes

from recount.errors import InputError

SAMPLE_BYTES = 256 * 1024
EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
# Encodings casualty lists are written in (Windows saves Arabic lists as cp1256,
# Cyrillic ones as cp1251); detection chooses among these only, so a Latin-only
# file is not mistaken for an exotic code page.
SINGLE_BYTE_ENCODINGS = ["cp1256", "iso8859_6", "cp1251", "cp1252"]
CANDIDATE_ENCODINGS = ["utf_8", *SINGLE_BYTE_ENCODINGS, "utf_16_le", "utf_16_be"]
# The scripts besides Latin those encodings write letters in (a letter's Unicode name's first word).
OTHER_SCRIPTS = {"ARABIC", "CYRILLIC"}
# Above this share of such words mixing two scripts, a reading is taken for the wrong one: a
# real list mixes scripts inside a word rarely ('Aliحسن' typed without a space).
MIXED_WORDS_SHARE = 0.05
DELIMITERS = [",", "\t", ";", "|"]
# Python codec names -> the names people write in configs and see in reports.
ENCODING_NAMES = {
    "utf_8": "utf-8",
    "utf_8_sig": "utf-8-sig",
    "utf_16": "utf-16",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
    "cp1256": "windows-1256",
    "iso8859_6": "iso-8859-6",
    "cp1251": "windows-1251",
    "iso8859_1": "iso-8859-1",
    "cp1252": "windows-1252",
    "latin_1": "iso-8859-1",
    "ascii": "utf-8",
}


def detect_format(path: Path, head: bytes) -> str:
    """The format from the file's first bytes, else from its extension."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            str(path), "old binary Excel (.xls) is not supported; save it as .xlsx or CSV"
        )
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS and EXTENSIONS[suffix] not in ("xlsx", "parquet"):
        return EXTENSIONS[suffix]
    if suffix in (".xlsx", ".xlsm", ".parquet", ".pq"):
        # The extension promises a binary format the bytes do not have.
        raise InputError(str(path), f"the file is not a valid {suffix[1:]} file (wrong signature)")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    return "csv"


def codec_for(name: str) -> str | None:
    """The Python codec for an encoding name from a config, or None when there is none."""
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None


def display_encoding(codec: str) -> str:
    """The name people use; several codecs read line by line are joined with '+'."""
    return "+".join(ENCODING_NAMES.get(c, c.replace("_", "-")) for c in codec.split("+"))


def detect_encoding(path: Path, sample: bytes) -> str:
    """The Python codec of a text file: BOM first, then strict UTF-8, then charset-normalizer."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf_8_sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf_16"
    if not sample:
        return "utf_8"
    if _is_utf8(sample):
        return "utf_8"
    _refuse_mixed(path, sample)
    # UTF-8 lines pasted in are read as UTF-8 (reads_utf8_lines) and would sway the guess;
    # runs of one byte (a padded or absurdly long field) tell nothing and can drown the rest
    informative = b"\n".join(line for line in sample.split(b"\n") if not is_utf8_text(line))
    informative = re.sub(rb"(.)\1{16,}", rb"\1" * 16, informative, flags=re.S)
    best = from_bytes(informative, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        best = _best_without_stray_lines(informative)
    if best is None:
        raise InputError(
            str(path),
            "cannot tell the text encoding (the bytes look binary); set `encoding` for this source",
        )
    return _fewest_mixed_words(informative, best.encoding)


def _fewest_mixed_words(sample: bytes, guess: str) -> str:
    """The guess, unless another single-byte candidate reads fewer words mixing two scripts.

    On a few short lines the statistical guess has little to go on and can read a Latin list
    as Arabic: 'Peña' becomes a Latin word with an Arabic mark in Windows-1256. Names are
    written in one script each, so a reading that mixes scripts inside words is the wrong one.
    """
    if guess not in SINGLE_BYTE_ENCODINGS:
        return guess
    lines = sample.split(b"\n")
    mixed = {
        codec: _mixed_script_share(sample.decode(codec, "replace"))
        for codec in SINGLE_BYTE_ENCODINGS
        if _few_strays(lines, codec) or codec == guess
    }
    fewest = min(mixed.values())
    if mixed[guess] < MIXED_WORDS_SHARE or mixed[guess] == fewest:
        return guess
    return next(codec for codec in mixed if mixed[codec] == fewest)


def _mixed_script_share(text: str) -> float:
    """The share of words with a letter beyond ASCII that are Latin words holding a letter of
    another script ('Sلnchez'). Cyrillic or Arabic words holding a Latin letter ('Ковaльчук'
    typed with a Latin a) are a list's own habit, not a misreading, and do not count."""
    wide = mixed = 0
    for word in re.findall(r"\w+", text):
        if word.isascii():
            continue
        wide += 1
        scripts = [unicodedata.name(ch, "").partition(" ")[0] for ch in word if ch.isalpha()]
        latin = scripts.count("LATIN")
        other = sum(script in OTHER_SCRIPTS for script in scripts)
        mixed += 0 < other < latin
    return mixed / wide if wide else 0.0


def _best_without_stray_lines(sample: bytes):
    """The guess again without the few lines holding a byte one candidate leaves undefined
    (0x81 in a Windows-1252 list): one such line failed every guess and the list was called
    binary. Read, such a line is quarantined as undecodable_bytes."""
    lines = sample.split(b"\n")
    stray: set[int] = set()
    for codec in SINGLE_BYTE_ENCODINGS:
        if _few_strays(lines, codec):
            stray.update(i for i, line in enumerate(lines) if not _decodes(line, codec))
    if not stray:
        return None
    kept = b"\n".join(line for i, line in enumerate(lines) if i not in stray)
    return from_bytes(kept, cp_isolation=CANDIDATE_ENCODINGS).best()


def _few_strays(lines: list[bytes], codec: str) -> bool:
    """Whether so few lines hold a byte `codec` leaves undefined that they are strays (one in a
    short list too), read by quarantining them."""
    failing = sum(not _decodes(line, codec) for line in lines)
    return failing <= max(1, MIXED_SHARE * len(lines))


def reads_utf8_lines(codec: str) -> bool:
    """Whether a file detected as this codec is read line by line, its UTF-8 lines as UTF-8.

    A few UTF-8 lines pasted into a Windows-1252 (or -1256, -1251) list are too few to
    refuse the file for (see MIXED_SHARE) and would be garbled if read in the file's
    encoding; a line of such text is almost never valid UTF-8 by chance (its letters'
    bytes do not pair as UTF-8 sequences), so one that is valid UTF-8 is UTF-8.
    """
    return codec in SINGLE_BYTE_ENCODINGS


def is_utf8_text(line: bytes) -> bool:
    """A line of non-ASCII text that is valid UTF-8."""
    return not line.isascii() and _decodes(line, "utf-8")


MIXED_SHARE = 0.02  # of lines in each encoding, for a file to count as mixed


def _refuse_mixed(path: Path, sample: bytes) -> None:
    """A file whose lines are UTF-8 text and text in another encoding is neither; say so."""
    lines = [line for line in sample.split(b"\n")[:-1] if line.strip()]
    if len(lines) < 10:
        return
    utf8 = [line for line in lines if is_utf8_text(line)]
    other = [line for line in lines if not _decodes(line, "utf-8")]
    least = max(2, MIXED_SHARE * len(lines))  # one line in a short list is a stray, not a mix
    if len(utf8) < least or len(other) < least:
        return
    second = guess_single_byte(other)
    if second is None:
        return
    raise InputError(
        str(path),
        f"the file mixes two encodings: of its first {len(lines):,} lines, {len(utf8):,} are "
        f"UTF-8 text and {len(other):,} are not UTF-8 (they read as {second}). Set "
        f'`encoding = "utf-8, {second}"` for this source to read each line in the first of '
        "the two it is valid in (a line valid in neither is quarantined as undecodable_bytes)",
    )


def guess_single_byte(lines: list[bytes]) -> str | None:
    """The single-byte encoding (its display name) these lines most likely are, or None."""
    best = from_bytes(b"\n".join(lines), cp_isolation=SINGLE_BYTE_ENCODINGS).best()
    return None if best is None else display_encoding(best.encoding)


def _decodes(line: bytes, encoding: str) -> bool:
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _is_utf8(sample: bytes) -> bool:
    """UTF-8, allowing a few broken sequences (rows pasted from another file are quarantined later)."""
    if sample.count(b"\x00") > len(sample) // 8:
        return False  # UTF-16 without a BOM
    text = codecs.getincrementaldecoder("utf_8")("replace").decode(sample, final=False)
    broken = text.count("\ufffd")
    if not broken:
        return True
    wide = sum(1 for ch in text if ord(ch) > 127)
    return broken <= 0.02 * wide


def sniff_delimiter(text_sample: str) -> str:
    """The delimiter that splits the sample's rows into the most fields, most consistently.

    csv's field limit is process-wide (131,072 characters until a reader raises it); the
    sample is larger, so the limit is raised to the sample's length, never lowered: a long
    value near the top of a file is a field to count, not an error."""
    csv.field_size_limit(max(csv.field_size_limit(), len(text_sample)))
    lines = text_sample.splitlines()[:200]
    if len(lines) > 1:
        lines = lines[:-1]  # the last line of a sample may be cut short
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = Counter(
            len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        )
        if not counts:
            continue
        fields, rows = counts.most_common(1)[0]
        if fields < 2:
            continue
        score = (rows / sum(counts.values()), fields)
        if score > best_score:
            best, best_score = delimiter, score
    return best
