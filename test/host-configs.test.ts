/**
 * Host configuration that works when pasted: every JSON file and README
 * snippet parses; the `claude mcp add` lines are valid shell whose argv is
 * exactly what Claude Code should receive, secrets taken from the
 * environment; and the config files each host reads from the project folder
 * start the real compiled server, variables expanded the way that host does.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/worked-example.js';
import { compileExample, startHttpExample, type HttpExample } from './support/example-server.js';

const run = promisify(execFile);
const PROJECT = path.join(REPO_ROOT, 'examples/company-api-mcp');
const SECRET = `s3cr3t 'q' "dq" $(touch pwned) \`x\``;
const TOKEN = 'client-token-0123456789';

interface StdioEntry {
  type?: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

const read = async (file: string): Promise<string> => readFile(path.join(PROJECT, file), 'utf8');
const parse = async <T>(file: string): Promise<T> => JSON.parse(await read(file)) as T;

let readme: string;
/** The example compiled once, inside the repository so that its dependencies resolve. */
let workDir: string;
let entry: string;
beforeAll(async () => {
  readme = await read('README.md');
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
  entry = await compileExample(workDir);
  // `dist/server.js` is what the project's `npm run build` bundles; here it loads the tsc output.
  await mkdir(path.join(workDir, 'dist'), { recursive: true });
  await writeFile(path.join(workDir, 'dist/server.js'), "import './src/index.js';\n");
}, 180_000);
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The fenced blocks of one language under a `###` heading of the README. */
function blocks(input: { heading: string; lang: string }): string[] {
  const start = readme.indexOf(`### ${input.heading}\n`);
  expect(start, input.heading).toBeGreaterThan(0);
  const end = readme.indexOf('\n#', start + 4);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp(`\`\`\`${input.lang}\\n([\\s\\S]*?)\\n\`\`\``, 'g'))].map((m) => m[1]!);
}

describe('host config files in the project', () => {
  it('.mcp.json (Claude Code): mcpServers, stdio, the API key as ${COMPANY_API_KEY}', async () => {
    const config = await parse<{ mcpServers: Record<string, StdioEntry> }>('.mcp.json');
    expect(config.mcpServers['company-api-mcp']).toEqual({
      type: 'stdio',
      command: 'node',
      args: ['dist/server.js'],
      env: { COMPANY_API_BASE_URL: 'http://127.0.0.1:3000', COMPANY_API_KEY: '${COMPANY_API_KEY}' },
    });
  });

  it('.vscode/mcp.json (VS Code): servers, and the secret as a password input', async () => {
    const config = await parse<{ inputs: Array<Record<string, unknown>>; servers: Record<string, StdioEntry> }>(
      '.vscode/mcp.json',
    );
    expect(config.inputs).toEqual([
      expect.objectContaining({ type: 'promptString', id: 'company-api-key', password: true }),
    ]);
    expect(config.servers['company-api-mcp']?.env['COMPANY_API_KEY']).toBe('${input:company-api-key}');
    expect(config.servers['company-api-mcp']?.args).toEqual(['${workspaceFolder}/dist/server.js']);
    expect(Object.keys(config)).not.toContain('mcpServers');
  });

  it('.cursor/mcp.json (Cursor): mcpServers, the secret as ${env:…}', async () => {
    const config = await parse<{ mcpServers: Record<string, StdioEntry> }>('.cursor/mcp.json');
    expect(config.mcpServers['company-api-mcp']?.env['COMPANY_API_KEY']).toBe('${env:COMPANY_API_KEY}');
  });
});

