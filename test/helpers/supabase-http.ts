import type http from 'node:http';

/* Helpers shared by the Supabase stand-in's services: request parsing as GoTrue does it, and answers. */

export type Json = Record<string, unknown>;

/** GoTrue's bearerRegexp. */
export const BEARER = /^(?:B|b)earer (\S+)$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Json = {},
  ) {
    super(message);
  }
}

export function send(res: http.ServerResponse, method: string, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  // A HEAD response never has a body: PostgREST's 404 for a missing table arrives empty.
  res.end(method === 'HEAD' ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
}

export function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
export function parseBody(raw: string): Json {
  let parsed: unknown;
  try {
    parsed = raw === '' ? {} : JSON.parse(raw);
  } catch (error) {
    throw new HttpError(400, 'bad_json', `Could not parse request body as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpError(400, 'bad_json', 'Could not parse request body as JSON: json: cannot unmarshal into Go value of type object');
  }
  return parsed as Json;
}
export function wrongType(key: string, want: string): HttpError {
  return new HttpError(400, 'bad_json', `Could not parse request body as JSON: json: cannot unmarshal into Go struct field .${key} of type ${want}`);
}
export function optionalString(params: Json, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(key, 'string');
  return value;
}
export function optionalBoolean(params: Json, key: string): boolean {
  const value = params[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw wrongType(key, 'bool');
  return value;
}
export function optionalObject(params: Json, key: string): Json | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(key, 'map[string]interface {}');
  return value as Json;
}
export function validateEmail(email: string): string {
  if (email.length > 255) throw new HttpError(400, 'validation_failed', 'An email address is too long');
  if (!EMAIL.test(email)) throw new HttpError(400, 'validation_failed', 'Unable to validate email address: invalid format');
  return email.toLowerCase();
}
/** GoTrue's metadata update: keys overwrite, null removes, the rest stays. */
export function mergeMetadata(target: Json, updates: Json): void {
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete target[key];
    else target[key] = value;
  }
}
export function uintParam(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) {
    throw new HttpError(400, 'validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing "${value}": invalid syntax`);
  }
  return Number(value);
}
/** Go's url.QueryEscape. */
export function goEscape(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}
