"""Error pages in the site's style, in Russian."""

from flask import current_app, flash, g, redirect, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from . import transactions
from .extensions import db
from .refusals import Refusal
from .transactions import RETRY_AFTER, database_busy

MESSAGES = {
    400: ("Неверный запрос", "Запрос не удалось обработать. Вернитесь назад и попробуйте ещё раз."),
    401: ("Нужно войти", "Войдите в систему, чтобы открыть эту страницу."),
    403: ("Доступ запрещён", "У вашей учётной записи нет прав на это действие."),
    404: ("Страница не найдена", "Такой страницы нет, или она вам недоступна."),
    405: ("Действие недоступно", "Эта страница не принимает такой запрос."),
    409: ("Действие отклонено", "Действие не выполнено, ничего не изменено."),
    413: (
        "Файл слишком большой",
        "Размер отправленных данных превышает 10 МБ. Уменьшите файл и попробуйте снова.",
    ),
    429: (
        "Слишком много попыток",
        "Слишком много запросов подряд. Подождите несколько минут и попробуйте снова.",
    ),
    503: (
        "Сервер занят",
        "Сейчас с базой данных работает много пользователей, и ваш запрос не дождался очереди. "
        "Изменения не сохранены. Повторите через несколько секунд.",
    ),
    500: (
        "Ошибка на сервере",
        "Что-то пошло не так. Изменения не сохранены. Попробуйте ещё раз позже.",
    ),
}


def render_error(code: int, detail: str | None = None):
    # An error page saves nothing (the edge rolls back whatever is ≥ 400): what it still reads
    # (the school's name, the account) must not queue for SQLite's write lock again — a 503
    # page that waited for the lock it could not have would end as a 500.
    transactions.reading_only()
    title, text = MESSAGES.get(code, MESSAGES[500])
    page = {"code": code, "title": title, "text": detail or text}
    try:
        return render_template("errors/error.html", **page, error_page=True), code
    except OperationalError:
        # The database cannot be read at all (PostgreSQL restarting): the same message on a
        # page that reads nothing of it, for an account not looked up again.
        db.session.rollback()
        g._login_user = current_app.login_manager.anonymous_user()
        return render_template("errors/plain.html", **page), code


def busy_response():
    """The database stayed locked longer than the busy timeout: nothing saved, try again."""
    body, code = render_error(503)
    return current_app.response_class(body, code, {"Retry-After": str(RETRY_AFTER)})


def register(app) -> None:
    @app.errorhandler(OperationalError)
    def _operational(error):
        db.session.rollback()
        if database_busy(error):
            return busy_response()
        app.logger.exception("Ошибка базы данных")
        return render_error(500)

    @app.errorhandler(CSRFError)
    def _csrf(error):
        db.session.rollback()
        return render_error(
            400, "Форма устарела или отправлена не с этого сайта. Обновите страницу и повторите."
        )

    @app.errorhandler(Refusal)
    def _refused(refusal):
        # A refusal no view answered: nothing of the request is saved, the message is shown
        # where the person came from (this site only), or on a page of its own.
        db.session.rollback()
        back = request.referrer or ""
        if request.method == "POST" and back.startswith(request.host_url):
            flash(refusal.message, "warning")
            return redirect(back, code=303)
        return render_error(409, refusal.message)

    @app.errorhandler(HTTPException)
    def _http(error):
        db.session.rollback()
        code = error.code if error.code in MESSAGES else 400
        return render_error(code)

    @app.errorhandler(Exception)
    def _unexpected(error):
        db.session.rollback()
        if database_busy(error):  # the database lost in mid-flush: see database_busy
            return busy_response()
        app.logger.exception("Необработанная ошибка")
        return render_error(500)
