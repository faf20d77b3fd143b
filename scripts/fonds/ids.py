"""The next free record id under the catalogue's id pattern (``id_pattern`` in fonds.yml).

Records offices number files FUNCTION-YEAR-SEQUENCE (``FIN-2026-004``) or FUNCTION-SEQUENCE
(``FIN-004``), and write that down as a regular expression such as
``^[A-Z]{2,4}-[0-9]{4}-[0-9]{3}$``. The pattern is read as a row of parts: fixed text
(``-``), a *code* part (letters, ``[A-Z]{2,4}``), and *number* parts (``[0-9]{4}``, ``\\d+``):

- the code part is the class's function prefix: the one most records of the class use, else
  the one most records under its top class use, else the top class's code when it fits
  (or its first part: ``CON`` for a top class ``CON-01``);
- with two number parts, a four-digit one is the year the file was opened;
- the last number part is the sequence: one more than the highest already issued for that
  prefix (and year), never a gap left by an old number (numbers are never reused),
  zero-padded to the part's width.

A pattern this cannot fill (alternatives, groups, two code parts, no number part) raises
``IdError`` with a message asking for the id to be given by hand: nothing is guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from .hierarchy import ancestors
from .model import Catalogue

DEFAULT_WIDTH = 3
"""Zero-padding of an open-ended sequence part (``[0-9]+``) when no id shows another width."""


class IdError(Exception):
    """No id can be made automatically; the message says why and asks for one (``--id``)."""


@dataclass(frozen=True, slots=True)
class _Part:
    kind: str
    """"text", "code" or "number"."""
    regex: str
    low: int = 1
    high: int | None = 1
    text: str = ""


_ATOM = re.compile(r"\\d|\\[-._/]|\[[^\]]*\]|[A-Za-z0-9_-]|\.")
_QUANTIFIER = re.compile(r"\{(\d+)(?:,(\d*))?\}|[+*?]")


def _parts(pattern: str) -> list[_Part]:
    body = pattern.removeprefix("^").removesuffix("$")
    parts: list[_Part] = []
    at = 0
    while at < len(body):
        atom = _ATOM.match(body, at)
        if atom is None or atom.group() == ".":
            raise IdError(
                f"the id pattern {pattern} has '{body[at:]}', which fonds cannot fill in; give the id yourself (--id)"
            )
        at = atom.end()
        low: int = 1
        high: int | None = 1
        quantifier = _QUANTIFIER.match(body, at)
        if quantifier is not None:
            at = quantifier.end()
            low, high = _bounds(quantifier)
        parts.append(_part(atom.group(), low, high, pattern))
    return parts


def _bounds(found: re.Match[str]) -> tuple[int, int | None]:
    text = found.group()
    if text in "+*?":
        return {"+": (1, None), "*": (0, None), "?": (0, 1)}[text]
    low = int(found.group(1))
    if found.group(2) is None:
        return low, low if "," not in text else None
    return low, int(found.group(2)) if found.group(2) else None


def _part(atom: str, low: int, high: int | None, pattern: str) -> _Part:
    quantifier = f"{{{low},{'' if high is None else high}}}"
    if atom == r"\d" or atom in ("[0-9]", r"[\d]"):
        return _Part("number", f"([0-9]{quantifier})", low, high)
    if atom.startswith("["):
        if atom.startswith("[^"):
            raise IdError(
                f"the id pattern {pattern} has '{atom}', which fonds cannot fill in; give the id yourself (--id)"
            )
        return _Part("code", f"({atom}{quantifier})", low, high)
    literal = atom[-1]
    if (low, high) != (1, 1):
        raise IdError(
            f"the id pattern {pattern} repeats '{literal}', which fonds cannot fill in; give the id yourself (--id)"
        )
    return _Part("text", re.escape(literal), text=literal)


@dataclass(frozen=True, slots=True)
class _Shape:
    parts: tuple[_Part, ...]
    code: int | None
    """The code part's index; None when the pattern has none (``^REC-[0-9]{5}$``)."""
    year: int | None
    sequence: int
    regex: re.Pattern[str]


def _shape(pattern: str) -> _Shape:
    parts = _parts(pattern)
    codes = [i for i, p in enumerate(parts) if p.kind == "code"]
    numbers = [i for i, p in enumerate(parts) if p.kind == "number"]
    ask = "; give the id yourself (--id)"
    if len(codes) > 1 or not numbers or len(numbers) > 2:
        raise IdError(
            f"fonds fills in id patterns of at most one code part and one or two number parts "
            f"(such as ^[A-Z]{{2,4}}-[0-9]{{4}}-[0-9]{{3}}$), not {pattern}{ask}"
        )
    year = None
    if len(numbers) == 2:
        first = parts[numbers[0]]
        if not (first.low <= 4 and (first.high is None or first.high >= 4)):
            raise IdError(f"the first number part of {pattern} cannot hold a year{ask}")
        year = numbers[0]
    regex = re.compile("".join(p.regex for p in parts))
    return _Shape(tuple(parts), codes[0] if codes else None, year, numbers[-1], regex)


