"""Rule packs: load YAML, validate it, and derive what the later stages need.

A pack is one category (one YAML file). A loading error names the file, the rule id and the
field, and a bad pack never half-loads: ``load_rulebook`` raises before returning anything.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from copylint import scorer
from copylint.findings import Suggestion
from copylint.language import DEFAULT as DEFAULT_LANGUAGE
from copylint.language import Language, LanguageError, language_files, load_language
from copylint.language import builtin as builtin_language
from copylint.language import builtin_dir as builtin_language_dir
from copylint.lexicons import (
    Lexicon,
    LexiconError,
    expand_pattern,
    inline_lexicon,
    lexicon_files,
    load_lexicons,
    word_tokens,
)
from copylint.schemas import RULE_PACK
from copylint.stages.lists import ListedUnder
from copylint.words import did_you_mean, fold_accents, fold_words, unknown_field

FORMAT_VERSION = 1
# The keys and enums are declared once, in schemas/rule-pack.schema.json; the validator below
# reads them from it and keeps the messages and the checks a schema says poorly.
CONTEXTS = RULE_PACK.enum("context")
KINDS = RULE_PACK.enum("kind")  # "directive": copylint's own rules about suppression comments
JURISDICTIONS = RULE_PACK.enum("jurisdiction")
_SEVERITIES = RULE_PACK.enum("severity")

_PACK_KEYS = RULE_PACK.keys("pack")
_RULE_KEYS = RULE_PACK.keys("rule")
# A rule in a site's own pack may extend a built-in one: it only adds words and examples.
_EXTENDING_KEYS = RULE_PACK.keys("extending-rule")
_EXAMPLE_KEYS = RULE_PACK.keys("examples")
_SUGGESTION_KEYS = RULE_PACK.keys("suggestion")
_REFERENCE_KEYS = RULE_PACK.keys("reference")
_LISTED_UNDER_KEYS = RULE_PACK.keys("listed-under")
_ID = re.compile(RULE_PACK.pattern("id"))
# Token attributes a pattern may use. REGEX is left out on purpose: word forms are listed,
# which keeps matching linear and lets the prefilter derive its keys.
_STRING_ATTRS = RULE_PACK.keys("token", of="token-string")
_BOOL_ATTRS = RULE_PACK.keys("token", of="token-flag")
_INT_ATTRS = RULE_PACK.keys("token", of="token-number")
_TOKEN_KEYS = RULE_PACK.keys("token")
# spaCy's Matcher operators: ? * + ! and {n} {n,m} {n,} {,m} with n <= m (ASCII digits). A
# quantifier is expanded into that many pattern tokens, so its bounds are capped.
_OP = re.compile(r"^(?:[?*+!]|\{(?P<n>[0-9]*)(?P<comma>,?)(?P<m>[0-9]*)\})$")
MAX_REPEAT = 50
# spaCy keeps a LENGTH as an unsigned 64-bit number; it refuses negative and larger ones.
_MAX_LENGTH: int = RULE_PACK.definition("token-number")["maximum"]
_WORD = re.compile(r"[a-z0-9]+")
# Replacement wording is applied to HTML, Markdown, JSON and YAML sources as it is, so it holds
# nothing any of them would read as markup, an escape or syntax.
_PLAIN_WORDING = re.compile(r"^[\w][\w ,.'%\u2019-]*$")


Requirement = tuple  # tuple[frozenset[str], ...]: a match contains one word of every set
# The set a token given by digits (SHAPE "dd%", IS_DIGIT) requires: some digit in the text.
DIGITS = "<digit>"


def plain_requirement(requirement: Requirement) -> Requirement:
    """A requirement as the prefilter reads text: accents folded, for every language (a
    language that keeps "si" and "sí" apart only lets a block through that its matcher then
    reads exactly)."""
    return tuple(_plain_group(group) for group in requirement)


def _plain_group(group: frozenset[str]) -> frozenset[str]:
    if all(word.isascii() for word in group):  # nearly all are: kept as they are
        return group
    return frozenset(fold_accents(word) for word in group)


class RulePackError(Exception):
    """A rule pack is broken. The message names the file, the rule and the field."""


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


@dataclass(frozen=True)
class MessageVariant:
    """A rule's message for claims about some topics or under some jurisdictions (the first that
    fits replaces the rule's own; copylint/stages/suggest.py)."""

    text: str
    topics: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    kind: str
    message: str
    rationale: str
    phrases: tuple[str, ...]
    patterns: tuple[tuple[dict, ...], ...]
    suppress_when: frozenset[str]
    soften_when: frozenset[str]
    suggestions: tuple[Suggestion, ...]
    references: tuple[Reference, ...]
    jurisdictions: tuple[str, ...]
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    source: str
    # For each phrase and pattern, the word sets that any match of it must hit (see prefilter.py).
    requirements: tuple[Requirement, ...] = ()
    # For each pattern, in order, the requirements of which one any match of it meets.
    pattern_requirements: tuple[tuple[Requirement, ...], ...] = ()
    # A stricter rule of one jurisdiction's law (AU bans clinical testimonials outright): loaded
    # only when the configuration names that jurisdiction, not by default.
    opt_in: bool = False
    # Products with a real approval of their own ("finasteride"): a sentence about one of them, and
    # not about the clinic's service, states a fact (the ``named_product`` context).
    approved_products: frozenset[str] = frozenset()
    extends: str | None = None  # in a site's pack: the rule this one adds words to
    language: str = DEFAULT_LANGUAGE  # its pack's: which language file and spaCy pipeline read it
    replaces: str | None = None  # in a site's pack: the rule this one stands in for
    # a list rule: it matches only in list entries under a lead that announces treatment
    listed_under: ListedUnder | None = None
    # Off unless a configuration or the command line names it (select, or a severity for it):
    # the claim scorer's rule, whose findings on whole pages are mostly not claims.
    default_off: bool = False
    # (before, after): what --fix makes of a sentence; and sentences it must leave for a person
    fix_examples: tuple[tuple[str, str], ...] = ()
    nofix_examples: tuple[str, ...] = ()
    messages: tuple[MessageVariant, ...] = ()  # variants of ``message`` (see MessageVariant)

    def replacement_for(self, matched: str) -> tuple[str, tuple[str, ...]] | None:
        """The wording that may replace these matched words mechanically, if the rule has one,
        with the positions it fits (empty: any; see copylint/positions.py)."""
        key = fold_words(matched)
        for suggestion in self.suggestions:
            if suggestion.replace:
                return suggestion.replace, suggestion.fits
            for words, wording in suggestion.replacements:
                if fold_words(words) == key:
                    return wording, suggestion.fits
        return None

    def match_phrases(self) -> tuple[str, ...]:
        """Phrases with hyphen variants: "FDA-approved" also as "FDA approved" and "FDAapproved"."""
        return _with_hyphen_variants(self.phrases)


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str
    source: str


