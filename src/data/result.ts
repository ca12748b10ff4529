import type { DataSettings } from '../config/resolve.js';

/** What the data phase did, table by table: read by parity, the report and validation. */
export interface TableCopy {
  table: string;
  sourceRows: number;
  targetRows: number;
  /** equal: rows and checksum match; present: every source key is on the target (append-missing). */
  status: 'equal' | 'present' | 'differs' | 'not run' | 'rolled back';
  ms: number;
  masked: string[];
  triggersDisabled: number;
}

export interface DataResult {
  mode: DataSettings['mode'];
  tables: TableCopy[];
  /** Cycle handling, for the report. */
  deferred: string[];
  nulled: string[];
  /** Copied columns that look personal and have no mask, as schema.table.column (warned of). */
  unmasked: string[];
}

export function emptyDataResult(mode: DataSettings['mode'] = 'replace'): DataResult {
  return { mode, tables: [], deferred: [], nulled: [], unmasked: [] };
}
