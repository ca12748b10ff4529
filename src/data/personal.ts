/**
 * Columns that look personal (by name, type or domain) and are copied
 * unmasked: said in the log and the report, so following the tool's advice
 * (add the referenced table) never copies real emails silently. [data]
 * allow_unmasked = ["schema.table.column"] says one is meant to be copied.
 */
import { parseTableName, tableLabel, type TableName } from '../db/names.js';
import { quoteIdent } from '../db/quote.js';
import type { Logger } from '../log/logger.js';
import { didYouMean } from '../util/suggest.js';
import { textCapacity } from './mask.js';
import type { DataColumn, DataTable } from './model.js';

export interface ColumnName {
  schema: string;
  table: string;
  column: string;
}

const set = (words: string) => new Set(words.split(' '));
const EMAIL = set('email emails mail emailaddress');
const PHONE = set('phone phones mobile telephone phonenumber cellphone msisdn fax');
const NAMES = set('firstname lastname fullname surname givenname familyname middlename maidenname nickname username realname');
// `<word>_name` is a person's name after these; `table_name`, `file_name`, `bucket_name` are not.
const NAME_OF = set('first last full given family middle maiden nick user real legal contact customer guest person owner billing shipping');
// A bare `name` or `display_name` is a person's on tables of people, a thing's elsewhere (countries.name).
const PEOPLE_NAMES = new Set(['name', 'displayname', 'display_name']);
const PEOPLE = set('user users profile profiles person persons people customer customers member members contact contacts guest guests ' +
  'employee employees patient patients student students author authors subscriber subscribers attendee attendees applicant applicants staff client clients account accounts');
const ADDRESS = set('address addresses addr street streetaddress postcode postal zip zipcode');
const IP = set('ip ips ipaddress ipaddr ipv4 ipv6');
const SECRET = set('password passwords passwd pwd passphrase secret secrets token tokens otp apikey');
const KEY_OF = set('api private access');
const BIRTH = set('birth birthday birthdate dob');
const ID_NUMBER = set('ssn iban passport');
const META_OF = set('user profile identity personal contact customer member');
const META = set('meta metadata data info details attributes');
// `email_verified`, `token_type`, `phone_country`: about the value, not the value.
const ABOUT = set('type types kind status count format verified confirmed enabled required provider providers method domain hint policy length id ids prefix country version scope scopes url urls uri uris endpoint');

/** Words of an identifier: split at non-letters and camelCase, lower case. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

const any = (ws: readonly string[], of: Set<string>) => ws.some((w) => of.has(w));

/** What a name says the text in it is, if personal. */
function byName(ws: readonly string[], table: readonly string[]): string | undefined {
  if (ws.length === 0 || ABOUT.has(ws.at(-1)!)) return undefined;
  if (any(ws, IP) || (ws.includes('remote') && ws.some((w) => w.startsWith('addr')))) return 'an IP address';
  if (any(ws, EMAIL)) return 'an email';
  if (any(ws, PHONE)) return 'a phone number';
  if (any(ws, SECRET) || ws.some((w, i) => w === 'key' && i > 0 && KEY_OF.has(ws[i - 1]!))) return 'a secret';
  if (any(ws, NAMES) || ws.some((w, i) => w === 'name' && i > 0 && NAME_OF.has(ws[i - 1]!))) return 'a name';
  if (PEOPLE_NAMES.has(ws.join('_')) && any(table, PEOPLE)) return 'a name';
  if (any(ws, ADDRESS)) return 'an address';
  if (any(ws, ID_NUMBER)) return 'an ID number';
  if (any(ws, BIRTH)) return 'a birth date';
  return undefined;
}

