"""The engine's own messages (why a room is unserved, diagnostics and their fixes) in Chinese, for people.

``plan.json`` keeps them in English: they are data, read by scripts and by ``wasteopt validate``. When
they are shown to people (the CLI summary, the report, ``check``) :func:`engine_text` recognises each
known wording and says it in Chinese; a message it does not recognise is shown as the engine wrote it.

The wordings are the English side of the catalogue's ``engine.*`` keys (:mod:`wasteopt.i18n`), read
as patterns: ``{name}`` stands for a value, ``(s)`` for an optional plural ``s``, the rest is literal.
A message is a chain of such parts joined by ``"; "`` (``fleet too small: ...; about 2 more trucks
...; daily limits reached: ...``); each part must be recognised, or the whole stays English. Values
named in :data:`PHRASES` are wordings themselves (``from 15:00``, ``the only truck is in use``, a list
of daily limits) and are said in Chinese too (``engine.part.*`` keys, or whole parts); other values
(ids, times, figures) are kept as they are.

:class:`Phrasebook` is the reader; :mod:`wasteopt.scenario.messages` uses one for the loader's messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from wasteopt.i18n import CATALOGUE, text

PHRASES = frozenset({"busy", "limits", "hours", "which", "fewest", "how_many", "slots", "what"})
"""Values that are wordings of their own, said in Chinese where recognised (the rest are kept)."""

SEPARATOR = "; "
"""How the engine joins the parts of one message."""

_VALUE = r"(?:(?!; ).)+?"
"""A value: any text up to the next part (never across ``"; "``), as short as the pattern allows."""

_TOKEN = re.compile(r"\{(\w+)\}|\(s\)")


def pattern_of(wording: str) -> re.Pattern[str]:
    """The regular expression of a catalogue wording: ``{name}`` a value, ``(s)`` an optional ``s``,
    ending where the message or the part does (before ``"; "``)."""
    parts, at = [], 0
    for token in _TOKEN.finditer(wording):
        parts.append(re.escape(wording[at:token.start()]))
        parts.append(f"(?P<{token.group(1)}>{_VALUE})" if token.group(1) else "s?")
        at = token.end()
    parts.append(re.escape(wording[at:]))
    return re.compile("".join(parts) + r"(?=; |\Z)")


@dataclass(frozen=True)
class Wording:
    """One recognised wording: its catalogue key and its pattern."""

    key: str
    pattern: re.Pattern[str]
    literal: int
    """Characters of the wording that are not values: the more, the more specific it is."""


def wordings(prefix: str) -> list[Wording]:
    """The catalogue's keys starting with ``prefix``, in catalogue order, as patterns."""
    return [Wording(key, pattern_of(en), len(_TOKEN.sub("", en))) for key, (en, _) in CATALOGUE.items() if key.startswith(prefix)]


class Phrasebook:
    """Messages recognised by their wording and said in another language (see the module's notes)."""

    def __init__(self, parts: Iterable[Wording], values: Iterable[Wording] = ()) -> None:
        self.parts = _specific_first(parts)
        """Wordings a message is made of."""
        self.values = _specific_first([*values, *self.parts])
        """Wordings a phrase value may be (``from 15:00``; a whole part too, as in a list of fixes)."""

    def say(self, message: str | None, lang: str) -> str:
        """``message`` in ``lang``: English as it is; Chinese when every part is recognised, else as it is."""
        if not message or lang != "zh":
            return message or ""
        said = self._parts(message, lang)
        return message if said is None else text("join.parts", lang).join(said)

    def _parts(self, message: str, lang: str) -> list[str] | None:
        """Each part of ``message`` said in ``lang``; None when one is not recognised."""
        said: list[str] = []
        at = 0
        while True:
            found = self._first(self.parts, message, at)
            if found is None:
                return None
            key, match = found
            said.append(self._fill(key, match, lang))
            at = match.end()
            if at == len(message):
                return said
            at += len(SEPARATOR)

    @staticmethod
    def _first(candidates: list[Wording], message: str, at: int, whole: bool = False) -> tuple[str, re.Match[str]] | None:
        """The first wording matching ``message`` from ``at`` (to its end when ``whole``)."""
        for wording in candidates:
            match = wording.pattern.fullmatch(message, at) if whole else wording.pattern.match(message, at)
            if match is not None:
                return wording.key, match
        return None

    def _fill(self, key: str, match: re.Match[str], lang: str) -> str:
        """The catalogue text of ``key`` with the values matched, phrases said in ``lang``."""
        values = {name: self._value(value, lang) if name in PHRASES else value for name, value in match.groupdict().items()}
        return text(key, lang, **values)

    def _value(self, value: str, lang: str) -> str:
        """A phrase value in ``lang``: a list of known wordings (``a, b``: each recognised), else one
        known wording, else as it is."""
        items = value.split(", ")
        if len(items) > 1:
            found = [match for item in items if (match := self._first(self.values, item, 0, whole=True)) is not None]
            if len(found) == len(items):
                return text("join.list", lang).join(self._fill(key, match, lang) for key, match in found)
        one = self._first(self.values, value, 0, whole=True)
        return value if one is None else self._fill(one[0], one[1], lang)


def _specific_first(found: Iterable[Wording]) -> list[Wording]:
    """Wordings with the most literal text first (``needs {how_many} ..., or with ...: {slots}`` before
    ``{n} more container slot(s) at {station}``, which a value at its start could also match)."""
    return sorted(found, key=lambda wording: -wording.literal)


ENGINE = Phrasebook(
    [w for w in wordings("engine.") if not w.key.startswith("engine.part.")],
    wordings("engine.part."),
)
"""The engine's reasons, diagnostics and fixes."""


def engine_text(message: str | None, lang: str) -> str:
    """An unserved reason, a diagnostic's message or its fix in ``lang`` (unrecognised: as written)."""
    return ENGINE.say(message, lang)


def coded_text(finding: str, lang: str) -> str:
    """``code: message`` (as the what-if figures list a plan's errors) with the message in ``lang``."""
    code, colon, message = finding.partition(": ")
    return f"{code}{colon}{engine_text(message, lang)}" if colon else engine_text(finding, lang)
