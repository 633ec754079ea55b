"""Signatures: what a file is, going by its first bytes rather than its name.

A corpus folder is whatever someone copied into it, so a name ending in `.pdf`
proves nothing: it may be a program, a zip archive or a web page saved under
the wrong name. `identify` reads the magic numbers that formats put at their
start and names the format in words a reader understands.

It does not read the whole file, guess text encodings or decide whether a
file is an article; `articles.py` decides what to do with the answer.
"""

from __future__ import annotations

__all__ = ["identify", "looks_binary", "PDF_MAGIC"]

PDF_MAGIC = b"%PDF-"

# First bytes of the formats most often found where an article was expected, each with
# the words a skip reason uses for it. Order matters only where one prefix starts another.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (PDF_MAGIC, "a PDF document"),
    (b"\x7fELF", "an ELF executable (a Linux program)"),
    (b"MZ", "a Windows executable"),
    (b"\xcf\xfa\xed\xfe", "a macOS executable"),
    (b"\xca\xfe\xba\xbe", "a macOS or Java executable"),
    (b"#!", "a script"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
)
# Byte order marks: a UTF-16 page is text although every other byte of it is 0.
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SNIFF_BYTES = 8192


def identify(data: bytes) -> str | None:
    """The format `data` starts with, in words; None when it starts with no known signature.

    Example: b'\\x7fELF\\x02\\x01...' -> 'an ELF executable (a Linux program)'
    """
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            # Two letters are a weak sign: "MZ" counts only before binary bytes, as in a real
            # executable, so a text that happens to start with them is not called a program.
            if magic == b"MZ" and not looks_binary(data):
                continue
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KB hold a NUL byte, which no text file in an 8-bit encoding or
    UTF-8 does (UTF-16 text, which starts with its byte order mark, does not count).

    Example: b'\\x00\\x01\\x02binary' -> True; b'<html>' -> False
    """
    if data.startswith(_UTF16_BOMS):
        return False
    return b"\0" in data[:_SNIFF_BYTES]
