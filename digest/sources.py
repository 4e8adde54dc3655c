"""The sources file: which feeds to poll, in which language, how often.

`digest/data/sources.toml` ships with the package; an operator may point the poller
at another file. Every mistake in the file is reported with the entry it is in, all
at once, so a typo never silently drops a source.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from digest.regions import REGION_CODES

SOURCE_LANGUAGES = ("ru", "kk")
DEFAULT_INTERVAL_MINUTES = 30
MIN_INTERVAL_MINUTES = 5
MAX_INTERVAL_MINUTES = 24 * 60
_KEYS = frozenset({"outlet", "language", "url", "interval_minutes", "enabled", "region"})
_DEFAULT_KEYS = frozenset({"interval_minutes", "enabled"})


class SourcesFileError(ValueError):
    """The sources file cannot be used; the message lists every problem found."""


@dataclass(frozen=True)
class SourceSpec:
    """One feed as the sources file describes it."""

    outlet: str
    language: str
    url: str
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES
    enabled: bool = True
    region: str | None = None          # a regional outlet's region (ISO 3166-2:KZ), else None


def default_sources_path() -> Path:
    return Path(str(resources.files("digest.data") / "sources.toml"))


def load_sources(path: str | Path | None = None) -> list[SourceSpec]:
    """Every source in the file, enabled or not, in file order; SourcesFileError on any mistake."""
    path = Path(path) if path is not None else default_sources_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SourcesFileError(f"{path}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SourcesFileError(f"{path}: not valid TOML: {error}") from None
    return parse_sources(data, str(path))


def parse_sources(data: dict, name: str = "sources") -> list[SourceSpec]:
    problems: list[str] = []
    defaults = data.get("defaults", {})
    unknown_top = set(data) - {"defaults", "source"}
    if unknown_top:
        problems.append(f"unknown sections: {', '.join(sorted(unknown_top))}")
    if not isinstance(defaults, dict) or set(defaults) - _DEFAULT_KEYS:
        problems.append(f"[defaults] may only set {', '.join(sorted(_DEFAULT_KEYS))}")
        defaults = {}
    entries = data.get("source", [])
    if not isinstance(entries, list):
        problems.append("`source` must be a list of [[source]] tables")
        entries = []
    specs: list[SourceSpec] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, 1):
        spec, entry_problems = _spec(entry, defaults)
        label = f"[[source]] #{number}" + (f" ({entry.get('outlet')})" if isinstance(entry, dict) else "")
        problems += [f"{label}: {problem}" for problem in entry_problems]
        if spec is None:
            continue
        key = normalise_url(spec.url)
        if key in seen:
            problems.append(f"{label}: the same URL as [[source]] #{seen[key]}")
            continue
        seen[key] = number
        specs.append(spec)
    if problems:
        raise SourcesFileError(f"{name}:\n  " + "\n  ".join(problems))
    return specs


def _spec(entry: object, defaults: dict) -> tuple[SourceSpec | None, list[str]]:
    if not isinstance(entry, dict):
        return None, ["must be a table"]
    problems = [f"unknown key `{key}`" for key in sorted(set(entry) - _KEYS)]
    outlet = entry.get("outlet")
    if not isinstance(outlet, str) or not outlet.strip():
        problems.append("`outlet` must be a non-empty string")
    language = entry.get("language")
    if language not in SOURCE_LANGUAGES:
        problems.append(f"`language` must be one of {', '.join(SOURCE_LANGUAGES)}")
    url = entry.get("url")
    url_problem = check_url(url)
    if url_problem:
        problems.append(url_problem)
    interval = entry.get("interval_minutes", defaults.get("interval_minutes", DEFAULT_INTERVAL_MINUTES))
    if isinstance(interval, bool) or not isinstance(interval, int) or not (
        MIN_INTERVAL_MINUTES <= interval <= MAX_INTERVAL_MINUTES
    ):
        problems.append(
            f"`interval_minutes` must be a whole number {MIN_INTERVAL_MINUTES}..{MAX_INTERVAL_MINUTES}"
        )
    enabled = entry.get("enabled", defaults.get("enabled", True))
    if not isinstance(enabled, bool):
        problems.append("`enabled` must be true or false")
    region = entry.get("region")
    if region is not None and region not in REGION_CODES:
        problems.append(f"`region` must be an ISO 3166-2:KZ code such as KZ-19, not {region!r}")
    if problems:
        return None, problems
    return SourceSpec(
        outlet=outlet.strip(), language=language, url=url.strip(), interval_minutes=interval,
        enabled=enabled, region=region,
    ), []


def check_url(url: object) -> str | None:
    """What is wrong with a feed URL, or None: absolute http(s) with a host."""
    if not isinstance(url, str) or not url.strip():
        return "`url` must be a non-empty string"
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return f"`url` must start with http:// or https://, not {url!r}"
    if not parts.hostname:
        return f"`url` has no host: {url!r}"
    return None


def normalise_url(url: str) -> str:
    """The form two spellings of one URL share: lower-case scheme and host, no fragment."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{netloc}{path}{query}"
