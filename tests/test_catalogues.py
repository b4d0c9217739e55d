"""The catalogues keep up with the code (issue #13): every message the code can show is translated in every
language, with the same placeholders, and nothing is translated at import time (that would freeze English). A
message about a count (`tn`, `Nn_`) is one plural entry with every form of the language filled."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from ssedash import i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "ssedash" / "locale"
KEYWORDS = {**DEFAULT_KEYWORDS, "t": None, "N_": None, "tn": (1, 2), "Nn_": (1, 2)}
PLURAL_FORMS = {i18n.Language.FR: 2, i18n.Language.ES: 2, i18n.Language.KO: 1}  # gettext's nplurals
Message = str | tuple[str, str]  # a message, or a plural entry's (singular, plural)
PLACEHOLDER = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")


def code_messages() -> set[Message]:
    """Every literal message of t("…") / N_("…") (and (singular, plural) of tn / Nn_) in the package, the pages and
    app.py, as Babel extracts it."""
    found: set[Message] = set()
    for folder in ("ssedash", "pages"):
        for _, _, message, *_ in extract_from_dir(ROOT / folder, [("**.py", "python")], keywords=KEYWORDS):
            found.add(message)
    for _, message, *_ in extract_from_file("python", ROOT / "app.py", keywords=KEYWORDS):
        found.add(message)
    return {message for message in found if message and (isinstance(message, str) or all(message))}


def forms(message) -> tuple[str, ...]:
    """A catalogue entry's translation as a tuple of forms (one for a plain message)."""
    return message.string if isinstance(message.string, tuple) else (message.string,)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def catalogue(language: i18n.Language):
    with (LOCALE_DIR / language.value / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=language.value)


def test_the_code_has_messages_to_translate():
    messages = code_messages()
    assert len(messages) > 500 and "Overview" in messages and "at least {n}" in messages


@pytest.mark.parametrize("language", i18n.TRANSLATED, ids=lambda language: language.value)
def test_every_message_is_translated_in_every_catalogue(language):
    entries = {message.id: message for message in catalogue(language) if message.id}
    missing = sorted(code_messages() - set(entries))
    assert missing == [], f"not in {language.value}'s catalogue (run `make translations-update`): {missing[:20]}"
    untranslated = sorted(map(str, (m for m in code_messages() if not all(forms(entries[m])) or entries[m].fuzzy)))
    assert untranslated == [], f"{len(untranslated)} messages untranslated in {language.value}: {untranslated[:20]}"


@pytest.mark.parametrize("language", i18n.TRANSLATED, ids=lambda language: language.value)
def test_a_message_about_a_count_has_every_plural_form_of_the_language(language):
    plural = [m for m in catalogue(language) if isinstance(m.id, tuple)]
    assert len(plural) >= 10
    assert [m.id for m in plural if len(forms(m)) != PLURAL_FORMS[language]] == []


@pytest.mark.parametrize("language", i18n.TRANSLATED, ids=lambda language: language.value)
def test_a_translation_keeps_the_placeholders_of_its_message(language):
    wrong = [
        (message.id, message.string)
        for message in catalogue(language)
        if isinstance(message.id, str)
        and message.id
        and message.string
        and placeholders(message.id) != placeholders(message.string)
    ]
    assert wrong == []


@pytest.mark.parametrize("language", i18n.TRANSLATED, ids=lambda language: language.value)
def test_every_form_of_a_plural_entry_says_what_the_singular_says_and_no_more_than_the_plural(language):
    """The singular may leave the count out ("I have read the warning"); no form may name a value the code does not
    pass, nor drop one the singular needs."""
    wrong = []
    for message in catalogue(language):
        if not isinstance(message.id, tuple):
            continue
        singular, plural = (set(placeholders(text)) for text in message.id)
        if not singular <= plural or any(not singular <= set(placeholders(f)) <= plural for f in forms(message)):
            wrong.append(message.id[0])
    assert wrong == []


