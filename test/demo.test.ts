/**
 * `npm run demo`, the README's first command, run as a user runs it; its
 * transcript must show what the first ten minutes promise.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/worked-example.js';

const run = promisify(execFile);

describe('npm run demo', () => {
  it('shows the allowlist and risks, errors as results, every confirmation path, and points at the committed example', async () => {
    const tsx = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
    const { stdout } = await run(process.execPath, [tsx, 'scripts/demo.ts'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '' },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toMatch(/examples\/company-api\/mcpgen\.yaml: server "company-api-mcp"/);
    expect(stdout).toMatch(/cancel_order\s+risk high\s+POST \/orders\/\{orderId\}\/cancel/);
    expect(stdout).toMatch(/- create_order\s+risk medium/);
    // The model-relayed path: a preview with a token, then the call with it.
    expect(stdout).toContain('> resources/list → company://products; templates: company://customers/{customerId}');
    expect(stdout).toMatch(/> resources\/read company:\/\/customers\/cus_001\n {2}\{"id":"cus_001"/);
    expect(stdout).toContain('"status": "confirmation_required"');
    expect(stdout).toContain('confirmation_token');
    // High risk with nobody to ask: a structured refusal.
    expect(stdout).toContain('"error": "human_approval_required"');
    // A person asked (2025 elicitation and 2026-07-28 input_required), a decline failing closed.
    expect(stdout).toContain('the client shows the person: The assistant wants to run "Cancel an order" (high risk)');
    expect(stdout).toContain('"error": "confirmation_declined"');
    expect(stdout).toContain('6. A client of protocol 2026-07-28');
    // An API error is printed like a success: the object itself, after an isError marker.
    expect(stdout).toMatch(/isError: true[^\n]*\n {4}\{\n {6}"error": "not_found"/);
    expect(stdout).toContain('examples/company-api-mcp/');
    expect((stdout.match(/"status": "completed"/g) ?? []).length).toBeGreaterThanOrEqual(4);
  }, 300_000);
});
