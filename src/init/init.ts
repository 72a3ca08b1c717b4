import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isHttpUrl } from '../load/read-source.js';
import { loadSpec } from '../load/spec.js';
import { planInit } from './plan-init.js';
import { renderInit } from './render-init.js';

export interface InitOptions {
  /** Spec URL or path. */
  spec: string;
  /** Where the allowlist will be written: a relative spec path is written relative to it (default `mcpgen.yaml`). */
  file?: string;
  allowExternalRefs?: boolean;
  /** Headers for fetching a spec behind auth; used for the fetch only. */
  specHeaders?: Readonly<Record<string, string>>;
}

/** The starter allowlist's text (every operation, disabled), or the diagnostics that prevent it. Writes nothing. */
export async function init(options: InitOptions): Promise<{ content?: string; diagnostics: Diagnostic[] }> {
  const file = options.file ?? 'mcpgen.yaml';
  const loaded = await loadSpec({
    spec: options.spec,
    allowExternalRefs: options.allowExternalRefs ?? false,
    ...(options.specHeaders ? { headers: options.specHeaders } : {}),
  });
  if (!loaded.spec) return { diagnostics: loaded.diagnostics };
  const plan = planInit({ spec: loaded.spec, specRef: specReference({ spec: options.spec, allowlistFile: file }) });
  return { content: renderInit({ plan, specLabel: loaded.spec.label, file }), diagnostics: loaded.diagnostics };
}

/** The spec as the allowlist names it: a URL as is, a path relative to the allowlist file. */
export function specReference(input: { spec: string; allowlistFile: string }): string {
  if (isHttpUrl(input.spec)) return input.spec;
  const relative = path.relative(path.dirname(path.resolve(input.allowlistFile)), path.resolve(input.spec));
  return relative.split(path.sep).join('/');
}
