"""Load a scenario from ``scenario.yaml`` (and the tables it points to), reporting every problem.

``load_scenario(path)`` returns a :class:`Scenario` or raises :class:`ScenarioError` carrying all the
problems found, each as ``FILE:LINE: field: message`` (``FILE:Sheet!B17: ...`` in a workbook). The
stages: parse the YAML (keeping lines), read each list section inline or from its table (CSV or
``.xlsx``) and validate it record by record, validate the rest of the file, cross-check records
against each other, and check the travel matrix file if any. :func:`load_with_files` also says how
each file was read (its encoding, or the workbook's sheet), for ``check``.

Paths inside the scenario (tables, the matrix file) are relative to ``scenario.yaml``; the
matrix path is stored absolute in the model so it works from any working directory.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from wasteopt.scenario.checks import Context, cross_check
from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.input_files import InputFile
from wasteopt.scenario.matrix_file import read_matrix_arrays, road_place_ids
from wasteopt.scenario.messages import describe, field_label
from wasteopt.scenario.models import Identifier, Scenario, Travel, Variant
from wasteopt.scenario.sections import SECTIONS, Section, read_section
from wasteopt.scenario.yaml_source import YamlDocument, read_yaml

_VARIANTS = TypeAdapter(dict[Identifier, Variant])


@dataclass
class Reading:
    """What reading a scenario gave: the scenario (``None`` if it cannot be built), every problem
    (sorted by file and line), and the files read with how each was read."""

    scenario: Scenario | None
    problems: list[Problem]
    files: list[InputFile] = field(default_factory=list)


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in ``path``; raises :class:`ScenarioError` with every problem found."""
    return load_with_files(path)[0]


def load_with_files(path: str | Path) -> tuple[Scenario, list[InputFile]]:
    """The scenario in ``path`` and the files it was read from (``scenario.yaml: UTF-8``,
    ``rooms.csv: GB18030 (GBK)``, ...); raises :class:`ScenarioError` with every problem found."""
    reading = read_inputs(path)
    if reading.problems or reading.scenario is None:
        raise ScenarioError(reading.problems)
    return reading.scenario, reading.files


def read_scenario(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """The scenario (``None`` if it cannot be built) and every problem, sorted by file and line."""
    reading = read_inputs(path)
    return reading.scenario, reading.problems


def read_inputs(path: str | Path) -> Reading:
    """Read the scenario in ``path`` with its tables: the scenario, every problem, the files read."""
    display = str(path)
    path = Path(path)
    document, problems = read_yaml(path, display)
    if document is None:
        return Reading(None, problems)
    files = [InputFile(display, document.encoding)]
    if not isinstance(document.data, dict):
        return Reading(None, [*problems, Problem(display, 1, "yaml", "must be a mapping of sections (name:, rooms:, stations:, ...)")], files)
    data: dict[str, Any] = document.data
    base_display = os.path.dirname(display)
    sections: dict[str, Section] = {}
    for name in SECTIONS:
        if name in data:
            sections[name], found = read_section(name, data[name], document, display, path.parent, base_display)
            problems += found
            source = sections[name].source
            if source is not None and source not in files:
                files.append(source)
    rest = _absolute_matrix_path({k: v for k, v in data.items() if k not in SECTIONS}, path.parent)
    scenario, found = _validate_top(rest, sections, document, display)
    problems += found
    travel = scenario.travel if scenario else _try(lambda: Travel.model_validate(rest.get("travel", {})))
    variants = scenario.variants if scenario else _try(lambda: _VARIANTS.validate_python(rest.get("variants", {})))
    problems += cross_check(Context(sections, document, display, travel, variants))
    if scenario is not None and scenario.travel.model == "matrix":
        problems += _matrix_problems(scenario, _matrix_display(data, base_display))
    if scenario is not None and scenario.travel.model == "roads":
        problems += _roads_problems(scenario, _roads_display(data, base_display))
    problems.sort(key=lambda p: (p.file != display, p.file, p.line or 0))
    return Reading(scenario if not problems else None, problems, files)


def _validate_top(
    rest: dict[str, Any], sections: dict[str, Section], document: YamlDocument, display: str
) -> tuple[Scenario | None, list[Problem]]:
    """Validate everything but the list sections (passed in as already-valid records)."""
    records = {name: [record for record, _ in section.records] for name, section in sections.items()}
    try:
        return Scenario.model_validate({**rest, **records}), []
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            message = describe(detail)
            label = field_label(detail["loc"], message) or "scenario"
            problems.append(Problem(display, document.line_of(detail["loc"]), label, message))
        return None, problems


def _try(build: Any) -> Any:
    try:
        return build()
    except (ValidationError, TypeError, ValueError):
        return None


def _absolute_matrix_path(rest: dict[str, Any], base: Path) -> dict[str, Any]:
    """A copy of the top level with ``travel.matrix.file`` and ``travel.roads`` made absolute
    (relative to the YAML file)."""
    travel = rest.get("travel")
    if isinstance(travel, dict) and isinstance(travel.get("roads"), str) and travel["roads"]:
        travel = {**travel, "roads": os.path.normpath(os.path.join(os.path.abspath(base), travel["roads"]))}
        rest = {**rest, "travel": travel}
    if not (isinstance(travel, dict) and isinstance(travel.get("matrix"), dict)):
        return rest
    matrix = travel["matrix"]
    if not isinstance(matrix.get("file"), str) or not matrix["file"]:
        return rest
    absolute = os.path.normpath(os.path.join(os.path.abspath(base), matrix["file"]))
    return {**rest, "travel": {**travel, "matrix": {**matrix, "file": absolute}}}


def _matrix_display(data: dict[str, Any], base_display: str) -> str:
    relative = data["travel"]["matrix"]["file"]
    return os.path.join(base_display, relative) if base_display and not os.path.isabs(relative) else relative


def _roads_display(data: dict[str, Any], base_display: str) -> str:
    relative = data["travel"]["roads"]
    return os.path.join(base_display, relative) if base_display and not os.path.isabs(relative) else relative


def _roads_problems(scenario: Scenario, display: str) -> list[Problem]:
    """The road file must be one ``wasteopt network build`` wrote, with every place of the scenario on it."""
    assert scenario.travel.roads is not None
    try:
        ids = road_place_ids(scenario.travel.roads)
    except FileNotFoundError:
        return [Problem(display, None, "travel.roads", "no such file (run: wasteopt network build SCENARIO --osm FILE --out DIR)")]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return [Problem(display, None, "travel.roads", "not a road file written by 'wasteopt network build' (roads.npz)")]
    known = set(ids)
    missing = [pid for pid in scenario.locations() if pid not in known]
    if not missing:
        return []
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    return [Problem(display, None, "ids", f"{len(missing)} places of the scenario are not on the roads: {shown} "
                    "(build again: wasteopt network build)")]


def _matrix_problems(scenario: Scenario, display: str) -> list[Problem]:
    """The matrix file must be readable and cover every place of the scenario."""
    assert scenario.travel.matrix is not None
    try:
        arrays = read_matrix_arrays(scenario.travel.matrix.file, display)
    except ScenarioError as error:
        return error.problems
    known = set(arrays.ids)
    missing = [pid for pid in scenario.locations() if pid not in known]
    if not missing:
        return []
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    return [Problem(display, None, "ids", f"{len(missing)} places of the scenario are not in the matrix: {shown}")]
