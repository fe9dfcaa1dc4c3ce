import { type Kysely, sql } from 'kysely';

/** Organisations, roles and roster, the plan register, status, conversation references, audit and outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('aliases', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('roles_pk', ['org_id', 'code'])
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('aad_object_id', 'text')
    .addColumn('team', 'text')
    .addColumn('service', 'text')
    .addColumn('is_social_worker', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('delegate_person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('access', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addCheckConstraint('people_access_ck', sql`access is null or access in ('admin', 'lead')`)
    .addUniqueConstraint('people_org_email_uq', ['org_id', 'email'])
    .addUniqueConstraint('people_org_aad_uq', ['org_id', 'aad_object_id'])
    .execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('role_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('role_assignments_pk', ['org_id', 'role_code', 'person_id'])
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source_file', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('plans_org_uq', ['org_id'])
    .execute();

  await db.schema
    .createTable('priority_areas')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('priority_areas_uq', ['plan_id', 'name'])
    .execute();

  await db.schema
    .createTable('objectives')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id'))
    .addColumn('priority_area_id', 'integer', (c) => c.notNull().references('priority_areas.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('objectives_uq', ['plan_id', 'number'])
    .execute();

  await db.schema
    .createTable('actions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id'))
    .addColumn('objective_id', 'integer', (c) => c.notNull().references('objectives.id'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owners_text', 'text', (c) => c.notNull())
    .addColumn('due_text', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('rag', 'text')
    .addColumn('percent', 'integer')
    .addColumn('last_update_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('actions_plan_ref_uq', ['plan_id', 'ref'])
    .addCheckConstraint('actions_state_ck', sql`state in ('open', 'complete', 'withdrawn')`)
    .addCheckConstraint('actions_rag_ck', sql`rag is null or rag in ('red', 'amber', 'green')`)
    .execute();
  await db.schema.createIndex('actions_org_due_ix').on('actions').columns(['org_id', 'due_date']).execute();

  await db.schema
    .createTable('action_owner_roles')
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('role_code', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_owner_roles_pk', ['action_id', 'role_code'])
    .execute();

  await db.schema
    .createTable('action_delegations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('actions.id'))
    .addColumn('owner_person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('delegate_person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('action_delegations_delegate_ix')
    .on('action_delegations')
    .columns(['delegate_person_id', 'revoked_at'])
    .execute();

  await db.schema
    .createTable('measures')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('is_health_check', 'boolean', (c) => c.notNull())
    .addColumn('statement_id', 'text')
    .execute();

  await db.schema
    .createTable('status_updates')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('actions.id'))
    .addColumn('author_person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('rag', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('narrative', 'text')
    .addColumn('evidence_url', 'text')
    .addColumn('blockers', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('status_updates_rag_ck', sql`rag in ('red', 'amber', 'green')`)
    .addCheckConstraint('status_updates_percent_ck', sql`percent between 0 and 100`)
    .execute();
  await db.schema
    .createIndex('status_updates_action_ix')
    .on('status_updates')
    .columns(['action_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('status_updates_org_at_ix')
    .on('status_updates')
    .columns(['org_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('conversation_refs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('aad_object_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('channel_name', 'text')
    .addColumn('service_url', 'text', (c) => c.notNull())
    .addColumn('reference', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('conversation_refs_uq', ['org_id', 'conversation_id'])
    .addCheckConstraint('conversation_refs_kind_ck', sql`kind in ('personal', 'groupChat', 'channel')`)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('actor_person_id', 'uuid')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_entity_ix')
    .on('audit_log')
    .columns(['org_id', 'entity', 'entity_id'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('conversation_ref_id', 'uuid', (c) => c.references('conversation_refs.id'))
    .addColumn('person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('activity_id', 'text')
    .addColumn('sent_conversation_id', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('outbox_key_uq', ['org_id', 'idempotency_key'])
    .addCheckConstraint('outbox_state_ck', sql`state in ('pending', 'sending', 'sent', 'failed')`)
    .addCheckConstraint('outbox_target_ck', sql`conversation_ref_id is not null or person_id is not null`)
    .execute();
  await db.schema.createIndex('outbox_due_ix').on('outbox').columns(['state', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbox',
    'audit_log',
    'conversation_refs',
    'status_updates',
    'measures',
    'action_delegations',
    'action_owner_roles',
    'actions',
    'objectives',
    'priority_areas',
    'plans',
    'role_assignments',
    'people',
    'roles',
    'organisations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
