import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.markup import render_markdown
from nastavnik.permissions import public, requires
from nastavnik.refusals import attempt
from nastavnik.tenants.public.models import DocumentLevel
from nastavnik.tenants.questionnaires.forms import QuestionForm
from nastavnik.tenants.roadmap.models import Stage
from nastavnik.tenants.roadmap.progress import CHECK_LABELS
from nastavnik.tenants.roadmap.timing import year_label

from . import documents, news, questionnaires, roadmaps
from .blueprint import bp
from .forms import (
    ConfirmForm,
    DefaultHeadForm,
    DocumentForm,
    NewsForm,
    PrepareForm,
    TemplateActivityForm,
)

PUBLISH = "district.publish"


def _field_error(form, outcome) -> None:
    field = getattr(form, outcome.refusal.field or "", None)
    (field.errors if field is not None else form.form_errors).append(outcome.message)


@bp.route("/")
@requires(PUBLISH)
def index():
    rows = roadmaps.years()
    defaults = questionnaires.defaults()
    return render_template(
        "district_publishing/index.html",
        edited_defaults=sum(1 for d in defaults if d.edited is not None),
        all_defaults=len(defaults),
        published=[r for r in rows if r.template is not None and r.template.is_published],
        levels=documents.documents(),
        news=news.all_news()[:3],
    )


# --- the roadmap template of each academic year -------------------------------------------


@bp.route("/roadmaps/", methods=["GET", "POST"])
@requires(PUBLISH)
def roadmap_years():
    rows = roadmaps.years()
    form = PrepareForm()
    form.year.choices = [SelectChoice(str(r.year), r.label) for r in rows if r.template is None]
    if form.validate_on_submit():
        with attempt() as outcome:
            made = roadmaps.prepare(form.year.data, current_user)
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash(
                f"Шаблон на {made.label} учебный год подготовлен. Школы начнут с него, когда вы "
                "его опубликуете.",
                "success",
            )
            return redirect(url_for(".roadmap", year=made.year), code=303)
    return render_template("district_publishing/roadmaps.html", rows=rows, form=form)


@bp.route("/roadmaps/<int:year>")
@requires(PUBLISH)
def roadmap(year):
    template = roadmaps.template_of(year)
    return render_template(
        "district_publishing/roadmap.html",
        template=template,
        stages=roadmaps.by_stage(template),
        checks=CHECK_LABELS,
        confirm=ConfirmForm(formdata=None),
    )


def _act_on_template(year, action, done: str):
    template = roadmaps.template_of(year)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            action(template)
        flash(outcome.message or done, "danger" if outcome.refused else "success")
    return redirect(url_for(".roadmap", year=template.year), code=303)


@bp.route("/roadmaps/<int:year>/publish", methods=["POST"])
@requires(PUBLISH)
def publish_roadmap(year):
    return _act_on_template(
        year,
        lambda t: roadmaps.publish(t, today(), current_user),
        f"Шаблон на {year_label(year)} учебный год опубликован: школы, которые ещё не составили "
        "дорожную карту этого года, составят её по нему.",
    )


@bp.route("/roadmaps/<int:year>/withdraw", methods=["POST"])
@requires(PUBLISH)
def withdraw_roadmap(year):
    return _act_on_template(
        year,
        lambda t: roadmaps.withdraw(t, current_user),
        "Шаблон снят с публикации: новые дорожные карты школ составляются по шаблону платформы.",
    )


def _activity_form(**kw) -> TemplateActivityForm:
    form = TemplateActivityForm(**kw)
    form.stage.choices = [SelectChoice(s, f"{s.number}. {s.label}") for s in Stage]
    form.check_key.choices = [SelectChoice("", "Нет: школа отмечает сама")] + [
        SelectChoice(key, label) for key, label in CHECK_LABELS.items()
    ]
    return form


def _activity_fields(form) -> roadmaps.TemplateActivityFields:
    return roadmaps.TemplateActivityFields(
        stage=form.stage.data,
        content=form.content.data,
        timing=form.timing.data,
        responsible=form.responsible.data,
        expected_result=form.expected_result.data or "",
        check_key=form.check_key.data or "",
    )


@bp.route("/roadmaps/<int:year>/activities/new", methods=["GET", "POST"])
@requires(PUBLISH)
def new_activity(year):
    template = roadmaps.template_of(year)
    stage = Stage.parse(request.args.get("stage")) or Stage.CONDITIONS
    form = _activity_form(data={"stage": stage, "check_key": ""})
    if form.validate_on_submit():
        with attempt() as outcome:
            roadmaps.add_activity(template, _activity_fields(form), current_user)
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Мероприятие добавлено в шаблон.", "success")
            return redirect(url_for(".roadmap", year=template.year), code=303)
    return render_template(
        "district_publishing/activity.html", form=form, template=template, activity=None
    )


