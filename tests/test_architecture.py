"""The import direction runs one way: pathways <- layouts <- callbacks <- app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["pathways", "layouts", "callbacks", "app"]
UI_PACKAGES = {"dash", "plotly", "dash_bootstrap_components", "flask", "flask_talisman"}


def imported_top_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def package_files(package):
    if package == "app":
        return [ROOT / "app.py"]
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("index", range(len(LAYERS)))
def test_no_layer_imports_a_layer_above_it(index):
    above = set(LAYERS[index + 1 :])
    for path in package_files(LAYERS[index]):
        wrong = imported_top_names(path) & above
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)} from a layer above it"


def test_the_domain_package_has_no_ui_imports():
    for path in package_files("pathways"):
        wrong = imported_top_names(path) & UI_PACKAGES
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


def test_layouts_do_no_io_and_register_no_callbacks():
    for path in package_files("layouts"):
        text = path.read_text(encoding="utf-8")
        assert "callback(" not in text, f"{path.relative_to(ROOT)} registers a callback"
        assert "open(" not in text and "read_csv" not in text, f"{path.relative_to(ROOT)} reads files"


def test_storage_has_no_ui_imports():
    for path in package_files("storage"):
        wrong = imported_top_names(path) & (UI_PACKAGES | {"layouts", "callbacks", "app"})
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
