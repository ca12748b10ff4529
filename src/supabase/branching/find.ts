import { ManagementApiError, type ManagementApi } from './api.js';

/** A branch as `GET /v1/projects/{ref}/branches` lists it (BranchResponse). */
export interface Branch {
  id: string;
  name: string;
  /** The branch's own project ref: its database, API and keys. */
  project_ref: string;
  parent_project_ref: string;
  is_default: boolean;
  git_branch?: string;
  pr_number?: number;
  persistent: boolean;
  /** Deprecated by Supabase, read only when there is nothing better. */
  status: 'CREATING_PROJECT' | 'RUNNING_MIGRATIONS' | 'MIGRATIONS_PASSED' | 'MIGRATIONS_FAILED' | 'FUNCTIONS_DEPLOYED' | 'FUNCTIONS_FAILED' | string;
  /** The branch project's state (ACTIVE_HEALTHY, COMING_UP, INIT_FAILED, ...). */
  preview_project_status?: string;
  created_at: string;
  updated_at: string;
}

/** A project ref: 20 lowercase letters, as in https://<ref>.supabase.co. */
export const PROJECT_REF = /^[a-z]{20}$/;

export function checkProjectRef(ref: string, what: string): string {
  const trimmed = ref.trim();
  if (!PROJECT_REF.test(trimmed)) {
    throw new ManagementApiError(`${what} must be a Supabase project ref, 20 lowercase letters as in https://<ref>.supabase.co (got "${trimmed}")`);
  }
  return trimmed;
}

/** Every branch of the production project; a 404 says the project is not there. */
export async function listBranches(api: ManagementApi, projectRef: string): Promise<Branch[]> {
  const branches = await api.get<Branch[]>(`/v1/projects/${projectRef}/branches`, `listing the branches of project ${projectRef}`);
  if (!branches) {
    throw new ManagementApiError(
      `no Supabase project ${projectRef} for this access token (HTTP 404): check supabase-project-ref (the production project's ref, from https://<ref>.supabase.co or Project Settings), and that the token's account can see it`,
      404,
    );
  }
  return branches;
}

/**
 * The preview branch of a git branch: the one Supabase's GitHub integration
 * made for it (its `git_branch`), else one named so. Never the default
 * (production) branch.
 */
export function pickBranch(branches: readonly Branch[], name: string): Branch | undefined {
  const previews = branches.filter((b) => !b.is_default);
  return previews.find((b) => b.git_branch === name) ?? previews.find((b) => b.name === name);
}

/** No branch for this git branch: what was looked for, and what to check. */
export function noBranchError(projectRef: string, name: string, branches: readonly Branch[], waitedMs: number): ManagementApiError {
  const previews = branches.filter((b) => !b.is_default);
  const seen = previews.length === 0
    ? 'the project has no preview branches at all: is Branching enabled for it, with the GitHub integration connected to this repository (Project Settings → Integrations), and "Automatic branching" on?'
    : `its branches are for ${previews.slice(0, 10).map((b) => `"${b.git_branch ?? b.name}"`).join(', ')}${previews.length > 10 ? ', …' : ''}`;
  return new ManagementApiError(
    `no Supabase preview branch for the git branch "${name}" in project ${projectRef} (looked for git_branch or name "${name}" for ${Math.round(waitedMs / 1000)} s): ${seen}. ` +
      'Supabase creates the branch when the pull request is opened; set supabase-branch (CLI: --supabase-branch) if its name differs.',
  );
}