@bp.route("/roadmaps/<int:year>/activities/<int:activity_id>", methods=["GET", "POST"])
@requires(PUBLISH)
def edit_activity(year, activity_id):
    template = roadmaps.template_of(year)
    activity = roadmaps.activity_of(template, activity_id)
    form = _activity_form(obj=activity)
    if request.method == "GET":
        form.check_key.data = activity.check_key or ""
    if form.validate_on_submit():
        with attempt() as outcome:
            roadmaps.update_activity(activity, _activity_fields(form), current_user)
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Мероприятие шаблона изменено.", "success")
            return redirect(url_for(".roadmap", year=template.year), code=303)
    return render_template(
        "district_publishing/activity.html",
        form=form,
        template=template,
        activity=activity,
        confirm=ConfirmForm(formdata=None),
    )


@bp.route("/roadmaps/<int:year>/activities/<int:activity_id>/delete", methods=["POST"])
@requires(PUBLISH)
def delete_activity(year, activity_id):
    template = roadmaps.template_of(year)
    activity = roadmaps.activity_of(template, activity_id)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            roadmaps.remove_activity(activity, current_user)
        flash(
            outcome.message or "Мероприятие удалено из шаблона.",
            "danger" if outcome.refused else "success",
        )
    return redirect(url_for(".roadmap", year=template.year), code=303)


@bp.route("/roadmaps/<int:year>/activities/<int:activity_id>/move", methods=["POST"])
@requires(PUBLISH)
def move_activity(year, activity_id):
    template = roadmaps.template_of(year)
    activity = roadmaps.activity_of(template, activity_id)
    step = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if step is not None and ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            roadmaps.move(activity, step, current_user)
        if outcome.refused:
            flash(outcome.message, "warning")
    return redirect(url_for(".roadmap", year=template.year, _anchor=f"a{activity.id}"), code=303)


# --- the normative base ---------------------------------------------------------------------


def _document_form(**kw) -> DocumentForm:
    form = DocumentForm(**kw)
    form.level.choices = [SelectChoice(level, level.label) for level in DocumentLevel]
    return form


def _document_fields(form) -> documents.DocumentFields:
    return documents.DocumentFields(
        level=form.level.data,
        title=form.title.data,
        number=form.number.data or "",
        signed_on=form.signed_on.data,
        link=form.link.data or "",
        upload=form.upload.data,
    )


@bp.route("/documents/")
@requires(PUBLISH)
def document_list():
    return render_template(
        "district_publishing/documents.html",
        levels=documents.documents(),
        confirm=ConfirmForm(formdata=None),
    )


@bp.route("/documents/new", methods=["GET", "POST"])
@requires(PUBLISH)
def new_document():
    form = _document_form(data={"level": DocumentLevel.DISTRICT})
    if form.validate_on_submit():
        with attempt() as outcome:
            documents.add_document(_document_fields(form), current_user)
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Документ добавлен в нормативную базу: школы уже видят его.", "success")
            return redirect(url_for(".document_list"), code=303)
    return render_template("district_publishing/document.html", form=form, document=None)


@bp.route("/documents/<int:document_id>", methods=["GET", "POST"])
@requires(PUBLISH)
def edit_document(document_id):
    document = documents.document_of(document_id)
    form = _document_form(obj=document)
    if form.validate_on_submit():
        with attempt() as outcome:
            documents.update_document(document, _document_fields(form), current_user)
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Документ изменён.", "success")
            return redirect(url_for(".document_list"), code=303)
    return render_template(
        "district_publishing/document.html",
        form=form,
        document=document,
        confirm=ConfirmForm(formdata=None),
    )


@bp.route("/documents/<int:document_id>/delete", methods=["POST"])
@requires(PUBLISH)
def delete_document(document_id):
    document = documents.document_of(document_id)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            documents.remove_document(document)
        flash(
            outcome.message or "Документ убран из нормативной базы.",
            "danger" if outcome.refused else "success",
        )
    return redirect(url_for(".document_list"), code=303)


@bp.route("/documents/<int:document_id>/file")
@public
def document_file(document_id):
    """The normative base is for anyone to read: schools link it from their public sections."""
    document = documents.document_of(document_id)
    path = documents.path_of(document) if document.has_file else None
    if path is None or not path.is_file():
        abort(404)
    return send_file(
        io.BytesIO(path.read_bytes()),
        mimetype=document.content_type,
        as_attachment=True,
        download_name=document.filename,
        max_age=0,
    )


# --- the district's news --------------------------------------------------------------------


def _news_fields(form) -> news.NewsFields:
    return news.NewsFields(form.title.data, form.published_on.data, form.body.data)


@bp.route("/news/")
@requires(PUBLISH)
def news_list():
    return render_template(
        "district_publishing/news.html",
        items=news.all_news(),
        today=today(),
        markdown=render_markdown,
    )


@bp.route("/news/new", methods=["GET", "POST"])
@requires(PUBLISH)
def new_news():
    form = NewsForm(data={"published_on": today()})
    if form.validate_on_submit():
        with attempt() as outcome:
            made = news.add_news(_news_fields(form), current_user)
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Новость опубликована для всех школ.", "success")
            return redirect(url_for(".edit_news", news_id=made.id), code=303)
    return render_template(
        "district_publishing/news_item.html", form=form, item=None, markdown=render_markdown
    )


