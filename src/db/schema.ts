import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz column: read as Date, written as Date. */
type Timestamp = ColumnType<Date, Date, Date>;
/** A date column, kept as an ISO calendar date ('2026-12-01'): see db/connect.ts for the parsers. */
type CalendarDate = string;
/** A jsonb column: read as T, written as a JSON string or T. */
type Json<T> = ColumnType<T, T | string, T | string>;

export type Rag = 'red' | 'amber' | 'green';
export type ActionState = 'open' | 'complete' | 'withdrawn';
export type ConversationKind = 'personal' | 'groupChat' | 'channel';
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface RolesTable {
  org_id: string;
  code: string;
  title: string;
  aliases: Json<string[]>;
}

export interface PeopleTable {
  id: string;
  org_id: string;
  display_name: string;
  email: string;
  aad_object_id: string | null;
  team: string | null;
  service: string | null;
  is_social_worker: Generated<boolean>;
  delegate_person_id: string | null;
  /** App access beyond owning actions: 'admin' (programme office) or 'lead' (programme lead). */
  access: 'admin' | 'lead' | null;
  active: Generated<boolean>;
}

export interface RoleAssignmentsTable {
  org_id: string;
  role_code: string;
  person_id: string;
}

export interface PlansTable {
  id: string;
  org_id: string;
  name: string;
  source_file: string;
  imported_at: Timestamp;
}

export interface PriorityAreasTable {
  id: Generated<number>;
  plan_id: string;
  ordinal: number;
  name: string;
}

export interface ObjectivesTable {
  id: Generated<number>;
  plan_id: string;
  priority_area_id: number;
  number: number;
  text: string;
}

export interface ActionsTable {
  id: string;
  org_id: string;
  plan_id: string;
  objective_id: number;
  ref: string;
  text: string;
  owners_text: string;
  due_text: string;
  due_date: CalendarDate;
  state: Generated<ActionState>;
  rag: Rag | null;
  percent: number | null;
  last_update_at: Timestamp | null;
  completed_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionOwnerRolesTable {
  action_id: string;
  role_code: string;
  ordinal: number;
}

/** `delegate 3a to <person>`: the delegate acts for the owner on one action until revoked. */
export interface ActionDelegationsTable {
  id: string;
  action_id: string;
  owner_person_id: string;
  delegate_person_id: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface MeasuresTable {
  id: Generated<number>;
  action_id: string;
  ordinal: number;
  text: string;
  is_health_check: boolean;
  statement_id: string | null;
}

export interface StatusUpdatesTable {
  id: string;
  org_id: string;
  action_id: string;
  author_person_id: string | null;
  /** update | on_track | done | reopen | help | date_change */
  kind: string;
  rag: Rag;
  percent: number;
  narrative: string | null;
  evidence_url: string | null;
  blockers: string | null;
  idempotency_key: string | null;
  created_at: Timestamp;
}

export interface ConversationRefsTable {
  id: string;
  org_id: string;
  conversation_id: string;
  kind: ConversationKind;
  person_id: string | null;
  aad_object_id: string | null;
  team_id: string | null;
  channel_name: string | null;
  service_url: string;
  /** botbuilder's ConversationReference, kept whole for continueConversationAsync. */
  reference: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  org_id: string;
  actor_person_id: string | null;
  /** Display label of who acted: a person's name, 'import', 'scheduler', 'cli'. */
  actor: string;
  entity: string;
  entity_id: string;
  change: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  at: Timestamp;
}

export interface OutboxTable {
  id: Generated<string>;
  org_id: string;
  idempotency_key: string;
  /** reminder | escalation | approval | pulse | nudge | digest | notice */
  kind: string;
  conversation_ref_id: string | null;
  person_id: string | null;
  /** The Bot Framework activity to send (type message, attachments with the card). */
  payload: Json<Record<string, unknown>>;
  state: Generated<OutboxState>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_until: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  activity_id: string | null;
  sent_conversation_id: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

/** Tables added by later migrations declare themselves by extending this interface (see their *.table.ts). */
export interface DB {
  organisations: OrganisationsTable;
  roles: RolesTable;
  people: PeopleTable;
  role_assignments: RoleAssignmentsTable;
  plans: PlansTable;
  priority_areas: PriorityAreasTable;
  objectives: ObjectivesTable;
  actions: ActionsTable;
  action_owner_roles: ActionOwnerRolesTable;
  action_delegations: ActionDelegationsTable;
  measures: MeasuresTable;
  status_updates: StatusUpdatesTable;
  conversation_refs: ConversationRefsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
}

export type ActionRow = Selectable<ActionsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
