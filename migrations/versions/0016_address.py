"""address: the school's postal address, for the operator on a written consent (152-ФЗ, ст. 9)

The table `school` has no `school_id` column: no row-level security to add.

Revision ID: 0016_address
Revises: 0015_rls
Create Date: 2026-11-30 22:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0016_address"
down_revision = "0015_rls"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("postal_address", sa.String(length=300), server_default="", nullable=False)
        )


def downgrade():
    # Not in batch: SQLite (3.35+) drops the column in place, where a batch would copy `school`
    # and drop the original, which the schools' rows refuse while foreign keys are on.
    op.drop_column("school", "postal_address")
