import type { CollationRow } from './sql/collations.sql.js';
import type { ConstraintRow } from './sql/constraints.sql.js';
import type { DependRow } from './sql/depends.sql.js';
import type { EventTriggerRow } from './sql/event-triggers.sql.js';
import type { ExtensionRow } from './sql/extensions.sql.js';
import type { ForeignColumnOptionsRow, ForeignTableRow, ServerRow, UserMappingRow, WrapperRow } from './sql/foreign.sql.js';
import type { IndexRow } from './sql/indexes.sql.js';
import type { PolicyRow } from './sql/policies.sql.js';
import type { PlatformAclRow } from './sql/platform-acls.sql.js';
import type { DefaultPrivilegeRow, RoleRow } from './sql/privileges.sql.js';
import type { PublicationRow } from './sql/publications.sql.js';
import type { RoutineRow } from './sql/routines.sql.js';
import type { RuleRow } from './sql/rules.sql.js';
import type { SchemaRow } from './sql/schemas.sql.js';
import type { SequenceRow } from './sql/sequences.sql.js';
import type { ColumnRow, TableRow } from './sql/tables.sql.js';
import type { TriggerRow } from './sql/triggers.sql.js';
import type { TypeRow } from './sql/types.sql.js';
import type { ViewRow } from './sql/views.sql.js';

/** The raw rows of every catalog query, from one snapshot. */
export interface CatalogRows {
  session: { user: string; version: string; superuser: boolean; database_create: boolean };
  schemas: SchemaRow[];
  extensions: ExtensionRow[];
  collations: CollationRow[];
  types: TypeRow[];
  sequences: SequenceRow[];
  tables: TableRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  views: ViewRow[];
  routines: RoutineRow[];
  triggers: TriggerRow[];
  rules: RuleRow[];
  eventTriggers: EventTriggerRow[];
  policies: PolicyRow[];
  defaultPrivileges: DefaultPrivilegeRow[];
  publications: PublicationRow[];
  wrappers: WrapperRow[];
  servers: ServerRow[];
  userMappings: UserMappingRow[];
  foreignTables: ForeignTableRow[];
  foreignColumnOptions: ForeignColumnOptionsRow[];
  platformAcls: PlatformAclRow[];
  roles: RoleRow[];
  depends: DependRow[];
}
