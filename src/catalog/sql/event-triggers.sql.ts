import { commentOf, notInExtension } from './common.js';

/**
 * Event triggers (database-wide) whose function lives in the chosen schemas
 * ($1): the function says whose they are.
 */
export const EVENT_TRIGGERS_SQL = `
select et.oid, et.evtname as name, et.evtevent as event, coalesce(to_jsonb(et.evttags), '[]'::jsonb) as tags,
  fn.nspname as function_schema, p.proname as function_name, et.evtenabled as enabled,
  ${commentOf('pg_event_trigger', 'et.oid')} as comment
from pg_catalog.pg_event_trigger et
join pg_catalog.pg_proc p on p.oid = et.evtfoid
join pg_catalog.pg_namespace fn on fn.oid = p.pronamespace
where p.pronamespace = any($1::oid[]) and ${notInExtension('pg_event_trigger', 'et.oid')}
order by 2`;

export interface EventTriggerRow {
  oid: number;
  name: string;
  event: string;
  tags: string[];
  function_schema: string;
  function_name: string;
  enabled: string;
  comment: string | null;
}

