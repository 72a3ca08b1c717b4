import { MANIFEST_FORMAT } from '../plan/manifest.js';
import { decodeContracts, SCHEMAS_KEY } from '../plan/manifest-schemas.js';
import type { ResourceContract, ToolContract } from './contract.js';

/** The parts of `mcpgen.manifest.json` that `check` compares against. */
export interface RecordedManifest {
  /** mcpgen version that generated the project. */
  generatorVersion: string;
  tools: Record<string, ToolContract>;
  /** Resource name → its contract (`resourceContract`); empty for a server without resources. */
  resources: Record<string, ResourceContract>;
  /** Generated file → sha256 of its content (the manifest itself excluded). */
  files: Record<string, string>;
  /** What the project was rendered from (`generationDigest`); absent in manifests written before it existed. */
  generationDigest?: string;
  /** The manifest's format: 1 (schemas written where used) or 2 (each repeated schema once). */
  format: number;
  /** Everything else the manifest holds, as parsed (schemas still referenced): what `planManifest` writes. */
  planned: Record<string, unknown>;
}

/** Formats this mcpgen reads: committed manifests of the previous format are still checked. */
const READ_FORMATS: readonly unknown[] = [1, MANIFEST_FORMAT];

/** Parses the manifest text, contracts with their shared schemas resolved; a string says why it cannot be used. */
export function parseRecordedManifest(text: string): RecordedManifest | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!isRecord(value)) return 'it is not a JSON object';
  const format = value['format'];
  if (typeof format !== 'number' || !READ_FORMATS.includes(format)) {
    return `its format is ${JSON.stringify(format ?? null)}, this mcpgen reads formats ${READ_FORMATS.join(' and ')}`;
  }
  const tools = value['tools'];
  const files = value['files'];
  if (!isRecord(tools) || !Object.values(tools).every((t) => isRecord(t) && typeof t['operation'] === 'string')) {
    return '"tools" is not a map of tool contracts';
  }
  if (!isRecord(files) || !Object.values(files).every((hash) => typeof hash === 'string')) {
    return '"files" is not a map of file hashes';
  }
  // Absent from manifests of servers without resources (and of mcpgen before resources).
  const resources = value['resources'] ?? {};
  if (
    !isRecord(resources) ||
    !Object.values(resources).every((r) => isRecord(r) && typeof r['operation'] === 'string')
  ) {
    return '"resources" is not a map of resource contracts';
  }
  // Format 1 has no shared schemas: its contracts are read as written.
  const decode = (contracts: Record<string, unknown>) =>
    format === 1 ? contracts : decodeContracts({ contracts: contracts as never, schemas: value[SCHEMAS_KEY] });
  const decodedTools = decode(tools);
  if (typeof decodedTools === 'string') return decodedTools;
  const decodedResources = decode(resources);
  if (typeof decodedResources === 'string') return decodedResources;
  const generator = value['generator'];
  const version = isRecord(generator) && typeof generator['version'] === 'string' ? generator['version'] : 'unknown';
  const { generationDigest: digest, files: _files, ...planned } = value;
  return {
    planned,
    format,
    generatorVersion: version,
    tools: decodedTools as unknown as Record<string, ToolContract>,
    resources: decodedResources as unknown as Record<string, ResourceContract>,
    files: files as Record<string, string>,
    ...(typeof digest === 'string' ? { generationDigest: digest } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