class IdAllocator:
    """Hands out the next free ids of one catalogue, each once.

    Built once (one pass over the ids already used), then ``next(class_code, year)`` is
    cheap: an importer allocating ids for 100,000 rows makes one allocator and calls it per
    row. ``taken`` is every id already in use (records, and files that could not be read).
    """

    def __init__(self, catalogue: Catalogue, taken: Iterable[str]) -> None:
        self.catalogue = catalogue
        pattern = catalogue.config.id_pattern
        if not pattern:
            raise IdError("fonds.yml has no id_pattern, so fonds cannot number records; give the id (--id)")
        self.pattern = pattern
        self.shape = _shape(pattern)
        self.taken = set(taken)
        self.highest: dict[tuple[str, str], tuple[int, int]] = {}
        for record_id in self.taken:
            self._note(record_id)
        self.prefixes = self._prefixes()

    def take(self, ids: Iterable[str]) -> None:
        """Mark ``ids`` as used too (ids written in a sheet being imported)."""
        for record_id in ids:
            if record_id not in self.taken:
                self.taken.add(record_id)
                self._note(record_id)

    def _note(self, record_id: str) -> None:
        found = self.shape.regex.fullmatch(record_id)
        if found is None:
            return
        groups = self._groups(found)
        code = groups[self.shape.code] if self.shape.code is not None else ""
        key = (code, groups[self.shape.year] if self.shape.year is not None else "")
        digits = groups[self.shape.sequence]
        number = (int(digits), len(digits))
        self.highest[key] = max(self.highest.get(key, (0, 0)), number)

    def _groups(self, found: re.Match[str]) -> dict[int, str]:
        variable = [i for i, p in enumerate(self.shape.parts) if p.kind != "text"]
        return dict(zip(variable, found.groups(), strict=True))

    def _prefixes(self) -> dict[str, Counter[str]]:
        result: dict[str, Counter[str]] = {}
        index = self.shape.code
        if index is None:
            return result
        for record in self.catalogue.records.values():
            found = self.shape.regex.fullmatch(record.id)
            if found is not None and record.class_code is not None:
                code = self._groups(found)[index]
                result.setdefault(record.class_code, Counter())[code] += 1
        return result

    def prefix(self, class_code: str) -> str:
        """The class's function prefix (see the module's docstring), or ``IdError``."""
        if self.shape.code is None:
            return ""
        usual = usual_prefix(self.catalogue, self.prefixes, class_code)
        if usual is not None:
            return usual
        top = top_class(self.catalogue, class_code)
        part = self.shape.parts[self.shape.code]
        for candidate in (top, top.split("-")[0]):
            if re.fullmatch(part.regex, candidate):
                return candidate
        which = class_code if top == class_code else f"{class_code} or of {top}"
        raise IdError(
            f"no record of class {which} shows which prefix its ids take under the id pattern "
            f"{self.pattern}, and '{top}' does not fit it; give the id (--id)"
        )

    def next(self, class_code: str, year: int) -> str:
        """The next free id for a record of ``class_code`` opened in ``year``; it is then taken."""
        prefix = self.prefix(class_code)
        key = (prefix, f"{year:04d}" if self.shape.year is not None else "")
        number, width = self.highest.get(key, (0, 0))
        part = self.shape.parts[self.shape.sequence]
        width = max(width, part.low, DEFAULT_WIDTH if part.high is None else part.high)
        if part.high is not None:
            width = min(width, part.high)
        while True:
            number += 1
            if len(str(number)) > width:
                raise IdError(
                    f"every sequence number for {prefix} {key[1]} under {self.pattern} is used "
                    f"(up to {'9' * width}); give the id (--id)"
                )
            values = {self.shape.sequence: str(number).zfill(width)}
            if self.shape.code is not None:
                values[self.shape.code] = prefix
            if self.shape.year is not None:
                values[self.shape.year] = key[1]
            record_id = "".join(values.get(i, p.text) for i, p in enumerate(self.shape.parts))
            if record_id not in self.taken:
                break
        if not re.fullmatch(self.pattern, record_id):
            raise IdError(f"'{record_id}' would not fit the id pattern {self.pattern}; give the id (--id)")
        self.taken.add(record_id)
        self._note(record_id)
        return record_id


def most_common(counts: Counter[str]) -> str:
    """The most common; ties go to the first in alphabetical order."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def top_class(catalogue: Catalogue, class_code: str) -> str:
    parents = {code: cls.parent for code, cls in catalogue.classes.items()}
    return [class_code, *ancestors(class_code, parents)][-1]


def usual_prefix(catalogue: Catalogue, prefixes: Mapping[str, Counter[str]], class_code: str) -> str | None:
    """The function prefix most records of ``class_code`` use, else the one most records under
    its top class use (``prefixes``: class -> prefix -> count of its records' ids); None when
    no record shows one. ``fonds new`` and ``fonds import records`` both number by it."""
    own = prefixes.get(class_code)
    if own:
        return most_common(own)
    parents = {code: cls.parent for code, cls in catalogue.classes.items()}
    top = top_class(catalogue, class_code)
    family: Counter[str] = Counter()
    for code, counts in prefixes.items():
        if code == top or top in ancestors(code, parents):
            family.update(counts)
    return most_common(family) if family else None


def next_free_id(catalogue: Catalogue, class_code: str, year: int, taken: Collection[str]) -> str:
    """The next free id for a new record of ``class_code`` opened in ``year``.

    ``taken`` is every id in use: ``catalogue.records.keys() | catalogue.record_files``, plus
    any handed out already in the same run. Raises ``IdError`` (its message is for the
    technician) when the catalogue's id pattern cannot be filled in automatically. To number
    many records, make one ``IdAllocator`` instead: this function reads every id each call.
    """
    return IdAllocator(catalogue, taken).next(class_code, year)


def item_anchor(item_id: str) -> str:
    """The anchor of a schedule item on its schedule's page (``item-1-1-010`` for ``1.1.010``):
    every character but a letter or digit becomes ``-``, so the anchor is a valid HTML id and
    a record's page links to the very heading its schedule page writes."""
    return "item-" + "".join(c if c.isalnum() else "-" for c in item_id)