@bp.route("/news/<int:news_id>", methods=["GET", "POST"])
@requires(PUBLISH)
def edit_news(news_id):
    item = news.news_of(news_id)
    form = NewsForm(obj=item)
    if form.validate_on_submit():
        with attempt() as outcome:
            news.update_news(item, _news_fields(form), current_user)
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Новость изменена.", "success")
            return redirect(url_for(".edit_news", news_id=item.id), code=303)
    return render_template(
        "district_publishing/news_item.html",
        form=form,
        item=item,
        markdown=render_markdown,
        confirm=ConfirmForm(formdata=None),
    )


@bp.route("/news/<int:news_id>/delete", methods=["POST"])
@requires(PUBLISH)
def delete_news(news_id):
    item = news.news_of(news_id)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            news.remove_news(item)
        flash(outcome.message or "Новость удалена.", "danger" if outcome.refused else "success")
    return redirect(url_for(".news_list"), code=303)


# --- the default questionnaires -------------------------------------------------------------


def _question_fields(form) -> questionnaires.QuestionFields:
    try:
        scale_max = int(form.scale_max.data or 5)
    except (TypeError, ValueError):
        scale_max = None
    return questionnaires.QuestionFields(
        text=form.text.data,
        kind=form.kind.data,
        required=form.required.data,
        scale_max=scale_max,
        low_label=form.low_label.data or "",
        high_label=form.high_label.data or "",
        options_text=form.options.data or "",
        per_area=form.per_area.data,
    )


@bp.route("/questionnaires/")
@requires(PUBLISH)
def questionnaire_list():
    return render_template(
        "district_publishing/questionnaires.html",
        rows=questionnaires.defaults(),
        confirm=ConfirmForm(formdata=None),
    )


@bp.route("/questionnaires/<key>", methods=["GET", "POST"])
@requires(PUBLISH)
def questionnaire(key):
    row = questionnaires.row_of(key)
    form = DefaultHeadForm(obj=row.edited or row.template)
    if row.edited is not None and form.validate_on_submit():
        with attempt() as outcome:
            questionnaires.update_head(
                row.edited,
                form.title.data,
                form.description.data,
                form.anonymous.data,
                current_user,
            )
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Анкета изменена.", "success")
            return redirect(url_for(".questionnaire", key=key), code=303)
    return render_template(
        "district_publishing/questionnaire.html",
        row=row,
        form=form,
        confirm=ConfirmForm(formdata=None),
    )


@bp.route("/questionnaires/<key>/take", methods=["POST"])
@requires(PUBLISH)
def take_questionnaire(key):
    questionnaires.row_of(key)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            questionnaires.take_over(key, current_user)
        flash(
            outcome.message
            or "Теперь это анкета района: изменения получат школы, которые возьмут её позже.",
            "danger" if outcome.refused else "success",
        )
    return redirect(url_for(".questionnaire", key=key), code=303)


@bp.route("/questionnaires/<key>/restore", methods=["POST"])
@requires(PUBLISH)
def restore_questionnaire(key):
    default = questionnaires.edited_of(key)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            questionnaires.restore(default)
        flash(
            outcome.message or "Возвращена анкета платформы.",
            "danger" if outcome.refused else "success",
        )
    return redirect(url_for(".questionnaire", key=key), code=303)


@bp.route("/questionnaires/<key>/questions/new", methods=["GET", "POST"])
@requires(PUBLISH)
def new_question(key):
    default = questionnaires.edited_of(key)
    form = QuestionForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            questionnaires.add_question(default, _question_fields(form), current_user)
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Вопрос добавлен.", "success")
            return redirect(url_for(".questionnaire", key=key), code=303)
    return render_template(
        "district_publishing/question.html", form=form, default=default, question=None
    )


@bp.route("/questionnaires/<key>/questions/<int:question_id>", methods=["GET", "POST"])
@requires(PUBLISH)
def edit_question(key, question_id):
    default = questionnaires.edited_of(key)
    question = questionnaires.question_of(default, question_id)
    form = QuestionForm(
        data={
            "text": question.text,
            "kind": question.kind,
            "required": question.required,
            "scale_max": str(question.scale_max or 5),
            "low_label": question.low_label,
            "high_label": question.high_label,
            "options": "\n".join(question.options),
            "per_area": question.per_area,
        }
        if request.method == "GET"
        else None
    )
    form.submit.label.text = "Сохранить"
    if form.validate_on_submit():
        with attempt() as outcome:
            questionnaires.update_question(question, _question_fields(form), current_user)
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Вопрос изменён.", "success")
            return redirect(url_for(".questionnaire", key=key), code=303)
    return render_template(
        "district_publishing/question.html",
        form=form,
        default=default,
        question=question,
        confirm=ConfirmForm(formdata=None),
    )


@bp.route("/questionnaires/<key>/questions/<int:question_id>/delete", methods=["POST"])
@requires(PUBLISH)
def delete_question(key, question_id):
    default = questionnaires.edited_of(key)
    question = questionnaires.question_of(default, question_id)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            questionnaires.remove_question(question, current_user)
        flash(outcome.message or "Вопрос удалён.", "danger" if outcome.refused else "success")
    return redirect(url_for(".questionnaire", key=key), code=303)
