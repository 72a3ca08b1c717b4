/** The four risk levels of the allowlist, from harmless to irreversible. */
export type Risk = 'read' | 'low' | 'medium' | 'high';

export const RISKS: readonly Risk[] = ['read', 'low', 'medium', 'high'];

/** HTTP methods an OpenAPI operation can have, lower case as in the spec. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export const HTTP_METHODS: readonly HttpMethod[] = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

/** Methods that change state upstream: never allowed at risk `read`. */
export const WRITE_METHODS: readonly HttpMethod[] = ['post', 'put', 'patch', 'delete'];
