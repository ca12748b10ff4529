/** One validation check's outcome, as the report shows it. */
export interface CheckResult {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  /** What was found, why it failed, or why it was skipped. */
  detail: string;
  ms: number;
}

/** Times a check; an exception is a failed check whose detail is the error, never a crashed run. */
export async function timedCheck(name: string, fn: () => Promise<Omit<CheckResult, 'name' | 'ms'>>, describe: (e: unknown) => string): Promise<CheckResult> {
  const start = performance.now();
  try {
    return { name, ...(await fn()), ms: performance.now() - start };
  } catch (error) {
    return { name, status: 'fail', detail: describe(error), ms: performance.now() - start };
  }
}

export function skipped(name: string, why: string): CheckResult {
  return { name, status: 'skip', detail: why, ms: 0 };
}
