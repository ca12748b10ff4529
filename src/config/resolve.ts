import type { SchemaFilter } from '../catalog/filter.js';
import { parseDuration } from '../util/duration.js';
import { didYouMean } from '../util/suggest.js';
import type { Config } from './schema.js';

/** What one run needs to know, whatever it was given by. */
export interface RunSettings {
  sourceUrl: string | undefined;
  targetUrl: string | undefined;
  mode: 'apply' | 'plan';
  allowDestructive: boolean;
  lockTimeout: string;
  filter: SchemaFilter;
  extensionVersions: boolean;
}

/** Settings given on the command line or as action inputs; undefined means "not given". */
export interface ExplicitSettings {
  sourceUrl?: string | undefined;
  targetUrl?: string | undefined;
  mode?: 'apply' | 'plan' | undefined;
  allowDestructive?: boolean | undefined;
  lockTimeout?: string | undefined;
  schemas?: string[] | undefined;
  excludeSchemas?: string[] | undefined;
}

/**
 * Explicit settings win over the config's [targets.<name>], which win over
 * its top level, which win over the defaults.
 */
export function resolveSettings(config: Config | undefined, targetName: string, explicit: ExplicitSettings, warn: (message: string) => void = () => undefined): RunSettings {
  const target = config?.targets?.[targetName];
  if (config?.targets && !target) {
    const names = Object.keys(config.targets);
    warn(`the config has no [targets.${targetName}]${didYouMean(targetName, names)}; using its top-level settings (targets: ${names.join(', ')})`);
  }
  const pick = <T>(given: T | undefined, fromTarget: T | undefined, fromTop: T | undefined, fallback: T): T => given ?? fromTarget ?? fromTop ?? fallback;
  const nonEmpty = (list: string[] | undefined) => (list && list.length > 0 ? list : undefined);
  const lockTimeoutText = pick(explicit.lockTimeout, target?.lock_timeout, config?.lock_timeout, '10s');
  const what = explicit.lockTimeout !== undefined ? 'lock-timeout' : target?.lock_timeout !== undefined ? `targets.${targetName}.lock_timeout` : 'lock_timeout';
  return {
    sourceUrl: explicit.sourceUrl ?? config?.source_url,
    targetUrl: explicit.targetUrl ?? target?.url,
    mode: pick(explicit.mode, target?.mode, config?.mode, 'apply'),
    allowDestructive: pick(explicit.allowDestructive, target?.allow_destructive, config?.allow_destructive, false),
    lockTimeout: parseDuration(lockTimeoutText, what),
    filter: {
      schemas: pick(nonEmpty(explicit.schemas), target?.schema?.schemas, config?.schema?.schemas, []),
      excludeSchemas: pick(nonEmpty(explicit.excludeSchemas), target?.schema?.exclude_schemas, config?.schema?.exclude_schemas, []),
    },
    extensionVersions: pick(undefined, target?.schema?.extension_versions, config?.schema?.extension_versions, true),
  };
}
