import { Document, isMap, isScalar, visit, type Pair } from 'yaml';
import { oneLine } from '../build/draft-description.js';
import type { InitEntry, InitPlan, InitResource } from './plan-init.js';

const HEADER = (input: { plan: InitPlan; specLabel: string; file: string }) => [
  ` Starter allowlist written by \`mcpgen init\` from ${input.specLabel} (${input.plan.title}).`,
  ' Every operation of the API is listed below as a disabled tool: nothing is',
  ' exposed until you enable it. For each operation the agent should use:',
  '   1. delete its "enabled: false" line;',
  '   2. rewrite its description for the model (what it does, when to use it,',
  "      what it returns): the text here is only the spec's summary;",
  '   3. check its risk: read runs freely, low is audit-logged, medium needs',
  '      confirmation, high needs human approval. The suggestion follows the',
  '      method: GET read, POST low, PUT/PATCH medium, DELETE high;',
  '   4. rename the tool if a clearer verb-first name fits.',
  ' Keep the disabled entries: `mcpgen check` counts them as reviewed and',
  ' reports operations added to the API later as not in the allowlist.',
  ` Then run: mcpgen generate --allowlist ${input.file}`,
];

const RESOURCES_COMMENT = [
  ' GET operations that need no argument, as disabled resources: data a client',
  ' reads without a tool call. Enable the few worth attaching (a catalogue, a',
  ' record by id) and choose their URIs; the rest may go.',
].join('\n');

/** The starter allowlist as YAML: valid for `loadAllowlist` once at least one entry is enabled. */
export function renderInit(input: { plan: InitPlan; specLabel: string; file: string }): string {
  const { plan } = input;
  const doc = new Document({
    spec: plan.spec,
    out: plan.out,
    server: { name: plan.server.name, version: plan.server.version, env_prefix: plan.server.envPrefix },
    tools: {},
    ...(plan.resources.length > 0 ? { resources: {} } : {}),
  });
  doc.commentBefore = HEADER({
    plan: { ...plan, title: commentText(plan.title) },
    specLabel: commentText(input.specLabel),
    file: commentText(input.file),
  }).join('\n');
  const tools = doc.get('tools', true);
  if (!isMap(tools)) throw new Error('unreachable: tools is a map');
  let first = true;
  for (const group of plan.groups) {
    group.entries.forEach((entry, index) => {
      const pair = entryPair({ doc, entry });
      if (index === 0 && isScalar(pair.key)) {
        pair.key.commentBefore = ` ── ${commentText(group.tag)}${group.description ? `: ${commentText(group.description)}` : ''} ──`;
        // A blank line between groups, but none right after `tools:`.
        pair.key.spaceBefore = !first;
      }
      first = false;
      tools.items.push(pair);
    });
  }
  const resources = doc.get('resources', true);
  if (isMap(resources)) {
    for (const resource of plan.resources) resources.items.push(resourcePair({ doc, resource }));
    // A blank line between the tools and the resources.
    const key = isMap(doc.contents)
      ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'resources')?.key
      : undefined;
    if (isScalar(key)) {
      key.spaceBefore = true;
      key.commentBefore = RESOURCES_COMMENT;
    }
  }
  quoteInvisible(doc);
  return escapeInvisible(doc.toString({ lineWidth: 100, minContentWidth: 40 }));
}

/**
 * Characters a reader may not see, or may take for a line break: controls (C0, DEL,
 * C1 such as NEL), format characters (BOM, zero-width), line and paragraph
 * separators, lone surrogates and noncharacters.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\ufffe\uffff]/u;
/** The ones YAML's double-quoted style leaves raw (it escapes C0 controls and lone surrogates itself). */
const LEFT_RAW = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\ufffe\uffff]/gu;

/** Spec text copied into a comment: one line of visible text, so it can never end the comment. */
function commentText(text: string): string {
  return oneLine(text.replace(new RegExp(INVISIBLE.source, 'gu'), ' '));
}

/** Values with invisible characters are written double-quoted, the one YAML style that can escape them all. */
function quoteInvisible(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && INVISIBLE.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
}

/**
 * Escapes what the double-quoted style left raw. Comments hold none of these
 * characters and every value holding one is double-quoted, so each one found
 * is inside a double-quoted scalar, where `\\uXXXX` stands for it.
 */
function escapeInvisible(yaml: string): string {
  return yaml.replace(LEFT_RAW, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function entryPair(input: { doc: Document; entry: InitEntry }): Pair {
  const { doc, entry } = input;
  const value = doc.createNode({
    enabled: false,
    operation: entry.operation,
    risk: entry.risk,
    ...(entry.description ? { description: oneLine(entry.description) } : {}),
  });
  if (isMap(value)) {
    const operation = value.get('operation', true);
    if (entry.deprecated && isScalar(operation)) operation.comment = ' deprecated in the spec';
    const description = value.get('description', true);
    if (isScalar(description)) description.comment = ' draft from the spec: rewrite for the model';
  }
  return doc.createPair(entry.name, value);
}

function resourcePair(input: { doc: Document; resource: InitResource }): Pair {
  const { doc, resource } = input;
  const value = doc.createNode({
    enabled: false,
    operation: resource.operation,
    uri: resource.uri,
    ...(resource.description ? { description: oneLine(resource.description) } : {}),
  });
  if (isMap(value)) {
    const description = value.get('description', true);
    if (isScalar(description)) description.comment = ' draft from the spec: rewrite for the model';
  }
  return doc.createPair(resource.name, value);
}
