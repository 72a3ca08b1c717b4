/** The part of js-yaml's API mcpgen uses (the package ships no types; @types/js-yaml is not installed). */
declare module 'js-yaml' {
  export interface TypeOptions {
    kind: 'scalar';
    resolve: (data: string) => boolean;
    construct: (data: string) => unknown;
  }
  export class Type {
    constructor(tag: string, options: TypeOptions);
  }
  export interface Schema {
    extend(types: { implicit: Type[] }): Schema;
  }
  export const FAILSAFE_SCHEMA: Schema;
  /** The loader's state as a listener sees it: the node's tag and anchor, as written or resolved. */
  export interface ListenerState {
    tag: string | null;
    anchor: string | null;
  }
  export interface LoadOptions {
    schema: Schema;
    json?: boolean;
    /** Called as each node opens and once it is composed. */
    listener?: (event: 'open' | 'close', state: ListenerState) => void;
  }
  export function load(text: string, options: LoadOptions): unknown;
  const jsYaml: { Type: typeof Type; FAILSAFE_SCHEMA: Schema; load: typeof load };
  export default jsYaml;
}
