import path from 'node:path';
import { isHttpUrl } from './read-source.js';

/** `spec:` and `out:` in the allowlist are relative to the allowlist file, unless they are URLs. */
export function relativeTo(allowlistFile: string, value: string | undefined): string | undefined {
  if (value === undefined || isHttpUrl(value) || path.isAbsolute(value)) return value;
  return path.join(path.dirname(allowlistFile), value);
}