class Rulebook:
    def __init__(
        self,
        rules: list[Rule],
        categories: dict[str, Category],
        unloaded: frozenset[str] = frozenset(),
        languages: dict[str, Language] | None = None,
    ):
        self.rules = rules
        self.categories = categories
        self.by_id = {rule.id: rule for rule in rules}
        self.unloaded = unloaded  # names of rules and categories left out (another jurisdiction)
        self.languages = languages if languages is not None else {}

    def language(self, code: str) -> Language:
        """The language file rules in ``code`` are read with (copylint's own when not loaded)."""
        found = self.languages.get(code)
        return found if found is not None else builtin_language(code)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)

    def names(self) -> set[str]:
        return set(self.by_id) | set(self.categories)

    def subset(
        self,
        rules: list[Rule],
        categories: dict[str, Category] | None = None,
        unloaded: frozenset[str] = frozenset(),
    ) -> Rulebook:
        """A rulebook of some of these rules (or more, for copylint's own), with the same
        language files."""
        return Rulebook(
            rules, self.categories if categories is None else categories, unloaded, self.languages
        )

    def without_opt_in(self) -> Rulebook:
        """The rules that load when no jurisdiction is chosen (the API's and the CLI's default)."""
        kept = [rule for rule in self.rules if not rule.opt_in]
        return self.subset(
            kept, self.categories, self.unloaded | {r.id for r in self.rules if r.opt_in}
        )

    def known_names(self) -> set[str]:
        """Loaded names and those left out for another jurisdiction: a comment may name either."""
        return self.names() | set(self.unloaded)


def default_rules_dir() -> Path:
    """``copylint/rules`` in an installed wheel; the repo's ``rules/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RulePackError(
        f"no rule packs found (looked in {here / 'rules'} and {here.parent / 'rules'})"
    )


def pack_files(directory: Path) -> list[Path]:
    directory = Path(directory)
    if not directory.is_dir():
        raise RulePackError(f"{directory}: rule pack directory not found")
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    if not files:
        raise RulePackError(f"{directory}: no rule packs (*.yaml) in this directory")
    return files


def rule_files(directory: Path) -> list[Path]:
    """Every file of a rules directory that decides findings: its packs, its language data
    (``lang/``: language files, inflection data and claim scorers) and its lexicons."""
    lang = Path(directory) / "lang"
    language_data = (
        sorted(lang.rglob("*.yaml")) + sorted(lang.glob("*.scorer.json")) if lang.is_dir() else []
    )
    return pack_files(directory) + language_data + lexicon_files(directory)


def load_rulebook(dirs: list[Path] | None = None, site_dirs: list[Path] | tuple = ()) -> Rulebook:
    """The packs in ``dirs`` (the built-in ones by default), then a site's own packs.

    A site pack may add a category, add rules to an existing category, extend a rule
    (``extends: ID`` adds phrases, patterns and examples) or stand in for one (``replaces: ID``).
    Each directory may hold language files (``lang/<code>.yaml``) for packs in other languages.
    """
    rules: dict[str, Rule] = {}
    categories: dict[str, Category] = {}
    languages = _Languages(dirs or [], site_dirs)
    lexicons = _lexicons(dirs, site_dirs)
    for directory in dirs or [default_rules_dir()]:
        for path in pack_files(directory):
            category, pack_rules = load_pack(
                path, shipped=not dirs, languages=languages, lexicons=lexicons
            )
            if category.id in categories:
                raise RulePackError(
                    f"{path}: category '{category.id}' is also defined in "
                    f"{categories[category.id].source}"
                )
            categories[category.id] = category
            for rule in pack_rules:
                _add_rule(rules, rule)
    for directory in site_dirs:
        for path in pack_files(directory):
            category, pack_rules = load_pack(
                path, categories, languages=languages, lexicons=lexicons
            )
            categories.setdefault(category.id, category)
            for rule in pack_rules:
                if rule.extends:
                    target = _target(rules, rule, "extends", rule.extends)
                    if target.language != rule.language:
                        raise RulePackError(
                            f"{rule.source}: rule '{rule.id}': field 'extends': '{target.id}' is "
                            f"read as language '{target.language}', this pack as "
                            f"'{rule.language}'"
                        )
                    rules[target.id] = _extended(target, rule)
                    continue
                if rule.replaces:
                    del rules[_target(rules, rule, "replaces", rule.replaces).id]
                _add_rule(rules, rule)
    used = {rule.category for rule in rules.values()}
    return Rulebook(
        list(rules.values()),
        {c: categories[c] for c in categories if c in used},
        languages=languages.loaded,
    )


class _Languages:
    """The language files packs may name: copylint's own, those in ``lang/`` of the rules
    directories that stand in for the built-in packs (``--rules``; they may redefine a shipped
    language), then a site's (which may only add languages); each is read when first named."""

    def __init__(self, dirs: list[Path], site_dirs: list[Path] | tuple = ()):
        self.paths: dict[str, Path] = {}
        for directory in dirs:
            for path in language_files(directory):
                if path.stem in self.paths:
                    raise RulePackError(
                        f"{path}: language '{path.stem}' is also defined in {self.paths[path.stem]}"
                    )
                self.paths[path.stem] = path
        for directory in site_dirs:
            for path in language_files(directory):
                shipped = builtin_language_dir() / path.name
                defined = self.paths.get(path.stem) or (shipped if shipped.is_file() else None)
                if defined is not None:
                    raise RulePackError(
                        f"{path}: language '{path.stem}' is also defined in {defined}"
                    )
                self.paths[path.stem] = path
        self.loaded: dict[str, Language] = {}

    def known(self) -> list[str]:
        shipped = [p.stem for p in builtin_language_dir().glob("*.yaml")]
        return sorted({*shipped, *self.paths})

    def get(self, code: str) -> Language | None:
        if code not in self.loaded:
            path = self.paths.get(code)
            try:
                if path is not None:
                    self.loaded[code] = load_language(path)
                elif (builtin_language_dir() / f"{code}.yaml").is_file():
                    self.loaded[code] = builtin_language(code)
                else:
                    return None
                scorer.language_scorer(self.loaded[code])  # a broken table fails the load
            except (LanguageError, scorer.ScorerError) as exc:
                raise RulePackError(str(exc)) from None
        return self.loaded[code]


