import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import * as handlebarsRuntime from 'handlebars/runtime.js';
import { TEMPLATES_DIR } from './asset-dirs.js';
import type { Declaration } from '../plan/syntax.js';
import { printDeclarations } from './code/print.js';
import { markdownTable, type MarkdownTable } from './markdown-table.js';
import { commentText, envValue, jsonBlock, markdownText, shellEnvWord, shellWord } from './escape.js';
import { PRECOMPILED_TEMPLATES, type PrecompiledTemplates } from './precompiled-templates.js';
import { partialName, readTemplateFiles, templateFilesDigest, type TemplateFile } from './template-files.js';

/**
 * Helpers are the only way a value from the spec is written: each escapes for
 * its context. Templates are compiled with `noEscape` (HTML escaping would
 * corrupt code) and `strict` (a missing view field is an error, not blank).
 */
const HELPERS: Record<string, (value: unknown) => string> = {
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
  /**
   * `{{{code declarations}}}`: declarations the plan built as syntax trees
   * (spec values in them as literals), laid out as prettier would lay them out.
   */
  code: (value) => printDeclarations(value as Declaration | Declaration[]),
};

/**
 * How every template and partial is compiled, at build time (scripts/build.ts)
 * as at run time: `strict` and `noEscape` as above, and only our helpers
 * (a typo in a helper name fails compilation instead of rendering blank).
 */
export const TEMPLATE_COMPILE_OPTIONS = {
  strict: true,
  noEscape: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((helper) => [helper, true])),
  knownHelpersOnly: true,
} satisfies CompileOptions;

type CompileOptions = NonNullable<Parameters<typeof Handlebars.precompile>[1]>;

export type TemplateFunction = (view: object) => string;

// runtime.d.ts declares no export: the module is the Handlebars namespace without the compiler.
const HandlebarsRuntime = (handlebarsRuntime as unknown as { default: typeof Handlebars }).default;

// The compiler (and its source-map library) loads only when templates must be compiled here.
const require = createRequire(import.meta.url);

let cache: ReadonlyMap<string, TemplateFunction> | undefined;

/** A template by its path under `templates/`; the set is loaded once per process. */
export function getTemplate(name: string): TemplateFunction {
  cache ??= loadTemplates({ dir: TEMPLATES_DIR, precompiled: PRECOMPILED_TEMPLATES });
  const template = cache.get(name);
  if (!template) throw new Error(`no template ${name} in ${TEMPLATES_DIR}`);
  return template;
}

/**
 * The templates of `dir`, ready to render. The precompiled set is used only
 * when it was compiled from exactly these files (its digest matches them):
 * the rendered output always derives from the files the generation digest
 * hashes, even when a template was edited after the build. Otherwise, and in
 * the source tree (which has no precompiled set), the files are compiled here
 * with the same options.
 */
export function loadTemplates(input: {
  dir: string;
  precompiled: PrecompiledTemplates | undefined;
}): ReadonlyMap<string, TemplateFunction> {
  const files = readTemplateFiles(input.dir);
  const precompiled = input.precompiled?.digest === templateFilesDigest(files) ? input.precompiled : undefined;
  const hbs = precompiled ? HandlebarsRuntime.create() : handlebarsCompiler(input.dir).create();
  const compile = (file: TemplateFile): Handlebars.TemplateDelegate => {
    if (!precompiled) return hbs.compile(file.source, TEMPLATE_COMPILE_OPTIONS);
    const spec = precompiled.templates[file.name];
    if (spec === undefined) throw new Error(`the precompiled templates lack ${file.name}`);
    return hbs.template(spec as TemplateSpecification);
  };
  for (const [name, helper] of Object.entries(HELPERS)) hbs.registerHelper(name, helper);
  const templates = new Map<string, TemplateFunction>();
  for (const file of files) {
    const compiled = compile(file);
    const partial = partialName(file);
    if (partial !== undefined) hbs.registerPartial(partial, compiled);
    templates.set(file.name, (view) => compiled(view));
  }
  return templates;
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/**
 * Handlebars with its compiler: a development dependency. The published
 * package renders with the templates precompiled into it, so only templates
 * edited after the build need it.
 */
function handlebarsCompiler(dir: string): typeof Handlebars {
  try {
    return require('handlebars') as typeof Handlebars;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      `the templates in ${dir} differ from those this build of mcpgen precompiled, and the Handlebars compiler ` +
        'is not installed to compile them: reinstall mcpgen, or run it from a checkout after `npm ci`',
    );
  }
}
