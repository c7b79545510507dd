"""security: login attempts counted per window (throttle.py), when a password was set, the journal

Revision ID: 0010_security
Revises: 0010_publishing
Create Date: 2026-11-30 16:40:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0010_security"
down_revision = "0010_publishing"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "throttle_count",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_throttle_count")),
    )
    with op.batch_alter_table("throttle_count", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_throttle_count_expires_at"), ["expires_at"], unique=False
        )
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_failure_key"))
        batch_op.drop_index(batch_op.f("ix_login_failure_at"))
    op.drop_table("login_failure")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_set_at", sa.DateTime(), nullable=True))
    # Passwords set before this revision count from now: no one-time password expires at once.
    op.execute(sa.text("UPDATE account SET password_set_at = CURRENT_TIMESTAMP"))
    op.create_table(
        "journal_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("record_kind", sa.String(length=80), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["school.id"], name=op.f("fk_journal_entry_school_id_school")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_entry")),
    )
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.create_index("ix_journal_entry_action_at", ["action", "at"], unique=False)
        batch_op.create_index("ix_journal_entry_school_at", ["school_id", "at"], unique=False)


def downgrade():
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_journal_entry_school_at")
        batch_op.drop_index("ix_journal_entry_action_at")
    op.drop_table("journal_entry")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("password_set_at")
    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failure")),
    )
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_failure_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_login_failure_key"), ["key"], unique=False)
    with op.batch_alter_table("throttle_count", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_throttle_count_expires_at"))
    op.drop_table("throttle_count")
