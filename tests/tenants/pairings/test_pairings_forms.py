"""2.3: the closed list of forms of mentoring, which a school may extend with its own."""

from nastavnik.tenants.vocabulary import MentoringForm


def test_the_list_shows_the_eleven_forms_of_the_regulation(client, url, curator):
    page = client.get(url("forms/")).get_data(as_text=True)
    assert len(MentoringForm) == 11
    for form in MentoringForm:
        assert form.label in page


def test_a_school_adds_its_own_form(client, url, curator, query):
    response = client.post(url("forms/"), data={"title": "  Наставничество   в проектах "})
    assert response.status_code == 302
    assert query("SELECT title FROM custom_form") == [("Наставничество в проектах",)]
    assert "Наставничество в проектах" in client.get(url("forms/")).get_data(as_text=True)


def test_a_form_of_the_same_title_is_refused(client, url, curator, make, school, query):
    make.custom_form(school, "Наставничество в проектах")
    response = client.post(url("forms/"), data={"title": "наставничество в ПРОЕКТАХ"})
    assert response.status_code == 200
    assert "Такая форма у школы уже есть." in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM custom_form") == [(1,)]


def test_a_form_equal_to_a_standard_one_is_refused(client, url, curator, query):
    response = client.post(url("forms/"), data={"title": "Реверсивное наставничество"})
    assert "уже есть в перечне Положения" in response.get_data(as_text=True)
    response = client.post(url("forms/"), data={"title": "Педагог – педагог"})
    assert "уже есть в перечне Положения" in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM custom_form") == [(0,)]


def test_the_same_title_in_another_school_is_allowed(client, url, curator, make, query):
    make.custom_form(make.school("other"), "Наставничество в проектах")
    assert (
        client.post(url("forms/"), data={"title": "Наставничество в проектах"}).status_code == 302
    )
    assert query("SELECT count(*) FROM custom_form") == [(2,)]


def test_an_unused_form_is_deleted(client, url, curator, make, school, query):
    own = make.custom_form(school, "Наставничество в проектах")
    assert client.post(url(f"forms/{own.id}/delete")).status_code == 302
    assert query("SELECT count(*) FROM custom_form") == [(0,)]


def test_a_form_used_by_a_pairing_is_not_deleted(client, url, curator, make, school, query):
    own = make.custom_form(school, "Наставничество в проектах")
    make.pairing(school, form=own.code)

    response = client.post(url(f"forms/{own.id}/delete"))

    assert response.status_code == 200
    assert "выбрана для наставнической пары" in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM custom_form") == [(1,)]


def test_a_form_a_mentor_prefers_is_not_deleted(client, url, curator, make, school, query):
    own = make.custom_form(school, "Наставничество в проектах")
    make.mentor_entry(school, preferred_forms=("virtual", own.code))

    response = client.post(url(f"forms/{own.id}/delete"))

    assert "предпочитает наставник" in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM custom_form") == [(1,)]


def test_a_form_a_program_names_is_not_deleted(client, url, curator, make, school, query):
    own = make.custom_form(school, "Наставничество в проектах")
    make.program(school, forms=("traditional", own.code))

    response = client.post(url(f"forms/{own.id}/delete"))

    assert "указана в программе наставничества" in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM custom_form") == [(1,)]
