"""Spreadsheets as schools have them: .ods and .xls made from an .xlsx by LibreOffice itself.

No Python library writes .xls, and a hand-written .ods would test our idea of the format rather
than LibreOffice's; so the files are converted by `soffice --headless`, once per test session.
Without LibreOffice the tests that need it are skipped on a developer's machine and FAIL under
CI (CI=true), as the browser tests treat Chromium.
"""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = Path(shutil.which("soffice") or "/usr/bin/soffice")


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """convert(xlsx_bytes, "ods" | "xls") → the same workbook saved by LibreOffice."""
    if not SOFFICE.exists():
        message = (
            f"LibreOffice не найден ({SOFFICE}): apt-get install libreoffice-calc / "
            f"LibreOffice not found at {SOFFICE}: apt-get install libreoffice-calc"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("libreoffice")
    # its own profile: parallel test workers never wait on each other's profile lock
    profile = (folder / "profile").as_uri()
    converted: dict[tuple[str, str], bytes] = {}

    def convert(data: bytes, to: str) -> bytes:
        name = hashlib.sha256(data).hexdigest()[:16]
        if (name, to) not in converted:
            source = folder / f"{name}.xlsx"
            source.write_bytes(data)
            subprocess.run(
                [
                    str(SOFFICE),
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    to,
                    "--outdir",
                    str(folder / to),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            converted[(name, to)] = (folder / to / f"{name}.{to}").read_bytes()
        return converted[(name, to)]

    return convert
