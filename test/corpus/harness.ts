/**
 * The steps one corpus spec goes through: allowlist → generate() in memory →
 * written project → tsc (several projects may share one program, to pay the
 * type libraries once) → tools/list through a real MCP client over stdio.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { writeProject } from '../../src/emit/write-project.js';
import { generate } from '../../src/generate.js';
import { parseSpecText } from '../../src/load/parse-document.js';
import { listOperations, loadSpec, type OpenApiDocument } from '../../src/load/spec.js';
import type { OperationRef } from '../../src/model/operation.js';
import { planToolNames } from '../../src/plan/names.js';
import { TSCONFIG } from '../../src/plan/package-json.js';
import type { RenderedFile } from '../../src/plan/project-files.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';
import { allowlistYaml, sampleOperations, SAMPLE_SIZE, toolNames } from './corpus.js';

const run = promisify(execFile);
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

/** One generation: what was asked, and what came out. */
export interface Generation {
  /** Operations in the allowlist. */
  operations: OperationRef[];
  /** Every operation of the spec. */
  all: OperationRef[];
  /** Tool names the allowlist asked for, in order. */
  expectedTools: string[];
  /** Tools in the generated model. */
  generated: number;
  diagnostics: Diagnostic[];
  files?: RenderedFile[];
  /** Generated tool name → `src/tools/<file>.ts`. */
  toolFiles: Map<string, string>;
}

/**
 * The spec's operations, to write the allowlist from: read straight from the
 * parsed document (generate() validates it anyway), or through the loader
 * when path items are `$ref`s to other files.
 */
export async function listSpecOperations(
  specPath: string,
): Promise<{ all: OperationRef[]; diagnostics: Diagnostic[] }> {
  const text = await readFile(specPath, 'utf8');
  const parsed = parseSpecText({ label: specPath, location: specPath, isUrl: false, text });
  const paths = (parsed.document as { paths?: Record<string, unknown> } | undefined)?.paths;
  const direct =
    paths !== undefined &&
    Object.values(paths).every((item) => typeof item === 'object' && item !== null && !('$ref' in item));
  if (direct) return { all: listOperations(parsed.document as OpenApiDocument), diagnostics: [] };
  const loaded = await loadSpec({ spec: specPath });
  return { all: loaded.spec?.operations ?? [], diagnostics: loaded.diagnostics };
}

export async function generateFor(input: {
  specPath: string;
  name: string;
  all: OperationRef[];
  workDir: string;
  /** Restricts the sample, e.g. to the tools a revision changed. */
  only?: ReadonlySet<string>;
}): Promise<Generation> {
  const { name, all, workDir } = input;
  const sampled = sampleOperations({ operations: all, size: SAMPLE_SIZE });
  const names = toolNames(sampled);
  const picked = sampled
    .map((operation, index) => ({ operation, name: names[index] ?? '' }))
    .filter((entry) => input.only === undefined || input.only.has(entry.name));
  const operations = picked.map((entry) => entry.operation);
  const expectedTools = picked.map((entry) => entry.name);
  const allowlist = path.join(workDir, `${name}.mcpgen.yaml`);
  await writeFile(allowlist, allowlistYaml({ name, operations, all, names: expectedTools }));
  const result = await generate({ allowlist, spec: input.specPath });
  const tools = result.model?.tools ?? [];
  const fileBases = planToolNames(tools.map((tool) => tool.name));
  const toolFiles = new Map(
    tools.map((tool, index) => [tool.name, `src/tools/${fileBases[index]?.fileBase ?? ''}.ts`]),
  );
  return {
    operations,
    all,
    expectedTools,
    generated: tools.length,
    diagnostics: result.diagnostics,
    ...(result.files ? { files: result.files } : {}),
    toolFiles,
  };
}

export async function writeGenerated(input: { files: RenderedFile[]; projectDir: string }): Promise<void> {
  const written = await writeProject({ outDir: input.projectDir, files: input.files });
  if (!written.summary)
    throw new Error(`writing ${input.projectDir}: ${written.diagnostics.map((d) => d.message).join('; ')}`);
}

/**
 * Type-checks generated projects in one tsc program with the generated
 * tsconfig's own options, emitting into `<workDir>/<group>-dist/<project>/`.
 * Resolves with the error lines per project directory name.
 */
export async function typeCheck(input: {
  workDir: string;
  group: string;
  projects: string[];
}): Promise<Map<string, string[]>> {
  const { workDir, group, projects } = input;
  const config = {
    compilerOptions: { ...TSCONFIG.compilerOptions, rootDir: '.', outDir: `${group}-dist` },
    include: projects.flatMap((project) => TSCONFIG.include.map((dir) => `${project}/${dir}`)),
  };
  const configFile = path.join(workDir, `tsconfig.${group}.json`);
  await writeFile(configFile, JSON.stringify(config, null, 2));
  let output = '';
  try {
    await run(process.execPath, [TSC, '-p', configFile, '--pretty', 'false'], {
      cwd: workDir,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    output = `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message;
  }
  const errors = new Map<string, string[]>(projects.map((project) => [project, []]));
  for (const line of output.split('\n').filter((text) => /^\S/.test(text))) {
    const owner = projects.find((project) => line.startsWith(`${project}/`));
    // A line no project owns (a config problem) fails them all.
    for (const project of owner ? [owner] : projects) errors.get(project)?.push(line);
  }
  return errors;
}

/** Where `typeCheck` put a project's compiled entry point. */
export function compiledEntry(input: { workDir: string; group: string; project: string }): string {
  return path.join(input.workDir, `${input.group}-dist`, input.project, 'src/index.js');
}

/** Starts the compiled server over stdio and lists its tools through a real MCP client. */
export async function listTools(entry: string): Promise<Tool[]> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry],
    env: { PATH: process.env['PATH'] ?? '', CORPUS_API_BASE_URL: 'http://127.0.0.1:5' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'mcpgen-corpus', version: '1.0.0' });
  await client.connect(transport);
  try {
    return (await client.listTools()).tools;
  } finally {
    await client.close();
  }
}
