"""orders: the scan of a signed paper order

Revision ID: 0003_orders
Revises: 0002
Create Date: 2026-11-30 13:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003_orders"
down_revision = "0003_appointments"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("school_order", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scan_file_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_school_order_scan_file_id"), ["scan_file_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_school_order_school_id_scan_file_id_stored_file"),
            "stored_file",
            ["school_id", "scan_file_id"],
            ["school_id", "id"],
        )


def downgrade():
    with op.batch_alter_table("school_order", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_school_order_school_id_scan_file_id_stored_file"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_school_order_scan_file_id"))
        batch_op.drop_column("scan_file_id")
