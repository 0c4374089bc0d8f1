"""accounts: workspaces, users, memberships with roles, signed-in sessions, the audit trail

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-01 12:30:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0012'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'workspace',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('review_required', sa.Boolean(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'useraccount',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
        sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_useraccount_name'), 'useraccount', ['name'], unique=True)
    op.create_table(
        'membership',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=True),
        sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['useraccount.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'workspace_id', 'brand_id', name='uq_membership'),
    )
    op.create_index(op.f('ix_membership_user_id'), 'membership', ['user_id'], unique=False)
    op.create_index(op.f('ix_membership_workspace_id'), 'membership', ['workspace_id'], unique=False)
    op.create_table(
        'authsession',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('last_seen', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('revoked', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['useraccount.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_authsession_token_hash'), 'authsession', ['token_hash'], unique=True)
    op.create_index(op.f('ix_authsession_user_id'), 'authsession', ['user_id'], unique=False)
    op.create_table(
        'auditentry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('user_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=True),
        sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('entity_id', sa.Integer(), nullable=True),
        sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['useraccount.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_auditentry_at'), 'auditentry', ['at'], unique=False)
    op.create_index(op.f('ix_auditentry_brand_id'), 'auditentry', ['brand_id'], unique=False)
    # A plain ADD COLUMN on brand, never a batch copy: dropping the old table would cascade
    # to every brand's posts (see 0006).
    if op.get_bind().dialect.name == 'sqlite':  # SQLite adds a column's reference only inline
        op.execute('ALTER TABLE brand ADD COLUMN workspace_id INTEGER REFERENCES workspace(id)')
    else:
        op.add_column('brand', sa.Column('workspace_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_brand_workspace_id', 'brand', 'workspace', ['workspace_id'], ['id'])
    op.create_index(op.f('ix_brand_workspace_id'), 'brand', ['workspace_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_brand_workspace_id'), table_name='brand')
    op.drop_column('brand', 'workspace_id')
    op.drop_table('auditentry')
    op.drop_table('authsession')
    op.drop_table('membership')
    op.drop_table('useraccount')
    op.drop_table('workspace')
