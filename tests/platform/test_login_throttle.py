"""Login throttling hands an attacker no lock-out, and parallel guesses cannot slip past it;
one-time passwords expire; a password is not the person's name or their previous one."""

import shutil
import socket
import subprocess
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import delete, insert, select, update

from nastavnik.models import Account, ThrottleCount, utcnow

HOME = "10.0.0.1"  # the curator's own desk
ATTACKER = "203.0.113.66"


@pytest.fixture
def school(make):
    return make.school("maitrup", short_name="Майртупская СШ")


def login_from(client, address, login="curator", password=None):
    return client.post(
        "/s/maitrup/login",
        data={"login": login, "password": password or "неверный-пароль"},
        environ_base={"REMOTE_ADDR": address},
    )


def test_five_wrong_passwords_make_that_address_wait_a_minute_even_with_the_right_one(
    client, make, school
):
    make.account(school, "curator")
    for _ in range(5):
        assert login_from(client, HOME).status_code == 200
    response = login_from(client, HOME, password=make.PASSWORD)
    assert response.status_code == 429
    assert "Подождите 1 минуту" in response.get_data(as_text=True)
    assert 1 <= int(response.headers["Retry-After"]) <= 60


def test_an_attacker_elsewhere_does_not_lock_the_curator_out(client, make, school):
    make.account(school, "curator")
    for _ in range(8):
        login_from(client, ATTACKER)
    assert login_from(client, ATTACKER, password=make.PASSWORD).status_code == 429
    # The curator at her own desk is not held back by someone else's guesses.
    assert login_from(client, HOME, password=make.PASSWORD).status_code == 302


@pytest.fixture
def limits(app):
    kept = {name: app.config[name] for name in app.config if name.startswith("LOGIN_LIMITS")}
    yield app.config
    app.config.update(kept)


def test_waits_grow_with_repeated_failures(limits, client, make, school, query):
    make.account(school, "curator")
    limits["LOGIN_LIMITS_PER_ACCOUNT_AND_ADDRESS"] = ((5, 60), (10, 24 * 60 * 60))
    # Ten failures spread over minutes: each minute's window passes, the day's does not.
    for _ in range(10):
        assert login_from(client, ATTACKER).status_code == 200
        query(delete(ThrottleCount).where(ThrottleCount.key.like("%|60|%")).returning(1))
    response = login_from(client, ATTACKER, password=make.PASSWORD)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 60  # the day's window, not the minute's
    assert "Подождите" in response.get_data(as_text=True)


def test_many_addresses_guessing_one_account_are_bounded_but_the_usual_address_gets_in(
    limits, client, make, school
):
    make.account(school, "curator")
    assert login_from(client, HOME, password=make.PASSWORD).status_code == 302  # known address
    client.post("/s/maitrup/logout")
    limits["LOGIN_LIMITS_PER_ACCOUNT"] = ((6, 3600),)
    for n in range(6):
        login_from(client, f"198.51.100.{n}")
    # A seventh new address is refused for this account, whatever the password …
    assert login_from(client, "198.51.100.99", password=make.PASSWORD).status_code == 429
    # … while the curator's usual address still logs in.
    assert login_from(client, HOME, password=make.PASSWORD).status_code == 302


def test_one_address_trying_many_logins_is_stopped(limits, client, make, school):
    limits["LOGIN_LIMITS_PER_ADDRESS"] = ((6, 15 * 60),)
    for n in range(6):
        login_from(client, ATTACKER, login=f"guess{n}")
    make.account(school, "curator")
    assert login_from(client, ATTACKER, password=make.PASSWORD).status_code == 429
    assert login_from(client, HOME, password=make.PASSWORD).status_code == 302


def test_a_success_starts_the_count_again(client, make, school):
    make.account(school, "curator")
    for _ in range(4):
        login_from(client, HOME)
    assert login_from(client, HOME, password=make.PASSWORD).status_code == 302
    client.post("/s/maitrup/logout")
    for _ in range(4):
        assert login_from(client, HOME).status_code == 200
    assert login_from(client, HOME, password=make.PASSWORD).status_code == 302


