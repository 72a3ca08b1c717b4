/** Where the CLI writes: results on stdout, diagnostics and progress on stderr. */
export interface Output {
  result(text: string): void;
  error(text: string): void;
  /** A transient status line, shown only when stderr is a terminal; '' clears it. */
  progress(text: string): void;
  /** Results may use colour: stdout is a terminal and NO_COLOR is not set. */
  color?: boolean;
}

export function processOutput(): Output {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  const clear = () => {
    if (shown) process.stderr.write('\r\u001b[2K');
    shown = false;
  };
  return {
    color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
    result: (text) => {
      clear();
      process.stdout.write(`${text}\n`);
    },
    error: (text) => {
      clear();
      process.stderr.write(`${text}\n`);
    },
    progress: (text) => {
      if (!tty) return;
      clear();
      if (text) {
        process.stderr.write(`mcpgen: ${text}`);
        shown = true;
      }
    },
  };
}
