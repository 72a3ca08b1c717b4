import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Allowlist } from '../model/allowlist.js';
import { loadAllowlist } from './allowlist.js';

/** Reads and parses the allowlist file; a missing file is a diagnostic like any other. */
export async function loadAllowlistFile(file: string): Promise<{ allowlist?: Allowlist; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      diagnostics: [
        {
          code: 'MCPGEN_ALLOWLIST_UNREADABLE',
          severity: 'error',
          message: `cannot read allowlist "${file}": ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error)}`,
          location: { file, line: 1, column: 1 },
          hint: 'Pass the path of your allowlist YAML with --allowlist; `mcpgen init --spec <url>` writes a starter one.',
        },
      ],
    };
  }
  return loadAllowlist({ file, text });
}
