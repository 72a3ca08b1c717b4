/** The part of swagger2openapi (which ships no types) that mcpgen uses. */
declare module 'swagger2openapi' {
  export interface ConvertOptions {
    /** Fix up small errors in the source instead of failing. */
    patch?: boolean;
    /** Record problems as `x-s2o-warning` instead of failing. */
    warnOnly?: boolean;
    /** Resolve external `$ref`s (fetching them); mcpgen never sets it. */
    resolve?: boolean;
    /** Resolve to the converted document itself rather than to the options object. */
    direct?: boolean;
    /** The source text; when absent the converter re-serializes the whole document to YAML. */
    text?: string;
    /** Where the source came from, for resolving relative `$ref`s. */
    source?: string;
    /** Emit x-origin; off to keep output free of converter details. */
    origin?: boolean;
    targetVersion?: string;
  }

  export class S2OError extends Error {}

  export function convertObj(swagger: object, options: ConvertOptions): Promise<unknown>;
}
