import { buildServerModel } from './build/server-model.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { loadAllowlistFile } from './load/allowlist-file.js';
import { relativeTo } from './load/allowlist-paths.js';
import { loadSpec, type LoadedSpec } from './load/spec.js';
import type { Allowlist } from './model/allowlist.js';
import type { ServerModel } from './model/server.js';
import { planManifest } from './plan/manifest.js';
import { planProject } from './plan/plan-project.js';
import type { RenderedFile } from './plan/project-files.js';
import { generationDigest } from './render/generation-digest.js';
import { renderProject } from './render/render-project.js';

export interface GenerateOptions {
  /** Allowlist YAML path. */
  allowlist: string;
  /** Spec URL or path; defaults to the allowlist's `spec:` (relative to the allowlist file). */
  spec?: string;
  allowExternalRefs?: boolean;
  /** Headers for fetching a spec behind auth (`--spec-header`): used for the fetch only, never written. */
  specHeaders?: Readonly<Record<string, string>>;
  /** Called as each stage starts, for progress display. */
  onStage?: (stage: 'load' | 'build' | 'render') => void;
}

export interface GenerateResult {
  diagnostics: Diagnostic[];
  allowlist?: Allowlist;
  spec?: LoadedSpec;
  model?: ServerModel;
  /** The generated project, formatted: present only when there are no errors. */
  files?: RenderedFile[];
}

/** load → build → plan → render. Reads the inputs; writes nothing. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  options.onStage?.('load');
  const loaded = await loadAllowlistFile(options.allowlist);
  const diagnostics = [...loaded.diagnostics];
  const specRef = options.spec ?? relativeTo(options.allowlist, loaded.allowlist?.spec);
  if (!specRef) {
    if (loaded.allowlist) diagnostics.push(missingSpec(options.allowlist));
    return { diagnostics };
  }
  const specResult = await loadSpec({
    spec: specRef,
    allowExternalRefs: options.allowExternalRefs ?? false,
    ...(options.specHeaders ? { headers: options.specHeaders } : {}),
  });
  diagnostics.push(...specResult.diagnostics);
  if (!loaded.allowlist || !specResult.spec) return { diagnostics };

  options.onStage?.('build');
  const built = buildServerModel({ spec: specResult.spec, allowlist: loaded.allowlist });
  diagnostics.push(...built.diagnostics);
  const base = { diagnostics, allowlist: loaded.allowlist, spec: specResult.spec };
  if (!built.model) return base;

  options.onStage?.('render');
  const files = await renderModel(built.model);
  return { ...base, model: built.model, files };
}

/** plan → render: the exact files `generate` writes for a model (`check` compares them with disk). */
export function renderModel(model: ServerModel): Promise<RenderedFile[]> {
  return renderProject({
    files: planProject(model),
    manifest: planManifest(model),
    digest: (files) => generationDigest({ model, files }),
  });
}

function missingSpec(allowlistFile: string): Diagnostic {
  return {
    code: 'MCPGEN_USAGE',
    severity: 'error',
    message: 'no spec given: pass --spec <url|file> or set `spec:` in the allowlist',
    location: { file: allowlistFile, line: 1, column: 1 },
    hint: 'For a Fastify API: --spec http://127.0.0.1:3000/documentation/json',
  };
}
