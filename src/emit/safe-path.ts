import path from 'node:path';

/** Resolves a generated file's path inside `outDir`, refusing anything that would land outside it. */
export function resolveInside(input: { outDir: string; relativePath: string }): string {
  const { outDir, relativePath } = input;
  if (
    path.isAbsolute(relativePath) ||
    relativePath.split(/[\\/]/).some((segment) => segment === '..' || segment === '')
  ) {
    throw new Error(`refusing to write outside the output directory: "${relativePath}"`);
  }
  const root = path.resolve(outDir);
  const target = path.resolve(root, relativePath);
  if (!target.startsWith(root + path.sep))
    throw new Error(`refusing to write outside the output directory: "${relativePath}"`);
  return target;
}
