"""Every problem says how to fix it: a hint per rule in ssedash.fixes, and a meta-test that reads the source of
ssedash/ for every rule the code can emit (the `rule` given to Problem, FieldNote and the helpers that take one)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ssedash import fixes

PACKAGE = Path(__file__).resolve().parents[1] / "ssedash"


def _takes_a_rule(tree: ast.Module) -> dict[str, int]:
    """Functions and dataclasses of a module with a `rule` parameter or field: name -> its position."""
    takes: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = [a.arg for a in node.args.args]
            names = names[1:] if names[:1] in (["self"], ["cls"]) else names
            if "rule" in names:
                takes[node.name] = names.index("rule")
        elif isinstance(node, ast.ClassDef):
            fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
            if "rule" in fields:
                takes[node.name] = fields.index("rule")
    return takes


def _rule_argument(call: ast.Call, position: int) -> ast.expr | None:
    given = next((k.value for k in call.keywords if k.arg == "rule"), None)
    return given if given is not None or len(call.args) <= position else call.args[position]


def _returned_rules(tree: ast.Module) -> set[str]:
    """Rules decided away from the call: `return None, "not_a_number"` in a parse_ function, and the values of a
    module's *_RULES / *_BOUNDS tables (their values: the keys are columns)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("parse_"):
            for returned in (n.value for n in ast.walk(node) if isinstance(n, ast.Return)):
                if isinstance(returned, ast.Tuple) and isinstance(returned.elts[-1], ast.Constant):
                    found.add(returned.elts[-1].value)
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and re.search(r"_(RULES|BOUNDS)$", target.id) for target in node.targets
        ):
            values = node.value.values if isinstance(node.value, ast.Dict) else [node.value]
            found |= {
                n.value
                for value in values
                for n in ast.walk(value)
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and re.fullmatch(r"[a-z_]+", n.value)
            }
    return {rule for rule in found if isinstance(rule, str)}


def emitted_rules() -> tuple[set[str], set[str]]:
    """(rules written as literals, patterns of rules written as f-strings such as f"{column}_range")."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")}
    everywhere: dict[str, int] = {}
    for tree in trees.values():
        everywhere = {**_takes_a_rule(tree), **everywhere}
    rules, patterns = set(), set()
    for tree in trees.values():
        local = _takes_a_rule(tree)
        defined_here = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        rules |= _returned_rules(tree)
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
            position = local.get(name) if name in defined_here else everywhere.get(name)
            argument = None if position is None else _rule_argument(call, position)
            parts = list(ast.walk(argument)) if argument is not None else []
            in_fstrings = {id(v) for part in parts if isinstance(part, ast.JoinedStr) for v in part.values}
            for part in (p for p in parts if id(p) not in in_fstrings):
                if (
                    isinstance(part, ast.Constant)
                    and isinstance(part.value, str)
                    and re.fullmatch(r"[a-z_]+", part.value)
                ):
                    rules.add(part.value)
                elif isinstance(part, ast.JoinedStr):
                    patterns.add(
                        "".join(re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z_]+" for v in part.values)
                    )
    return rules, patterns


def test_the_source_is_read_for_the_rules_we_know_of():
    rules, patterns = emitted_rules()
    assert {"unknown_country", "duplicate_row", "not_a_number", "year_range", "bad_figure", "empty_file"} <= rules
    assert "[a-z_]+_range" in patterns


@pytest.mark.parametrize("rule", sorted(emitted_rules()[0]))
def test_every_rule_the_code_can_emit_says_how_to_fix_it(rule):
    assert rule in fixes.FIXES, f"add a one-sentence hint for '{rule}' to ssedash/fixes.py"


@pytest.mark.parametrize("pattern", sorted(emitted_rules()[1]))
def test_every_rule_built_from_a_pattern_has_a_hint(pattern):
    assert any(re.fullmatch(pattern, rule) for rule in fixes.FIXES), f"no hint matches the rules {pattern}"


def test_every_hint_is_one_sentence_that_ends_with_a_full_stop():
    for rule, hint in fixes.FIXES.items():
        assert hint.endswith(".") and hint[0].isupper(), rule
        assert len(hint) <= 140, rule


def test_a_rule_without_a_hint_gets_the_generic_sentence_not_nothing():
    assert fixes.how_to_fix("no_such_rule") == fixes.GENERIC
    assert fixes.how_to_fix("unknown_country").startswith("Write the country")
