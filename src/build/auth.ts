import type { OpenAPIV3 } from 'openapi-types';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AuthSchemeModel } from '../model/server.js';

type SchemeKind = AuthSchemeModel['kind'];

/** How a spec's security scheme maps onto an env-provided credential, or why it cannot. */
function kindOf(scheme: OpenAPIV3.SecuritySchemeObject): SchemeKind | undefined {
  if (scheme.type === 'apiKey') return 'apiKey';
  if (scheme.type === 'http') {
    const name = scheme.scheme.toLowerCase();
    if (name === 'bearer') return 'bearer';
    if (name === 'basic') return 'basic';
    return undefined;
  }
  // OAuth flows run outside the server: it is handed an access token.
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return 'bearer';
  return undefined;
}

const ENV_SUFFIX: Record<SchemeKind, string[]> = {
  apiKey: ['KEY'],
  bearer: ['TOKEN'],
  basic: ['USERNAME', 'PASSWORD'],
};

/**
 * The credential schemes the selected tools use, with their env variables.
 * One scheme of a kind gets the short names (`<PREFIX>_KEY`); several of the
 * same kind are told apart by scheme name (`<PREFIX>_<SCHEME>_KEY`).
 */
export function buildAuthSchemes(input: {
  schemes: Record<string, OpenAPIV3.SecuritySchemeObject>;
  used: ReadonlySet<string>;
  envPrefix: string;
  specLabel: string;
}): { auth: AuthSchemeModel[]; diagnostics: Diagnostic[] } {
  const { schemes, used, envPrefix, specLabel } = input;
  const diagnostics: Diagnostic[] = [];
  const supported: Array<{ name: string; scheme: OpenAPIV3.SecuritySchemeObject; kind: SchemeKind }> = [];
  for (const name of [...used].sort()) {
    const scheme = schemes[name];
    const kind = scheme ? kindOf(scheme) : undefined;
    if (!scheme || !kind) {
      diagnostics.push({
        code: 'MCPGEN_UNSUPPORTED_SECURITY',
        severity: 'warning',
        message: scheme
          ? `security scheme "${name}" (${describe(scheme)}) is not supported; tools that require only it will call the API without credentials`
          : `security scheme "${name}" is used but not defined under components.securitySchemes`,
        location: { spec: specLabel, pointer: `/components/securitySchemes/${name}` },
        hint: 'Supported: apiKey (header, query, cookie), http bearer, http basic, and OAuth2/OpenID Connect access tokens.',
      });
      continue;
    }
    supported.push({ name, scheme, kind });
  }
  const auth = supported.map(({ name, scheme, kind }): AuthSchemeModel => {
    const sameKind = supported.filter((other) => other.kind === kind).length;
    const stem = sameKind > 1 ? `${envPrefix}_${envSegment(name)}` : envPrefix;
    return {
      name,
      kind,
      ...(scheme.type === 'apiKey' ? { in: scheme.in as 'header' | 'query' | 'cookie', paramName: scheme.name } : {}),
      envVars: ENV_SUFFIX[kind].map((suffix) => `${stem}_${suffix}`),
      ...(scheme.description ? { description: scheme.description } : {}),
    };
  });
  return { auth, diagnostics };
}

function describe(scheme: OpenAPIV3.SecuritySchemeObject): string {
  return scheme.type === 'http' ? `http ${scheme.scheme}` : scheme.type;
}

function envSegment(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** An operation's effective security: alternatives (OR) of scheme-name sets (AND). */
export function securityOf(input: {
  operation: OpenAPIV3.OperationObject;
  document: { security?: OpenAPIV3.SecurityRequirementObject[] };
}): string[][] {
  const requirements = input.operation.security ?? input.document.security ?? [];
  return requirements.map((requirement) => Object.keys(requirement).sort());
}
