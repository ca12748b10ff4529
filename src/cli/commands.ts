import { dataCommand } from './commands/data.js';
import { demoCommand } from './commands/demo.js';
import { runCommand } from './commands/run.js';
import { applyCommand, planCommand } from './commands/schema.js';
import { seedCommand } from './commands/seed.js';
import { validateCommand } from './commands/validate.js';
import type { CommandSpec } from './spec.js';

/** Every command of the CLI, in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = [planCommand, applyCommand, dataCommand, seedCommand, validateCommand, runCommand, demoCommand];
