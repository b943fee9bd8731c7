"""Files read for a lossless edit, and written back in their own form.

Edits (ruamel.yaml, libcst) work on text with `\\n` line ends and no byte order mark. Writing an
edited text back restores the file's form: its UTF-8 byte order mark, and the line end of every
line the edit did not touch, byte for byte (a file may mix `\\r\\n` and `\\n`); lines the edit
wrote get the file's most common line end. Bytes that would not change are not written at all,
so the file's mtime stays and the file watcher and git see nothing.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ..edits.line_patch import lines
from .files import MAX_TEXT_BYTES, FileTooLarge, NotText, atomic_write

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class SourceFile:
    path: Path
    data: bytes
    # the file's lines as written (without the byte order mark), line ends included
    raw: list[str] = field(repr=False)

    @property
    def bom(self) -> bool:
        return self.data.startswith(codecs.BOM_UTF8)

    @property
    def text(self) -> str:
        """What an edit works on: `\\n` line ends, no byte order mark."""
        return "".join(_normal(line) for line in self.raw)

    def encode(self, text: str) -> bytes:
        """An edited `text` in the file's form."""
        if text == self.text:
            return self.data
        if b"\r" not in self.data and not self.bom:
            return text.encode("utf-8")  # already in the form edits work on
        before = [_normal(line) for line in self.raw]
        after = lines(text)
        ends = Counter(line[len(line.rstrip("\r\n")) :] for line in self.raw)
        newline = max(("\n", "\r\n", "\r"), key=lambda end: ends[end])  # ties: `\n`
        out: list[str] = []
        for tag, i1, i2, j1, j2 in SequenceMatcher(
            None, before, after, autojunk=False
        ).get_opcodes():
            if tag == "equal":
                out.extend(self.raw[i1:i2])
            else:
                out.extend(
                    line[:-1] + newline if line.endswith("\n") else line for line in after[j1:j2]
                )
        return (codecs.BOM_UTF8 if self.bom else b"") + "".join(out).encode("utf-8")

    def write(self, text: str) -> bytes:
        """Write an edited `text` back (nothing when its bytes are the file's); the bytes the
        file now holds."""
        data = self.encode(text)
        if data != self.data:
            atomic_write(self.path, data)
        return data


def _normal(line: str) -> str:
    body = line.rstrip("\r\n")
    return body + "\n" if len(body) < len(line) else body


def read_source(path: Path, root: Path) -> SourceFile:
    """A project file for an edit; refuses files that are too large or not UTF-8, naming them."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    data = path.read_bytes()
    if len(data) > MAX_TEXT_BYTES:
        raise FileTooLarge(
            f"`{name}` is {len(data) / 1048576:.1f} MB; the designer edits files up to "
            f"{MAX_TEXT_BYTES // 1048576} MB."
        )
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotText(
            f"`{name}` is not UTF-8 text, so the designer cannot read or edit it: "
            "save it as UTF-8 and try again."
        ) from exc
    return SourceFile(path, data, _LINE.findall(text))


def restore(path: Path, written: bytes, original: bytes) -> bool:
    """Put `original` back where the designer wrote `written`, only if the file still holds
    exactly that; False (and the file left as it is) when it changed since or is gone."""
    try:
        if path.read_bytes() != written:
            return False
    except FileNotFoundError:
        return False
    if written != original:
        atomic_write(path, original)
    return True
