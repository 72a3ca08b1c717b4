/** Files that belong to the user once written: generate writes them only when absent; check never reports them. */
export const USER_OWNED_PATHS: readonly string[] = ['src/extensions.ts'];

/** A file of the generated project, before rendering. */
export type PlannedFile =
  | {
      path: string;
      kind: 'template';
      /** Template path under `templates/`, e.g. `project/src/tools/tool.ts.hbs`. */
      template: string;
      view: object;
    }
  | { path: string; kind: 'json'; value: unknown }
  /** A runtime module copied from mcpgen's `runtime/src/` with the generated-file header. */
  | { path: string; kind: 'runtime'; source: string }
  /** The user's own file: written once when absent, never overwritten, hashed or compared. */
  | { path: string; kind: 'user'; template: string; view: object };

/** A rendered, formatted file: exactly the bytes that go to disk. */
export interface RenderedFile {
  path: string;
  content: string;
  /** `if-absent`: the user's once written; `generate` writes it only when absent, `check` ignores it. */
  mode?: 'generated' | 'if-absent';
}
