"""YAML mappings that remember the line of every key, so a bad field is reported where it is.

Front matter and directive bodies are both small YAML mappings. PyYAML's `safe_load` forgets
positions, so this composes the node tree first (which keeps marks) and constructs values one
field at a time, and it refuses what `safe_load` silently accepts: duplicate keys.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import Any

import yaml
from markdown_it.utils import EnvType

from steepest.lessons.errors import error_at

_STR_TAG = "tag:yaml.org,2002:str"


class YamlMapping:
    """A YAML mapping with string keys; lines are 1-based lines of the text `env` describes."""

    def __init__(
        self, node: yaml.MappingNode, loader: yaml.SafeLoader, env: EnvType, first_line: int
    ) -> None:
        self._loader = loader
        self._env = env
        self._first_line = first_line
        self.line = self._line_of_node(node)
        self._entries: dict[str, tuple[int, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key_line = self._line_of_node(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                raise error_at(env, key_line, "field names must be plain words")
            if key_node.value in self._entries:
                raise error_at(env, key_line, f"field '{key_node.value}' is given twice")
            self._entries[key_node.value] = (key_line, value_node)

    def fields(self) -> list[str]:
        return list(self._entries)

    def line_of(self, key: str) -> int:
        """The line of `key`, or of the mapping itself when the key is absent."""
        entry = self._entries.get(key)
        return self.line if entry is None else entry[0]

    def reject_unknown(self, allowed: Collection[str], what: str) -> None:
        """Fail on the first field not in `allowed`: a misspelt optional field would otherwise
        be ignored without a word."""
        for key, (line, _node) in self._entries.items():
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                raise error_at(self._env, line, f"unknown field '{key}' in {what} ({expected})")

    def text(self, key: str) -> str:
        """A required field holding a string; a number is returned as the author wrote it."""
        found = self.optional_text(key)
        if found is None:
            raise error_at(self._env, self.line, f"missing field '{key}'")
        return found

    def optional_text(self, key: str) -> str | None:
        node = self._node(key)
        if node is None:
            return None
        value = self._construct(node)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            # The scalar's own text: "0.35" stays "0.35" instead of passing through a float.
            return str(node.value)
        raise error_at(self._env, self.line_of(key), f"field '{key}' must be non-empty text")

    def integer(self, key: str) -> int:
        node = self._node(key)
        if node is None:
            raise error_at(self._env, self.line, f"missing field '{key}'")
        value = self._construct(node)
        if not isinstance(value, int) or isinstance(value, bool):
            raise error_at(self._env, self.line_of(key), f"field '{key}' must be a whole number")
        return value

    def optional_words(self, key: str) -> tuple[str, ...] | None:
        """A list of short texts, such as names: `[w1, w2]`; None when the field is absent."""
        node = self._node(key)
        if node is None:
            return None
        value = self._construct(node)
        if not isinstance(value, list) or not all(
            isinstance(item, str | int) and str(item).strip() for item in value
        ):
            raise error_at(
                self._env, self.line_of(key), f"field '{key}' must be a list such as [w1, w2]"
            )
        return tuple(str(item).strip() for item in value)

    def optional_texts(self, key: str) -> list[tuple[str, int]] | None:
        """A list of non-empty texts, such as a question's hints, each with its line; None when
        the field is absent."""
        node = self._node(key)
        if node is None:
            return None
        items = node.value if isinstance(node, yaml.SequenceNode) else None
        if not items:
            raise error_at(
                self._env, self.line_of(key), f"field '{key}' must be a list of one or more texts"
            )
        texts = []
        for item in items:
            value = self._construct(item)
            if not isinstance(value, str) or not value.strip():
                raise error_at(
                    self._env, self._line_of_node(item), f"each item of '{key}' must be text"
                )
            texts.append((value, self._line_of_node(item)))
        return texts

    def optional_word_lines(self, key: str) -> tuple[tuple[str, int], ...] | None:
        """A list of short texts with the line of each, for lists that name things one by one
        (a unit's lesson slugs); None when the field is absent."""
        words = self.optional_words(key)
        if words is None:
            return None
        node = self._node(key)
        assert isinstance(node, yaml.SequenceNode)  # a list, as optional_words found
        return tuple(
            (word, self._line_of_node(item)) for word, item in zip(words, node.value, strict=True)
        )

    def mapping(self, key: str) -> YamlMapping:
        found = self.optional_mapping(key)
        if found is None:
            raise error_at(self._env, self.line, f"missing field '{key}'")
        return found

    def optional_mapping(self, key: str) -> YamlMapping | None:
        node = self._node(key)
        if node is None:
            return None
        if not isinstance(node, yaml.MappingNode):
            raise error_at(self._env, self.line_of(key), f"field '{key}' must be a mapping")
        return YamlMapping(node, self._loader, self._env, self._first_line)

    def mappings(self, key: str) -> list[YamlMapping]:
        """A required field holding a list of mappings, such as a question's options."""
        node = self._node(key)
        if node is None:
            raise error_at(self._env, self.line, f"missing field '{key}'")
        if not isinstance(node, yaml.SequenceNode):
            raise error_at(self._env, self.line_of(key), f"field '{key}' must be a list")
        items = []
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                raise error_at(
                    self._env, self._line_of_node(item), f"each item of '{key}' must be a mapping"
                )
            items.append(YamlMapping(item, self._loader, self._env, self._first_line))
        return items

    def frozen(self) -> Mapping[str, Any]:
        """Every field as a read-only Python value (mappings and lists frozen all the way down)."""
        return MappingProxyType(
            {key: _freeze(self._construct(node)) for key, (_line, node) in self._entries.items()}
        )

    def _node(self, key: str) -> yaml.Node | None:
        entry = self._entries.get(key)
        return None if entry is None else entry[1]

    def _construct(self, node: yaml.Node) -> Any:
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as err:
            raise error_at(self._env, self._line_of_node(node), f"bad YAML: {err.problem}") from err

    def _line_of_node(self, node: yaml.Node) -> int:
        return self._first_line + node.start_mark.line


def parse_yaml_mapping(text: str, env: EnvType, first_line: int, what: str) -> YamlMapping:
    """Parse `text`, whose first line is line `first_line` (1-based) of the parsed text.

    `what` names the thing being read ("front matter", "the question directive") in errors.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        # Where the broken construct began (an unclosed bracket), else where parsing failed.
        mark = err.context_mark or err.problem_mark
        line = first_line + (mark.line if mark is not None else 0)
        raise error_at(env, line, f"bad YAML in {what}: {err.problem}") from err
    finally:
        loader.dispose()
    if not isinstance(node, yaml.MappingNode):
        raise error_at(env, first_line, f"{what} must be a YAML mapping of 'field: value' lines")
    return YamlMapping(node, loader, env, first_line)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value
