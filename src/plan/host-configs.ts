import type { ServerModel } from '../model/server.js';
import { envNames, type EnvVarDoc } from './env-vars.js';

/**
 * A shell word for a pasted command line: a literal (quoted by the renderer),
 * or a literal prefix followed by a variable the user's shell expands, so that
 * a secret comes from the environment and never appears in the README.
 */
export type ShellArg = string | { prefix: string; env: string; suffix?: string };

/** Where the HTTP transport listens unless the allowlist names the deployed URL. */
export const LOCAL_HTTP_URL = 'http://127.0.0.1:3100/mcp';

/** Everything a host needs to start or reach the server, precomputed for files and README snippets. */
export interface HostConfigs {
  /** Server key in every host's config: VS Code accepts `^[a-zA-Z][a-zA-Z0-9_-]*$` only. */
  key: string;
  httpUrl: string;
  /** The allowlist names a deployed URL (else the HTTP snippets point at the local default). */
  remote: boolean;
  /** Env variable the host reads the inbound bearer token from (never the token itself). */
  tokenEnv: string;
  files: { path: string; value: unknown }[];
  claudeCode: { stdio: ShellArg[]; http: ShellArg[]; httpJson: unknown };
  claudeDesktop: unknown;
  vscodeHttp: unknown;
  cursorHttp: unknown;
}

/** The JSON files hosts read from a project folder, and the README's snippets. Pure. */
export function planHostConfigs(input: { model: ServerModel; envVars: EnvVarDoc[] }): HostConfigs {
  const { model } = input;
  const key = hostKey(model.name);
  const tokenEnv = `${model.envPrefix}_MCP_TOKEN`;
  const httpUrl = model.remoteUrl ?? LOCAL_HTTP_URL;
  const secrets = new Set(model.auth.flatMap((scheme) => scheme.envVars));
  const required = input.envVars.filter((v) => v.required);
  // Hosts expand `${…}` inside these files and have no escape for it: an example that holds one is not offered.
  const literal = (value: string): string => (value.includes('${') ? '' : value);
  const envWith = (reference: (name: string) => string): Record<string, string> =>
    Object.fromEntries(required.map((v) => [v.name, secrets.has(v.name) ? reference(v.name) : literal(v.example)]));
  const inputId = (name: string): string => name.toLowerCase().replace(/_/g, '-');
  const vscodeInputs = required
    .filter((v) => secrets.has(v.name))
    .map((v) => ({
      type: 'promptString',
      id: inputId(v.name),
      description: `${v.name}: ${v.meaning}`,
      password: true,
    }));
  const tokenInput = {
    type: 'promptString',
    id: inputId(tokenEnv),
    description: `Bearer token for ${model.name} over HTTP (the secret of one entry of ${envNames(model.envPrefix).httpTokens}).`,
    password: true,
  };
  const bearer = (reference: string): { Authorization: string } => ({ Authorization: `Bearer ${reference}` });

  const claudeCodeFile = {
    mcpServers: {
      [key]: { type: 'stdio', command: 'node', args: ['dist/server.js'], env: envWith((name) => `\${${name}}`) },
    },
  };
  const vscodeFile = {
    inputs: vscodeInputs,
    servers: {
      [key]: {
        type: 'stdio',
        command: 'node',
        args: ['${workspaceFolder}/dist/server.js'],
        env: envWith((name) => `\${input:${inputId(name)}}`),
      },
    },
  };
  const cursorFile = {
    mcpServers: {
      [key]: {
        command: 'node',
        args: ['${workspaceFolder}/dist/server.js'],
        env: envWith((name) => `\${env:${name}}`),
      },
    },
  };

  const stdioEnvArgs = required.flatMap((v): ShellArg[] => [
    '--env',
    secrets.has(v.name) ? { prefix: `${v.name}=`, env: v.name } : `${v.name}=${v.example}`,
  ]);
  return {
    key,
    httpUrl,
    remote: model.remoteUrl !== undefined,
    tokenEnv,
    files: [
      { path: '.mcp.json', value: claudeCodeFile },
      { path: '.vscode/mcp.json', value: vscodeFile },
      { path: '.cursor/mcp.json', value: cursorFile },
    ],
    claudeCode: {
      stdio: [
        'mcp',
        'add',
        '--transport',
        'stdio',
        ...stdioEnvArgs,
        key,
        '--',
        'node',
        { prefix: '', env: 'PWD', suffix: '/dist/server.js' },
      ],
      http: [
        'mcp',
        'add',
        '--transport',
        'http',
        '--header',
        { prefix: 'Authorization: Bearer ', env: tokenEnv },
        key,
        httpUrl,
      ],
      httpJson: { mcpServers: { [key]: { type: 'http', url: httpUrl, headers: bearer(`\${${tokenEnv}}`) } } },
    },
    claudeDesktop: {
      mcpServers: {
        [key]: {
          command: 'node',
          args: [`/absolute/path/to/${model.name}/dist/server.js`],
          // Claude Desktop expands no variables: the user pastes each secret into their own local file.
          env: Object.fromEntries(
            required.map((v) => [v.name, secrets.has(v.name) ? `<${v.name}>` : v.example || '…']),
          ),
        },
      },
    },
    vscodeHttp: {
      inputs: [tokenInput],
      servers: { [key]: { type: 'http', url: httpUrl, headers: bearer(`\${input:${tokenInput.id}}`) } },
    },
    cursorHttp: { mcpServers: { [key]: { url: httpUrl, headers: bearer(`\${env:${tokenEnv}}`) } } },
  };
}

/** The npm name without its scope, as a key every host accepts. */
export function hostKey(name: string): string {
  const bare = name.replace(/^@[^/]+\//, '').replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(bare) ? bare : `mcp-${bare}`;
}
