"""Reading texts for claims: files and folders, their outlet and date.

A text can say where and when it was published: header lines ("Outlet:
Reuters", "Date: 2016-12-14") or a wire-service dateline ("BEIRUT, Dec 14
(Reuters) -"). Options given by the user win over what the text says.
Binary files, undecodable text and oversized files are refused with an
InputError that names the file.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from recount.claims.scope import MONTHS
from recount.errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm")
MAX_TEXT_BYTES = 5_000_000  # an article or a report, not a corpus: split larger files
HEADER_CHARS = 2_000

_HEADER_RE = re.compile(
    r"^[ \t]*(?P<key>outlet|source|publisher|publication|media|date|published|dateline)[ \t]*:[ \t]*(?P<value>[^\n]{1,120}?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_WIRES = r"Reuters|AFP|AP|Associated Press|Agence France-Presse|Xinhua|Anadolu|Anadolu Agency|dpa|UPI|SANA"
_DATELINE_RE = re.compile(
    rf"^[ \t]*[A-Z][A-Za-z .'’-]{{1,40}},?[ \t]+(?:(?P<date>[A-Z][a-z]{{2,8}}\.?[ \t]+\d{{1,2}})[ \t]+)?\((?P<outlet>{_WIRES})\)[ \t]*[-–—]",
    re.MULTILINE,
)
_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?!\d)")
_MDY_RE = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")
_SLASH_RE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_TAG_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]{0,2000}>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Document:
    path: str | None
    text: str
    outlet: str | None
    date: dt.date | None


def parse_date(text: str) -> dt.date | None:
    """'2016-12-14', '14 December 2016', 'Dec. 14, 2016', '14/12/2016' (day first) -> date."""
    for pattern, order in (
        (_ISO_RE, "ymd"),
        (_DMY_RE, "dmy"),
        (_MDY_RE, "mdy"),
        (_SLASH_RE, "dmy"),
    ):
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = parts["m"]
        month_number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
        if month_number is None:
            continue
        try:
            return dt.date(int(parts["y"]), month_number, int(parts["d"]))
        except ValueError:
            continue
    return None


def coerce_date(value: str | dt.date | None, where: str = "--date") -> dt.date | None:
    """A user-given date (YYYY-MM-DD or a date) or a clear error."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise InputError(where, f"expected a date as YYYY-MM-DD, got {value!r}") from exc


def text_metadata(text: str) -> tuple[str | None, dt.date | None]:
    """The outlet and date a text states in its header or dateline, if any."""
    head = text[:HEADER_CHARS]
    outlet = None
    date = None
    for match in _HEADER_RE.finditer(head):
        key, value = match.group("key").lower(), match.group("value").strip()
        if key in ("date", "published", "dateline"):
            date = date or parse_date(value)
        elif outlet is None and value:
            outlet = value
    dateline = _DATELINE_RE.search(head)
    if dateline:
        outlet = outlet or dateline.group("outlet")
    return outlet, date


def read_document(path: Path, outlet: str | None = None, date: dt.date | None = None) -> Document:
    """One text file as a Document; the user's outlet/date win over the text's own."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if size > MAX_TEXT_BYTES:
        raise InputError(
            str(path), f"too large for claim extraction ({size:,} bytes; limit {MAX_TEXT_BYTES:,})"
        )
    data = path.read_bytes()
    text = decode_text(data, str(path))
    if path.suffix.lower() in (".html", ".htm"):
        text = html.unescape(_TAG_RE.sub(" ", text))
    own_outlet, own_date = text_metadata(text)
    return Document(str(path), text, outlet or own_outlet, date or own_date)


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything with NUL bytes is binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(where, "not valid UTF-16 text") from exc
    if b"\x00" in data[:65536]:
        raise InputError(where, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(where, "not UTF-8 or Windows-1252 text") from exc
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:65536]) * 0.01:
        raise InputError(where, "binary file, not text")
    return text


def iter_documents(
    path: Path, outlet: str | None = None, date: dt.date | None = None
) -> list[Document]:
    """A file, or every text file under a folder (sorted), as Documents."""
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    if path.is_file():
        return [read_document(path, outlet, date)]
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    if not files:
        raise InputError(str(path), f"no text files ({', '.join(TEXT_SUFFIXES)}) in this folder")
    return [read_document(p, outlet, date) for p in files]


def unread_script(text: str) -> str | None:
    """The script most of `text`'s letters are written in ("Arabic", "Cyrillic"), when it is not
    the Latin the claim grammar reads; None for Latin text or text without letters."""
    scripts = Counter(
        unicodedata.name(ch, "UNKNOWN").split(" ")[0]
        for ch in text[: HEADER_CHARS * 10]
        if ch.isalpha()
    )
    if not scripts:
        return None
    script, count = scripts.most_common(1)[0]
    if script == "LATIN" or count * 2 <= sum(scripts.values()):
        return None
    return script.title()
