import { formatDiagnostics } from '../diagnostics/format.js';
import { MCPGEN_VERSION } from '../version.js';
import { CHECK_FORMATS, GENERATE_FORMATS } from './formats.js';
import { processOutput, type Output } from './output.js';

/**
 * Runs the CLI; resolves to the exit code (0 ok, 1 drift, 2 bad input).
 * Each command's modules are imported when it runs: `--version`, `--help`
 * and `init` do not pay for loading what they do not use.
 */
export async function main(argv: string[], output: Output = processOutput()): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') {
    // yargs alone takes longer to load than the rest of this answer.
    output.result(MCPGEN_VERSION);
    return 0;
  }
  const { default: yargs } = await import('yargs');
  let exitCode = 0;
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('mcpgen')
    .version(MCPGEN_VERSION)
    .strict()
    .demandCommand(1, 'Name a command: init, generate or check')
    .recommendCommands()
    .command(
      'generate',
      'Generate a typed MCP server project from an OpenAPI spec and an allowlist',
      (y) =>
        y
          .option('spec', {
            type: 'string',
            describe: 'OpenAPI document: http(s) URL or file (defaults to `spec:` in the allowlist)',
          })
          .option('allowlist', {
            type: 'string',
            demandOption: true,
            describe: 'Allowlist YAML naming the tools to expose',
          })
          .option('out', {
            type: 'string',
            describe: 'Directory of the generated project (defaults to `out:` in the allowlist)',
          })
          .option('take-over', {
            type: 'boolean',
            default: false,
            describe:
              'Overwrite files in --out that mcpgen did not generate (the manifest does not record them); they become generated files',
          })
          .option('allow-external-refs', {
            type: 'boolean',
            default: false,
            describe: 'Let $refs reach URLs and files outside the spec directory',
          })
          .option('format', {
            choices: GENERATE_FORMATS,
            default: 'text' as const,
            describe: 'Report as text, or as one versioned JSON document on stdout ({ version, diagnostics, summary })',
          }),
      async (args) => {
        const { runGenerate } = await import('./generate-command.js');
        exitCode = await runGenerate(
          {
            allowlist: args.allowlist,
            allowExternalRefs: args.allowExternalRefs,
            takeOver: args.takeOver,
            format: args.format,
            ...(args.spec ? { spec: args.spec } : {}),
            ...(args.out ? { out: args.out } : {}),
          },
          output,
        );
      },
    )
    .command(
      'check',
      'Compare the generated project with the current spec and allowlist: exit 0 clean, 1 drift, 2 bad input',
      (y) =>
        y
          .option('spec', {
            type: 'string',
            describe: 'OpenAPI document: http(s) URL or file (defaults to `spec:` in the allowlist)',
          })
          .option('allowlist', {
            type: 'string',
            demandOption: true,
            describe: 'Allowlist YAML the project was generated from',
          })
          .option('out', {
            type: 'string',
            describe: 'Directory of the generated project (defaults to `out:` in the allowlist)',
          })
          .option('strict', {
            type: 'boolean',
            default: false,
            describe: 'Count information (operations not in the allowlist, stray files) as drift',
          })
          .option('format', {
            choices: CHECK_FORMATS,
            default: 'text' as const,
            describe: 'Report as compiler-style text, versioned JSON, or GitHub workflow annotations',
          })
          .option('allow-external-refs', {
            type: 'boolean',
            default: false,
            describe: 'Let $refs reach URLs and files outside the spec directory',
          }),
      async (args) => {
        const { runCheckCommand } = await import('./check-command.js');
        exitCode = await runCheckCommand(
          {
            allowlist: args.allowlist,
            strict: args.strict,
            format: args.format,
            allowExternalRefs: args.allowExternalRefs,
            ...(args.spec ? { spec: args.spec } : {}),
            ...(args.out ? { out: args.out } : {}),
          },
          output,
        );
      },
    )
    .command(
      'init',
      'Write a starter allowlist listing every operation of the spec, disabled, with suggested names and risks',
      (y) =>
        y
          .option('spec', { type: 'string', demandOption: true, describe: 'OpenAPI document: http(s) URL or file' })
          .option('out', { type: 'string', default: 'mcpgen.yaml', describe: 'Allowlist file to write' })
          .option('force', { type: 'boolean', default: false, describe: 'Overwrite the file if it exists' })
          .option('allow-external-refs', {
            type: 'boolean',
            default: false,
            describe: 'Let $refs reach URLs and files outside the spec directory',
          }),
      async (args) => {
        const { runInit } = await import('./init-command.js');
        exitCode = await runInit(
          { spec: args.spec, out: args.out, force: args.force, allowExternalRefs: args.allowExternalRefs },
          output,
        );
      },
    )
    .example('mcpgen init --spec http://127.0.0.1:3000/documentation/json', 'starter allowlist in mcpgen.yaml')
    .example('mcpgen generate --allowlist mcpgen.yaml', 'spec and out taken from the allowlist')
    .example(
      'mcpgen generate --spec http://127.0.0.1:3000/documentation/json --allowlist mcpgen.yaml --out ../company-api-mcp',
      '',
    )
    .example(
      'mcpgen check --spec http://127.0.0.1:3000/documentation/json --allowlist mcpgen.yaml --format github',
      'in CI',
    )
    .fail((message, error) => {
      if (error) throw error;
      usageError = message;
    })
    .help()
    .wrap(null);

  try {
    await parser.parseAsync();
  } catch (error) {
    output.error(
      formatDiagnostics([
        {
          code: 'MCPGEN_INTERNAL',
          severity: 'error',
          message: `internal error: ${error instanceof Error ? error.message : String(error)}`,
          hint: 'This is a bug in mcpgen; please report it with the spec and allowlist. Set MCPGEN_DEBUG=1 for a stack trace.',
        },
      ]),
    );
    if (process.env['MCPGEN_DEBUG'] && error instanceof Error) output.error(error.stack ?? '');
    return 2;
  }
  if (usageError) {
    output.error(`${usageError}\nRun \`mcpgen --help\` for usage.`);
    return 2;
  }
  return exitCode;
}
