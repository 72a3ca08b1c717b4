import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApprovalQueue, ApprovalRecord, DecideResult } from './approvals.js';
import type { InboundToken } from './config.js';
import type { Logger } from './log.js';
import { StoreUnavailableError, type SharedStore } from './store.js';

/** Every page lives under this path, on the HTTP listener or the stdio mode's own one. */
export const APPROVAL_PATH = '/approvals';
const COOKIE = 'mcp_approver';
const SESSION_MS = 8 * 60 * 60 * 1000;
const MAX_FORM_BYTES = 16 * 1024;
const MAX_REASON_CHARS = 1_000;

const STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}' +
  'table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}' +
  'pre{background:#f4f4f4;padding:.8rem;overflow:auto;white-space:pre-wrap}textarea{width:100%}' +
  'button{margin-right:.6rem;padding:.3rem 1rem}.note{color:#555}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/**
 * Nothing on these pages may load, frame or post anywhere else: no scripts at
 * all, the one inline style by hash, forms only to this origin.
 */
const SECURITY_HEADERS = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Not `no-referrer`: browsers then send `Origin: null` with the page's own forms, which the listener's Origin check refuses.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

interface Session {
  approver: string;
  /** Sent in every form and compared with the posted one: a cross-site post cannot know it. */
  csrf: string;
}

type DecideFailure = Extract<DecideResult, { ok: false }>['code'];

export type ApprovalPageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The approval page: approvers sign in with their own token (never a caller's),
 * list pending requests, see the exact request and approve or reject it. Plain
 * server-rendered HTML, every value escaped; sessions live in the shared store,
 * so a person signed in on one instance is signed in on all.
 */
export function createApprovalPage(input: {
  queue: ApprovalQueue;
  approvers: readonly InboundToken[];
  store: SharedStore;
  logger: Logger;
  /** Marks the cookie Secure when the page is served over https. */
  secure: boolean;
}): ApprovalPageHandler {
  const { queue, store } = input;

  const sessionOf = async (req: IncomingMessage): Promise<Session | undefined> => {
    const sid = cookieValue(req.headers.cookie, COOKIE);
    if (!sid) return undefined;
    const raw = await store.get(sessionKey(sid));
    if (raw === undefined) return undefined;
    const session = JSON.parse(raw) as Partial<Session>;
    // An approver whose token was withdrawn (on this instance's configuration) is signed out at once.
    const known = input.approvers.some((approver) => approver.principal === session.approver);
    if (!known || typeof session.approver !== 'string' || typeof session.csrf !== 'string') {
      return undefined;
    }
    return { approver: session.approver, csrf: session.csrf };
  };

  const routes = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rest = url.pathname.slice(APPROVAL_PATH.length).replace(/\/+$/, '');
    if (rest === '/sign-in') {
      if (req.method === 'GET') {
        sendPage(res, 200, signInPage());
        return;
      }
      if (req.method === 'POST') {
        await signIn(req, res);
        return;
      }
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      sendPage(res, 405, messagePage('Method not allowed', 'Use the page links.'));
      return;
    }
    const session = await sessionOf(req);
    if (!session) {
      if (req.method === 'POST') {
        sendPage(res, 403, messagePage('Signed out', 'Sign in again.'));
        return;
      }
      redirect(res, `${APPROVAL_PATH}/sign-in`);
      return;
    }
    if (req.method === 'POST') {
      const form = await readForm(req);
      if (!form || !sameSecret(form.get('csrf') ?? '', session.csrf)) {
        sendPage(
          res,
          403,
          messagePage('Form refused', 'The form was not sent from this page. Reload it and retry.'),
        );
        return;
      }
      if (rest === '/sign-out') {
        const sid = cookieValue(req.headers.cookie, COOKIE) ?? '';
        await store.put({ key: sessionKey(sid), value: '{}', ttlMs: 1 });
        res.setHeader('set-cookie', cookie('', 0, input.secure));
        redirect(res, `${APPROVAL_PATH}/sign-in`);
        return;
      }
      await decide({ res, session, id: rest.slice(1), form });
      return;
    }
    if (rest === '') {
      const pending = await queue.pending();
      sendPage(res, 200, listPage({ pending, session }));
      return;
    }
    const record = await queue.get(rest.slice(1));
    if (!record) {
      sendPage(res, 404, messagePage('Not found', 'No such approval.'));
      return;
    }
    sendPage(res, 200, detailPage({ record, session }));
  };

  const signIn = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = await readForm(req);
    const approver = form ? matchApprover(form.get('token') ?? '', input.approvers) : undefined;
    if (!approver) {
      input.logger.warn('approval page: sign-in refused');
      sendPage(res, 401, signInPage('That is not an approver token.'));
      return;
    }
    const sid = randomBytes(32).toString('base64url');
    const session: Session = {
      approver: approver.principal,
      csrf: randomBytes(32).toString('base64url'),
    };
    await store.put({ key: sessionKey(sid), value: JSON.stringify(session), ttlMs: SESSION_MS });
    res.setHeader('set-cookie', cookie(sid, SESSION_MS / 1000, input.secure));
    redirect(res, APPROVAL_PATH);
  };

  const decide = async (input: {
    res: ServerResponse;
    session: Session;
    id: string;
    form: URLSearchParams;
  }): Promise<void> => {
    const { res, session, id, form } = input;
    const decision = form.get('decision');
    if (decision !== 'approve' && decision !== 'reject') {
      sendPage(res, 400, messagePage('Bad form', 'Choose approve or reject.'));
      return;
    }
    const reason = (form.get('reason') ?? '').trim().slice(0, MAX_REASON_CHARS);
    const result = await queue.decide({
      id,
      approver: session.approver,
      approve: decision === 'approve',
      ...(reason ? { reason } : {}),
    });
    if (result.ok) {
      redirect(res, `${APPROVAL_PATH}/${encodeURIComponent(id)}`);
      return;
    }
    const why: Record<DecideFailure, [number, string]> = {
      not_found: [404, 'No such approval.'],
      own_request: [403, 'You asked for this request; a different approver must decide it.'],
      not_pending: [409, 'This request was already decided.'],
      expired: [409, 'This request expired before it was decided.'],
    };
    const [status, text] = why[result.code];
    sendPage(res, status, messagePage('Not decided', text));
  };

  return async (req, res) => {
    try {
      await routes(req, res);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      input.logger.warn('approval page: shared store unavailable', { error: error.message });
      sendPage(
        res,
        503,
        messagePage('Unavailable', 'The approval store is unreachable; retry shortly.'),
      );
    }
  };
}

