import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from './asset-dirs.js';
import { printDeclarations } from './code/print.js';
import { markdownTable, type MarkdownTable } from './markdown-table.js';
import {
  commentText,
  envValue,
  jsonBlock,
  jsonLiteral,
  markdownText,
  shellEnvWord,
  shellWord,
  stringLiteral,
} from './escape.js';

/**
 * Helpers are the only way a value from the spec is written: each escapes for
 * its context. Templates are compiled with `noEscape` (HTML escaping would
 * corrupt code) and `strict` (a missing view field is an error, not blank).
 */
const HELPERS: Record<string, (value: unknown) => string> = {
  str: (value) => stringLiteral(String(value)),
  json: (value) => jsonLiteral(value),
  comment: (value) => commentText(String(value)),
  hashComment: (value) => commentText(String(value)),
  md: (value) => markdownText(String(value)),
  jsonBlock: (value) => jsonBlock(value),
  envValue: (value) => envValue(String(value)),
  sh: (value) =>
    typeof value === 'object' && value !== null
      ? shellEnvWord(value as { prefix: string; env: string; suffix?: string })
      : shellWord(String(value)),
  table: (value) => markdownTable(value as MarkdownTable),
};

/**
 * `{{#code}}export const x = …;{{/code}}`: declarations written compactly in a
 * template (values through `str`/`json`, zod from the emitter) come out laid
 * out as prettier would lay them out.
 */
function codeBlock(this: unknown, options: Handlebars.HelperOptions): string {
  return printDeclarations(options.fn(this));
}

export type TemplateFunction = (view: object) => string;

let cache: Map<string, TemplateFunction> | undefined;

function createEnvironment(): typeof Handlebars {
  const hbs = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) hbs.registerHelper(name, helper);
  hbs.registerHelper('code', codeBlock);
  const partialsDir = path.join(TEMPLATES_DIR, 'partials');
  for (const file of readdirSync(partialsDir)) {
    if (file.endsWith('.hbs'))
      hbs.registerPartial(file.slice(0, -4), readFileSync(path.join(partialsDir, file), 'utf8'));
  }
  return hbs;
}

/** Compiles each template once per process. */
export function getTemplate(name: string): TemplateFunction {
  cache ??= new Map();
  const cached = cache.get(name);
  if (cached) return cached;
  const hbs = createEnvironment();
  const knownHelpers = Object.fromEntries([...Object.keys(HELPERS), 'code'].map((helper) => [helper, true]));
  const compiled = hbs.compile(readFileSync(path.join(TEMPLATES_DIR, name), 'utf8'), {
    strict: true,
    noEscape: true,
    knownHelpers,
    knownHelpersOnly: true,
  });
  const fn: TemplateFunction = (view) => compiled(view);
  cache.set(name, fn);
  return fn;
}
