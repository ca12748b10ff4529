/** Target names appear in file names, comment markers and config tables: kept to a safe alphabet. */
export const TARGET_NAME = /^[A-Za-z0-9_.-]{1,63}$/;
export const TARGET_NAME_RULE = 'letters, digits, "_", "-" or ".", at most 63';

export function isTargetName(name: string): boolean {
  return TARGET_NAME.test(name);
}
