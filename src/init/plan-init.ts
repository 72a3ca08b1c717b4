import type { LoadedSpec } from '../load/spec.js';
import { operationKey, type OperationRef } from '../model/operation.js';
import type { HttpMethod, Risk } from '../model/risk.js';
import type { OpenAPIV3 } from 'openapi-types';
import { draftDescription } from '../build/draft-description.js';
import { effectiveParameters } from '../build/parameters.js';
import { parseUriTemplate } from '../load/uri-template.js';
import { suggestToolNames } from './suggest-name.js';

/** One operation of the spec as a disabled starter entry. */
export interface InitEntry {
  name: string;
  /** `METHOD /path`: the spelling that works for every spec, with or without operationIds. */
  operation: string;
  risk: Risk;
  /** The spec's summary (or first sentence of its description): a draft to rewrite for the model. */
  description?: string;
  deprecated: boolean;
}

/** The entries of one tag, in spec order. */
export interface InitGroup {
  tag: string;
  description?: string;
  entries: InitEntry[];
}

/** A GET operation as a disabled starter resource: a fixed URI, or a template of its path parameters. */
export interface InitResource {
  name: string;
  operation: string;
  uri: string;
  description?: string;
}

/** Everything the starter allowlist says. */
export interface InitPlan {
  /** How the allowlist's `spec:` refers to the spec. */
  spec: string;
  out: string;
  server: { name: string; version: string; envPrefix: string };
  groups: InitGroup[];
  /** Every GET operation whose path makes a valid URI and that needs no query argument, in spec order. */
  resources: InitResource[];
  /** `info.title` of the spec, for the header comment. */
  title: string;
}

/** The risk a method suggests: reads are free, writes escalate with how much they can destroy. */
export function suggestRisk(method: HttpMethod): Risk {
  switch (method) {
    case 'post':
      return 'low';
    case 'put':
    case 'patch':
      return 'medium';
    case 'delete':
      return 'high';
    default:
      return 'read';
  }
}

/** Untagged operations are listed last, under this heading. */
export const UNTAGGED = '(no tag)';

/**
 * Every operation of the spec, grouped by its first tag (tags in the order
 * the spec declares them, then first use), each with a suggested name and risk.
 */
export function planInit(input: { spec: LoadedSpec; specRef: string }): InitPlan {
  const { spec } = input;
  const names = suggestToolNames(spec.operations);
  const declared = (spec.document.tags ?? []).map((tag) => ({ name: tag.name, description: tag.description }));
  const groups = new Map<string, InitGroup>(
    declared.map((tag) => [tag.name, { tag: tag.name, ...optionalText(tag.description), entries: [] }]),
  );
  spec.operations.forEach((operation, index) => {
    const tag = operation.tags[0] ?? UNTAGGED;
    if (!groups.has(tag)) groups.set(tag, { tag, entries: [] });
    groups.get(tag)!.entries.push({
      name: names[index]!,
      operation: operationKey(operation),
      risk: suggestRisk(operation.method),
      ...optionalText(draftOf({ spec, operation })),
      deprecated: operation.deprecated,
    });
  });
  const scheme = uriScheme(spec.document.info?.title ?? '');
  const resources: InitResource[] = [];
  spec.operations.forEach((operation, index) => {
    if (operation.method !== 'get' || needsArguments({ spec, operation })) return;
    // `/customers/{customerId}` → `company-api://customers/{customerId}`; a path that makes no valid template is left out.
    const uri = `${scheme}:/${operation.path}`;
    if (!parseUriTemplate(uri).ok) return;
    resources.push({
      name: names[index]!,
      operation: operationKey(operation),
      uri,
      ...optionalText(draftOf({ spec, operation })),
    });
  });
  const untagged = groups.get(UNTAGGED);
  groups.delete(UNTAGGED);
  const title = spec.document.info?.title?.trim() || 'API';
  const serverName = packageName(title);
  return {
    spec: input.specRef,
    out: serverName,
    server: { name: serverName, version: '0.1.0', envPrefix: envPrefix(title) },
    groups: [...groups.values(), ...(untagged ? [untagged] : [])].filter((group) => group.entries.length > 0),
    resources,
    title,
  };
}

/** A required query, header or cookie parameter: a resource cannot take it, and init cannot guess a fixed value. */
function needsArguments(input: { spec: LoadedSpec; operation: OperationRef }): boolean {
  const pathItem = (input.spec.document.paths?.[input.operation.path] ?? {}) as OpenAPIV3.PathItemObject;
  const operation = pathItem.get;
  if (!operation) return false;
  return effectiveParameters({ pathItem, operation }).some((p) => p.in !== 'path' && p.required === true);
}

function draftOf(input: { spec: LoadedSpec; operation: OperationRef }): string | undefined {
  const item = input.spec.document.paths?.[input.operation.path] as
    Record<string, { summary?: unknown; description?: unknown }> | undefined;
  return draftDescription(item?.[input.operation.method] ?? { summary: input.operation.summary });
}

function optionalText(text: string | undefined): { description?: string } {
  return text ? { description: text } : {};
}

/** `Company API` → `company-api-mcp`, a valid npm package name. */
function packageName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'api'}-mcp`;
}

/** `Company API` → `company-api`: a URI scheme (a letter first; letters, digits, `-`). */
function uriScheme(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'api';
}

/** `Company API` → `COMPANY_API`. */
function envPrefix(title: string): string {
  const prefix = title
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return /^[A-Z]/.test(prefix) ? prefix : `API_${prefix}`.replace(/_+$/, '');
}
