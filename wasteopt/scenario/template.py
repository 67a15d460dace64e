"""``wasteopt template``: an empty scenario a manager can fill, written to a folder.

The files: ``scenario.yaml`` (commented, pointing to the workbooks, short sections as examples),
``rooms.xlsx`` and ``stations.xlsx`` (a sheet to fill and a help sheet), the same two tables as
UTF-8-with-BOM CSV (Excel opens them with Chinese intact), and ``README.txt`` explaining every
column in Chinese and English. As written it loads (with empty tables); once rows are filled in it
is a scenario. Existing files are never replaced unless asked (a filled-in template is work).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from wasteopt.files import write_atomic
from wasteopt.scenario.field_help import columns
from wasteopt.scenario.sections import SECTIONS
from wasteopt.scenario.template_text import TABLE_SECTIONS, readme_text, template_yaml
from wasteopt.scenario.template_xlsx import template_workbook

UTF8_BOM = "\ufeff"


def template_files() -> dict[str, str | bytes]:
    """Every file of the template by name: text or workbook bytes."""
    files: dict[str, str | bytes] = {"scenario.yaml": template_yaml()}
    for section in TABLE_SECTIONS:
        files[f"{section}.xlsx"] = template_workbook(section, SECTIONS[section])
        files[f"{section}.csv"] = UTF8_BOM + header_csv(columns(SECTIONS[section]))
    files["README.txt"] = readme_text()
    return files


def existing_files(directory: Path) -> list[Path]:
    """Files of the template already in ``directory`` (which writing would replace)."""
    return [directory / name for name in template_files() if (directory / name).exists()]


def write_template(directory: Path) -> list[Path]:
    """Write the template into ``directory`` (created if missing), replacing files of the same names;
    returns the paths written."""
    written = []
    for name, content in template_files().items():
        write_atomic(directory / name, content)
        written.append(directory / name)
    return written


def header_csv(names: list[str]) -> str:
    """A CSV table with only its header row."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(names)
    return buffer.getvalue()
