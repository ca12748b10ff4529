import { z } from 'zod';
import { EXPECTATION } from './expectation.js';
import { TARGET_NAME, TARGET_NAME_RULE } from './target-name.js';

/** A value read from the environment at run time: `env:NAME`. Secrets never live in the file. */
export const envReference = z.string().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, 'must be an env:NAME reference (secrets are never written in the config)');

const schemaSection = z.strictObject({
  enabled: z.boolean().optional(),
  schemas: z.array(z.string().min(1)).optional(),
  exclude_schemas: z.array(z.string().min(1)).optional(),
  extension_versions: z.boolean().optional(),
});

const seedUser = z.strictObject({
  email: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be an email address'),
  password: envReference.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  app_metadata: z.record(z.string(), z.unknown()).optional(),
});

const seedSection = z.strictObject({
  enabled: z.boolean().optional(),
  paths: z.array(z.string().min(1)).optional(),
  reset: z.array(z.string().min(1)).optional(),
  single_transaction: z.boolean().optional(),
  users: z.array(seedUser).optional(),
});


const assertion = z.strictObject({
  name: z.string().min(1),
  sql: z.string().min(1),
  expect: z.union([z.number(), z.string().regex(EXPECTATION, 'must be a number or a comparison such as ">= 10"')]).optional(),
});

const validateSection = z.strictObject({
  enabled: z.boolean().optional(),
  required_tables: z.array(z.string().min(1)).optional(),
  required_columns: z.record(z.string(), z.array(z.string().min(1))).optional(),
  statement_timeout: z.string().optional(),
  api: z.boolean().optional(),
  assert: z.array(assertion).optional(),
});

const dataSection = z.strictObject({
  enabled: z.boolean().optional(),
  tables: z.array(z.string().min(1)).optional(),
  exclude: z.array(z.string().min(1)).optional(),
  mode: z.enum(['replace', 'upsert', 'append-missing']).optional(),
  where: z.record(z.string(), z.string().min(1)).optional(),
  mask: z.record(z.string(), z.record(z.string(), z.string().min(1))).optional(),
  mask_salt: envReference.optional(),
  allow_unmasked: z.array(z.string().min(1)).optional(),
});

const migrationsSection = z.strictObject({
  enabled: z.boolean().optional(),
  paths: z.array(z.string().min(1)).optional(),
  ledger: z.string().regex(/^[^.\s]+\.[^.\s]+$/, 'must be schema.table, e.g. "supabase_migrations.schema_migrations"').optional(),
  pending: z.enum(['ledger', 'git']).optional(),
});

/** Settings a target may override. */
const settings = {
  mode: z.enum(['apply', 'plan']).optional(),
  allow_destructive: z.boolean().optional(),
  create_roles: z.boolean().optional(),
  lock_timeout: z.string().optional(),
  supabase_url: z.string().min(1).optional(),
  supabase_service_role_key: envReference.optional(),
  supabase_anon_key: envReference.optional(),
  schema: schemaSection.optional(),
  data: dataSection.optional(),
  seed: seedSection.optional(),
  validate: validateSection.optional(),
  migrations: migrationsSection.optional(),
};

export const targetSchema = z.strictObject({ url: envReference.optional(), ...settings });

export const configSchema = z.strictObject({
  source_url: envReference.optional(),
  ...settings,
  targets: z.record(z.string().regex(TARGET_NAME, `target names are ${TARGET_NAME_RULE}`), targetSchema).optional(),
});

export type Config = z.infer<typeof configSchema>;
export type TargetConfig = z.infer<typeof targetSchema>;
export type SeedSection = z.infer<typeof seedSection>;
export type SeedUserConfig = z.infer<typeof seedUser>;
export type ValidateSection = z.infer<typeof validateSection>;
export type DataSection = z.infer<typeof dataSection>;
export type AssertionConfig = z.infer<typeof assertion>;
export type MigrationsSection = z.infer<typeof migrationsSection>;

/** The keys each table of the file may hold, for "unknown key" messages. */
export const KNOWN_KEYS: Record<string, string[]> = {
  '': ['source_url', ...Object.keys(settings), 'targets'],
  target: ['url', ...Object.keys(settings)],
  schema: Object.keys(schemaSection.shape),
  data: Object.keys(dataSection.shape),
  seed: Object.keys(seedSection.shape),
  users: Object.keys(seedUser.shape),
  validate: Object.keys(validateSection.shape),
  migrations: Object.keys(migrationsSection.shape),
  assert: Object.keys(assertion.shape),
};
