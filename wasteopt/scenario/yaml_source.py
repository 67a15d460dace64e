"""Read ``scenario.yaml`` into plain data plus a map from each path in it to its line number.

Why not ``yaml.safe_load``: error messages must name the line of the offending field, and the plain
loader forgets where things came from. Here the node tree is composed first (its marks hold the
lines), then constructed into Python data with the same loader.

Two YAML 1.1 traps are closed on the way: ``14:00`` written without quotes would be the base-60
integer 840 (so ``shift_end: 14:00`` would mean 00:14), and a repeated key would silently win. Clock
times stay strings here, and repeated keys are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wasteopt.scenario.errors import Problem
from wasteopt.scenario.text_file import read_text

PathKey = tuple[str, ...]


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster on big files


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader without base-60 numbers, so ``06:00`` and ``14:00`` stay strings."""


_NO_SEXAGESIMAL = {
    "tag:yaml.org,2002:int": re.compile(
        r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$""", re.X
    ),
    "tag:yaml.org,2002:float": re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, _NO_SEXAGESIMAL.get(tag, regexp)) for tag, regexp in resolvers]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "-+0123456789.":
    _resolvers = _Loader.yaml_implicit_resolvers.setdefault(_first, [])
    if not any(tag == "tag:yaml.org,2002:float" for tag, _ in _resolvers):
        _resolvers.append(("tag:yaml.org,2002:float", _NO_SEXAGESIMAL["tag:yaml.org,2002:float"]))
IMPLICIT_RESOLVERS = _Loader.yaml_implicit_resolvers
"""How the loader reads plain scalars: a writer quotes every string these would read as something else."""


@dataclass
class YamlDocument:
    """Plain data from a YAML file and the line of every mapping key / sequence item in it."""

    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    encoding: str = ""
    """The encoding the file was read in (``UTF-8``, ``GB18030 (GBK)``, ...)."""

    def line_of(self, path: tuple[Any, ...]) -> int:
        """The line of ``path`` (a pydantic ``loc``), or of its longest prefix found in the file."""
        key = tuple(str(part) for part in path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


def read_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``path`` (UTF-8 or GB18030, detected); problems (missing file, bad encoding, syntax,
    repeated keys) name ``display``."""
    source, problems = read_text(path, display)
    if source is None:
        return None, problems
    loader = _Loader(source.text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display, 1, "yaml", "the file is empty")]
        document = YamlDocument(data=None, encoding=source.encoding)
        problems = _map_lines(node, (), document.lines, display)
        document.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = error.problem or "syntax error"
        if error.context:
            reason += f" ({error.context})"
        return None, [Problem(display, line, "yaml", f"not valid YAML: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(display, None, "yaml", f"not valid YAML: {error}")]
    finally:
        loader.dispose()
    return document, problems


def _map_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], display: str) -> list[Problem]:
    """Record the line of every key and item under ``node``; report keys given twice."""
    problems: list[Problem] = []
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*path, str(key_node.value))
            if key in lines:
                label = ".".join(key) or "yaml"
                problems.append(Problem(display, key_node.start_mark.line + 1, label, f"given twice (first on line {lines[key]})"))
                continue
            lines[key] = key_node.start_mark.line + 1
            problems += _map_lines(value_node, key, lines, display)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = (*path, str(index))
            lines[key] = item.start_mark.line + 1
            problems += _map_lines(item, key, lines, display)
    return problems
