"""The representative phrase bank, and a payer's own phrasing laid over it.

All representative wording lives in data: ``sandbox/phrasebank.yaml`` (the
shared bank) and the ``representatives.phrases`` / ``field_phrases`` of a
payer file, which replace the bank's entry of the same key.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class PhraseBank:
    """Templates by purpose. Every list is non-empty for every key the simulator uses."""

    fields: dict[str, list[str]]
    verification: dict[str, list[str]]
    dialog: dict[str, list[str]]
    hold_announcements: list[str]
    field_labels: dict[str, str]
    status_words: dict[str, list[str]]
    template_statuses: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    cashed_words: dict[bool, list[str]] = field(default_factory=dict)

    @staticmethod
    @cache
    def default() -> PhraseBank:
        """Return the bank shipped in ``payerline/sandbox/phrasebank.yaml``."""
        text = resources.files("payerline.sandbox").joinpath("phrasebank.yaml").read_text("utf-8")
        data = yaml.safe_load(text)
        return PhraseBank(
            fields={name: list(entry["templates"]) for name, entry in data["fields"].items()},
            verification={
                name: list(texts)
                for section in ("verification_questions", "extra_verification_questions")
                for name, texts in data[section].items()
            },
            dialog={name: list(texts) for name, texts in data["representative_dialog"].items()},
            hold_announcements=list(data["hold_announcements"]),
            field_labels=dict(data["field_labels"]),
            status_words={name: list(texts) for name, texts in data["status_words"].items()},
            template_statuses={
                name: {text: list(statuses) for text, statuses in entries.items()}
                for name, entries in data["template_statuses"].items()
            },
            cashed_words={key == "true": list(texts) for key, texts in data["cashed_words"].items()},
        )

    def overlaid(self, dialog: dict[str, list[str]], fields: dict[str, list[str]]) -> PhraseBank:
        """Return this bank with a payer's own entries replacing the bank's."""
        return PhraseBank(
            fields={**self.fields, **fields},
            verification=self.verification,
            dialog={**self.dialog, **dialog},
            hold_announcements=self.hold_announcements,
            field_labels=self.field_labels,
            status_words=self.status_words,
            template_statuses=self.template_statuses,
            cashed_words=self.cashed_words,
        )

    def pick(self, key: str, rng: random.Random, **values: str) -> str:
        """Return one dialog template for ``key``, filled with ``values``."""
        return rng.choice(self.dialog[key]).format(**values)

    def field_template(self, name: str, status: str, rng: random.Random) -> str:
        """Return a template for answering field ``name`` about a claim in ``status``."""
        restricted = self.template_statuses.get(name, {})
        usable = [t for t in self.fields[name] if t not in restricted or status in restricted[t]]
        return rng.choice(usable or self.fields[name])
