"""rls: row-level security on every table with school_id (PostgreSQL only)

The policies and the application's role are those of nastavnik.rls (the one place they are
written); on SQLite, which has no row-level security, nothing changes.

Revision ID: 0015_rls
Revises: 0014_privacy
Create Date: 2026-11-30 19:45:00

"""

from alembic import op

from nastavnik import rls

# revision identifiers, used by Alembic.
revision = "0015_rls"
down_revision = "0014_privacy"
branch_labels = None
depends_on = None


def upgrade():
    rls.protect(op.get_bind())


def downgrade():
    rls.unprotect(op.get_bind())
