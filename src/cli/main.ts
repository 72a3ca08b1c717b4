import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { MCPGEN_VERSION } from '../version.js';
import {
  allowlistArgument,
  DEFAULT_ALLOWLIST,
  invalidValues,
  unknownOptions,
  usage,
  UsageError,
  type CommandOptions,
} from './arguments.js';
import { CHECK_FAIL_ON, CHECK_FORMATS, GENERATE_FORMATS } from './formats.js';
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
  // Every check of the command line runs before a command does: a handler starts only once its arguments are valid.
  const valid = (input: { args: Record<string, unknown>; options: CommandOptions }): void => {
    const problems = [...unknownOptions({ argv, options: input.options }), ...invalidValues(input)];
    if (problems.length > 0) throw new UsageError(problems);
  };
  const parser = yargs(argv)
    .locale('en')
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
            requiresArg: true,
            describe: 'OpenAPI document: http(s) URL or file (defaults to `spec:` in the allowlist)',
          })
          .option('allowlist', {
            type: 'string',
            requiresArg: true,
            describe: `Allowlist YAML naming the tools to expose (default: ./${DEFAULT_ALLOWLIST} when it exists)`,
          })
          .option('out', {
            type: 'string',
            requiresArg: true,
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
          .option('spec-header', SPEC_HEADER_OPTION)
          .option('format', {
            choices: GENERATE_FORMATS,
            default: 'text' as const,
            describe: 'Report as text, or as one versioned JSON document on stdout ({ version, diagnostics, summary })',
          }),
      async (args) => {
        valid({ args, options: COMMAND_OPTIONS.generate });
        const allowlist = allowlistArgument({ given: args.allowlist, command: 'generate' });
        const { runGenerate } = await import('./generate-command.js');
        exitCode = await runGenerate(
          {
            allowlist,
            allowExternalRefs: args.allowExternalRefs,
            takeOver: args.takeOver,
            format: args.format,
            ...(args.spec ? { spec: args.spec } : {}),
            ...(args.out ? { out: args.out } : {}),
            ...(args.specHeader === undefined ? {} : { specHeaders: args.specHeader }),
          },
          output,
        );
      },
    )
    .command(
      'check',
      'Compare the generated project with the current spec and allowlist: exit 0 nothing to fail on, 1 drift at the --fail-on class, 2 bad input',
      (y) =>
        y
          .option('spec', {
            type: 'string',
            requiresArg: true,
            describe: 'OpenAPI document: http(s) URL or file (defaults to `spec:` in the allowlist)',
          })
          .option('allowlist', {
            type: 'string',
            requiresArg: true,
            describe: `Allowlist YAML the project was generated from (default: ./${DEFAULT_ALLOWLIST} when it exists)`,
          })
          .option('out', {
            type: 'string',
            requiresArg: true,
            describe: 'Directory of the generated project (defaults to `out:` in the allowlist)',
          })
          .option('strict', {
            type: 'boolean',
            default: false,
            describe: 'Count information (operations not in the allowlist, stray files) as drift',
          })
          .option('fail-on', {
            choices: CHECK_FAIL_ON,
            default: 'breaking' as const,
            describe:
              'Exit 1 when a finding of this class or a more severe one is found (breaking > compatible > info)',
          })
          .option('format', {
            choices: CHECK_FORMATS,
            default: 'text' as const,
            describe:
              'Report as compiler-style text, versioned JSON, GitHub workflow annotations, a Markdown PR comment, or SARIF 2.1.0',
          })
          .option('allow-external-refs', {
            type: 'boolean',
            default: false,
            describe: 'Let $refs reach URLs and files outside the spec directory',
          })
          .option('spec-header', SPEC_HEADER_OPTION),
      async (args) => {
        valid({ args, options: COMMAND_OPTIONS.check });
        const allowlist = allowlistArgument({ given: args.allowlist, command: 'check' });
        const { runCheckCommand } = await import('./check-command.js');
        exitCode = await runCheckCommand(
          {
            allowlist,
            strict: args.strict,
            failOn: args.failOn,
            format: args.format,
            allowExternalRefs: args.allowExternalRefs,
            ...(args.spec ? { spec: args.spec } : {}),
            ...(args.out ? { out: args.out } : {}),
            ...(args.specHeader === undefined ? {} : { specHeaders: args.specHeader }),
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
          .option('spec', {
            type: 'string',
            requiresArg: true,
            demandOption: true,
            describe: 'OpenAPI document: http(s) URL or file',
          })
          .option('out', {
            type: 'string',
            requiresArg: true,
            default: DEFAULT_ALLOWLIST,
            describe: 'Allowlist file to write',
          })
          .option('force', { type: 'boolean', default: false, describe: 'Overwrite the file if it exists' })
          .option('allow-external-refs', {
            type: 'boolean',
            default: false,
            describe: 'Let $refs reach URLs and files outside the spec directory',
          })
          .option('spec-header', SPEC_HEADER_OPTION),
      async (args) => {
        valid({ args, options: COMMAND_OPTIONS.init });
        const { runInit } = await import('./init-command.js');
        exitCode = await runInit(
          {
            spec: args.spec,
            out: args.out,
            force: args.force,
            allowExternalRefs: args.allowExternalRefs,
            ...(args.specHeader === undefined ? {} : { specHeaders: args.specHeader }),
          },
          output,
        );
      },
    )
    .example('mcpgen init --spec http://127.0.0.1:3000/documentation/json', 'starter allowlist in mcpgen.yaml')
    .example('mcpgen generate', 'allowlist ./mcpgen.yaml; spec and out taken from it')
    .example('mcpgen generate --allowlist mcpgen.yaml', 'spec and out taken from the allowlist')
    .example(
      'mcpgen generate --spec http://127.0.0.1:3000/documentation/json --allowlist mcpgen.yaml --out ../company-api-mcp',
      '',
    )
    .example(
      'mcpgen check --spec http://127.0.0.1:3000/documentation/json --allowlist mcpgen.yaml --fail-on breaking --format github',
      'in CI',
    )
    .fail((message, error) => {
      // yargs' own validation errors are usage errors; anything else thrown by a handler is not.
      if (error && error.name !== 'YError') throw error;
      throw new YargsUsage(message || error?.message || 'invalid command line');
    })
    .help()
    .wrap(null);

  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof UsageError || error instanceof YargsUsage) {
      const diagnostics =
        error instanceof UsageError ? error.diagnostics : yargsUsage({ argv, message: error.message });
      output.error(formatDiagnostics(diagnostics));
      return 2;
    }
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
  return exitCode;
}

/** The options of each command, for argument checks and did-you-mean (kept in step with the builders above). */
const COMMAND_OPTIONS: Record<'generate' | 'check' | 'init', CommandOptions> = {
  generate: {
    command: 'generate',
    strings: ['spec', 'allowlist', 'out', 'format'],
    booleans: ['take-over', 'allow-external-refs'],
    repeatable: ['spec-header'],
  },
  check: {
    command: 'check',
    strings: ['spec', 'allowlist', 'out', 'format', 'fail-on'],
    booleans: ['strict', 'allow-external-refs'],
    repeatable: ['spec-header'],
  },
  init: {
    command: 'init',
    strings: ['spec', 'out'],
    booleans: ['force', 'allow-external-refs'],
    repeatable: ['spec-header'],
  },
};

/** `--spec-header 'Name: value'`, repeatable; yargs gives a string, or an array when repeated. */
const SPEC_HEADER_OPTION = {
  type: 'string',
  requiresArg: true,
  describe: "HTTP header for fetching the spec, 'Name: value' (repeatable); a value $VAR is read from the environment",
} as const;

/** A usage error yargs reported (unknown option, missing value, invalid choice…). */
class YargsUsage extends Error {}

/** yargs' message, or for unknown options one diagnostic each with the options meant. */
function yargsUsage(input: { argv: readonly string[]; message: string }): Diagnostic[] {
  const command = input.argv.find((token) => !token.startsWith('-'));
  const options =
    command !== undefined && Object.hasOwn(COMMAND_OPTIONS, command)
      ? COMMAND_OPTIONS[command as keyof typeof COMMAND_OPTIONS]
      : undefined;
  const unknown = options ? unknownOptions({ argv: input.argv, options }) : [];
  if (unknown.length > 0) return unknown;
  return [
    usage({ message: input.message, hint: `Run \`mcpgen ${options ? `${options.command} ` : ''}--help\` for usage.` }),
  ];
}
