"""Read a travel matrix file keyed by location ids: CSV ``from,to,distance_km[,duration_min]`` or NPZ.

NPZ files hold arrays ``ids`` (n strings), ``distance_km`` (n×n) and optionally ``duration_min``
(n×n). A CSV must give every ordered pair of distinct ids (the diagonal defaults to 0); durations are
all given or all left out. Values become integer metres and seconds, as everywhere inside the solver.
Problems are raised together as a :class:`ScenarioError`, each naming the file and (CSV) the line.

The file is an input of the scenario, so it is read and checked here, where loading reports every
problem; :mod:`wasteopt.network.matrix_file` turns its content into the network's :class:`MatrixTable`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from wasteopt.scenario.errors import Problem, ScenarioError
from wasteopt.scenario.text_file import read_text

CSV_COLUMNS = ("from", "to", "distance_km", "duration_min")


@dataclass(frozen=True)
class MatrixArrays:
    """The content of a matrix file: ids in file order, metres, and seconds (or ``None``)."""

    ids: list[str]
    distance_m: np.ndarray
    duration_s: np.ndarray | None


def read_matrix_arrays(path: str | Path, display: str | None = None) -> MatrixArrays:
    """Read and check the file (CSV or NPZ, by extension); problems name ``display`` (default: the path
    as given)."""
    path = Path(path)
    shown = display or str(path)
    if path.suffix.lower() == ".npz":
        return _read_npz(path, shown)
    return _read_csv(path, shown)


def _read_csv(path: Path, shown: str) -> MatrixArrays:
    source, problems = read_text(path, shown)
    if source is None:
        raise ScenarioError(problems)
    reader = csv.reader(io.StringIO(source.text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    if header not in (list(CSV_COLUMNS[:3]), list(CSV_COLUMNS)):
        raise ScenarioError([Problem(shown, 1, "header", f"must be {','.join(CSV_COLUMNS[:3])}[,duration_min], got {','.join(header) or 'nothing'}")])
    pairs: dict[tuple[str, str], tuple[float, float | None]] = {}
    lines: dict[tuple[str, str], int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            problems += _csv_row(cells, header, line, shown, pairs, lines)
    except csv.Error as error:
        problems.append(Problem(shown, reader.line_num, "csv", f"not valid CSV: {error}"))
    if problems:
        raise ScenarioError(problems)
    return _assemble(pairs, len(header) == 4, shown)


def _csv_row(cells: list[str], header: list[str], line: int, shown: str,
             pairs: dict[tuple[str, str], tuple[float, float | None]], lines: dict[tuple[str, str], int]) -> list[Problem]:
    """Check one row and add it to ``pairs``; problems for what is wrong with it."""
    if len(cells) != len(header):
        return [Problem(shown, line, "row", f"has {len(cells)} cells, the header has {len(header)}")]
    cells = [c.strip() for c in cells]
    key = (cells[0], cells[1])
    problems = [Problem(shown, line, column, "must not be empty") for column, c in zip(("from", "to"), key) if not c]
    values: list[float | None] = []
    for column, cell in zip(header[2:], cells[2:]):
        value = _number(cell)
        if value is None:
            problems.append(Problem(shown, line, column, f"must be a finite number ≥ 0, got {cell!r}"))
        values.append(value)
    if key in pairs:
        problems.append(Problem(shown, line, "to", f"pair {key[0]} → {key[1]} given twice (first on line {lines[key]})"))
    if not problems:
        pairs[key] = (values[0], values[1] if len(values) > 1 else None)  # type: ignore[assignment]
        lines[key] = line
    return problems


def _number(cell: str) -> float | None:
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if np.isfinite(value) and value >= 0 else None


def _assemble(pairs: dict[tuple[str, str], tuple[float, float | None]], with_durations: bool, shown: str) -> MatrixArrays:
    """Lay the pairs into n×n arrays; every ordered pair of distinct ids must be present."""
    ids = list(dict.fromkeys(k for pair in pairs for k in pair))
    index = {pid: k for k, pid in enumerate(ids)}
    n = len(ids)
    distance = np.zeros((n, n))
    duration = np.zeros((n, n))
    given = np.eye(n, dtype=bool)
    for (a, b), (km, minutes) in pairs.items():
        i, j = index[a], index[b]
        distance[i, j], given[i, j] = km, True
        duration[i, j] = minutes or 0.0
    if not given.all():
        i, j = np.argwhere(~given)[0]
        missing = int((~given).sum())
        raise ScenarioError([Problem(shown, None, "pairs", f"{missing} pairs of ids are missing, e.g. {ids[i]} → {ids[j]}")])
    return MatrixArrays(ids, _metres(distance), _seconds(duration) if with_durations else None)


def _read_npz(path: Path, shown: str) -> MatrixArrays:
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except FileNotFoundError:
        raise ScenarioError([Problem(shown, None, "file", "no such file")]) from None
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        raise ScenarioError([Problem(shown, None, "file", f"not a readable NPZ file ({error})")]) from None
    problems = [Problem(shown, None, name, "array is missing") for name in ("ids", "distance_km") if name not in arrays]
    if problems:
        raise ScenarioError(problems)
    ids = [str(i) for i in np.asarray(arrays["ids"]).ravel()]
    n = len(ids)
    if len(set(ids)) != n:
        problems.append(Problem(shown, None, "ids", "ids must be unique"))
    for name in ("distance_km", "duration_min"):
        if name not in arrays:
            continue
        values = arrays[name]
        if values.shape != (n, n) or not np.issubdtype(values.dtype, np.number):
            problems.append(Problem(shown, None, name, f"must be a {n}×{n} array of numbers (one row per id), got shape {values.shape}"))
        elif not np.all(np.isfinite(values)) or np.any(values < 0):
            problems.append(Problem(shown, None, name, "must be finite numbers ≥ 0"))
    if problems:
        raise ScenarioError(problems)
    duration = arrays.get("duration_min")
    return MatrixArrays(ids, _metres(arrays["distance_km"]), None if duration is None else _seconds(duration))


def _metres(km: np.ndarray) -> np.ndarray:
    return np.rint(np.asarray(km, dtype=float) * 1000.0).astype(np.int64)


def _seconds(minutes: np.ndarray) -> np.ndarray:
    return np.rint(np.asarray(minutes, dtype=float) * 60.0).astype(np.int64)


def road_place_ids(path: str | Path) -> list[str]:
    """The place ids of a road file (``roads.npz`` of ``wasteopt network build``), read alone (an
    NPZ loads each array when asked). Raises ``OSError``, ``ValueError``, ``KeyError`` or
    ``zipfile.BadZipFile`` for a missing or foreign file."""
    with np.load(path, allow_pickle=False) as data:
        return [str(i) for i in data["place_ids"]]
