import type pg from 'pg';
import type { ConnectionSpec } from './url.js';

export class SameDatabaseError extends Error {
  override name = 'SameDatabaseError';
}

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '[::1]']);

/** host:port/database, with the spellings of this machine folded together. */
export function endpointOf(spec: Pick<ConnectionSpec, 'host' | 'port' | 'database'>): string {
  const host = spec.host.toLowerCase().replace(/\.$/, '');
  const folded = LOCAL_NAMES.has(host) || host.startsWith('/') ? 'localhost' : host;
  return `${folded}:${spec.port}/${spec.database}`;
}

/**
 * Refuses a target that is the source: the same host, port and database
 * however they are spelled, or (when readable) the same server identity and
 * database. Writing to production is the one mistake this tool must never make.
 */
export async function assertDifferentDatabases(
  source: { spec: ConnectionSpec; client: pg.Client },
  target: { spec: ConnectionSpec; client: pg.Client },
): Promise<void> {
  if (endpointOf(source.spec) === endpointOf(target.spec)) {
    throw new SameDatabaseError(
      `the target is the source database (${source.spec.display} and ${target.spec.display} both name ${endpointOf(source.spec)}); refusing to change it`,
    );
  }
  const [a, b] = await Promise.all([identity(source.client), identity(target.client)]);
  if (a && b && a === b) {
    throw new SameDatabaseError(
      `the target is the source database: both URLs reach the same server (system identifier and database ${a.split('/')[1]}) under different names; refusing to change it`,
    );
  }
}

async function identity(client: pg.Client): Promise<string | undefined> {
  try {
    const { rows } = await client.query<{ id: string; db: string }>(
      'select system_identifier::text as id, current_database() as db from pg_catalog.pg_control_system()',
    );
    if (rows[0]) return `${rows[0].id}/${rows[0].db}`;
  } catch {
    // pg_control_system() may be denied to unprivileged roles: fall back to what any role can read.
  }
  try {
    const { rows } = await client.query<{ id: string; db: string }>(
      `select pg_catalog.pg_postmaster_start_time()::text || ':' || current_setting('port') || ':' ||
         (select oid from pg_catalog.pg_database where datname = current_database())::text as id, current_database() as db`,
    );
    return rows[0] ? `${rows[0].id}/${rows[0].db}` : undefined;
  } catch {
    return undefined;
  }
}
