"""The app factory, configuration, error pages and the portal."""

import platform as stdlib_platform
import subprocess
import sys
from pathlib import Path

import pytest

from nastavnik.config import Defaults, load_secret_key

REPO = Path(__file__).resolve().parents[2]


def test_platform_folder_does_not_shadow_the_standard_library():
    assert not (REPO / "platform" / "__init__.py").exists()
    assert stdlib_platform.python_version()  # the real standard library module
    import nastavnik.app

    assert Path(nastavnik.app.__file__).parent == REPO / "platform"


def test_secret_key_is_made_once_per_instance_and_kept(tmp_path):
    first = load_secret_key(tmp_path)
    assert len(first) == 64
    assert load_secret_key(tmp_path) == first
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_default_password_hashing_meets_owasp():
    # OWASP Password Storage: argon2id with at least 19 MiB of memory and 2 iterations.
    assert Defaults.ARGON2_MEMORY_COST >= 19 * 1024
    assert Defaults.ARGON2_TIME_COST >= 2


def test_portal_lists_the_schools_with_links_to_their_login_pages(client, make):
    make.school("mairtup-1", short_name="МБОУ «Майртупская СШ № 1»")
    make.school("geldagan", short_name="МБОУ «Гелдаганская СШ»")
    page = client.get("/").get_data(as_text=True)
    assert "МБОУ «Майртупская СШ № 1»" in page
    assert 'href="/s/geldagan/login"' in page
    assert 'href="/district/login"' in page


def test_unknown_page_gets_a_russian_404_in_the_sites_style(client, make):
    make.school("known")
    for url in ("/nowhere", "/s/unknown-school/login", "/s/known/nothing-here"):
        response = client.get(url)
        assert response.status_code == 404
        page = response.get_data(as_text=True)
        assert "Страница не найдена" in page
        assert "Наставник" in page and 'lang="ru"' in page


def test_too_large_upload_gets_a_russian_413(client, make):
    make.school("known")
    response = client.post("/s/known/login", data={"login": "x" * (11 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Файл слишком большой" in response.get_data(as_text=True)


def test_unexpected_error_gets_a_russian_500_page(client, monkeypatch, app):
    def broken():
        raise RuntimeError("сбой")

    broken.public = True
    monkeypatch.setitem(app.view_functions, "portal.index", broken)
    response = client.get("/")
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.get_data(as_text=True)


def test_bootstrap_is_served_locally(client):
    page = client.get("/").get_data(as_text=True)
    assert "cdn" not in page.lower()
    css = client.get("/bootstrap/static/css/bootstrap.min.css")
    assert css.status_code == 200
    css.close()


@pytest.mark.parametrize("module", ["pytest", "flask"])
def test_the_package_works_from_the_repository_root(module):
    if module == "pytest":
        command = [sys.executable, "-c", "import nastavnik.app, platform; platform.system()"]
    else:
        command = [sys.executable, "-m", "flask", "--app", "nastavnik.app", "--help"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_sqlite_runs_with_foreign_keys_wal_a_busy_timeout_and_immediate_writes(tmp_path):
    import sqlite3

    from nastavnik.app import create_app
    from nastavnik.extensions import db

    url = f"sqlite:///{tmp_path / 'pragmas.db'}"
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
            # The transaction began IMMEDIATE: it already holds the write lock, so a second
            # writer cannot even begin (and nobody can fail later on a read-to-write upgrade).
            conn.exec_driver_sql("SELECT 1")  # begins the transaction
            second = sqlite3.connect(tmp_path / "pragmas.db", timeout=0, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                second.execute("BEGIN IMMEDIATE")
            second.close()
        db.engine.dispose()


def test_secret_key_may_come_from_the_environment(monkeypatch):
    from nastavnik.app import create_app

    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert create_app({"TESTING": True}).config["SECRET_KEY"] == "from-the-environment"
