"""waiting indexes: what the menu counts on every page, read by range instead of by school;
a person's consents by (school, person, kind)

«Ждёт вашего решения» is counted on every page of a school member: the week's planned
activities, the proposed program changes and the consents ending within 30 days. At a school of
600 teachers these were read through the school's index, every row of the school; these three
indexes read only the range asked for. The fourth finds a person's consent of a kind directly:
without it SQLite's plan for «mentors with both consents» (the district's page of a school)
joined every consent of the school to every other.

Revision ID: 0017_waiting_indexes
Revises: 0016_address
Create Date: 2026-11-30 23:05:00

"""

from alembic import op

revision = "0017_waiting_indexes"
down_revision = "0016_address"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_activity_due", "activity", ["school_id", "status", "due_on"])
    op.create_index("ix_program_change_state", "program_change", ["school_id", "status"])
    op.create_index("ix_consent_ending", "consent", ["school_id", "valid_until"])
    op.create_index("ix_consent_person", "consent", ["school_id", "staff_id", "kind"])


def downgrade():
    op.drop_index("ix_consent_person", table_name="consent")
    op.drop_index("ix_consent_ending", table_name="consent")
    op.drop_index("ix_program_change_state", table_name="program_change")
    op.drop_index("ix_activity_due", table_name="activity")
