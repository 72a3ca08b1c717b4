import type { ServerModel } from '../model/server.js';
import { planContractTest } from './contract-cases.js';
import { envNames, planEnvVars } from './env-vars.js';
import { planHostConfigs } from './host-configs.js';
import { planServerJson, registryName } from './server-json.js';
import { planToolNames } from './names.js';
import { planPackageJson, TSCONFIG } from './package-json.js';
import { USER_OWNED_PATHS, type PlannedFile } from './project-files.js';
import { planListingsCode } from './shared-schemas.js';
import { planToolView } from './tool-view.js';
import { planZodModules } from './zod/shared.js';
import { isTemplate, resourceDefinition } from './resource-view.js';
import { array, constant, id, json, object, prop, str, type Declaration } from './syntax.js';

/** Runtime modules copied from `runtime/src/` as they are, behind the generated-file header. */
const RUNTIME_MODULES = [
  'approval-listener',
  'approval-page',
  'approval-webhook',
  'approvals',
  'audit',
  'call-auditing-server',
  'config',
  'confirmation-token',
  'gate',
  'http',
  'http-auth',
  'http-transport',
  'json-schema-validator',
  'log',
  'main',
  'metrics',
  'oauth',
  'oauth-config',
  'pattern',
  'rate-limit',
  'redis-store',
  'request',
  'request-state',
  'resources',
  'results',
  'sdk-shims',
  'secrets',
  'server',
  'stdio',
  'store',
  'tracing',
  'types',
];

