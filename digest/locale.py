"""Texts in Russian and Kazakh from Fluent (`.ftl`) files: no text lives in code.

A `Translator` is built once per set of files and language; `translator(key, **args)`
formats a message. A key missing in Kazakh falls back to Russian rather than
showing the key to a reader, and the fallback is logged so it gets written.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.abc import Traversable

from fluent.runtime import FluentBundle, FluentResource

log = logging.getLogger(__name__)

LANGUAGES = ("ru", "kk")
FALLBACK = "ru"


class Translator:
    def __init__(self, language: str, files: Iterable[Traversable]) -> None:
        self.language = language
        # use_isolating=False: the bidi marks Fluent adds around arguments break Telegram HTML.
        self._bundle = FluentBundle([language], use_isolating=False)
        for file in files:
            self._bundle.add_resource(FluentResource(file.read_text(encoding="utf-8")))
        self._fallback: Translator | None = None

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)

    def __call__(self, key: str, **args: object) -> str:
        if not self._bundle.has_message(key):
            if self._fallback is not None and self._fallback.has(key):
                log.warning("no %s text for %r, using %s", self.language, key, FALLBACK)
                return self._fallback(key, **args)
            raise KeyError(f"no text {key!r} in {self.language}")
        message = self._bundle.get_message(key)
        text, errors = self._bundle.format_pattern(message.value, args)
        if errors:
            log.warning("formatting %r in %s: %s", key, self.language, errors)
        return text


def _locale_files(package: str, language: str) -> list[Traversable]:
    folder = resources.files(package) / language
    return sorted((f for f in folder.iterdir() if f.name.endswith(".ftl")), key=lambda f: f.name)


@cache
def translator(package: str, language: str) -> Translator:
    """The translator for `package`'s locale folder (`<package>/<language>/*.ftl`)."""
    language = language if language in LANGUAGES else FALLBACK
    result = Translator(language, _locale_files(package, language))
    if language != FALLBACK:
        result._fallback = translator(package, FALLBACK)
    return result