/** Why a column looks personal, or undefined. Names count only on types that can hold such data. */
export function personalReason(table: TableName, column: DataColumn): string | undefined {
  const base = (column.baseType ?? column.type).replace(/(\[\])+$/, '');
  const plain = base.replace(/^.*\./, '');
  if (plain === 'inet') return 'an IP address';
  const ws = words(column.name);
  const tableWords = words(table.name);
  if (textCapacity(base) !== undefined) {
    // A domain named for what it holds: `contact public.email_address`.
    const domain = column.type !== base ? words(column.type.replace(/^.*\./, '')) : [];
    if (any(domain, EMAIL)) return 'an email';
    if (any(domain, PHONE)) return 'a phone number';
    return byName(ws, tableWords);
  }
  if (plain === 'json' || plain === 'jsonb') {
    if (any(ws, META_OF) && any(ws, META)) return 'user metadata';
    return byName(ws, tableWords);
  }
  const about = ws.length === 0 || ABOUT.has(ws.at(-1)!);
  if (plain === 'date' || plain.startsWith('timestamp')) return any(ws, BIRTH) && !about ? 'a birth date' : undefined;
  // Phone and ID numbers are sometimes kept as numbers.
  if (['bigint', 'integer', 'numeric'].includes(plain.replace(/\(.*$/, '')) && !about) {
    if (any(ws, PHONE)) return 'a phone number';
    if (any(ws, ID_NUMBER)) return 'an ID number';
  }
  return undefined;
}

/** Splits at dots outside double quotes. */
function parts(text: string): string[] {
  const out = [''];
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === '.' && !quoted) out.push('');
    else out[out.length - 1] += ch;
  }
  return out;
}

/** `schema.table.column`, each part plain (folded to lower case) or double-quoted. */
export function parseColumnName(text: string, what: string): ColumnName {
  const p = parts(text);
  if (p.length !== 3) throw new Error(`${what} "${text}" is not schema.table.column; quote parts with "..." when needed`);
  const table = parseTableName(`${p[0]!}.${p[1]!}`, what);
  const column = parseTableName(`${p[0]!}.${p[2]!}`, what).name;
  return { schema: table.schema, table: table.name, column };
}

const WHAT = '[data] allow_unmasked entry';

/** The columns [data] allow_unmasked names. */
export function allowedColumns(entries: readonly string[] | undefined): ColumnName[] {
  return (entries ?? []).map((e) => parseColumnName(e, WHAT));
}

export function isAllowed(allowed: readonly ColumnName[], table: TableName, column: string): boolean {
  return allowed.some((a) => a.schema === table.schema && a.table === table.name && a.column === column);
}

const columnLabel = (table: TableName, column: string) => `${tableLabel(table)}.${quoteIdent(column)}`;

/**
 * Warns of the copied columns that look personal and have no mask, one line
 * per table, and of allow_unmasked entries that name no copied column (a
 * typo there would hide nothing, but should not pass unnoticed). Returns
 * the unmasked ones as `schema.table.column`.
 */
export function reportUnmasked(
  copies: readonly { table: DataTable; columns: readonly string[]; masked: readonly string[] }[],
  allowUnmasked: readonly string[] | undefined,
  logger: Logger,
): string[] {
  const allowed = allowedColumns(allowUnmasked);
  const unmasked: string[] = [];
  for (const { table, columns, masked } of copies) {
    const found = table.columns.flatMap((c) => {
      if (!columns.includes(c.name) || masked.includes(c.name) || isAllowed(allowed, table, c.name)) return [];
      const reason = personalReason(table, c);
      return reason ? [{ name: c.name, reason }] : [];
    });
    if (found.length === 0) continue;
    unmasked.push(...found.map((f) => columnLabel(table, f.name)));
    logger.warning(
      `${tableLabel(table)}: copied unmasked, though they look personal: ${found.map((f) => `${quoteIdent(f.name)} (${f.reason})`).join(', ')}. ` +
        `Mask them in [data.mask."${tableLabel(table)}"], or list them in [data] allow_unmasked to copy them as they are.`,
    );
  }
  const copied = copies.flatMap(({ table, columns }) => columns.map((c) => ({ table, column: c })));
  const labels = copied.map((c) => columnLabel(c.table, c.column));
  for (const [i, entry] of (allowUnmasked ?? []).entries()) {
    const a = allowed[i]!;
    if (copied.some((c) => isAllowed([a], c.table, c.column))) continue;
    logger.warning(`${WHAT} "${entry}" names no copied column${didYouMean(entry, labels)}`);
  }
  return unmasked;
}