describe('README snippets', () => {
  it('every JSON snippet parses, and none holds a secret value', () => {
    const json = ['Claude Code', 'Claude Desktop', 'VS Code', 'Cursor'].flatMap((heading) =>
      blocks({ heading, lang: 'json' }),
    );
    expect(json.length).toBe(4);
    const parsed = json.map((text) => JSON.parse(text) as Record<string, Record<string, Record<string, unknown>>>);
    const values = JSON.stringify(parsed);
    expect(values).toContain('"Authorization":"Bearer ${COMPANY_API_MCP_TOKEN}"');
    expect(values).toContain('"Authorization":"Bearer ${input:company-api-mcp-token}"');
    expect(values).toContain('"Authorization":"Bearer ${env:COMPANY_API_MCP_TOKEN}"');
    expect(parsed[1]?.['mcpServers']?.['company-api-mcp']?.['env']).toEqual({
      COMPANY_API_BASE_URL: 'http://127.0.0.1:3000',
      COMPANY_API_KEY: '<COMPANY_API_KEY>',
    });
  });

  it('the claude mcp add lines are valid shell; pasted, claude receives the secrets from the environment, as one argument each', async () => {
    const lines = blocks({ heading: 'Claude Code', lang: 'sh' });
    expect(lines.length).toBe(2);
    const dir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
    try {
      const argv = async (line: string): Promise<string[]> => {
        expect(line.startsWith('claude mcp add ')).toBe(true);
        await run('bash', ['-n', '-c', line]);
        // The pasted line with `claude` a function that prints its arguments, NUL-separated.
        const { stdout } = await run('bash', ['-c', `claude() { printf '%s\\0' "$@"; }\n${line}`], {
          cwd: dir,
          env: { PATH: process.env['PATH'] ?? '', COMPANY_API_KEY: SECRET, COMPANY_API_MCP_TOKEN: TOKEN },
        });
        return stdout.split('\0').slice(0, -1);
      };
      expect(await argv(lines[0]!)).toEqual([
        'mcp', 'add', '--transport', 'stdio',
        '--env', 'COMPANY_API_BASE_URL=http://127.0.0.1:3000',
        '--env', `COMPANY_API_KEY=${SECRET}`,
        'company-api-mcp', '--', 'node', `${dir}/dist/server.js`,
      ]); // prettier-ignore
      expect(await argv(lines[1]!)).toEqual([
        'mcp', 'add', '--transport', 'http', '--header', `Authorization: Bearer ${TOKEN}`, 'company-api-mcp', 'http://127.0.0.1:3100/mcp',
      ]); // prettier-ignore
      expect(readme).not.toContain(SECRET);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the config files start the real server', () => {
  /** Each host's variable syntax, expanded as that host does before it spawns the server. */
  const HOSTS: Array<{ file: string; key: 'mcpServers' | 'servers'; expand: (value: string) => string }> = [
    { file: '.mcp.json', key: 'mcpServers', expand: (v) => v.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, name: string) => (name === 'COMPANY_API_KEY' ? SECRET : '')) },
    { file: '.vscode/mcp.json', key: 'servers', expand: (v) => v.replace('${workspaceFolder}', workDir).replace('${input:company-api-key}', SECRET) },
    { file: '.cursor/mcp.json', key: 'mcpServers', expand: (v) => v.replace('${workspaceFolder}', workDir).replace('${env:COMPANY_API_KEY}', SECRET) },
  ]; // prettier-ignore

  for (const host of HOSTS) {
    it(`${host.file}: the host's command, args and env start the server over stdio and list its tools`, async () => {
      const config = await parse<Record<string, Record<string, StdioEntry>>>(host.file);
      const entry = config[host.key]!['company-api-mcp']!;
      const env = Object.fromEntries(Object.entries(entry.env).map(([name, value]) => [name, host.expand(value)]));
      expect(Object.values(env).join(' ')).not.toMatch(/\$\{/);
      const transport = new StdioClientTransport({
        command: entry.command === 'node' ? process.execPath : entry.command,
        args: entry.args.map(host.expand),
        env: { PATH: process.env['PATH'] ?? '', ...env },
        cwd: workDir,
        stderr: 'pipe',
      });
      const client = new Client({ name: 'host-config-test', version: '1.0.0' });
      await client.connect(transport);
      try {
        // The manifest is the one record of the tools the project serves.
        const manifest = await parse<{ tools: Record<string, unknown> }>('mcpgen.manifest.json');
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(manifest.tools).sort());
      } finally {
        await client.close();
      }
    }, 60_000);
  }
});

describe('the HTTP snippets reach the real server with the token header', () => {
  let server: HttpExample | undefined;
  beforeAll(async () => {
    server = await startHttpExample({
      entry,
      env: {
        COMPANY_API_BASE_URL: 'http://127.0.0.1:9',
        COMPANY_API_KEY: 'unused',
        COMPANY_API_HTTP_TOKENS: `host-config:${TOKEN}`,
      },
    });
  }, 180_000);
  afterAll(() => {
    server?.child.kill();
  });

  /** Each host's HTTP entry from the README, its variables expanded the way that host does. */
  const SNIPPETS: Array<{ heading: string; index: number; key: 'mcpServers' | 'servers'; expand: (value: string) => string }> = [
    { heading: 'Claude Code', index: 0, key: 'mcpServers', expand: (v) => v.replace('${COMPANY_API_MCP_TOKEN}', TOKEN) },
    { heading: 'VS Code', index: 0, key: 'servers', expand: (v) => v.replace('${input:company-api-mcp-token}', TOKEN) },
    { heading: 'Cursor', index: 0, key: 'mcpServers', expand: (v) => v.replace('${env:COMPANY_API_MCP_TOKEN}', TOKEN) },
  ]; // prettier-ignore

  for (const snippet of SNIPPETS) {
    it(`${snippet.heading}: url and headers list the tools; without the header the server refuses`, async () => {
      const config = JSON.parse(blocks({ heading: snippet.heading, lang: 'json' })[snippet.index]!) as Record<
        string,
        Record<string, { url: string; headers: Record<string, string> }>
      >;
      const entry = config[snippet.key]!['company-api-mcp']!;
      expect(entry.url).toBe('http://127.0.0.1:3100/mcp');
      // The snippet names the default port; the test server listens on an ephemeral one.
      const url = new URL(new URL(entry.url).pathname, server!.url);
      const headers = Object.fromEntries(
        Object.entries(entry.headers).map(([name, value]) => [name, snippet.expand(value)]),
      );
      const client = new Client({ name: 'host-config-http', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
      try {
        expect((await client.listTools()).tools.length).toBeGreaterThan(5);
      } finally {
        await client.close();
      }
      const refused = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(refused.status).toBe(401);
    }, 60_000);
  }
});
