import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { createLogger, type Logger } from './log.js';
import type { ApprovalPageHandler } from './approval-page.js';
import type { ResourceDefinition } from './resources.js';
import { createRuntime, type Runtime } from './server.js';
import { MemoryStore, type SharedStore } from './store.js';
import type { Extensions, ServerSettings, ToolDefinition } from './types.js';

/** Reads the configuration, then serves stdio (the default) or streamable HTTP. */
export async function main(input: {
  settings: ServerSettings;
  tools: readonly ToolDefinition[];
  resources?: readonly ResourceDefinition[];
  extensions: Extensions;
}): Promise<void> {
  const { settings, tools } = input;
  const config = readConfig(settings);
  const logger = createLogger();
  if (config.confirmation.secretGenerated) {
    logger.info(
      `${settings.env.confirmationSecret} is not set: confirmations are valid only in this process`,
    );
  }
  if (config.confirmation.allowTokenForHighRisk) {
    logger.warn(
      `${settings.env.unsafeHighRiskTokens} is on: high-risk tools accept a token the model relays instead of a person's approval when the client cannot ask one`,
    );
  }
  const missing = missingCredentials(settings, config);
  if (missing.length > 0) {
    logger.warn(
      `no API credential is set (${missing.join(' or ')}): calls that need one will fail`,
    );
  }
  const store = await createStore({ settings, config, logger });
  if (store.kind === 'memory' && !config.confirmation.secretGenerated) {
    logger.warn(
      `${settings.env.confirmationSecret} is shared but ${settings.env.redisUrl} is not set: single use of confirmations and rate limits hold only inside this process, not across instances sharing the secret`,
    );
  }
  // Metrics are served by the HTTP listener, or in stdio mode on their own port when asked for;
  // prom-client is loaded only then.
  const wantsMetrics = config.transport === 'http' || config.metrics?.port !== undefined;
  const metrics = wantsMetrics
    ? new (await import('./metrics.js')).Metrics({ server: settings.name })
    : undefined;
  const runtime = createRuntime({
    settings,
    config,
    logger,
    store,
    extensions: input.extensions,
    ...(metrics ? { metrics } : {}),
    ...(input.resources ? { resources: input.resources } : {}),
  });
  const page = await approvalPage({ runtime, tools });
  if (config.transport === 'http') {
    // Loaded only here: the HTTP stack would slow every stdio start.
    const { startHttpServer } = await import('./http-transport.js');
    try {
      const started = await startHttpServer({
        runtime,
        tools,
        http: config.http,
        ...(page ? { page } : {}),
      });
      logger.info(`listening on ${started.url}`);
      if (page) {
        runtime.approvalPage.url ??= started.url.replace(/\/mcp$/, '/approvals');
        logger.info(`approval page on ${runtime.approvalPage.url}`);
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        fail(
          settings,
          `cannot listen on ${config.http.host}:${config.http.port} (${code}); set ${settings.env.httpPort} to a free port`,
        );
      }
      throw error;
    }
    return;
  }
  const metricsPort = config.metrics?.port;
  if (metrics && metricsPort !== undefined) {
    const { startMetricsServer } = await import('./metrics.js');
    const token = config.metrics?.token;
    const served = await startMetricsServer({
      metrics,
      port: metricsPort,
      ...(token ? { token } : {}),
    });
    logger.info(`metrics at ${served.url}`);
  }
  const { startStdioServer } = await import('./stdio.js');
  if (page && config.approvals) {
    // stdio has no listener of its own: the page gets one, on loopback, only because the queue is on.
    const { startApprovalListener } = await import('./approval-listener.js');
    try {
      const listener = await startApprovalListener({ port: config.approvals.port, page, logger });
      runtime.approvalPage.url ??= listener.url;
      logger.info(`approval page on ${listener.url}`);
      process.stdin.once('end', () => void listener.close());
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        fail(
          settings,
          `cannot listen on 127.0.0.1:${String(config.approvals.port)} for the approval page (${code}); set ${settings.env.approvalPort} to a free port`,
        );
      }
      throw error;
    }
  }
  startStdioServer({ runtime, tools });
  // The store's connection must not keep the process alive once the client has gone.
  process.stdin.once('end', () => void store.close());
}

/**
 * The approval page when approvers are configured; a warning when tools use
 * the queue but nobody can approve (those calls are refused, never relayed).
 */
async function approvalPage(input: {
  runtime: Runtime;
  tools: readonly ToolDefinition[];
}): Promise<ApprovalPageHandler | undefined> {
  const { runtime } = input;
  const queued = input.tools.filter((tool) => tool.approvalQueue).map((tool) => tool.name);
  if (!runtime.approvals) {
    if (queued.length > 0) {
      runtime.logger.warn(
        `${runtime.settings.env.approverTokens} is not set, so the approval queue is off: calls of ${queued.join(', ')} that no client can confirm are refused`,
      );
    }
    return undefined;
  }
  const { createApprovalPage } = await import('./approval-page.js');
  const base = runtime.config.approvals?.baseUrl;
  return createApprovalPage({
    queue: runtime.approvals,
    approvers: runtime.config.approvals?.approvers ?? [],
    store: runtime.store,
    logger: runtime.logger,
    secure: base?.startsWith('https:') ?? false,
  });
}

/** Redis when configured, loaded only then (stdio starts do not pay for the client); else this process's memory. */
async function createStore(input: {
  settings: ServerSettings;
  config: ServerConfig;
  logger: Logger;
}): Promise<SharedStore> {
  const { redisUrl } = input.config;
  if (!redisUrl) return new MemoryStore();
  const { RedisStore } = await import('./redis-store.js');
  const store = new RedisStore({
    url: redisUrl,
    keyPrefix: input.settings.name,
    logger: input.logger,
  });
  store.start();
  return store;
}

function readConfig(settings: ServerSettings): ServerConfig {
  try {
    return loadConfig({ settings, env: process.env, argv: process.argv.slice(2) });
  } catch (error) {
    if (error instanceof ConfigError) fail(settings, error.message);
    throw error;
  }
}

function missingCredentials(settings: ServerSettings, config: ServerConfig): string[] {
  if (settings.auth.length === 0) return [];
  const names = settings.auth.flatMap((scheme) => scheme.envVars);
  return names.some((name) => config.credentials[name] !== undefined) ? [] : names;
}

/** One line on stderr and exit 1: configuration problems are the operator's to fix, not stack traces. */
function fail(settings: ServerSettings, message: string): never {
  for (const line of message.split('\n')) process.stderr.write(`${settings.name}: ${line}\n`);
  process.exit(1);
}
