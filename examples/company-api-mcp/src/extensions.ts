// Yours: mcpgen writes this file once, when it is missing, and never overwrites,
// hashes or compares it. Hooks run around every call of a generated tool
// (beforeCall also before every resource read, as tool "resource:<name>"); tools
// listed here are served beside the generated ones.
import type { Extensions } from './runtime/types.js';

export const extensions: Extensions = {
  // beforeCall({ tool, args, principal, headers }) {
  //   headers['x-tenant'] = 'acme'; // add a header to the API request
  //   if (principal.name === 'stdio' && tool.risk === 'high') {
  //     return { veto: { error: 'not_here', message: 'Run this from the web app.' } };
  //   }
  // },
  // afterCall({ tool, result }) {
  //   return result; // reshape what the model receives
  // },
  // tools: [],
};
