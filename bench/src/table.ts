import { DRIFT_TOOLS } from './drift-check.js';
import { kb, markdownTable, mb, ms, rate, ratio, spread, verdict } from './format.js';
import { LATENCY_LABELS, type LatencyMode } from './latency.js';
import { estimateTokens, type ToolsListSize } from './mcp-client.js';
import type { BenchResults } from './results.js';
import { SYSTEM_LABELS, type System } from './servers.js';

/** The targets. */
export const TARGETS = {
  generationRatio: 1.0,
  generationRssMb: 300,
  /** tools/list on GitHub REST, against the smaller peer: what the model reads, and the whole result. */
  modelVisibleShareOfSmallerPeer: 1.0,
  wireShareOfSmallerPeer: 1.5,
  largestToolBytesOnChain: 16 * 1024,
  inProcessOverheadMs: 1,
  stdioOverheadMs: 2,
  /** Spawn → first tools/call answered, mcpgen's bundled server. */
  coldStartMs: 150,
  driftCheckMs: 1_000,
  /** Calls per second over streamable HTTP against the same requests made directly, 64 in flight. */
  httpShareOfDirect: 0.5,
} as const;

interface TargetLine {
  target: string;
  measured: string;
  met: boolean;
}

export function renderResults(results: BenchResults): string {
  const targets: TargetLine[] = [];
  const sections = [
    renderGeneration(results, targets),
    renderToolsList(results, targets),
    renderCalls(results, targets),
    renderColdStart(results, targets),
    renderDrift(results, targets),
  ];
  const m = results.machine;
  return [
    '# mcpgen benchmark',
    '',
    `Run ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}. ` +
      `Load average ${m.loadStart.map((l) => l.toFixed(1)).join(' / ')} at the start and ${m.loadEnd.map((l) => l.toFixed(1)).join(' / ')} at the end; the bench took ${Math.round(m.durationS / 60)} min.`,
    `Every timing is the median of ${results.runs} measured runs after a warm-up, with min–max in brackets. ` +
      'Contenders run back to back in rotating order, and ratios are computed pair by pair (run i of one over run i of the other), then summarized the same way: on a noisy machine the ratios are the figures to compare.',
    '',
    '## Targets',
    '',
    markdownTable(
      ['Target', 'Measured', 'Verdict'],
      targets.map((t) => [t.target, t.measured, verdict(t.met)]),
    ),
    '',
    ...sections,
  ].join('\n');
}

