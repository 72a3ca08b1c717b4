/** A file of the generated project, before rendering. */
export type PlannedFile =
  | {
      path: string;
      kind: 'template';
      /** Template path under `templates/`, e.g. `project/src/tools/tool.ts.hbs`. */
      template: string;
      view: object;
    }
  | { path: string; kind: 'json'; value: unknown };

/** A rendered, formatted file: exactly the bytes that go to disk. */
export interface RenderedFile {
  path: string;
  content: string;
}
