"""Checks the direction of imports over the whole `nastavnik` package (import-linter).

`nastavnik` is put together from three folders by `[tool.setuptools] package-dir`. An editable
install finds `nastavnik.tenants` and `nastavnik.admin` through setuptools' import hooks, which
grimp (import-linter's graph) does not follow: it would see the core alone and pass any contract
about the features. So this lays the package out as an install would, as symlinks under
`build/lint/`, and runs `lint-imports` on it with the contracts of pyproject.toml.

    python tools/lint_imports.py [CHECKOUT]     # exits with lint-imports' status
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

# `lint-imports` with this interpreter, whatever its scripts folder.
LINT_IMPORTS = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lay_out(checkout: Path, target: Path) -> None:
    """The import package as folders of symlinks, following pyproject's package-dir mapping."""
    config = tomllib.loads((checkout / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    shutil.rmtree(target, ignore_errors=True)
    for name in sorted(mapping, key=lambda n: n.count(".")):  # a package before its subpackages
        source = (checkout / mapping[name]).resolve()
        place = target.joinpath(*name.split("."))
        mapped_inside = {n.split(".")[-1] for n in mapping if n.rpartition(".")[0] == name}
        if not mapped_inside:
            place.symlink_to(source, target_is_directory=True)
            continue
        place.mkdir(parents=True)
        for entry in source.iterdir():
            if entry.name not in mapped_inside:
                (place / entry.name).symlink_to(entry)
        # platform/ has no __init__.py on purpose (see setup.py); here it is a plain package.
        (place / "__init__.py").touch()


def main(checkout: Path) -> int:
    tree = checkout / "build" / "lint"
    lay_out(checkout, tree)
    command = [sys.executable, "-c", LINT_IMPORTS, str(checkout / "pyproject.toml"), "--no-cache"]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    # the command is this interpreter and a fixed line of code
    return subprocess.run(command, cwd=checkout, env=env, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent)))
