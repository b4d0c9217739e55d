"""What the bytes are before any row is read: a workbook or text, which encoding, which delimiter, binary or not."""

from __future__ import annotations

import codecs
import io
import zipfile

DELIMITERS = (",", ";", "\t", "|")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_xlsx(raw: bytes) -> bool:
    if not raw.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return any(n.startswith("xl/") for n in archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def sniff_delimiter(header_line: str) -> str:
    """The candidate delimiter that splits the header line most often (outside quotes); comma on a tie or none."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","


def decode_text(raw: bytes) -> tuple[str | None, str | None]:
    """(text, encoding): a BOM says UTF-16/32; else UTF-8 (with or without BOM), else Windows-1252."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                return None, encoding
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t")
    return control / len(sample) > 0.05
