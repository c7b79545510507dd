"""The bare extension objects; the app factory binds them to the app."""

from flask_bootstrap import Bootstrap5
from flask_caching import Cache
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from .tenancy import TenantSession

# Stable constraint names, so that Alembic migrations read the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# expire_on_commit=False: the one commit of a request happens after the view has rendered.
# TenantSession: tenancy.py tells the ORM's own writes at flush from raw SQL.
db = SQLAlchemy(
    model_class=Base,
    session_options={"expire_on_commit": False, "class_": TenantSession},
)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
bootstrap = Bootstrap5()
# Figures that need not be live to the second (the district's overview): SimpleCache in the
# process by default, Redis shared by the server's processes with NASTAVNIK_CACHE_REDIS_URL.
cache = Cache()
