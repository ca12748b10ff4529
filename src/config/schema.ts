import { z } from 'zod';

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
  targets: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,63}$/, 'target names are 1 to 63 letters, digits, "_", "-" or "."'), targetSchema).optional(),
});

export type Config = z.infer<typeof configSchema>;
export type TargetConfig = z.infer<typeof targetSchema>;

/** Sections of the contract whose phases this version does not run yet: refused, never ignored. */
export const NOT_YET_SUPPORTED = ['data', 'seed', 'validate'] as const;
