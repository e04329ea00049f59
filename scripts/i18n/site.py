"""The site frame's texts in every language, and the MkDocs settings made from them.

content/site.toml holds them in the source language ([strings]); each translated
language takes them from its site.po (msgctxt "site.<key>"), missing, stale or
fuzzy entries failing the build like any other (lenient: the source text stays).
From them and the languages list this module derives what mkdocs.yml cannot say
once for every language: mkdocs-static-i18n's ``languages`` (names, per-language
description and palette toggle names, the theme's UI language) and the 404 page's
lines (``extra.not_found``, read by overrides/404.html).
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

from ..errors import BuildError, BuildErrors
from .catalog import Catalogue
from .languages import Languages

#: Every key content/site.toml must define; the build asks for each of them.
KEYS = (
    "language_name",
    "description",
    "palette_dark",
    "palette_light",
    "pending_note",
    "not_found_title",
    "not_found_text",
    "not_found_home",
    "embed_new_tab",
    "embed_shares",
)

SiteTexts = dict[str, dict[str, str]]  # language code -> key -> text


def read_source(path: Path) -> dict[str, str]:
    if not path.exists():
        raise BuildError(path, "the site's texts are missing", "restore content/site.toml from git")
    try:
        strings = tomllib.loads(path.read_text(encoding="utf-8")).get("strings", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise BuildError(path, f"not valid TOML: {e}", "fix the syntax at the line shown") from None
    missing = [k for k in KEYS if not isinstance(strings.get(k), str) or not strings[k].strip()]
    if missing:
        raise BuildError(
            path, f"[strings] lacks {', '.join(missing)}", "add each key with its text in the source language"
        )
    unknown = sorted(set(strings) - set(KEYS))
    if unknown:
        raise BuildError(
            path,
            f"[strings] has unknown key(s) {', '.join(unknown)}",
            f"remove them, or use them in the build and add them to KEYS in {__name__}",
        )
    return {k: strings[k] for k in KEYS}


def strings(source: dict[str, str]) -> list[tuple[str, str]]:
    """(msgctxt, msgid) of every site text, for the catalogue sync."""
    return [(f"site.{k}", v) for k, v in source.items()]


def localize(
    source: dict[str, str], langs: Languages, catalogues: dict[str, Catalogue], lenient: bool
) -> tuple[SiteTexts, list[str]]:
    """Every language's texts, and the msgctxts shown in the source language (lenient)."""
    texts: SiteTexts = {langs.source.code: dict(source)}
    errors: list[BuildError] = []
    pending: list[str] = []
    for lang in langs.translated:
        texts[lang.code] = {}
        for ctx, msgid in strings(source):
            value, problem = catalogues[lang.code].lookup(ctx, msgid)
            if problem:
                problem = type(problem)(problem.kind, problem.msgctxt, lang.po("site"))
                errors.append(problem.as_error())
                pending.append(f"{lang.code}:{ctx}")
            texts[lang.code][ctx.removeprefix("site.")] = value if value is not None else msgid
    if errors and not lenient:
        raise BuildErrors(errors) if len(errors) > 1 else errors[0]
    return texts, pending


def mkdocs_overrides(raw: dict[str, Any], langs: Languages, texts: SiteTexts, config_file: Path) -> dict[str, Any]:
    """The settings the build passes to MkDocs over mkdocs.yml's: the i18n plugin's
    languages, the source language's description and toggle names, the 404 lines."""
    plugins = copy.deepcopy(raw.get("plugins") or [])
    i18n = next((p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p), None)
    if i18n is None:
        raise BuildError(config_file, "no `i18n` entry under plugins", "restore the mkdocs-static-i18n plugin entry")
    i18n["languages"] = [
        {
            "locale": lang.code,
            "name": texts[lang.code]["language_name"],
            "default": lang.is_source,
            "build": True,
            "site_description": texts[lang.code]["description"],
            "theme": {"language": lang.material, "palette": _toggle_names(texts[lang.code])},
        }
        for lang in langs
    ]
    theme = copy.deepcopy(raw.get("theme") or {})
    theme["language"] = langs.source.material
    palette = theme.get("palette") or []
    for entry, names in zip(
        palette, _toggle_names(texts[langs.source.code]), strict=False
    ):  # a site may drop the palettes
        entry.setdefault("toggle", {}).update(names["toggle"])
    extra = dict(raw.get("extra") or {})
    extra["not_found"] = [
        {
            "lang": lang.code,
            "prefix": lang.prefix,
            "title": texts[lang.code]["not_found_title"],
            "text": texts[lang.code]["not_found_text"],
            "home": texts[lang.code]["not_found_home"],
        }
        for lang in langs
    ]
    return {
        "plugins": plugins,
        "theme": theme,
        "extra": extra,
        "site_description": texts[langs.source.code]["description"],
    }


def _toggle_names(texts: dict[str, str]) -> list[dict[str, Any]]:
    """mkdocs.yml's two palettes, light then dark: each toggle names the scheme it switches to."""
    return [{"toggle": {"name": texts["palette_dark"]}}, {"toggle": {"name": texts["palette_light"]}}]
