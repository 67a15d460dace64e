"""One broken rule found in a plan: the validators' shared result type.

Kept in its own tiny module so every checker (collection routes in ``validate``, the haul in
``validate_haul``) can import it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """A rule the plan breaks: ``rule`` is a stable kebab-case code (``time-window``), ``subject`` the
    id the finding is about (a vehicle, room or station id, or ``kpis``), ``message`` says what is wrong
    in plain words with the figures involved."""

    rule: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.subject}: {self.message}"
