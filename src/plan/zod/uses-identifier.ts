/**
 * Whether generated `code` calls `name(` outside string literals. Every
 * spec-derived string in emitted code is a double-quoted JSON literal
 * (literal.ts), so skipping those leaves only code mcpgen wrote itself.
 */
export function callsIdentifier(input: { code: string; name: string }): boolean {
  const { code, name } = input;
  const call = `${name}(`;
  let at = 0;
  while (at < code.length) {
    const char = code[at];
    if (char === '"') {
      at += 1;
      while (at < code.length && code[at] !== '"') at += code[at] === '\\' ? 2 : 1;
      at += 1;
    } else if (code.startsWith(call, at) && !/[\w$.]/.test(code[at - 1] ?? '')) {
      return true;
    } else {
      at += 1;
    }
  }
  return false;
}
