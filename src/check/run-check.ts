import path from 'node:path';
import { findingClassOf, type FindingClass } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { OutNotDirectoryError } from '../emit/write-project.js';
import { outDirExists, readProject, type ProjectSnapshot } from '../emit/read-project.js';
import { locateAllowlistKey } from '../load/allowlist-anchor.js';
import { loadAllowlistFile } from '../load/allowlist-file.js';
import { relativeTo } from '../load/allowlist-paths.js';
import { loadSpec } from '../load/spec.js';
import type { ServerModel } from '../model/server.js';
import { planManifest } from '../plan/manifest.js';
import type { RenderedFile } from '../plan/project-files.js';
import { generationDigest } from '../render/generation-digest.js';
import { MANIFEST_PATH } from '../render/manifest-file.js';
import { buildCurrent } from './build-current.js';
import { compareAllowlist } from './compare-allowlist.js';
import { compareFiles } from './compare-files.js';
import { compareResources } from './compare-resources.js';
import { compareTools } from './compare-tools.js';
import { reconcileServerUrl } from './server-url.js';
import type { FixContext } from './fix-command.js';
import { parseRecordedManifest, type RecordedManifest } from './recorded-manifest.js';
import { buildReport, type CheckReport } from './report.js';

/** What `check` compares: the inputs `generate` takes, plus how strict to be. */
export interface CheckOptions {
  allowlist: string;
  /** Spec URL or path; defaults to the allowlist's `spec:`. */
  spec?: string;
  /** The generated project; defaults to the allowlist's `out:`. */
  out?: string;
  /** Information (unused operations, stray files) counts as drift. */
  strict: boolean;
  /** The least severe class that fails the check; `breaking` by default. */
  failOn?: FindingClass;
  allowExternalRefs: boolean;
  /** Headers for fetching a spec behind auth (`--spec-header`): used for the fetch only, never written. */
  specHeaders?: Readonly<Record<string, string>>;
  onStage?: (stage: 'load' | 'build' | 'render' | 'compare') => void;
}

/** Bad input (`diagnostics` with an error, no report) or a report. */
export interface CheckResult {
  diagnostics: Diagnostic[];
  report?: CheckReport;
}

/**
 * `mcpgen check`: regenerates in memory and compares with `--out` (files),
 * the manifest's tool contracts with the current spec (tools), and the
 * allowlist with the spec (allowlist). Reads; writes nothing.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  options.onStage?.('load');
  const loaded = await loadAllowlistFile(options.allowlist);
  const allowlist = loaded.allowlist;
  if (!allowlist) return { diagnostics: loaded.diagnostics };
  const specRef = options.spec ?? relativeTo(options.allowlist, allowlist.spec);
  const outDir = options.out ?? relativeTo(options.allowlist, allowlist.out);
  const missing = [
    ...(specRef
      ? []
      : [
          usage({
            file: options.allowlist,
            message: 'no spec given: pass --spec <url|file> or set `spec:` in the allowlist',
          }),
        ]),
    ...(outDir
      ? []
      : [
          usage({
            file: options.allowlist,
            message: 'no generated project given: pass --out <dir> or set `out:` in the allowlist',
          }),
        ]),
  ];
  if (!specRef || !outDir) return { diagnostics: [...loaded.diagnostics, ...missing] };
  const specResult = await loadSpec({
    spec: specRef,
    allowExternalRefs: options.allowExternalRefs,
    ...(options.specHeaders ? { headers: options.specHeaders } : {}),
  });
  const spec = specResult.spec;
  if (!spec) return { diagnostics: [...loaded.diagnostics, ...specResult.diagnostics] };

  const outProblem = await outDirProblem(outDir);
  if (outProblem) return { diagnostics: [outProblem] };

  options.onStage?.('build');
  const state = buildCurrent({ spec, allowlist });
  const recordedOut = await readOut({ outDir, wanted: [] });
  // Rendering is a pure function of what the digest covers: when the manifest
  // records the same digest, a fresh generation is exactly the recorded hashes,
  // which compareFiles checks without one. Otherwise render, as generate would.
  const unchanged =
    state.model !== undefined &&
    recordedOut.manifest !== undefined &&
    isUnchanged({ model: state.model, manifest: recordedOut.manifest });
  if (state.model && !unchanged) options.onStage?.('render');
  const rendered = state.model && !unchanged ? await renderFresh(state.model) : undefined;

  options.onStage?.('compare');
  const out = rendered ? await readOut({ outDir, wanted: rendered.map((file) => file.path) }) : recordedOut;
  const toolsLocation = await locateAllowlistKey({ file: options.allowlist });
  const context: FixContext = {
    ...(options.spec === undefined ? {} : { spec: options.spec }),
    allowlist: options.allowlist,
    ...(options.out === undefined ? {} : { out: options.out }),
    allowExternalRefs: options.allowExternalRefs,
  };
  const recorded = out.manifest?.tools ?? {};
  const unresolved = new Set(state.unresolved.map((u) => u.tool.name));
  const server = rendered
    ? reconcileServerUrl({
        currentUrl: state.model?.defaultBaseUrl,
        regenerated: rendered,
        committed: out.snapshot.contents,
        context,
        at: toolsLocation,
      })
    : undefined;
  const regenerated = server?.regenerated;
  const semantic = [
    ...compareAllowlist({
      state,
      operations: spec.operations,
      recorded,
      specLabel: spec.label,
      toolsLocation,
      context,
    }),
    ...(out.manifest
      ? compareTools({
          recorded,
          current: state.current,
          allowlist: allowlist.tools,
          unresolved,
          toolsLocation,
          context,
        })
      : []),
    ...compareResources({
      state,
      recorded: out.manifest?.resources,
      allowlist: allowlist.resources,
      operations: spec.operations,
      specLabel: spec.label,
      sectionLocation:
        allowlist.resources.length > 0
          ? await locateAllowlistKey({ file: options.allowlist, key: 'resources' })
          : toolsLocation,
      context,
    }),
    ...(server?.finding ? [server.finding] : []),
  ];
  const files = compareFiles({
    outLabel: outDir,
    snapshot: out.snapshot,
    manifest: out.manifest,
    ...(out.problem ? { manifestProblem: out.problem } : {}),
    ...(regenerated ? { regenerated } : {}),
    context,
    explained: semantic.some((f) => findingClassOf(f.code) !== 'info'),
  });
  const report = buildReport({
    drafts: [...semantic, ...files],
    inputs: {
      spec: spec.label,
      allowlist: options.allowlist,
      out: outDir,
      strict: options.strict,
      failOn: options.failOn ?? 'breaking',
    },
    counts: {
      tools: allowlist.tools.filter((t) => t.enabled !== false).length,
      operations: spec.operations.length,
      files: out.snapshot.paths.length,
      // An unchanged digest is a fresh generation known without rendering it.
      regenerated: regenerated !== undefined || unchanged,
    },
  });
  return { diagnostics: loaded.diagnostics, report };
}

interface OutState {
  snapshot: ProjectSnapshot;
  manifest?: RecordedManifest;
  problem?: string;
}

/**
 * True when the manifest records the current generation digest (which covers
 * its file hashes) and everything else in it is what generate would write now:
 * a manifest edited by hand takes the rendering path, where it is reported.
 */
