"""The direction of imports is checked over the whole package, the school's and district's too.

`make lint` runs tools/lint_imports.py; were the graph to see the core alone (as an editable
install shows it to grimp), a school feature importing the district area would pass unnoticed.
"""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CODE = ("platform", "tenants", "admin")
NO_DISTRICT = "Раздел школы не импортирует районный раздел"


def lint_imports(checkout: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (this interpreter, the project's own script)
        [sys.executable, str(REPO / "tools" / "lint_imports.py"), str(checkout)],
        capture_output=True,
        text=True,
        check=False,
    )


def only_code(folder, names):
    return [
        n
        for n in names
        if n == "__pycache__" or (Path(folder, n).is_file() and not n.endswith(".py"))
    ]


def test_the_checkout_keeps_every_contract():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_school_feature_importing_the_district_area_is_caught(tmp_path):
    for folder in CODE:
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=only_code)
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    models = tmp_path / "tenants" / "staff" / "models.py"
    models.write_text(
        models.read_text(encoding="utf-8") + "\nimport nastavnik.admin.dashboard  # noqa\n",
        encoding="utf-8",
    )

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert f"{NO_DISTRICT} BROKEN" in result.stdout
    assert "nastavnik.tenants.staff.models -> nastavnik.admin.dashboard" in result.stdout
