"""paths.resource_path in each layout (frozen, wheel, checkout), and what a wheel must carry."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtSvg import QSvgRenderer

from qiemonitor import paths

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"


def _load_copy(paths_file: Path) -> ModuleType:
    """paths.py imported from ``paths_file``, as if it had been installed there."""
    spec = importlib.util.spec_from_file_location("qiemonitor_paths_copy", paths_file)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_source_checkout_finds_the_top_level_resources_folder() -> None:
    found = paths.resource_path("icons", "qiemonitor.svg")
    assert found == REPO / "resources" / "icons" / "qiemonitor.svg"
    assert found.is_file()


def test_a_frozen_build_looks_where_pyinstaller_unpacked_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource_path("translations") == tmp_path / "resources" / "translations"


def test_an_installed_wheel_looks_inside_the_package(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "qiemonitor"
    (package / "resources" / "icons").mkdir(parents=True)
    shutil.copy(Path(paths.__file__), package / "paths.py")
    installed = _load_copy(package / "paths.py")
    assert installed.resource_path("icons") == package / "resources" / "icons"


def _pyproject() -> dict[str, Any]:
    with (REPO / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def test_the_wheel_lists_every_package_and_every_resources_folder() -> None:
    """pyproject lists packages by hand (packages.find cannot map resources/ into the
    package), so a new subpackage or resources folder must be added there too."""
    setuptools = _pyproject()["tool"]["setuptools"]
    expected = {"qiemonitor"}
    expected |= {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "qiemonitor").rglob("__init__.py")
    }
    expected |= {
        ".".join(("qiemonitor", *folder.relative_to(REPO).parts))
        for folder in [REPO / "resources", *(REPO / "resources").rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__"
    }
    assert set(setuptools["packages"]) == expected
    assert setuptools["package-dir"] == {"qiemonitor.resources": "resources"}
    assert setuptools["package-data"]["qiemonitor.resources"] == ["**/*"]


@pytest.mark.usefixtures("qapp")
def test_the_icon_renders_and_its_pngs_are_the_sizes_they_are_named() -> None:
    assert QSvgRenderer(str(ICONS / "qiemonitor.svg")).isValid()
    for size in (16, 32, 64, 256):
        image = QImage(str(ICONS / f"qiemonitor-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    for name, count in (("qiemonitor.ico", 5), ("qiemonitor.icns", 6)):
        reader = QImageReader(str(ICONS / name))
        assert reader.imageCount() == count, name
        assert not reader.read().isNull(), name
