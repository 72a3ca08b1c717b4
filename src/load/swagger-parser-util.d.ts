/** The one helper of swagger-parser's (untyped) lib/util.js that mcpgen calls. */
declare module '@apidevtools/swagger-parser/lib/util.js' {
  /** Rewrites relative `servers` URLs in place against the http(s) URL the document came from. */
  export function fixOasRelativeServers(document: object, location: string): void;
}
