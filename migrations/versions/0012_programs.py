"""programs: a change of a program can be declined (7.2), with who, when and why

Revision ID: 0010_programs
Revises: 0010_security
Create Date: 2026-11-30 16:20:00

The new statuses (a change «Отклонено», an activity «Не выполнено») are codes in the existing
string columns and need no schema change.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0010_programs"
down_revision = "0010_security"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("program_change", schema=None) as batch_op:
        batch_op.add_column(sa.Column("declined_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("declined_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("decline_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_program_change_declined_by_id_account"),
            "account",
            ["declined_by_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("program_change", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_program_change_declined_by_id_account"), type_="foreignkey"
        )
        batch_op.drop_column("decline_reason")
        batch_op.drop_column("declined_by_id")
        batch_op.drop_column("declined_at")
