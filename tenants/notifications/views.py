import smtplib

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_mailman import EmailMessage

from nastavnik.permissions import requires
from nastavnik.refusals import attempt

from . import services
from .blueprint import bp
from .digest import connection
from .forms import ConfirmForm, DigestChoiceForm, MailSettingsForm, TestForm


def _field_error(form, outcome) -> None:
    field = getattr(form, outcome.refusal.field or "", None)
    (field.errors if field is not None else form.form_errors).append(outcome.message)


@bp.route("/", methods=["GET", "POST"])
@requires("mail.manage")
def settings():
    current = services.settings()
    form = MailSettingsForm(obj=current)
    if request.method == "GET":
        form.password.data = ""
    if form.validate_on_submit():
        with attempt() as outcome:
            services.save_settings(
                form.host.data,
                form.port.data,
                form.security.data,
                form.login.data,
                form.password.data,
                form.sender.data,
                request.host_url,
                current_user,
            )
        if outcome.refused:
            _field_error(form, outcome)
        else:
            flash("Почта включена: сводки будут уходить по этому серверу.", "success")
            return redirect(url_for(".settings"))
    return render_template(
        "notifications/settings.html",
        form=form,
        current=current,
        password_kept=bool(current.password_sealed),
        password_unreadable=bool(current.password_sealed) and services.password_of(current) is None,
        off=ConfirmForm(formdata=None),
        test=TestForm(formdata=None),
        my_email=services.email_of(current_user.id),
    )


@bp.route("/off", methods=["POST"])
@requires("mail.manage")
def turn_off():
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            services.turn_off(current_user)
        if outcome.refused:
            flash(outcome.message, "warning")
        else:
            flash("Почта выключена: сводки не отправляются.", "success")
    return redirect(url_for(".settings"))


@bp.route("/test", methods=["POST"])
@requires("mail.manage")
def send_test():
    current = services.settings()
    email = services.email_of(current_user.id)
    if not TestForm().validate_on_submit():
        return redirect(url_for(".settings"))
    if not current.is_on:
        flash("Почта выключена: сначала укажите сервер SMTP.", "warning")
    elif not email:
        flash("В реестре педагогов у вашей учётной записи нет адреса почты.", "warning")
    else:
        try:
            EmailMessage(
                "Наставник: пробное письмо",
                "Почта школы в системе «Наставник» настроена: это письмо дошло.",
                current.sender,
                [email],
                connection=connection(current),
            ).send()
        except (smtplib.SMTPException, OSError) as error:
            flash(f"Письмо не отправлено: {error}", "danger")
        else:
            flash(f"Пробное письмо отправлено на {email}.", "success")
    return redirect(url_for(".settings"))


@bp.route("/mine", methods=["GET", "POST"])
@requires("account.own")
def mine():
    wanted = services.gets_digest(current_user.id)
    # An unticked box sends nothing: an empty POST is still an answer, not "no form sent".
    formdata = request.form if request.method == "POST" else None
    form = DigestChoiceForm(formdata=formdata, digest=wanted)
    if form.validate_on_submit():
        services.choose_digest(current_user, form.digest.data)
        flash(
            "Сводка будет приходить на почту."
            if form.digest.data
            else "Сводка больше не будет приходить.",
            "success",
        )
        return redirect(url_for(".mine"))
    return render_template(
        "notifications/mine.html",
        form=form,
        email=services.email_of(current_user.id),
        mail_on=services.settings().is_on,
    )