function renderGeneration(results: BenchResults, targets: TargetLine[]): string {
  const rows = results.generation.map((entry) => {
    if (!entry.ok) return [entry.spec, '', `error: ${entry.error.split('\n')[0] ?? ''}`, '', '', '', ''];
    const row = entry.value;
    const rssOk = row.mcpgen.rssMb.median <= TARGETS.generationRssMb;
    const ratioOk = row.ratio.median <= TARGETS.generationRatio;
    targets.push({
      target: `Generation, ${row.spec.label}: mcpgen / openapi-mcp-generator ≤ ${TARGETS.generationRatio.toFixed(1)}, peak RSS ≤ ${TARGETS.generationRssMb} MB`,
      measured: `${ratio(row.ratio.median)}, ${mb(row.mcpgen.rssMb.median)}`,
      met: rssOk && ratioOk,
    });
    return [
      row.spec.label,
      String(row.spec.operations),
      spread(row.mcpgen.wallMs, ms),
      spread(row.generator.wallMs, ms),
      spread(row.ratio, ratio),
      spread(row.mcpgen.rssMb, mb),
      spread(row.generator.rssMb, mb),
    ];
  });
  return [
    '## 1. Generation',
    '',
    'Wall time and peak RSS of the whole CLI process (spawn to exit, from an empty output directory), on the same operations: every operation of the spec as a tool, or the 7 tools of the company example (the peer gets the spec pruned to those 7 operations). mcpgen lays its output out as prettier would (its tests check that) without running prettier.',
    '',
    markdownTable(
      ['Spec', 'Ops', 'mcpgen', 'openapi-mcp-generator', 'Ratio mcpgen/peer', 'mcpgen peak RSS', 'peer peak RSS'],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  ].join('\n');
}

function sizeCell(bytes: number): string {
  return `${kb(bytes)} (~${estimateTokens(bytes).toLocaleString('en-US')} tokens)`;
}

function renderToolsList(results: BenchResults, targets: TargetLine[]): string {
  const systems: System[] = ['mcpgen', 'generator', 'proxy'];
  const rows = results.toolsList.map((entry) => {
    if (!entry.ok) return [entry.spec, `error: ${entry.error.split('\n')[0] ?? ''}`, ...Array<string>(10).fill('')];
    const { spec, sizes } = entry.value;
    const smaller = (measure: (size: ToolsListSize) => number) =>
      Math.min(measure(sizes.generator), measure(sizes.proxy));
    const visible = (size: ToolsListSize) => size.modelVisibleBytes;
    const wire = (size: ToolsListSize) => size.totalBytes;
    const visibleShare = visible(sizes.mcpgen) / smaller(visible);
    const wireShare = wire(sizes.mcpgen) / smaller(wire);
    if (spec.id === 'github') {
      targets.push(
        {
          target: `tools/list, ${spec.label}: model-visible bytes ≤ ${TARGETS.modelVisibleShareOfSmallerPeer.toFixed(1)}× the smaller peer's`,
          measured: `${ratio(visibleShare)} (${kb(visible(sizes.mcpgen))} vs ${kb(smaller(visible))})`,
          met: visibleShare <= TARGETS.modelVisibleShareOfSmallerPeer,
        },
        {
          target: `tools/list, ${spec.label}: wire bytes ≤ ${TARGETS.wireShareOfSmallerPeer.toFixed(1)}× the smaller peer's`,
          measured: `${ratio(wireShare)} (${kb(wire(sizes.mcpgen))} vs ${kb(smaller(wire))})`,
          met: wireShare <= TARGETS.wireShareOfSmallerPeer,
        },
      );
    }
    if (spec.id === 'synthetic') {
      targets.push({
        target: `tools/list, ${spec.label}: largest tool ≤ ${kb(TARGETS.largestToolBytesOnChain)}`,
        measured: `${kb(sizes.mcpgen.largestBytes)} (${sizes.mcpgen.largestName})`,
        met: sizes.mcpgen.largestBytes <= TARGETS.largestToolBytesOnChain,
      });
    }
    const outputShare = (size: ToolsListSize) =>
      size.totalBytes === 0 ? '–' : `${Math.round((100 * size.outputSchemaBytes) / size.totalBytes)}%`;
    return [
      spec.label,
      systems.map((s) => String(sizes[s].tools)).join(' / '),
      ...systems.map((s) => sizeCell(visible(sizes[s]))),
      ratio(visibleShare),
      ...systems.map((s) => sizeCell(wire(sizes[s]))),
      ratio(wireShare),
      systems.map((s) => outputShare(sizes[s])).join(' / '),
      systems.map((s) => kb(sizes[s].largestBytes)).join(' / '),
    ];
  });
  const opaque = results.toolsList.flatMap((entry) =>
    entry.ok
      ? systems.flatMap((s) => {
          const { opaqueBodies, tools } = entry.value.sizes[s];
          return opaqueBodies > 0
            ? [
                `- ${entry.value.spec.label}, ${SYSTEM_LABELS[s]}: ${opaqueBodies} of ${tools} tools take the request body as one opaque string, so their body parameters are not in its bytes.`,
              ]
            : [];
        })
      : [],
  );
  const rejections = results.toolsList.flatMap((entry) =>
    entry.ok
      ? systems.flatMap((s) => {
          const why = entry.value.sizes[s].sdkRejects;
          return why
            ? [
                `- ${entry.value.spec.label}, ${SYSTEM_LABELS[s]}: the MCP SDK client's \`listTools()\` rejects this result (${why}), so SDK-based clients get no tools; the bytes above are what was sent.`,
              ]
            : [];
        })
      : [],
  );
  return [
    '## 2. What the model receives',
    '',
    "The raw `tools/list` result of each running server, serialized as sent (the bytes are deterministic, so one listing each). *Model-visible* is what hosts put in the model's context: each tool's name, title, description and input schema, serialized as `{ tools: [...] }`. *Wire* is the whole result, with annotations and output schemas, which the client uses (hints for its UI, validation of `structuredContent`) and most hosts do not show the model. Tokens are estimated at 4 bytes a token, mcpgen's own estimate. The peers send no title, annotations or output schema.",
    '',
    markdownTable(
      [
        'Spec',
        'Tools (mcpgen / generator / proxy)',
        'Model-visible: mcpgen',
        'openapi-mcp-generator',
        '@ivotoby/openapi-mcp-server',
        'mcpgen / smaller peer',
        'Wire: mcpgen',
        'openapi-mcp-generator',
        '@ivotoby/openapi-mcp-server',
        'mcpgen / smaller peer',
        'Output schemas, share of wire',
        'Largest tool, wire (mcpgen / generator / proxy)',
      ],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    ...(opaque.length + rejections.length > 0 ? [...opaque, ...rejections, ''] : []),
  ].join('\n');
}

function renderCalls(results: BenchResults, targets: TargetLine[]): string {
  const lines = ['## 3. Call overhead', ''];
  if (!results.latency.ok) {
    lines.push(`Latency: error: ${results.latency.error}`, '');
  } else {
    const limits: Partial<Record<LatencyMode, number>> = {
      inProcess: TARGETS.inProcessOverheadMs,
      stdio: TARGETS.stdioOverheadMs,
    };
    for (const row of results.latency.value) {
      const limit = limits[row.mode];
      if (limit !== undefined) {
        targets.push({
          target: `Call overhead p50, ${LATENCY_LABELS[row.mode]}: ≤ ${limit} ms`,
          measured: ms(row.overheadP50.median),
          met: row.overheadP50.median <= limit,
        });
      }
    }
    lines.push(
      "`search_customers` (`GET /customers?query=a&limit=10`, 3 matches) against the example API running in its own process. Calls are sequential and interleaved call by call across the paths; each run has the same number of calls per path. Overhead is the path's percentile minus the floor's in the same run. In-process, the audit and log lines are built but discarded.",
      '',
      markdownTable(
        ['Path', 'p50', 'p99', 'p50 overhead', 'p99 overhead'],
        results.latency.value.map((row) => [
          LATENCY_LABELS[row.mode],
          spread(row.p50, ms),
          spread(row.p99, ms),
          row.mode === 'floor' ? '–' : spread(row.overheadP50, ms),
          row.mode === 'floor' ? '–' : spread(row.overheadP99, ms),
        ]),
        ['l', 'r', 'r', 'r', 'r'],
      ),
      '',
    );
  }
  if (!results.throughput.ok) {
    lines.push(`Throughput: error: ${results.throughput.error}`, '');
  } else {
    const t = results.throughput.value;
    targets.push({
      target: `HTTP throughput, mcpgen server over streamable HTTP, ${t.concurrency} in flight: ≥ ${TARGETS.httpShareOfDirect.toFixed(1)}× the direct request rate (bare JSON-RPC client; the MCP SDK client's own ceiling is ${ratio(t.ceilingRatio.median)})`,
      measured: `${ratio(t.bareRatio.median)} (SDK client: ${ratio(t.ratio.median)})`,
      met: t.bareRatio.median >= TARGETS.httpShareOfDirect,
    });
    lines.push(
      `Throughput with ${t.concurrency} calls in flight, ${t.callsPerRun} calls a run: the generated server over streamable HTTP (stateless, bearer token) vs the same requests made directly. Two clients reach the server: the MCP SDK client (what SDK-based hosts use), and a bare JSON-RPC client that POSTs each \`tools/call\` with the same \`fetch\` and JSON parsing as the direct request, so that both sides of the ratio pay the same client cost. The ceiling is the SDK client against a stand-in endpoint that answers every call at once with the same bytes: no server can beat it with that client on this machine.`,
      '',
      markdownTable(
        ['Path', 'Calls per second', 'Ratio to direct'],
        [
          ['direct HTTP request (floor)', spread(t.floor, rate), '–'],
          ['mcpgen server, streamable HTTP, MCP SDK client', spread(t.mcpgen, rate), spread(t.ratio, ratio)],
          ['mcpgen server, streamable HTTP, bare JSON-RPC client', spread(t.bare, rate), spread(t.bareRatio, ratio)],
          ['SDK client, endpoint answering at once (ceiling)', spread(t.ceiling, rate), spread(t.ceilingRatio, ratio)],
        ],
        ['l', 'r', 'r'],
      ),
      '',
    );
  }
  return lines.join('\n');
}

function renderColdStart(results: BenchResults, targets: TargetLine[]): string {
  if (!results.coldStart.ok) return ['## 4. Cold start', '', `error: ${results.coldStart.error}`, ''].join('\n');
  const { rows, bareNode } = results.coldStart.value;
  const own = rows.find((row) => row.system === 'mcpgen');
  if (own) {
    targets.push({
      target: `Cold start of the generated example server (bundled dist/server.js), spawn → first tools/call answered ≤ ${TARGETS.coldStartMs} ms`,
      measured: ms(own.toolsCall.median),
      met: own.toolsCall.median <= TARGETS.coldStartMs,
    });
  }
  return [
    '## 4. Cold start',
    '',
    "Over stdio, for the company example: mcpgen's bundled server (`dist/server.js`, what `npm start` runs), the compiled openapi-mcp-generator server, and the proxy reading the same 7-operation spec. Two measurements, each from its own process spawn: to the arrival of the first `tools/list` response (initialize handshake included), and to the arrival of the first `tools/call` response (initialize, initialized, then at once a call of the health tool, `GET /health` on the live example API; no `tools/list` before it). Both are taken before the client parses the response.",
    '',
    markdownTable(
      ['Server', 'Spawn → tools/list', 'Ratio mcpgen/this', 'Spawn → tools/call', 'Ratio mcpgen/this'],
      rows.map((row) => [
        SYSTEM_LABELS[row.system],
        spread(row.toolsList, ms),
        row.system === 'mcpgen' ? '–' : spread(row.toolsListRatio, ratio),
        spread(row.toolsCall, ms),
        row.system === 'mcpgen' ? '–' : spread(row.toolsCallRatio, ratio),
      ]),
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Floor in the same rounds: \`node -e 0\` (spawn to exit) took ${spread(bareNode, ms)}.`,
    '',
  ].join('\n');
}

function renderDrift(results: BenchResults, targets: TargetLine[]): string {
  const title = `## 5. Drift check`;
  if (results.drift === undefined) {
    targets.push({
      target: `\`mcpgen check\`, GitHub REST, ${DRIFT_TOOLS} tools ≤ 1 s`,
      measured: 'not available yet',
      met: false,
    });
    return [title, '', '`mcpgen check` is not available in this build yet.', ''].join('\n');
  }
  if (!results.drift.ok) return [title, '', `error: ${results.drift.error}`, ''].join('\n');
  const d = results.drift.value;
  targets.push({
    target: `\`mcpgen check\`, GitHub REST, ${d.tools} tools ≤ ${ms(TARGETS.driftCheckMs)}`,
    measured: ms(d.wallMs.median),
    met: d.wallMs.median <= TARGETS.driftCheckMs,
  });
  return [
    title,
    '',
    `\`mcpgen check\` as a whole CLI process on a clean project of ${d.tools} tools spread evenly over GitHub REST's operations (exit 0).`,
    '',
    markdownTable(
      ['Command', 'Wall time', 'Peak RSS'],
      [[`mcpgen check (GitHub REST, ${d.tools} tools)`, spread(d.wallMs, ms), spread(d.rssMb, mb)]],
      ['l', 'r', 'r'],
    ),
    '',
  ].join('\n');
}
