"""privacy: the erasure of a teacher's personal details (152-ФЗ, ст. 21)

Revision ID: 0014_privacy
Revises: 0010_waiting
Create Date: 2026-11-30 20:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0014_privacy"
down_revision = "0010_waiting"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_on", sa.Date(), nullable=True))

    op.create_table(
        "erasure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("request_number", sa.String(length=60), nullable=False),
        sa.Column("request_on", sa.Date(), nullable=True),
        sa.Column("erased_on", sa.Date(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("erased_by_id", sa.Integer(), nullable=True),
        sa.Column("erased_by_name", sa.String(length=200), nullable=False),
        sa.Column("erased", sa.Text(), nullable=False),
        sa.Column("files_deleted", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["erased_by_id"], ["account.id"], name=op.f("fk_erasure_erased_by_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["school_id", "staff_id"],
            ["staff.school_id", "staff.id"],
            name=op.f("fk_erasure_school_id_staff_id_staff"),
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["school.id"], name=op.f("fk_erasure_school_id_school")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure")),
        sa.UniqueConstraint("school_id", "id", name=op.f("uq_erasure_school_id_id")),
        sa.UniqueConstraint("school_id", "number", name="uq_erasure_school_number"),
        sa.UniqueConstraint("school_id", "staff_id", name="uq_erasure_school_staff"),
    )
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erasure_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_erasure_staff_id"), ["staff_id"], unique=False)


def downgrade():
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasure_staff_id"))
        batch_op.drop_index(batch_op.f("ix_erasure_school_id"))
    op.drop_table("erasure")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("erased_on")
