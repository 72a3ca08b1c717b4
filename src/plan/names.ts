/** Identifiers and file names derived from tool names: valid, readable, and unique. */
export interface ToolNames {
  /** `search-customers`: the module file name, without extension. */
  fileBase: string;
  /** `searchCustomersTool`: the exported definition. */
  constName: string;
  /** `searchCustomersListing`: the tool's `tools/list` entry, in `tools/listings.ts`. */
  listingName: string;
  /** `searchCustomersInput` / `SearchCustomersInput`. */
  inputName: string;
  inputType: string;
  outputName: string;
  outputType: string;
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

function pascal(parts: string[]): string {
  return parts.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** Modules of `src/tools/` that mcpgen writes besides one per tool. */
const RESERVED_FILE_BASES: readonly string[] = ['index', 'listings'];

/**
 * Tool names are already restricted to `[A-Za-z][A-Za-z0-9_-]*`, so the
 * results are valid identifiers; distinct names that fold to the same words
 * (`get_order`, `getOrder`, `Get-Order`) get numeric suffixes in order, and so
 * does a tool whose module would take the name of `index.ts` or `listings.ts`.
 */
export function planToolNames(names: readonly string[]): ToolNames[] {
  const seen = new Map<string, number>(RESERVED_FILE_BASES.map((base) => [base, 1]));
  return names.map((name) => {
    const base = words(name);
    const key = base.join('-') || 'tool';
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const parts = count === 1 ? base : [...base, String(count)];
    const type = pascal(parts);
    const value = type.charAt(0).toLowerCase() + type.slice(1);
    return {
      fileBase: parts.join('-'),
      constName: `${value}Tool`,
      listingName: `${value}Listing`,
      inputName: `${value}Input`,
      inputType: `${type}Input`,
      outputName: `${value}Output`,
      outputType: `${type}Output`,
    };
  });
}
