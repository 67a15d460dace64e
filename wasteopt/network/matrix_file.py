"""The travel matrix file as the network's :class:`MatrixTable`.

The file format (CSV ``from,to,distance_km[,duration_min]`` or NPZ) is read and checked by
:mod:`wasteopt.scenario.matrix_file`, since the file is a scenario input; this module only hands its
content to the network.
"""

from __future__ import annotations

from pathlib import Path

from wasteopt.network.travel import MatrixTable
from wasteopt.scenario.matrix_file import read_matrix_arrays


def read_matrix(path: str | Path, display: str | None = None) -> MatrixTable:
    """The :class:`MatrixTable` in ``path`` (CSV or NPZ, by extension); raises :class:`ScenarioError`."""
    arrays = read_matrix_arrays(path, display)
    return MatrixTable(arrays.ids, arrays.distance_m, arrays.duration_s)
