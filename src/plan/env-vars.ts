import type { ServerModel } from '../model/server.js';

/** One env variable the generated server reads, as documented in README and `.env.example`. */
export interface EnvVarDoc {
  name: string;
  required: boolean;
  meaning: string;
  example: string;
}

export function envNames(envPrefix: string) {
  return {
    baseUrl: `${envPrefix}_BASE_URL`,
    timeoutMs: `${envPrefix}_TIMEOUT_MS`,
    maxRetries: `${envPrefix}_MAX_RETRIES`,
  };
}

export function planEnvVars(model: ServerModel): EnvVarDoc[] {
  const env = envNames(model.envPrefix);
  const docs: EnvVarDoc[] = [
    {
      name: env.baseUrl,
      required: true,
      meaning: `Base URL of ${model.api.title}; every request goes there and nowhere else.`,
      example: model.defaultBaseUrl ?? 'http://127.0.0.1:3000',
    },
  ];
  for (const scheme of model.auth) {
    const label = `security scheme "${scheme.name}"`;
    if (scheme.kind === 'apiKey') {
      docs.push({
        name: scheme.envVars[0] ?? '',
        required: true,
        meaning: `API key sent as ${scheme.in ?? 'header'} "${scheme.paramName ?? ''}" (${label}).`,
        example: '',
      });
    } else if (scheme.kind === 'bearer') {
      docs.push({ name: scheme.envVars[0] ?? '', required: true, meaning: `Bearer token sent in the Authorization header (${label}).`, example: '' });
    } else {
      docs.push(
        { name: scheme.envVars[0] ?? '', required: true, meaning: `User name for HTTP basic auth (${label}).`, example: '' },
        { name: scheme.envVars[1] ?? '', required: true, meaning: `Password for HTTP basic auth (${label}).`, example: '' },
      );
    }
  }
  docs.push(
    { name: env.timeoutMs, required: false, meaning: 'Timeout of each API request in milliseconds (default 30000).', example: '30000' },
    {
      name: env.maxRetries,
      required: false,
      meaning: 'Retries of idempotent requests on HTTP 429/502/503/504 or network errors, honouring Retry-After (default 2).',
      example: '2',
    },
  );
  return docs;
}
