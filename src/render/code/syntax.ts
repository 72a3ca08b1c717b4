/**
 * The small slice of TypeScript that generated declarations use: zod call
 * chains, `new RegExp(...)`, literals, arrays and objects. The code printer
 * lays these out the way prettier would, without parsing whole files.
 */
export type Expr =
  | { kind: 'identifier'; name: string }
  | { kind: 'keyword'; text: 'true' | 'false' | 'null' }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'negative'; argument: Expr }
  | { kind: 'array'; elements: Expr[] }
  /** `expanded`: the source had a line break after `{`, which prettier keeps. */
  | { kind: 'object'; properties: Property[]; expanded: boolean }
  | { kind: 'member'; object: Expr; property: string }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'new'; callee: Expr; args: Expr[] }
  /** An arrow function kept as written (only one-line ones with a canonical layout are emitted). */
  | { kind: 'arrow'; text: string }
  | { kind: 'as-const'; expression: Expr };

export type PropertyKey =
  { kind: 'identifier'; name: string } | { kind: 'string'; value: string } | { kind: 'computed'; value: string };

export interface Property {
  key: PropertyKey;
  value: Expr;
}

/** `[export] const name[: Type] = value;` or `[export] type Name = z.infer<typeof value>;` */
export type Declaration =
  | { kind: 'const'; exported: boolean; name: string; type?: string; value: Expr }
  | { kind: 'infer'; exported: boolean; name: string; of: string };