function isUnchanged(input: { model: ServerModel; manifest: RecordedManifest }): boolean {
  const { model, manifest } = input;
  return (
    manifest.generationDigest === generationDigest({ model, files: manifest.files }) &&
    JSON.stringify(manifest.planned) === JSON.stringify(planManifest(model))
  );
}

/** The rendering stack (templates, code printer) is loaded only when `check` has to render. */
async function renderFresh(model: ServerModel): Promise<RenderedFile[]> {
  const { renderModel } = await import('../generate.js');
  return renderModel(model);
}

/** The manifest, the files it lists and the files in `wanted`. */
async function readOut(input: { outDir: string; wanted: readonly string[] }): Promise<OutState> {
  const wanted = new Set([MANIFEST_PATH, ...input.wanted]);
  const first = await readProject({ outDir: input.outDir, wanted });
  const manifestText = first.contents.get(MANIFEST_PATH);
  const parsed = manifestText === undefined ? undefined : parseRecordedManifest(manifestText);
  if (typeof parsed === 'string') return { snapshot: first, problem: parsed };
  // Files the manifest lists but this generation does not: read them too, to tell edited from obsolete.
  const extra = Object.keys(parsed?.files ?? {}).filter((file) => !wanted.has(file));
  const snapshot =
    extra.length === 0 ? first : await readProject({ outDir: input.outDir, wanted: [...wanted, ...extra] });
  return { snapshot, ...(parsed ? { manifest: parsed } : {}) };
}

/** `--out` naming a file is bad input, found before the slow regeneration. */
async function outDirProblem(outDir: string): Promise<Diagnostic | undefined> {
  try {
    await outDirExists(outDir);
    return undefined;
  } catch (error) {
    if (!(error instanceof OutNotDirectoryError)) throw error;
    return {
      code: 'MCPGEN_OUT_NOT_DIRECTORY',
      severity: 'error',
      message: error.message,
      hint: `Pass the generated project's directory with --out (it is ${path.resolve(outDir)} now).`,
    };
  }
}

function usage(input: { file: string; message: string }): Diagnostic {
  return {
    code: 'MCPGEN_USAGE',
    severity: 'error',
    message: input.message,
    location: { file: input.file, line: 1, column: 1 },
  };
}
