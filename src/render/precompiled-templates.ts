/**
 * The templates compiled at build time. In the source tree there are none:
 * the build (scripts/build.ts) bundles a module generated from `templates/`
 * in place of this one, with the same export. See templates.ts.
 */
export interface PrecompiledTemplates {
  /** `templateFilesDigest` of the files they were compiled from. */
  digest: string;
  /** Handlebars template specifications (`Handlebars.precompile`), by template name. */
  templates: Record<string, unknown>;
}

export const PRECOMPILED_TEMPLATES: PrecompiledTemplates | undefined = undefined;