/** The approver whose token this is, compared in constant time against every one. */
function matchApprover(
  given: string,
  approvers: readonly InboundToken[],
): InboundToken | undefined {
  let found: InboundToken | undefined;
  for (const approver of approvers) if (sameSecret(given, approver.token)) found = approver;
  return found;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/** Sessions are stored under a hash of their id, so the store never holds a usable cookie. */
function sessionKey(sid: string): string {
  return `approver-session:${createHash('sha256').update(sid).digest('base64url')}`;
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${COOKIE}=${value}; Path=${APPROVAL_PATH}; Max-Age=${String(maxAgeSeconds)}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location }).end();
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res
    .writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' })
    .end(html);
}

/** Every value put into the HTML goes through here. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>
`;
}

function messagePage(title: string, text: string): string {
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="${APPROVAL_PATH}">Pending requests</a></p>`,
  );
}

function signInPage(error?: string): string {
  return layout(
    'Sign in',
    `<h1>Approver sign-in</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${APPROVAL_PATH}/sign-in">
<label>Approver token <input type="password" name="token" autocomplete="off" required></label>
<button type="submit">Sign in</button></form>`,
  );
}

function signedInAs(session: Session): string {
  return `<p class="note">Signed in as <strong>${escapeHtml(session.approver)}</strong>.</p>
<form method="post" action="${APPROVAL_PATH}/sign-out"><input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}"><button type="submit">Sign out</button></form>`;
}

function time(ms: number): string {
  return escapeHtml(new Date(ms).toISOString());
}

function listPage(input: { pending: readonly ApprovalRecord[]; session: Session }): string {
  const rows = input.pending
    .map(
      (r) =>
        `<tr><td><a href="${APPROVAL_PATH}/${escapeHtml(encodeURIComponent(r.id))}">${escapeHtml(r.tool)}</a></td><td>${escapeHtml(r.risk)}</td><td>${escapeHtml(r.requester)}</td><td>${escapeHtml(r.request.method)} ${escapeHtml(r.request.path)}</td><td>${time(r.expiresAt)}</td></tr>`,
    )
    .join('\n');
  const table = input.pending.length
    ? `<table><thead><tr><th>Tool</th><th>Risk</th><th>Requested by</th><th>Request</th><th>Expires</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No request is waiting for approval.</p>';
  return layout(
    'Pending approvals',
    `<h1>Pending approvals</h1>${signedInAs(input.session)}${table}`,
  );
}

function detailPage(input: { record: ApprovalRecord; session: Session }): string {
  const { record: r, session } = input;
  const facts = [
    ['Approval', r.id],
    ['Tool', `${r.tool} (${r.risk} risk)`],
    ['Requested by', r.requester],
    ['Requested at', new Date(r.requestedAt).toISOString()],
    ['Expires', new Date(r.expiresAt).toISOString()],
    ['Status', r.status],
    ...(r.approver ? [['Decided by', r.approver]] : []),
    ...(r.reason ? [['Reason', r.reason]] : []),
  ]
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  const request = JSON.stringify(r.request, null, 2);
  let action = '';
  if (r.status === 'pending' && r.requester === session.approver) {
    action = '<p class="note">You asked for this request; a different approver must decide it.</p>';
  } else if (r.status === 'pending') {
    action = `<form method="post" action="${APPROVAL_PATH}/${escapeHtml(encodeURIComponent(r.id))}">
<input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}">
<label>Reason (optional)<textarea name="reason" maxlength="${String(MAX_REASON_CHARS)}" rows="3"></textarea></label>
<p><button type="submit" name="decision" value="approve">Approve</button><button type="submit" name="decision" value="reject">Reject</button></p></form>`;
  }
  return layout(
    `Approval ${r.id}`,
    `<h1>${escapeHtml(r.tool)}</h1>${signedInAs(session)}<dl>${facts}</dl>
<h2>Exact request</h2><p class="note">This is what will be sent, and only this; credentials are added by the server and never shown.</p>
<pre id="request">${escapeHtml(request)}</pre>${action}<p><a href="${APPROVAL_PATH}">Pending requests</a></p>`,
  );
}
