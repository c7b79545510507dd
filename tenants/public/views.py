from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.markup import render_markdown
from nastavnik.permissions import public, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404

from . import district, section, services
from .blueprint import bp
from .forms import ConfirmForm, PostForm, SettingsForm
from .models import PostKind, PublicPost

NEWS_KINDS = (PostKind.NEWS, PostKind.ANNOUNCEMENT)

# The pages anyone may open (8.1): none of them needs a login, none shows a draft.


def _public_page(template: str, **context):
    return render_template(
        f"public/{template}", markdown=render_markdown, settings=services.settings(), **context
    )


@bp.route("/")
@public
def index():
    on = today()
    people, unnamed = section.coordinators(on)
    running, _ = section.programs(on)
    return _public_page(
        "index.html",
        coordinators=people,
        unnamed_coordinators=unnamed,
        running=running,
        bases=section.bases(on),
        practices=section.practices()[:3],
        news=services.published_posts(*NEWS_KINDS, limit=3),
        district_news=district.district_news(on, limit=3),
        recommendations=services.published_posts(PostKind.RECOMMENDATION, limit=3),
    )


@bp.route("/programs")
@public
def programs():
    running, ended = section.programs(today())
    return _public_page("programs.html", running=running, ended=ended)


@bp.route("/bases")
@public
def bases():
    on = today()
    return _public_page("bases.html", bases=section.bases(on), on=on)


@bp.route("/practices")
@public
def practices():
    return _public_page("practices.html", practices=section.practices())


@bp.route("/documents")
@public
def documents():
    return _public_page("documents.html", levels=section.documents())


@bp.route("/news")
@public
def news():
    return _public_page(
        "posts.html",
        heading="Новости и анонсы",
        posts=services.published_posts(*NEWS_KINDS),
        district_news=district.district_news(today()),
    )


@bp.route("/recommendations")
@public
def recommendations():
    return _public_page(
        "posts.html",
        heading="Методические рекомендации",
        posts=services.published_posts(PostKind.RECOMMENDATION),
    )


@bp.route("/posts/<int:post_id>")
@public
def post(post_id):
    found = services.published_post(post_id)
    if found is None:  # a draft, withdrawn, or another school's: not there for anyone outside
        abort(404)
    return _public_page("post.html", post=found)


# Writing the section: the school's system administrator and the curator.


def _post_form(**kw) -> PostForm:
    form = PostForm(**kw)
    form.kind.choices = [SelectChoice(k, k.label) for k in PostKind]
    return form


@bp.route("/manage", methods=["GET", "POST"])
@requires("public.manage")
def manage():
    current = services.settings()
    form = SettingsForm(obj=current)
    if form.validate_on_submit():
        with attempt() as outcome:
            services.save_settings(form.introduction.data, form.contact.data, current_user)
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Настройки открытого раздела сохранены.", "success")
            return redirect(url_for(".manage"))
    return render_template("public/manage.html", form=form, posts=services.all_posts())


@bp.route("/manage/posts/new", methods=["GET", "POST"])
@requires("public.manage")
def new_post():
    form = _post_form(data={"kind": PostKind.NEWS})
    if form.validate_on_submit():
        with attempt() as outcome:
            created = services.create_post(
                form.kind.data,
                form.title.data,
                form.body.data,
                event_on=form.event_on.data,
                event_place=form.event_place.data or "",
                by=current_user,
            )
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Черновик сохранён. Он не виден посетителям, пока вы его не опубликуете.")
            return redirect(url_for(".edit_post", post_id=created.id))
    return render_template("public/edit.html", form=form, post=None, markdown=render_markdown)


def _field_error(form, outcome) -> None:
    field = getattr(form, outcome.refusal.field or "", None)
    (field.errors if field is not None else form.form_errors).append(outcome.message)


@bp.route("/manage/posts/<int:post_id>", methods=["GET", "POST"])
@requires("public.manage")
def edit_post(post_id):
    found = get_or_404(PublicPost, post_id)
    form = _post_form(obj=found)
    form.submit.label.text = "Сохранить изменения"  # a published post stays published
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_post(
                found,
                form.kind.data,
                form.title.data,
                form.body.data,
                event_on=form.event_on.data,
                event_place=form.event_place.data or "",
            )
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Изменения сохранены.", "success")
            return redirect(url_for(".edit_post", post_id=found.id))
    return render_template(
        "public/edit.html",
        form=form,
        post=found,
        confirm=ConfirmForm(formdata=None),
        markdown=render_markdown,
    )


def _act(post_id, action, done: str):
    found = get_or_404(PublicPost, post_id)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            action(found)
        flash(
            outcome.message if outcome.refused else done, "danger" if outcome.refused else "success"
        )
    return found


@bp.route("/manage/posts/<int:post_id>/publish", methods=["POST"])
@requires("public.manage")
def publish_post(post_id):
    found = _act(
        post_id, lambda p: services.publish_post(p, today()), "Опубликовано в открытом разделе."
    )
    return redirect(url_for(".edit_post", post_id=found.id))


@bp.route("/manage/posts/<int:post_id>/withdraw", methods=["POST"])
@requires("public.manage")
def withdraw_post(post_id):
    found = _act(post_id, services.withdraw_post, "Публикация снята: теперь это черновик.")
    return redirect(url_for(".edit_post", post_id=found.id))


@bp.route("/manage/posts/<int:post_id>/delete", methods=["POST"])
@requires("public.manage")
def delete_post(post_id):
    _act(post_id, services.delete_post, "Публикация удалена.")
    return redirect(url_for(".manage"))
