import * as core from '@actions/core';
import type { Logger, SourceLocation } from '../log/logger.js';
import { maskSecrets, onSecret } from '../log/secrets.js';

function annotation(where?: SourceLocation): core.AnnotationProperties | undefined {
  if (!where) return undefined;
  const props: core.AnnotationProperties = { file: where.file };
  if (where.line !== undefined) props.startLine = where.line;
  if (where.column !== undefined) props.startColumn = where.column;
  if (where.title !== undefined) props.title = where.title;
  return props;
}

/** The action's logger: workflow commands, folded groups, annotations; secrets masked twice over. */
export function actionLogger(): Logger {
  // Every secret the run learns also goes to the runner, which masks it in the raw log.
  onSecret((secret) => core.setSecret(secret));
  return {
    info: (m) => core.info(maskSecrets(m)),
    warning: (m, where) => core.warning(maskSecrets(m), annotation(where)),
    error: (m, where) => core.error(maskSecrets(m), annotation(where)),
    debug: (m) => core.debug(maskSecrets(m)),
    progress: (m) => core.info(maskSecrets(m)),
    group: (title, fn) => core.group(maskSecrets(title), fn),
  };
}
