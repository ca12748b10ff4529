/**
 * The Node binary that plays the GitHub runner: Node 24, as action.yml
 * declares. .ci/run installs it from the npm registry and sets
 * PG_BRANCH_SYNC_NODE24; elsewhere the current Node is used.
 */
export function node24(): string {
  return process.env.PG_BRANCH_SYNC_NODE24 || process.execPath;
}