def _lexicons(dirs: list[Path] | None, site_dirs) -> dict[str, Lexicon]:
    """copylint's own lexicons (always there for patterns to name), those of ``dirs`` and a
    site's, which may extend them (see lexicons.py)."""
    builtin = default_rules_dir()
    own = [Path(d) for d in dirs or () if Path(d).resolve() != builtin.resolve()]
    try:
        return load_lexicons(own, [Path(d) for d in site_dirs], shipped=builtin)
    except LexiconError as exc:
        raise RulePackError(str(exc)) from None


def _add_rule(rules: dict[str, Rule], rule: Rule) -> None:
    if rule.id in rules:
        raise RulePackError(
            f"{rule.source}: rule '{rule.id}': field 'id': also defined in {rules[rule.id].source}"
        )
    rules[rule.id] = rule


def _target(rules: dict[str, Rule], rule: Rule, field_name: str, target: str) -> Rule:
    if target not in rules:
        hint = did_you_mean(target, rules)
        raise RulePackError(
            f"{rule.source}: rule '{rule.id}': field '{field_name}': no rule '{target}' to "
            f"{field_name[:-1]}{hint}"
        )
    return rules[target]


def _extended(target: Rule, extension: Rule) -> Rule:
    return replace(
        target,
        phrases=target.phrases + extension.phrases,
        patterns=target.patterns + extension.patterns,
        flag_examples=target.flag_examples + extension.flag_examples,
        pass_examples=target.pass_examples + extension.pass_examples,
        fix_examples=target.fix_examples + extension.fix_examples,
        nofix_examples=target.nofix_examples + extension.nofix_examples,
        requirements=tuple(dict.fromkeys(target.requirements + extension.requirements)),
        pattern_requirements=target.pattern_requirements + extension.pattern_requirements,
        source=f"{target.source} (extended by {extension.source})",
    )


def load_pack(
    path: Path,
    known_categories: dict[str, Category] | None = None,
    shipped: bool = False,
    languages: _Languages | None = None,
    lexicons: dict[str, Lexicon] | None = None,
) -> tuple[Category, list[Rule]]:
    """One pack. With ``known_categories`` it is a site's pack: it may join a known category
    (no title needed) and extend or replace rules. A ``shipped`` pack (one of copylint's own) is
    read by libyaml's composer rather than the bounded one (see yamlfile.py). ``lexicons``: the
    ones its patterns may name (``{LEXICON: conditions}``)."""
    source = str(path)
    from copylint.yamlfile import YamlFileError, load_file  # yaml: only when a file is parsed

    try:
        data = load_file(source, trusted=shipped)
    except YamlFileError as exc:
        raise RulePackError(f"{source}: {exc}") from None
    return _Pack(source, known_categories, languages or _Languages([]), lexicons or {}).parse(data)