@pytest.mark.parametrize("language", i18n.TRANSLATED, ids=lambda language: language.value)
def test_a_catalogue_holds_no_message_the_code_no_longer_shows(language):
    stale = sorted(map(str, {m.id for m in catalogue(language) if m.id} - code_messages()))
    assert stale == [], f"run `make translations-update`: {stale[:20]}"


def _python_files() -> list[Path]:
    return sorted((ROOT / "ssedash").rglob("*.py")) + sorted((ROOT / "pages").glob("*.py"))


def _is_t_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("t", "tn")


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _literal_messages() -> set[tuple[str, Message]]:
    """(where, message) of every t("literal") / N_("literal") / tn("one", "many", …) / Nn_("one", "many") the AST
    sees, f-strings' insides included."""
    found: set[tuple[str, Message]] = set()
    for path in _python_files() + [ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
                continue
            where, texts = f"{path.relative_to(ROOT)}:{node.lineno}", [_literal(arg) for arg in node.args[:2]]
            if node.func.id in ("t", "N_") and texts[0] is not None:
                found.add((where, texts[0]))
            elif node.func.id in ("tn", "Nn_") and len(texts) == 2 and texts[0] is not None and texts[1] is not None:
                found.add((where, (texts[0], texts[1])))
    return found


def test_every_message_in_the_code_reaches_the_extractor():
    """Babel does not see a t("…") written inside an f-string: such a message would never be translated."""
    extracted = code_messages()
    unseen = sorted(where for where, text in _literal_messages() if text and text not in extracted)
    assert unseen == [], f"write these outside f-strings: {unseen}"


def test_no_message_is_built_before_it_is_translated():
    """t(f"…") or t("a" + b) cannot be in a catalogue: the text must be a literal with named placeholders."""
    built = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _is_t_call(node) and node.args and isinstance(node.args[0], ast.JoinedStr | ast.BinOp):
                built.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert built == []


def _calls_run_at_import(node: ast.AST) -> list[ast.Call]:
    """The t() calls under `node` that run when the module is imported: not inside a function or lambda body
    (a function's default arguments do run at import)."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        arguments = node.args
        defaults = arguments.defaults + [d for d in arguments.kw_defaults if d is not None]
        return [call for default in defaults for call in _calls_run_at_import(default)]
    own = [node] if _is_t_call(node) else []
    return own + [call for child in ast.iter_child_nodes(node) for call in _calls_run_at_import(child)]


def test_nothing_is_translated_at_import_time():
    """A module-level, class-level or default-argument t() runs once, in English: mark the text with N_() and
    translate it where it is shown. (Pages and app.py run on every script run: there t() is at the top level.)"""
    package = sorted((ROOT / "ssedash").rglob("*.py"))
    early = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path in package
        for call in _calls_run_at_import(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert early == []


@pytest.mark.parametrize("language", i18n.TRANSLATED, ids=lambda language: language.value)
def test_the_compiled_catalogue_the_app_reads_says_what_the_po_says(language):
    entries = [m for m in catalogue(language) if m.id and m.string and not m.fuzzy]
    compiled = i18n.catalogue(language)
    assert entries and all(compiled.gettext(m.id) == m.string for m in entries if isinstance(m.id, str))
    plural = [m for m in entries if isinstance(m.id, tuple)]
    many = PLURAL_FORMS[language] - 1  # the form for 5 things
    assert plural and all(compiled.ngettext(*m.id, 5) == forms(m)[many] for m in plural)
    assert all(compiled.ngettext(*m.id, 1) == forms(m)[0] for m in plural)


@pytest.mark.parametrize("language", i18n.TRANSLATED, ids=lambda language: language.value)
def test_a_lower_bound_keeps_its_plus_in_every_catalogue(language):
    """Charts and tables spot a lower bound by its trailing "+" (and readers too): a translation must keep it."""
    with i18n.use(language):
        assert i18n.t("{n}+").endswith("+")
        assert i18n.t("at least {n}") != "{n}"
