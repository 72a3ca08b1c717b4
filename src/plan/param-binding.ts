import type { ParamModel } from '../model/server.js';

/** The runtime's `ParamBinding` for one parameter (tools and resources alike). */
export function paramBindingView(p: ParamModel) {
  return {
    arg: p.argName,
    name: p.wireName,
    in: p.in,
    ...(p.style ? { style: p.style } : {}),
    ...(p.explode !== undefined ? { explode: p.explode } : {}),
    ...(p.fixedValue !== undefined ? { fixed: p.fixedValue } : {}),
  };
}
