import { objectKey } from './keys.js';
import { grants } from './map.js';
import type { Column, FdwOption, ForeignDataWrapper, ForeignServer, ForeignTable, UserMapping } from './model.js';
import type { ForeignColumnOptionsRow, ForeignTableRow, ServerRow, UserMappingRow, WrapperRow } from './sql/foreign.sql.js';

/** Foreign-data catalog rows to model objects. */

export function toWrapper(r: WrapperRow): ForeignDataWrapper {
  return { key: objectKey('foreign-data-wrapper', r.name), name: r.name, extension: r.extension, handler: r.handler, validator: r.validator, options: r.options, owner: r.owner, grants: grants(r.grants), comment: r.comment };
}

export function toServer(r: ServerRow): ForeignServer {
  return { key: objectKey('server', r.name), name: r.name, wrapper: r.wrapper, type: r.type, version: r.version, options: r.options, owner: r.owner, grants: grants(r.grants), comment: r.comment };
}

export function toUserMapping(r: UserMappingRow): UserMapping {
  return { key: objectKey('user-mapping', r.server, r.role), server: r.server, role: r.role, comment: null };
}

export function toForeignTable(r: ForeignTableRow, columns: Column[], options: ForeignColumnOptionsRow[]): ForeignTable {
  const columnOptions: Record<string, FdwOption[]> = {};
  for (const o of options) columnOptions[o.column] = o.options;
  return {
    key: objectKey('foreign-table', r.schema, r.name), schema: r.schema, name: r.name, server: r.server,
    partitionOf: r.partition_of ? { schema: r.partition_of[0], name: r.partition_of[1], bound: r.partition_of[2] } : null,
    inherits: r.inherits.map(([schema, name]) => ({ schema, name })), options: r.options,
    columns, columnOptions, owner: r.owner, grants: grants(r.grants), comment: r.comment,
  };
}
