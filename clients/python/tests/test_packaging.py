"""The package as a service installs it: version, typing marker, standard library only, generated code current."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import contimg_hub
from hubs import REPO

CLIENT = REPO / "clients" / "python"
SOURCE = CLIENT / "src" / "contimg_hub"
PACKAGE = Path(contimg_hub.__file__).resolve().parent


def pep440(maven: str) -> str:
    release, _, qualifier = maven.partition("-")
    if not qualifier:
        return release
    if qualifier == "SNAPSHOT":
        return f"{release}.dev0"
    match = re.fullmatch(r"(alpha|beta|rc|RC)-?(\d+)", qualifier)
    if match:
        return f"{release}{ {'alpha': 'a', 'beta': 'b'}.get(match.group(1), 'rc') }{match.group(2)}"
    raise AssertionError(f"no PEP 440 form for the Maven version {maven}")


def test_the_version_is_the_hubs() -> None:
    pom = (REPO / "pom.xml").read_text(encoding="utf-8")
    maven = re.search(r"<artifactId>contimg-hub</artifactId>\s*<version>([^<]+)</version>", pom)
    assert maven, "no version in the root pom.xml"
    assert contimg_hub.__version__ == pep440(maven.group(1)), (
        f"clients/python is {contimg_hub.__version__} but the hub is {maven.group(1)}: "
        f"set src/contimg_hub/_version.py to {pep440(maven.group(1))}")


def test_the_installed_distribution_carries_that_version() -> None:
    metadata = pytest.importorskip("importlib.metadata")
    try:
        installed = metadata.version("contimg-hub-client")
    except metadata.PackageNotFoundError:
        pytest.skip("running from the source tree (PYTHONPATH), not an installed distribution")
    assert installed == contimg_hub.__version__


def test_the_package_is_typed() -> None:
    assert (PACKAGE / "py.typed").is_file()


def test_the_tested_package_is_the_source_tree() -> None:
    """When the tests run against an installed copy, it must be this tree's (re-run pip install if not)."""
    if PACKAGE == SOURCE.resolve():
        return
    stale = [p.name for p in SOURCE.glob("*.py")
             if not (PACKAGE / p.name).exists() or (PACKAGE / p.name).read_bytes() != p.read_bytes()]
    assert not stale, (f"{PACKAGE} is older than {SOURCE} ({', '.join(stale)}): "
                       f"run {sys.executable} -m pip install --no-deps --no-build-isolation {CLIENT}")


def test_only_the_standard_library_is_imported() -> None:
    stdlib: "frozenset[str] | None" = getattr(sys, "stdlib_module_names", None)
    if stdlib is None:
        pytest.skip("sys.stdlib_module_names needs Python 3.10")
    for path in SOURCE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] in stdlib, f"{path.name} imports {name}, which is not in the standard library"


def test_importing_does_not_import_numpy() -> None:
    out = subprocess.run([sys.executable, "-c", "import sys, contimg_hub, contimg_hub.aio; print('numpy' in sys.modules)"],
                         capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"


def test_the_generated_methods_are_current() -> None:
    result = subprocess.run([sys.executable, str(CLIENT / "tools" / "generate_api.py"), "--check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_sync_and_asyncio_hubs_have_the_same_surface() -> None:
    from contimg_hub import aio

    def public(cls: type) -> set:
        return {name for name in dir(cls) if not name.startswith("_")}

    assert public(contimg_hub.Hub) == public(aio.Hub) - {"connect"}, "the two hubs must offer the same calls"