class _Pack:
    """Validation of one pack; every error goes through ``fail`` so it names file, rule, field."""

    def __init__(
        self,
        source: str,
        known_categories: dict[str, Category] | None,
        languages: _Languages,
        lexicons: dict[str, Lexicon] | None = None,
    ):
        self.source = source
        self.languages = languages
        self.language = DEFAULT_LANGUAGE
        self.function_words = builtin_language().function_words
        self.keyed_words = builtin_language().keyed_function_words
        self.lexicons = lexicons or {}
        self.site_pack = known_categories is not None
        self.known_categories = known_categories or {}
        self.rule_id: str | None = None

    def fail(self, field_name: str, problem: str) -> RulePackError:
        where = f"rule '{self.rule_id}': " if self.rule_id else ""
        if (
            len(problem) > 300
        ):  # a value quoted in it may be huge (aliases may stand for 100,000 values)
            problem = problem[:297] + "..."
        return RulePackError(f"{self.source}: {where}field '{field_name}': {problem}")

    def parse(self, data: object) -> tuple[Category, list[Rule]]:
        if not isinstance(data, dict):
            raise RulePackError(
                f"{self.source}: a rule pack is a mapping with 'category' and 'rules'"
            )
        self.check_keys(data, _PACK_KEYS, "")
        version = data.get("version", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise self.fail(
                "version", f"this copylint reads format version {FORMAT_VERSION}, not {version!r}"
            )
        self.language = data.get("language", DEFAULT_LANGUAGE)
        language = self.languages.get(self.language) if isinstance(self.language, str) else None
        if language is None:
            raise self.fail(
                "language",
                f"no language file for {self.language!r} (known: "
                f"{', '.join(self.languages.known())}; a site adds one as lang/<code>.yaml "
                "in a rules-dirs folder)",
            )
        self.function_words = language.function_words
        self.keyed_words = language.keyed_function_words
        category_id = self.string(data, "category", pattern=_ID)
        known = self.known_categories.get(category_id)
        title = (
            self.string(data, "title")
            if known is None
            else (self.optional_string(data, "title") or known.title)
        )
        description = self.optional_string(data, "description")
        references = self.references(data.get("references"), "references")
        raw_rules = data.get("rules")
        if not isinstance(raw_rules, list) or not raw_rules:
            raise self.fail("rules", "must be a non-empty list of rules")
        rules = []
        for index, raw in enumerate(raw_rules):
            self.rule_id = next(
                (
                    raw[k]
                    for k in ("id", "extends")
                    if isinstance(raw, dict) and isinstance(raw.get(k), str)
                ),
                f"#{index + 1}",
            )
            if isinstance(raw, dict) and "extends" in raw:
                rules.append(self.extending_rule(raw, category_id))
            else:
                rules.append(self.rule(raw, category_id, description or "", references))
            self.rule_id = None
        return Category(
            category_id, title, description or (known.description if known else ""), self.source
        ), rules

    def check_keys(self, data: dict, allowed: frozenset[str], prefix: str) -> None:
        unknown = unknown_field(data, allowed)
        if unknown is not None:
            raise self.fail(prefix + unknown[0], unknown[1])

    def optional_string(
        self, data: dict, key: str, pattern: re.Pattern | None = None
    ) -> str | None:
        return None if data.get(key) is None else self.string(data, key, pattern)

    def string(self, data: dict, key: str, pattern: re.Pattern | None = None) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(
                key, "must be a non-empty string" + ("" if value is None else f" (got {value!r})")
            )
        if pattern and not pattern.match(value):
            raise self.fail(key, f"must be lower-case words joined by '-' (got {value!r})")
        return value.strip()

    def string_list(self, data: dict, key: str, required: bool) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is required")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def choice_list(
        self, data: dict, key: str, choices: tuple[str, ...], default: tuple[str, ...]
    ) -> tuple[str, ...]:
        values = self.string_list(data, key, required=False) or default
        for value in values:
            if value not in choices:
                raise self.fail(
                    key, f"unknown value {value!r}; expected one of {', '.join(choices)}"
                )
        return values

    def references(self, value: object, key: str) -> tuple[Reference, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(key, "must be a list of {title, url}")
        refs = []
        for item in value:
            if not isinstance(item, dict) or set(item) != _REFERENCE_KEYS:
                raise self.fail(
                    key, f"each reference needs exactly 'title' and 'url' (got {item!r})"
                )
            if not all(isinstance(item[k], str) and item[k].strip() for k in ("title", "url")):
                raise self.fail(key, "title and url must be non-empty strings")
            if not re.match(r"^https?://", item["url"]):
                raise self.fail(
                    key, f"url must start with http:// or https:// (got {item['url']!r})"
                )
            refs.append(Reference(item["title"].strip(), item["url"].strip()))
        return tuple(refs)

    def rule(
        self, raw: object, category: str, description: str, pack_refs: tuple[Reference, ...]
    ) -> Rule:
        if not isinstance(raw, dict):
            raise self.fail("rules", "each rule must be a mapping")
        self.check_keys(raw, _RULE_KEYS, "")
        rule_id = self.string(raw, "id", pattern=_ID)
        severity = raw.get("severity")
        if severity not in _SEVERITIES:
            raise self.fail(
                "severity", f"must be one of {', '.join(_SEVERITIES)} (got {severity!r})"
            )
        kind = raw.get("kind", "assertion")
        if kind not in KINDS:
            raise self.fail("kind", f"must be one of {', '.join(KINDS)} (got {kind!r})")
        phrases = self.string_list(raw, "phrases", required=False)
        patterns = self.patterns(raw.get("patterns"))
        if not phrases and not patterns:
            raise self.fail("phrases", "a rule needs 'phrases' or 'patterns' (or both)")
        suppress_when = frozenset(self.choice_list(raw, "suppress_when", CONTEXTS, ()))
        soften_when = frozenset(self.choice_list(raw, "soften_when", CONTEXTS, ()))
        if suppress_when & soften_when:
            raise self.fail(
                "soften_when", f"{sorted(suppress_when & soften_when)} already in suppress_when"
            )
        references = pack_refs + self.references(raw.get("references"), "references")
        if not references:
            raise self.fail(
                "references", "a rule needs at least one reference (in the rule or the pack)"
            )
        flag, passing = self.examples(raw.get("examples"))
        replaces = self.optional_string(raw, "replaces", pattern=_ID)
        if replaces and not self.site_pack:
            raise self.fail(
                "replaces",
                "only a site's own rule pack (rules-dirs in the config) may replace a rule",
            )
        jurisdictions = self.choice_list(raw, "jurisdictions", JURISDICTIONS, ("any",))
        rule = Rule(
            id=rule_id,
            category=category,
            severity=severity,
            kind=kind,
            message=self.string(raw, "message"),
            messages=self.message_variants(raw.get("messages")),
            rationale=self.optional_string(raw, "rationale") or description,
            phrases=phrases,
            patterns=patterns,
            suppress_when=suppress_when,
            soften_when=soften_when,
            suggestions=self.suggestions(raw.get("suggestions")),
            references=references,
            jurisdictions=jurisdictions,
            flag_examples=flag,
            pass_examples=passing,
            fix_examples=self.fix_examples(raw.get("examples")),
            nofix_examples=self.string_list(raw.get("examples") or {}, "nofix", required=False),
            source=self.source,
            replaces=replaces,
            opt_in=self.opt_in(raw, jurisdictions),
            approved_products=self.approved_products(raw, suppress_when | soften_when),
            language=self.language,
            listed_under=self.listed_under(raw.get("listed_under")),
        )
        return self.with_requirements(rule)

    def listed_under(self, value: object) -> ListedUnder | None:
        """``listed_under: {announces: [...], not_under: [...], naming: [...]}`` (see
        copylint/stages/lists.py)."""
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail("listed_under", "must be a mapping of announces, not_under, naming")
        self.check_keys(value, _LISTED_UNDER_KEYS, "listed_under.")
        announces = self.string_list(value, "announces", required=True)
        return ListedUnder(
            announces,
            self.string_list(value, "not_under", required=False),
            self.string_list(value, "naming", required=False),
            self.string_list(value, "not_entries", required=False),
        )

    def approved_products(self, raw: dict, contexts: frozenset[str]) -> frozenset[str]:
        products = self.string_list(raw, "approved_products", required=False)
        if products and "named_product" not in contexts:
            raise self.fail(
                "approved_products",
                "is only read by the named_product context; add it to suppress_when",
            )
        if not products and "named_product" in contexts:
            raise self.fail("suppress_when", "named_product needs a list of approved_products")
        for product in products:
            if not re.fullmatch(r"[\w.]+", product):
                raise self.fail(
                    "approved_products", f"{product!r} must be one word, as a token's NORM is"
                )
        return frozenset(p.lower() for p in products)

    def opt_in(self, raw: dict, jurisdictions: tuple[str, ...]) -> bool:
        value = raw.get("opt_in", False)
        if not isinstance(value, bool):
            raise self.fail("opt_in", f"must be true or false (got {value!r})")
        if value and "any" in jurisdictions:
            raise self.fail(
                "opt_in",
                "an opt-in rule names the jurisdictions that opt in (jurisdictions: [au], say)",
            )
        return value

    def extending_rule(self, raw: dict, category: str) -> Rule:
        """``extends: ID`` plus phrases/patterns (and examples): words added to a known rule."""
        if not self.site_pack:
            raise self.fail(
                "extends",
                "only a site's own rule pack (rules-dirs in the config) may extend a rule",
            )
        for key in raw:
            if key not in _EXTENDING_KEYS:
                raise self.fail(
                    str(key),
                    "a rule that extends another only adds "
                    f"{', '.join(sorted(_EXTENDING_KEYS - {'extends'}))}",
                )
        target = self.string(raw, "extends", pattern=_ID)
        phrases = self.string_list(raw, "phrases", required=False)
        patterns = self.patterns(raw.get("patterns"))
        if not phrases and not patterns:
            raise self.fail("phrases", "a rule that extends another adds 'phrases' or 'patterns'")
        examples = raw.get("examples") or {}
        if not isinstance(examples, dict):
            raise self.fail("examples", "needs 'flag' and/or 'pass' lists")
        self.check_keys(examples, _EXAMPLE_KEYS, "examples.")
        rule = Rule(
            id=target,
            category=category,
            severity="warning",
            kind="assertion",
            message="-",
            rationale="",
            phrases=phrases,
            patterns=patterns,
            suppress_when=frozenset(),
            soften_when=frozenset(),
            suggestions=(),
            references=(),
            jurisdictions=("any",),
            flag_examples=self.string_list(examples, "flag", required=False),
            pass_examples=self.string_list(examples, "pass", required=False),
            fix_examples=self.fix_examples(examples),
            nofix_examples=self.string_list(examples, "nofix", required=False),
            source=self.source,
            extends=target,
            language=self.language,
        )
        return self.with_requirements(rule)

    def with_requirements(self, rule: Rule) -> Rule:
        weak, keyed = self.function_words, self.keyed_words
        per_pattern = []
        for index, pattern in enumerate(rule.patterns):
            needs = anchored_requirements(pattern, weak, keyed)
            if not needs:
                needs = [pattern_requirement(pattern, weak, keyed)]
                if not needs[0]:
                    raise self.fail(
                        f"patterns[{index}]",
                        "needs at least one required token given by NORM/LOWER/ORTH/TEXT whose "
                        "words are not function words (the prefilter looks for it before spaCy "
                        "runs)",
                    )
            per_pattern.append(tuple(dict.fromkeys(plain_requirement(r) for r in needs)))
        requirements = [phrase_requirement(phrase, weak) for phrase in rule.match_phrases()]
        return replace(
            rule,
            requirements=tuple(
                dict.fromkeys(
                    [plain_requirement(r) for r in requirements]
                    + [r for needs in per_pattern for r in needs]
                )
            ),
            pattern_requirements=tuple(per_pattern),
        )

    def patterns(self, value: object) -> tuple[tuple[dict, ...], ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(
                "patterns", "must be a list of token patterns (each a list of token specs)"
            )
        result = []
        for index, pattern in enumerate(value):
            name = f"patterns[{index}]"
            if not isinstance(pattern, list) or not pattern:
                raise self.fail(name, "must be a non-empty list of token specs")
            inline: dict[str, Lexicon] = {}
            specs = tuple(
                self.whole_words(self.token_spec(spec, f"{name}[{i}]"), f"{name}[{i}]", inline)
                for i, spec in enumerate(pattern)
            )
            if any("LEXICON" in spec for spec in specs):
                result.extend(self.expanded(specs, name, inline))
            else:
                result.append(specs)
        return tuple(result)

    def whole_words(self, spec: dict, name: str, inline: dict[str, Lexicon]) -> dict:
        """A spec whose NORM words include some spaCy splits ("pain-free" is pain - free) as a
        lexicon token of its words (see lexicons.inline_lexicon); where the spec cannot be one
        (other attributes, a repeat, NOT_IN), the reason such a word never matches."""
        for attr in ("NORM", "LOWER", "ORTH", "TEXT"):
            value = spec.get(attr)
            if value is None:
                continue
            words = [value] if isinstance(value, str) else next(iter(value.values()))
            if attr == "NORM":
                # a word spaCy normalises ("'re" is are, "£" is $) also as its NORM; as written
                # it stays for the prefilter, which reads the text
                normed = [t[0] for w in words if len(t := word_tokens(w)) == 1 and t[0] != w]
                if normed:
                    words = list(dict.fromkeys([*words, *normed]))
                    spec = {
                        **spec,
                        attr: {"IN" if isinstance(value, str) else next(iter(value)): words},
                    }
            split = {word: word_tokens(word) for word in words if len(word_tokens(word)) > 1}
            if not split:
                continue
            word, tokens = next(iter(split.items()))
            simple = set(spec) <= {"NORM", "OP"} and spec.get("OP", "?") == "?"
            if attr == "NORM" and simple and (isinstance(value, str) or "IN" in value):
                key = f"{self.rule_id} {name}"
                inline[key] = inline_lexicon(key, self.language, self.source, words)
                return {"LEXICON": key, **({"OP": "?"} if "OP" in spec else {})}
            raise self.fail(
                name,
                f"{attr} {word!r} is several tokens to spaCy ({' '.join(tokens)}), so one "
                "token never matches it: give it as tokens of their own, or move it to a "
                "token spec of NORM words alone (which may take OP: '?')",
            )
        return spec

    def expanded(
        self, pattern: tuple[dict, ...], name: str, inline: Mapping[str, Lexicon] | None = None
    ) -> list[tuple[dict, ...]]:
        """A pattern naming lexicons as the plain patterns it stands for (see lexicons.py)."""
        try:
            variants = expand_pattern(pattern, {**self.lexicons, **(inline or {})})
        except ValueError as exc:
            raise self.fail(name, str(exc)) from None
        for variant in variants:
            if not all(anchored_requirements(variant) or [pattern_requirement(variant)]):
                words = " ".join(str(s.get("NORM", "")) for s in variant if "NORM" in s)
                raise self.fail(
                    name,
                    f"with the lexicon entry words {words!r} it has no required token that is "
                    "not a function word (the prefilter looks for one before spaCy runs)",
                )
        return variants

    def lexicon_names(self, value: object, name: str) -> str | list[str]:
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise self.fail(name, f"LEXICON takes a lexicon name or a list of them (got {value!r})")
        for lexicon in names:
            if lexicon not in self.lexicons:
                hint = did_you_mean(lexicon, self.lexicons, after="; ", before="")
                known = ", ".join(sorted(self.lexicons)) or "none"
                raise self.fail(name, f"no lexicon {lexicon!r}{hint} (known: {known})")
        return value if isinstance(value, str) else list(names)

    def token_spec(self, spec: object, name: str) -> dict:
        if not isinstance(spec, dict) or not spec:
            raise self.fail(name, f"a token spec is a mapping such as {{NORM: fda}} (got {spec!r})")
        clean: dict[str, object] = {}
        if "LEXICON" in spec:
            if set(spec) - {"LEXICON", "OP"} or spec.get("OP", "?") != "?":
                raise self.fail(
                    name, f"a LEXICON token takes nothing else but OP: '?' (got {spec!r})"
                )
            clean["LEXICON"] = self.lexicon_names(spec["LEXICON"], name)
            if "OP" in spec:
                clean["OP"] = "?"
            return clean
        for attr, value in spec.items():
            if attr == "OP":
                clean[attr] = self.operator(value, name)
            elif attr in _STRING_ATTRS:
                clean[attr] = self.string_value(attr, value, name)
            elif attr in _BOOL_ATTRS:
                if not isinstance(value, bool):
                    raise self.fail(name, f"{attr} takes true or false (got {value!r})")
                clean[attr] = value
            elif attr in _INT_ATTRS:
                if (
                    not isinstance(value, int)
                    or isinstance(value, bool)
                    or not 0 <= value <= _MAX_LENGTH
                ):
                    raise self.fail(
                        name, f"{attr} takes a whole number from 0 to 2^64-1 (got {_shown(value)})"
                    )
                clean[attr] = value
            else:
                known = sorted(_TOKEN_KEYS)
                hint = did_you_mean(str(attr), known, after="; ", before="")
                raise self.fail(name, f"unsupported token attribute {attr!r}{hint}")
        return clean

    def operator(self, value: object, name: str) -> str:
        """An OP as spaCy's Matcher reads it, or the reason it would refuse it (at the first
        check)."""
        match = _OP.match(value) if isinstance(value, str) else None
        if match and match.group().startswith("{"):
            low, comma, high = match.group("n"), match.group("comma"), match.group("m")
            if not (low or high) or (comma and low and high and int(low) > int(high)):
                match = None  # {} {,}: no number; {3,1}: more than at most
            elif max(int(low or 0), int(high or 0)) > MAX_REPEAT:
                raise self.fail(name, f"OP {value!r} repeats a token more than {MAX_REPEAT} times")
        if match is None:
            raise self.fail(
                name,
                "OP must be ?, *, +, ! or {n}, {n,m}, {n,}, {,m} with whole numbers n <= m "
                f"(got {_shown(value)})",
            )
        return str(value)  # a str: the pattern matched it

    def string_value(self, attr: str, value: object, name: str) -> object:
        fold = str.lower if attr in ("NORM", "LOWER") else (lambda s: s)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return fold(str(value))
        if isinstance(value, dict) and len(value) == 1:
            ((op, items),) = value.items()
            if (
                op in ("IN", "NOT_IN")
                and isinstance(items, list)
                and items
                and all(isinstance(i, (str, int, float)) and not isinstance(i, bool) for i in items)
            ):
                return {op: [fold(str(i)) for i in items]}
        raise self.fail(
            name, f"{attr} takes a string or {{IN: [...]}} / {{NOT_IN: [...]}} (got {value!r})"
        )

    def suggestions(self, value: object) -> tuple[Suggestion, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(
                "suggestions",
                "a rule needs at least one suggestion ({advice: ...} or {replace: ...})",
            )
        result = []
        for item in value:
            if not isinstance(item, dict) or not item or set(item) - _SUGGESTION_KEYS:
                raise self.fail(
                    "suggestions",
                    f"each suggestion is {{advice: text}} or {{replace: text}} (got {item!r})",
                )
            advice, replace_with = item.get("advice"), item.get("replace")
            fits = self.fits(item)
            topics, jurisdictions = self.fit_to(item, "suggestions")
            if (topics or jurisdictions) and replace_with is not None:
                raise self.fail(
                    "suggestions",
                    "topics and jurisdictions choose advice; a replace applies wherever it fits",
                )
            if fits and replace_with is None:
                raise self.fail("suggestions", "fits says where a replace applies: give replace")
            if advice is not None and not (isinstance(advice, str) and advice.strip()):
                raise self.fail("suggestions", "advice must be a non-empty string")
            if isinstance(replace_with, dict):
                pairs = tuple((str(k), v) for k, v in replace_with.items())
                if not pairs or not all(
                    k.strip() and isinstance(v, str) and _PLAIN_WORDING.match(v) for k, v in pairs
                ):
                    raise self.fail(
                        "suggestions",
                        "replace maps matched words to plain wording "
                        "(letters, digits, spaces, - ' , . %) "
                        f"(got {replace_with!r})",
                    )
                result.append(Suggestion(advice=advice, replacements=pairs, fits=fits))
            elif replace_with is not None:
                if not (isinstance(replace_with, str) and _PLAIN_WORDING.match(replace_with)):
                    raise self.fail(
                        "suggestions",
                        "replace must be plain wording (letters, digits, spaces, - ' , . %) "
                        f"(got {replace_with!r})",
                    )
                result.append(Suggestion(advice=advice, replace=replace_with, fits=fits))
            else:
                result.append(Suggestion(advice=advice, topics=topics, jurisdictions=jurisdictions))
        if all(s.topics or s.jurisdictions for s in result):
            raise self.fail(
                "suggestions",
                "a rule needs one suggestion for every page (without topics or jurisdictions)",
            )
        return tuple(result)

    def fit_to(self, item: dict, field_name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The ``topics`` and ``jurisdictions`` a suggestion or message variant is for."""
        language = self.languages.get(self.language)
        known = {
            "topics": sorted(language.topic_ids) if language else [],
            "jurisdictions": [j for j in JURISDICTIONS if j != "any"],
        }
        chosen: dict[str, tuple[str, ...]] = {}
        for key, choices in known.items():
            value = item.get(key, [])
            if not isinstance(value, list) or (key in item and not value):
                raise self.fail(f"{field_name}.{key}", "must be a non-empty list")
            unknown = [v for v in value if v not in choices]
            if unknown:
                raise self.fail(
                    f"{field_name}.{key}",
                    f"unknown value {unknown[0]!r}; expected one of {', '.join(choices)}",
                )
            chosen[key] = tuple(value)
        return chosen["topics"], chosen["jurisdictions"]

    def message_variants(self, value: object) -> tuple[MessageVariant, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not value:
            raise self.fail("messages", "must be a list of {text, topics, jurisdictions}")
        variants = []
        for item in value:
            if not isinstance(item, dict) or set(item) - {"text", "topics", "jurisdictions"}:
                raise self.fail(
                    "messages", f"each variant is {{text, topics, jurisdictions}} ({item!r})"
                )
            text = item.get("text")
            if not (isinstance(text, str) and text.strip()):
                raise self.fail("messages", "a variant's text must be a non-empty string")
            topics, jurisdictions = self.fit_to(item, "messages")
            if not topics and not jurisdictions:
                raise self.fail("messages", "a variant says its topics or jurisdictions")
            variants.append(MessageVariant(text.strip(), topics, jurisdictions))
        return tuple(variants)

    def fits(self, item: dict) -> tuple[str, ...]:
        from copylint.positions import POSITIONS

        value = item.get("fits")
        if value is None:
            return ()
        if not isinstance(value, list) or not value or set(map(str, value)) - POSITIONS:
            raise self.fail(
                "suggestions",
                f"fits is a list of positions from {', '.join(sorted(POSITIONS))} (got {value!r})",
            )
        return tuple(map(str, value))

    def fix_examples(self, examples: object) -> tuple[tuple[str, str], ...]:
        value = examples.get("fix") if isinstance(examples, dict) else None
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, dict)
            and set(v) == {"before", "after"}
            and all(isinstance(t, str) and t.strip() for t in v.values())
            for v in value
        ):
            raise self.fail("examples.fix", "must be a list of {before: text, after: text}")
        return tuple((v["before"].strip(), v["after"].strip()) for v in value)

    def examples(self, value: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if not isinstance(value, dict):
            raise self.fail("examples", "needs 'flag' and 'pass' lists")
        self.check_keys(value, _EXAMPLE_KEYS, "examples.")
        flag = self.string_list(value, "flag", required=True)
        passing = self.string_list(value, "pass", required=True)
        if not flag:
            raise self.fail("examples.flag", "needs at least one example the rule must flag")
        if not passing:
            raise self.fail("examples.pass", "needs at least one example the rule must pass")
        return flag, passing


def _shown(value: object) -> str:
    """A value for a message, cut short (a pack may hold an enormous number or string)."""
    text = (
        repr(value)
        if not isinstance(value, int) or value.bit_length() < 100
        else "an enormous number"
    )
    return text if len(text) <= 60 else text[:57] + "..."


def _with_hyphen_variants(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Each phrase as written, with its hyphens as spaces or dropped ("FDA-approved",
    "FDA approved", "FDAapproved"), and with any of its spaces (up to three) as hyphens
    ("clinically-proven")."""
    out: dict[str, None] = {}
    for phrase in phrases:
        out[phrase] = None
        out[re.sub(r"(?<=\w)-(?=\w)", " ", phrase)] = None
        out[re.sub(r"(?<=\w)-(?=\w)", "", phrase)] = None
        parts = re.split(r"(?<=\w) (?=\w)", phrase)
        if 1 < len(parts) <= 4:
            for joins in itertools.product(" -", repeat=len(parts) - 1):
                out[
                    "".join(part + join for part, join in zip(parts, joins + ("",), strict=True))
                ] = None
    return tuple(out)


def _key_words(text: str, weak: frozenset[str]) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in weak]


def phrase_requirement(phrase: str, weak: frozenset[str] | None = None) -> Requirement:
    """Words a match of the phrase contains as they are spelled in lower-cased text. ``weak``:
    the language's function words, never keys (English's by default)."""
    words = _key_words(phrase, builtin_language().function_words if weak is None else weak)
    if not words:
        words = sorted(_WORD.findall(phrase.lower()), key=len)[-1:] or [phrase.lower().strip()]
    return tuple(frozenset([w]) for w in dict.fromkeys(words))


def anchored_requirements(
    pattern: tuple[dict, ...],
    weak: frozenset[str] | None = None,
    keyed: frozenset[str] = frozenset(),
) -> list[Requirement]:
    """For a pattern with a lexicon token at an end (lexicons.Anchor, one token for the Matcher):
    one requirement per group of the lexicon's forms, as exact as for plain patterns."""
    anchors = [spec["LEXICON"] for spec in (pattern[0], pattern[-1]) if "LEXICON" in spec]
    if not anchors:
        return []
    weak = builtin_language().function_words if weak is None else weak
    if len(pattern) == 1 or anchors[0] is anchors[-1]:
        anchors = anchors[:1]
    required, narrowing = _required_groups(
        tuple(spec for spec in pattern if "LEXICON" not in spec), weak, keyed
    )
    choices = [
        [tuple(s for s in sets if s.isdisjoint(weak)) for sets in anchor.word_sets]
        for anchor in anchors
    ]
    requirements = []
    for combination in itertools.product(*choices):
        groups = required + tuple(s for sets in combination for s in sets)
        requirements.append(tuple(dict.fromkeys(groups + narrowing if groups else ())))
    return requirements


def pattern_requirement(
    pattern: tuple[dict, ...],
    weak: frozenset[str] | None = None,
    keyed: frozenset[str] = frozenset(),
) -> Requirement:
    """For every required token given literally, the set of its spellings (one must appear)."""
    weak = builtin_language().function_words if weak is None else weak
    required, narrowing = _required_groups(pattern, weak, keyed)
    return tuple(dict.fromkeys(required + narrowing)) if required else ()


def _required_groups(
    pattern: tuple[dict, ...], weak: frozenset[str], keyed: frozenset[str]
) -> tuple[Requirement, Requirement]:
    """(the spellings of each required literal token that is no function word, those of each
    whose spellings are all ``keyed`` function words). The second only narrows the first: "no
    more" + acne needs all three words; "no more" alone is no key."""
    required, narrowing = [], []
    for spec in pattern:
        op = spec.get("OP", "")
        if op in ("?", "*", "!") or (op.startswith("{") and op[1:2] in ("0", ",")):
            continue
        if _digits_only(spec):
            narrowing.append(frozenset({DIGITS}))
            continue
        for attr in ("NORM", "LOWER", "ORTH", "TEXT"):
            value = spec.get(attr)
            values = (
                [value]
                if isinstance(value, str)
                else value.get("IN")
                if isinstance(value, dict)
                else None
            )
            if not values:
                continue
            values = [v.lower().strip() for v in values]
            if all(
                v and v not in weak for v in values
            ):  # weak words may be spelled otherwise ("n't")
                required.append(frozenset(values))
            elif all(v in keyed or v not in weak for v in values):
                narrowing.append(frozenset(values))
            break
    return tuple(dict.fromkeys(required)), tuple(dict.fromkeys(narrowing))


def _digits_only(spec: dict) -> bool:
    """A token that is written with digits: IS_DIGIT, or SHAPE whose every value has one."""
    if spec.get("IS_DIGIT") is True:
        return True
    shape = spec.get("SHAPE")
    if isinstance(shape, dict):
        shape = shape.get("IN")
    shapes = [shape] if isinstance(shape, str) else shape if isinstance(shape, list) else []
    return bool(shapes) and all(isinstance(s, str) and "d" in s for s in shapes)
