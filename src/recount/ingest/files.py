"""Open a configured source: decide format, encoding and delimiter, and find its columns."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from pathlib import Path

from recount.errors import ConfigError, InputError
from recount.ingest.detect import (
    SAMPLE_BYTES,
    codec_for,
    detect_encoding,
    detect_format,
    display_encoding,
    reads_utf8_lines,
    sniff_delimiter,
)
from recount.ingest.norms import LengthRule
from recount.ingest.readers import (
    DelimitedReader,
    JsonLinesReader,
    ParquetReader,
    Reader,
    SpreadsheetReader,
)
from recount.ingest.sheetxml import DEFAULT_MAX_CELLS
from recount.ingest.values import fold
from recount.settings import SourceConfig

DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


def open_reader(source: SourceConfig) -> Reader:
    """A reader for the source, with what the config declares and the rest detected."""
    key = f"sources.{source.id}"
    path = source.path
    problem = file_problem(path)
    if problem:
        raise ConfigError(f"{key}.path", f"{path}: {problem}")
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    fmt = source.format or detect_format(path, head)
    rule = LengthRule.of(source)
    if fmt == "xlsx":
        return SpreadsheetReader(
            path, source.sheet, key, source.max_cells or DEFAULT_MAX_CELLS, rule=rule
        )
    if fmt == "parquet":
        return ParquetReader(path, rule=rule)
    declared = source.encoding is not None
    fallbacks: list[str] = []
    if declared:
        codec, *fallbacks = _declared_codecs(source, key)
        if fallbacks and fmt not in ("csv", "tsv"):
            raise ConfigError(
                f"{key}.encoding", "a list of encodings is read line by line: CSV or TSV only"
            )
    else:
        codec = detect_encoding(path, head)
    utf8_lines = not declared and reads_utf8_lines(codec)
    if fmt == "jsonl":
        return JsonLinesReader(
            path, codec, strict_encoding=declared, rule=rule, utf8_lines=utf8_lines
        )
    delimiter = _delimiter(source, fmt, head, codec)
    if fallbacks:
        return DelimitedReader(path, fmt, codec, delimiter, fallbacks=fallbacks, rule=rule)
    return DelimitedReader(
        path, fmt, codec, delimiter, strict_encoding=declared, rule=rule, utf8_lines=utf8_lines
    )


def _declared_codecs(source: SourceConfig, key: str) -> list[str]:
    """The codecs `encoding` names: one, or several separated by commas, tried line by line."""
    codecs = []
    for name in source.encoding.split(","):
        codec = codec_for(name.strip())
        if codec is None:
            raise ConfigError(
                f"{key}.encoding",
                f"unknown encoding {name.strip()!r}; e.g. utf-8, utf-16, windows-1256, iso-8859-6, "
                'or several tried line by line: "utf-8, windows-1256"',
            )
        if len(source.encoding.split(",")) > 1 and codec.startswith("utf_16"):
            raise ConfigError(f"{key}.encoding", "UTF-16 cannot be mixed line by line with others")
        codecs.append(codec)
    return codecs


def file_problem(path: Path) -> str | None:
    """Why the path is not a regular file that can be read, or None when it is.

    Checked before opening: opening a FIFO would wait for a writer, and a
    device such as /dev/zero never ends.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
        return "no such file"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links (a link that leads back to itself)"
        return f"cannot read it: {exc.strerror or exc}"
    kind = info.st_mode
    if stat.S_ISDIR(kind):
        return "a folder, not a file; name a file in it"
    if stat.S_ISFIFO(kind):
        return "a named pipe (FIFO), not a file; save what it carries to a file"
    if stat.S_ISCHR(kind) or stat.S_ISBLK(kind):
        return "a device, not a file"
    if stat.S_ISSOCK(kind):
        return "a socket, not a file"
    if not stat.S_ISREG(kind):
        return "not a regular file"
    if not os.access(path, os.R_OK):
        return "permission denied: this user cannot read it"
    return None


def _delimiter(source: SourceConfig, fmt: str, head: bytes, codec: str) -> str:
    if source.delimiter is not None:
        delimiter = DELIMITER_NAMES.get(source.delimiter.lower(), source.delimiter)
        if len(delimiter) != 1:
            raise ConfigError(
                f"sources.{source.id}.delimiter",
                "expected one character, or tab / comma / semicolon / pipe",
            )
        return delimiter
    if fmt == "tsv":
        return "\t"
    return sniff_delimiter(head.decode(codec, errors="replace"))


def resolve_columns(source: SourceConfig, reader: Reader) -> dict[str, int | str | tuple]:
    """Canonical field -> column index (tabular files) or JSON path (JSON lines); a field mapped
    to several columns gets a tuple of them."""
    if isinstance(reader, JsonLinesReader):
        return dict(source.columns)
    raw_header = getattr(reader, "raw_header", reader.header)
    stripped = [name.replace("\ufeff", "").strip() for name in raw_header]
    folded = [fold(name) for name in stripped]
    resolved: dict[str, int | str | tuple] = {}
    for field, column in source.columns.items():
        wanted = (column,) if isinstance(column, str) else column
        indices = tuple(_column_index(source, reader, field, w, stripped, folded) for w in wanted)
        resolved[field] = indices[0] if isinstance(column, str) else indices
    return resolved


def _column_index(source, reader, field: str, column: str, stripped, folded) -> int:
    wanted = column.strip()
    matches = [i for i, name in enumerate(stripped) if name == wanted]
    if not matches:
        matches = [i for i, name in enumerate(reader.header) if name == wanted]
    if not matches:
        matches = [i for i, name in enumerate(folded) if name == fold(wanted)]
    if len(matches) > 1:
        places = ", ".join(str(i + 1) for i in matches)
        raise InputError(
            str(reader.path),
            f"the header has column {wanted!r} {len(matches)} times (columns {places}); "
            f"rename one, or map it as {wanted!r} (2)",
            row=0,
            field=wanted,
        )
    if not matches:
        raise ConfigError(
            f"sources.{source.id}.columns.{field}", _missing_column_message(reader, wanted)
        )
    return matches[0]


def _missing_column_message(reader: Reader, wanted: str) -> str:
    shown = ", ".join(repr(h) for h in reader.header[:30])
    more = f" and {len(reader.header) - 30} more" if len(reader.header) > 30 else ""
    hint = ""
    if reader.encoding:
        hint = f" (read as {display_encoding(reader.encoding)}; if the names look garbled, the encoding is wrong)"
        detected = _detected_instead(reader)
        if detected:
            hint = (
                f" (read as {display_encoding(reader.encoding)}, as `encoding` says, but the file "
                f"reads as {display_encoding(detected)}: set encoding = "
                f'"{display_encoding(detected)}" or remove the key)'
            )
    return f"no column {wanted!r} in {reader.path}; its columns are {shown}{more}{hint}"


def _detected_instead(reader: Reader) -> str | None:
    """The encoding detection finds when `encoding` declared another: a garbled header names
    the encoding to set, not only that it is wrong."""
    if not reader.strict_encoding:
        return None
    with open(reader.path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    try:
        detected = detect_encoding(reader.path, head)
    except InputError:
        return None
    same = codecs.lookup(detected).name == codecs.lookup(reader.encoding).name
    return None if same else detected


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def described_path(path: Path, root: Path) -> str:
    """The path relative to the workspace when it is inside it."""
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


__all__ = ["open_reader", "resolve_columns", "file_sha256", "described_path", "Reader"]
