"""Files people attach (scans of consents, evidence of activities), kept per school."""

import errno
import io
import os
import uuid
from datetime import datetime
from pathlib import Path

import filetype
from flask import current_app, send_file
from sqlalchemy import Integer, String, event
from sqlalchemy.orm import Mapped, Session, SessionTransaction, mapped_column
from werkzeug.datastructures import FileStorage

from .extensions import db
from .models import utcnow
from .refusals import Refusal
from .tenancy import SchoolOwned

ALLOWED_EXTENSIONS = {
    "pdf",
    "jpg",
    "jpeg",
    "png",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "odt",
    "ods",
    "txt",
    "ppt",
    "pptx",
}
MAX_FILE_BYTES = 8 * 1024 * 1024

_OFFICE_OLD = {"doc", "xls", "ppt", "msi"}  # one compound-file format, told apart unreliably
_OFFICE_ZIP = {"docx", "xlsx", "pptx", "odt", "ods", "zip"}
# What the first bytes (filetype) may say a file of each allowed extension is; None: unrecognised.
CONTENT_OF_EXTENSION = {
    "pdf": {"pdf"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png"},
    "doc": _OFFICE_OLD,
    "xls": _OFFICE_OLD,
    "ppt": _OFFICE_OLD,
    "docx": _OFFICE_ZIP,
    "xlsx": _OFFICE_ZIP,
    "pptx": _OFFICE_ZIP,
    "odt": _OFFICE_ZIP,
    "ods": _OFFICE_ZIP,
    "txt": {None},
}


class StoredFile(SchoolOwned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    def path(self) -> Path:
        return Path(current_app.config["UPLOAD_FOLDER"]) / str(self.school_id) / self.key


NO_SPACE = (
    "Файл не сохранён: на сервере закончилось место для файлов. Ничего не изменено. "
    "Сообщите системному администратору школы и повторите позже."
)
NOT_WRITTEN = (
    "Файл не удалось записать на сервере. Ничего не изменено. "
    "Повторите позже или сообщите системному администратору школы."
)


def _write(path: Path, data: bytes) -> None:
    """Writes the whole file or nothing: a disk that fills up (ENOSPC) or fails midway leaves
    no partial file and answers with a Russian refusal, so the record is not saved either.
    The file is removed again if the transaction that stores its record is rolled back."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # a full disk may only tell when the data reach it
    except OSError as error:
        path.unlink(missing_ok=True)
        current_app.logger.error("Файл не записан (%s): %s", path, error)
        raise Refusal(
            NO_SPACE if error.errno in (errno.ENOSPC, errno.EDQUOT) else NOT_WRITTEN
        ) from None
    _written_in(db.session(), path)


# Files written in a transaction that is still open: {session: [(path, transaction)]}.
def _written_in(session: Session, path: Path) -> None:
    here = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault("nastavnik_new_files", []).append((path, here))


def _inside(transaction: SessionTransaction | None, outer: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is outer:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_soft_rollback")
def _remove_files_rolled_back(session, previous_transaction):
    """A rolled-back action keeps no file on disk: the files written inside it are removed."""
    written = session.info.get("nastavnik_new_files")
    if not written:
        return
    kept = []
    for path, transaction in written:
        if _inside(transaction, previous_transaction):
            path.unlink(missing_ok=True)
        else:
            kept.append((path, transaction))
    session.info["nastavnik_new_files"] = kept


@event.listens_for(Session, "after_commit")
def _files_kept(session):
    if session.get_nested_transaction() is None:  # the outermost commit: the files are kept
        session.info.pop("nastavnik_new_files", None)


def _clean_name(name: str) -> str:
    name = Path(name.replace("\\", "/")).name.strip() or "файл"
    return "".join(c for c in name if c.isprintable() and c not in '<>:"/|?*')[:200] or "файл"


def save_upload(storage: FileStorage, school_id: int) -> StoredFile:
    """Checks and stores one uploaded file; raises Refusal with a Russian message."""
    if storage is None or not storage.filename:
        raise Refusal("Выберите файл.")
    name = _clean_name(storage.filename)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise Refusal("Допустимы файлы PDF, изображения (JPG, PNG) и документы Office.")
    data = storage.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise Refusal("Файл больше 8 МБ.")
    if not data:
        raise Refusal("Файл пустой.")
    guessed = filetype.guess(data)
    if (guessed.extension if guessed else None) not in CONTENT_OF_EXTENSION[extension]:
        # The name must not promise another type than the content (an .exe renamed .pdf).
        raise Refusal(f"Файл «{name}» не подходит: по содержимому это не {extension.upper()}.")
    stored = StoredFile(
        school_id=school_id,
        filename=name,
        content_type=storage.mimetype or "application/octet-stream",
        size=len(data),
        key=uuid.uuid4().hex,
    )
    _write(stored.path(), data)
    db.session.add(stored)
    db.session.flush()
    return stored


def send_stored(stored: StoredFile):
    # Read whole (a few MB at most): no file handle outlives the response, and the download
    # always carries a safe name, as an attachment (nosniff is set for every response).
    return send_file(
        io.BytesIO(stored.path().read_bytes()),
        mimetype=stored.content_type,
        as_attachment=True,
        download_name=stored.filename,
        max_age=0,
    )


# --- files checked by their content -----------------------------------------------------------

# What a file's first bytes say it is (filetype), and the extensions a name of that kind may end in.
KINDS_BY_CONTENT = {
    "pdf": ("PDF", {"pdf"}),
    "docx": ("DOCX", {"docx"}),
    "odt": ("ODT", {"odt"}),
    "pptx": ("PPTX", {"pptx"}),
    "xlsx": ("XLSX", {"xlsx"}),
    "jpg": ("JPEG", {"jpg", "jpeg"}),
    "png": ("PNG", {"png"}),
}


def human_size(n: int) -> str:
    """«5 МБ», «300 КБ»: a size as a person reads it."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.3g} МБ".replace(".", ",")
    return f"{max(1, round(n / 1024))} КБ"


class FileTooLarge(Refusal):
    """A file, or the files of one record together, over their limit: answered with 413."""


def checked_file(storage: FileStorage, kinds: set[str], max_bytes: int) -> "CheckedFile":
    """Reads one upload and checks its size and its type by content, writing nothing yet."""
    if storage is None or not storage.filename:
        raise Refusal("Выберите файл.")
    name = _clean_name(storage.filename)
    data = storage.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLarge(
            f"Файл «{name}» больше {human_size(max_bytes)}: уменьшите его и загрузите снова."
        )
    if not data:
        raise Refusal(f"Файл «{name}» пустой.")
    guessed = filetype.guess(data)
    kind = guessed.extension if guessed else None
    allowed = ", ".join(KINDS_BY_CONTENT[k][0] for k in sorted(kinds))
    if kind not in kinds:
        raise Refusal(f"Файл «{name}» не подходит: по содержимому это не {allowed}.")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in KINDS_BY_CONTENT[kind][1]:
        # The name must not promise another type than the content (an .exe renamed, say).
        stem = name.rsplit(".", 1)[0] if "." in name else name
        name = f"{stem}.{kind}"
    return CheckedFile(name=name, data=data, content_type=guessed.mime)


class CheckedFile:
    """An upload whose size and type are checked, not yet on disk."""

    def __init__(self, name: str, data: bytes, content_type: str):
        self.name = name
        self.data = data
        self.content_type = content_type

    def store(self, school_id: int) -> StoredFile:
        stored = StoredFile(
            school_id=school_id,
            filename=self.name,
            content_type=self.content_type,
            size=len(self.data),
            key=uuid.uuid4().hex,
        )
        db.session.add(stored)
        db.session.flush()
        _write(stored.path(), self.data)
        return stored