/** Model → every file of the generated project, with the view its template receives. Pure. */
export function planProject(model: ServerModel): PlannedFile[] {
  const names = planToolNames(model.tools.map((tool) => tool.name));
  const zod = planZodModules(
    model.tools.map((tool) => ({ name: tool.name, input: tool.inputSchema, output: tool.output?.schema })),
  );
  const toolViews = model.tools.map((tool, index) =>
    planToolView({ tool, names: names[index]!, zod: zod.tools[index]! }),
  );
  const envVars = planEnvVars(model);
  const credentialEnvVars = model.auth.flatMap((scheme) => scheme.envVars);
  const env = envNames(model.envPrefix);
  const hosts = planHostConfigs({ model, envVars });

  const files: PlannedFile[] = [
    { path: 'package.json', kind: 'json', value: planPackageJson(model) },
    { path: 'tsconfig.json', kind: 'json', value: TSCONFIG },
    { path: '.gitignore', kind: 'template', template: 'project/gitignore.hbs', view: {} },
    { path: '.env.example', kind: 'template', template: 'project/env.example.hbs', view: { envVars } },
    {
      path: 'README.md',
      kind: 'template',
      template: 'project/README.md.hbs',
      view: {
        server: { name: model.name, description: model.description },
        api: { title: model.api.title },
        toolsTable: {
          columns: [
            { title: 'Tool', code: true },
            { title: 'Risk' },
            { title: 'Confirmation' },
            { title: 'Operation', code: true },
            { title: 'What it does' },
          ],
          rows: toolViews.map((view) => [view.name, view.risk, view.confirmation, view.operation, view.title]),
        },
        resourcesTable:
          model.resources.length > 0
            ? {
                columns: [
                  { title: 'Resource', code: true },
                  { title: 'URI', code: true },
                  { title: 'Operation', code: true },
                  { title: 'What it is' },
                ],
                rows: model.resources.map((r) => [r.name, r.uri, `${r.method.toUpperCase()} ${r.path}`, r.title]),
              }
            : null,
        hasResourceTemplates: model.resources.some(isTemplate),
        envTable: {
          columns: [{ title: 'Variable', code: true }, { title: 'Required' }, { title: 'Meaning' }],
          rows: envVars.map((v) => [v.name, v.required ? 'yes' : 'no', v.meaning]),
        },
        env,
        exampleBaseUrl: envVars[0]?.example ?? '',
        credentialEnvVars,
        hosts,
        registry: { name: registryName(model), placeholder: !model.registryName && !model.name.startsWith('@') },
      },
    },
    { path: 'server.json', kind: 'json', value: planServerJson({ model, envVars }) },
    ...hosts.files.map((file): PlannedFile => ({ path: file.path, kind: 'json', value: file.value })),
    { path: 'src/index.ts', kind: 'template', template: 'project/src/index.ts.hbs', view: {} },
    {
      path: 'src/resources.ts',
      kind: 'template',
      template: 'project/src/resources.ts.hbs',
      view: {
        declaration: constant({
          name: 'RESOURCES',
          type: 'readonly ResourceDefinition[]',
          value: json(model.resources.map(resourceDefinition)),
        }),
      },
    },
    { path: USER_OWNED_PATHS[0]!, kind: 'user', template: 'project/src/extensions.ts.hbs', view: {} },
    { path: 'scripts/bundle.mjs', kind: 'template', template: 'project/scripts/bundle.mjs.hbs', view: {} },
    {
      path: 'src/settings.ts',
      kind: 'template',
      template: 'project/src/settings.ts.hbs',
      view: { declaration: settingsDeclaration(model, env) },
    },
    ...RUNTIME_MODULES.map((module): PlannedFile => ({
      path: `src/runtime/${module}.ts`,
      kind: 'runtime',
      source: `${module}.ts`,
    })),
    {
      path: 'src/tools/index.ts',
      kind: 'template',
      template: 'project/src/tools/index.ts.hbs',
      view: {
        tools: toolViews,
        declaration: constant({
          name: 'TOOLS',
          type: 'readonly ToolDefinition[]',
          value: array(toolViews.map((view) => id(view.constName))),
        }),
      },
    },
    {
      path: 'src/tools/listings.ts',
      kind: 'template',
      template: 'project/src/tools/listings.ts.hbs',
      view: listingsView(toolViews),
    },
    ...(zod.shared.length === 0
      ? []
      : [
          {
            path: 'src/schemas.ts',
            kind: 'template',
            template: 'project/src/schemas.ts.hbs',
            view: {
              shared: zod.shared.map(({ name, body }) => ({ declaration: constant({ name, value: body }) })),
              usesSpecPattern: zod.sharedUsesSpecPattern,
            },
          } satisfies PlannedFile,
        ]),
    ...toolViews.map((view): PlannedFile => ({
      path: `src/tools/${view.fileBase}.ts`,
      kind: 'template',
      template: 'project/src/tools/tool.ts.hbs',
      view: { tool: view },
    })),
    { path: 'test/support.ts', kind: 'template', template: 'project/test/support.ts.hbs', view: {} },
    {
      path: 'test/tools-list.test.ts',
      kind: 'template',
      template: 'project/test/tools-list.test.ts.hbs',
      view: { hasResources: model.resources.length > 0 },
    },
    {
      path: 'test/contract.test.ts',
      kind: 'template',
      template: 'project/test/contract.test.ts.hbs',
      view: contractTestView(model, credentialEnvVars),
    },
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What `tools/listings.ts.hbs` receives: the shared sub-schemas, then each listing as code referring to them. */
function listingsView(toolViews: ReadonlyArray<{ listingName: string; listing: Record<string, unknown> }>) {
  const code = planListingsCode(toolViews.map((view) => view.listing));
  return {
    shared: code.shared.map(({ name, body }) => ({
      declaration: constant({ name, type: 'JSONValue', value: body, exported: false }),
    })),
    tools: toolViews.map((view, index) => ({
      declaration: constant({ name: view.listingName, type: 'Tool', value: code.listings[index]! }),
    })),
    listings: constant({
      name: 'LISTINGS',
      type: 'readonly Tool[]',
      value: array(toolViews.map((view) => id(view.listingName))),
    }),
  };
}

/** `src/settings.ts`: the server's identity, env variable names and credential schemes. */
function settingsDeclaration(model: ServerModel, env: ReturnType<typeof envNames>): Declaration {
  const auth = model.auth.map((scheme) => ({
    name: scheme.name,
    kind: scheme.kind,
    ...(scheme.in ? { in: scheme.in } : {}),
    ...(scheme.paramName ? { paramName: scheme.paramName } : {}),
    envVars: scheme.envVars,
  }));
  const value = object(
    [
      prop('name', str(model.name)),
      prop('version', str(model.version)),
      ...(model.instructions ? [prop('instructions', str(model.instructions))] : []),
      prop('env', json(env)),
      prop('auth', json(auth)),
    ],
    true,
  );
  return constant({ name: 'SETTINGS', type: 'ServerSettings', value });
}

/** `test/contract.test.ts`: its cases, answer bodies and credential variables as declarations. */
function contractTestView(model: ServerModel, credentialEnvVars: readonly string[]) {
  const { cases, bodies, ...rest } = planContractTest(model);
  const local = (name: string, type: string, value: unknown): Declaration =>
    constant({ name, type, value: json(value), exported: false });
  return {
    ...rest,
    casesDeclaration: local('CASES', 'ContractCase[]', cases),
    bodiesDeclaration: local('BODIES', 'Record<string, unknown>', bodies),
    credentialEnvVarsDeclaration: local('CREDENTIAL_ENV_VARS', 'string[]', credentialEnvVars),
  };
}
