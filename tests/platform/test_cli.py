"""Command-line operations: schools and accounts with one-time passwords."""

import re


def test_create_school_and_an_account_with_a_one_time_password(app, client, auth):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-school",
            "--slug",
            "enikali",
            "--name",
            "МБОУ «Эникалинская СШ»",
            "--name-ce",
            "Эникалин юккъера ишкол",
            "--short",
            "Эникалинская СШ",
            "--settlement",
            "с. Эникали",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "/s/enikali/login" in result.output
    result = runner.invoke(
        args=[
            "create-account",
            "--school",
            "enikali",
            "--login",
            "director",
            "--name",
            "Абдулаева Хава Ильясовна",
            "--role",
            "director",
        ]
    )
    assert result.exit_code == 0, result.output
    password = re.search(r"Одноразовый пароль: (\S+)", result.output).group(1)
    response = client.post("/s/enikali/login", data={"login": "director", "password": password})
    assert response.status_code == 302
    assert client.get("/s/enikali/").headers["Location"] == "/s/enikali/password"


def test_create_school_refuses_a_taken_address(app, make):
    make.school("taken")
    result = app.test_cli_runner().invoke(
        args=[
            "create-school",
            "--slug",
            "taken",
            "--name",
            "Н",
            "--name-ce",
            "Н",
            "--short",
            "Н",
            "--settlement",
            "с. Н",
        ]
    )
    assert result.exit_code != 0
    assert "уже есть" in result.output


def test_create_account_refuses_a_taken_login_and_wrong_roles(app, make):
    school = make.school("s")
    make.account(school, "curator")
    runner = app.test_cli_runner()
    taken = runner.invoke(
        args=[
            "create-account",
            "--school",
            "s",
            "--login",
            "curator",
            "--name",
            "Имя",
            "--role",
            "mentor",
        ]
    )
    assert taken.exit_code != 0 and "уже занят" in taken.output
    wrong = runner.invoke(
        args=["create-account", "--login", "boss", "--name", "Имя", "--role", "mentor"]
    )
    assert wrong.exit_code != 0
