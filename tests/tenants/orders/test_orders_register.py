"""The register of the school's orders, including orders signed on paper."""

from datetime import timedelta

from nastavnik.dates import today as local_today

TODAY = local_today()


def register(client, url, **data):
    data.setdefault("kind", "curator")
    data.setdefault("title", "О назначении куратора и координатора")
    data.setdefault("number", "90-од")
    data.setdefault("signed_on", "2023-08-30")
    return client.post(url("new"), data=data)


def test_a_paper_order_is_registered_signed(login, url, query):
    client = login("curator")

    assert register(client, url).status_code == 302

    assert query("SELECT kind, number, status, signed_on FROM school_order")[0][:3] == (
        "curator",
        "90-од",
        "signed",
    )
    listing = client.get(url()).get_data(as_text=True)
    assert "№ 90-од" in listing and "30 августа 2023 г." in listing
    assert "О назначении куратора и координатора" in listing and "Подписан" in listing
    assert "бумажный оригинал" in listing


def test_a_paper_order_has_no_document_to_download(login, url, query):
    client = login("curator")
    register(client, url)
    [(order_id,)] = query("SELECT id FROM school_order")

    response = client.get(url(f"{order_id}/document.docx"), follow_redirects=True)

    assert "документа на платформе нет" in response.get_data(as_text=True)


def test_a_registered_order_needs_its_number_and_a_past_date(login, url, query):
    client = login("curator")
    empty = client.post(url("new"), data={}).get_data(as_text=True)
    assert "Укажите номер приказа." in empty and "Укажите дату приказа." in empty
    future = register(client, url, signed_on=(TODAY + timedelta(days=1)).isoformat())
    assert "не может быть позже сегодняшнего дня" in future.get_data(as_text=True)
    register(client, url)
    again = register(client, url, title="Иной")
    assert "Приказ № 90-од в школе уже есть." in again.get_data(as_text=True)
    assert query("SELECT count(*) FROM school_order") == [(1,)]


def test_an_unknown_kind_is_refused(login, url, query):
    response = register(login("curator"), url, kind="secret")
    assert "Выберите значение из списка." in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM school_order") == [(0,)]


def test_the_register_lists_only_this_schools_orders(login, url, make):
    make.order(make.school("other"), title="Приказ чужой школы")
    assert "Приказ чужой школы" not in login("curator").get(url()).get_data(as_text=True)