def guess_in_parallel(app, clients: int, rounds: int) -> list[int]:
    """Wrong passwords from `clients` clients at once, `rounds` each: the answers' codes."""
    answers: list[int] = []
    lock = threading.Lock()

    def guess():
        client = app.test_client()
        for _ in range(rounds):
            status = login_from(client, ATTACKER).status_code
            with lock:
                answers.append(status)

    threads = [threading.Thread(target=guess) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.committed
def test_parallel_guesses_are_counted_before_any_answer(app, make, school):
    """40 wrong passwords, 8 at a time: only as many are checked as the limit allows."""
    make.account(school, "curator")
    answers = guess_in_parallel(app, clients=8, rounds=5)
    assert len(answers) == 40
    assert answers.count(200) == 5  # told «неверный логин или пароль»
    assert answers.count(429) == 35


def test_counters_of_ended_windows_are_removed(client, make, school, query):
    make.account(school, "curator")
    old = utcnow() - timedelta(hours=1)
    query(insert(ThrottleCount).values(key="old", count=3, expires_at=old).returning(1))
    login_from(client, HOME)
    assert query(select(ThrottleCount.key).where(ThrottleCount.key == "old")) == []


def set_password_age(query, account, days):
    when = utcnow() - timedelta(days=days)
    query(update(Account).where(Account.id == account.id).values(password_set_at=when).returning(1))


def test_an_expired_one_time_password_no_longer_opens_the_account(client, make, school, query):
    account = make.account(school, "newbie", must_change_password=True)
    set_password_age(query, account, 8)
    response = login_from(client, HOME, login="newbie", password=make.PASSWORD)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Одноразовый пароль действовал 7 дней и больше не действует" in page
    assert client.get("/s/maitrup/").status_code == 302  # not logged in


def test_a_fresh_one_time_password_opens_the_account_to_set_a_new_one(client, make, school):
    make.account(school, "newbie", must_change_password=True)
    response = login_from(client, HOME, login="newbie", password=make.PASSWORD)
    assert response.status_code == 302
    assert client.get("/s/maitrup/").headers["Location"] == "/s/maitrup/password"


def test_a_wrong_password_never_tells_that_a_one_time_password_expired(client, make, school, query):
    account = make.account(school, "newbie", must_change_password=True)
    set_password_age(query, account, 30)
    page = login_from(client, HOME, login="newbie").get_data(as_text=True)
    assert "Неверный логин или пароль." in page
    assert "Одноразовый" not in page


def change_password(client, make, new):
    return client.post(
        "/s/maitrup/password", data={"current": make.PASSWORD, "new": new, "confirm": new}
    )


def test_the_previous_password_is_refused_as_the_new_one(client, make, auth, school, query):
    account = make.account(school, "curator")
    before = account.password_hash
    auth.login(school, "curator")
    page = change_password(client, make, make.PASSWORD).get_data(as_text=True)
    assert "Новый пароль должен отличаться от прежнего." in page
    assert query(select(Account.password_hash).where(Account.id == account.id)) == [(before,)]


@pytest.mark.parametrize("new", ["Батаева1985", "Хасановна12"])
def test_a_password_made_of_the_persons_name_is_refused(client, make, auth, school, new):
    make.account(school, "curator", full_name="Батаева Айна Хасановна")
    auth.login(school, "curator")
    assert "легко подобрать" in change_password(client, make, new).get_data(as_text=True)


def test_a_good_password_is_taken_and_dated(client, make, auth, school, query):
    account = make.account(school, "curator", must_change_password=True)
    set_password_age(query, account, 3)
    auth.login(school, "curator")
    assert change_password(client, make, "Зелёный чайник у окна").status_code == 302
    [(must_change, set_at)] = query(
        select(Account.must_change_password, Account.password_set_at).where(
            Account.id == account.id
        )
    )
    assert not must_change
    assert utcnow() - set_at < timedelta(minutes=1)


@pytest.fixture(scope="session")
def redis_uri():
    """The machine's Redis (127.0.0.1:6379), or one the tests start on a free port."""
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
        yield "redis://127.0.0.1:6379/15"
        return
    except redis.ConnectionError:
        pass
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("Redis не запущен и не установлен: apt-get install redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                redis.Redis(host="127.0.0.1", port=port).ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/15"
    finally:
        process.terminate()
        process.wait()


@pytest.fixture
def shared_counters(app, redis_uri):
    """The counters in Redis, as every worker of a production set-up shares them."""
    import redis

    uri = redis_uri
    server = redis.Redis.from_url(uri)
    server.flushdb()
    app.config["THROTTLE_STORAGE_URI"] = uri
    app.extensions.pop("nastavnik_throttle", None)
    yield server
    app.config["THROTTLE_STORAGE_URI"] = None
    app.extensions.pop("nastavnik_throttle", None)
    server.flushdb()


def test_with_redis_the_counts_are_shared_and_nothing_is_kept_in_the_database(
    shared_counters, client, make, school, query
):
    make.account(school, "curator")
    for _ in range(5):
        assert login_from(client, ATTACKER).status_code == 200
    # Another worker (another app client) sees the same count.
    assert (
        login_from(client.application.test_client(), ATTACKER, password=make.PASSWORD).status_code
        == 429
    )
    assert login_from(client, HOME, password=make.PASSWORD).status_code == 302
    assert query(select(ThrottleCount.key)) == []
    assert shared_counters.dbsize() > 0


@pytest.mark.committed
def test_with_redis_parallel_guesses_are_counted_before_any_answer(
    shared_counters, app, make, school
):
    make.account(school, "curator")
    answers = guess_in_parallel(app, clients=8, rounds=5)
    assert (answers.count(200), answers.count(429)) == (5, 35)


def a_school_behind_one_address_logs_in(client, make, school):
    """Forty teachers of one school, one address (the school's router), all log in within the
    address's window of thirty attempts: a success is not a guess, so none is held back."""
    for n in range(40):
        make.account(school, f"teacher{n}")
    answers = [
        login_from(client, HOME, login=f"teacher{n}", password=make.PASSWORD).status_code
        for n in range(40)
        if client.post("/s/maitrup/logout") or True
    ]
    assert answers == [302] * 40
    # Guesses from that address are still counted: thirty wrong passwords, then a wait.
    for n in range(30):
        login_from(client, HOME, login=f"guess{n}")
    assert login_from(client, HOME, login="teacher0", password=make.PASSWORD).status_code == 429


def test_a_school_behind_one_address_is_not_held_back_by_its_own_logins(client, make, school):
    a_school_behind_one_address_logs_in(client, make, school)


def test_with_redis_a_school_behind_one_address_is_not_held_back(
    shared_counters, client, make, school
):
    a_school_behind_one_address_logs_in(client, make, school)
