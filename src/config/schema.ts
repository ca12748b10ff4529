import { z } from 'zod';
import { TARGET_NAME, TARGET_NAME_RULE } from './target-name.js';

/** A value read from the environment at run time: `env:NAME`. Secrets never live in the file. */
export const envReference = z.string().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, 'must be an env:NAME reference (secrets are never written in the config)');

const schemaSection = z.strictObject({
  schemas: z.array(z.string().min(1)).optional(),
  exclude_schemas: z.array(z.string().min(1)).optional(),
  extension_versions: z.boolean().optional(),
});

/** Settings a target may override. */
const settings = {
  mode: z.enum(['apply', 'plan']).optional(),
  allow_destructive: z.boolean().optional(),
  lock_timeout: z.string().optional(),
  schema: schemaSection.optional(),
};

export const targetSchema = z.strictObject({ url: envReference.optional(), ...settings });

export const configSchema = z.strictObject({
  source_url: envReference.optional(),
  ...settings,
  targets: z.record(z.string().regex(TARGET_NAME, `target names are ${TARGET_NAME_RULE}`), targetSchema).optional(),
});

export type Config = z.infer<typeof configSchema>;
export type TargetConfig = z.infer<typeof targetSchema>;

/** Sections of the contract whose phases this version does not run yet: refused, never ignored. */
export const NOT_YET_SUPPORTED = ['data', 'seed', 'validate'] as const;
