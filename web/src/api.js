// Small client for dyad serve's JSON API (docs/api.md). Every call resolves
// to the parsed JSON body or rejects with an Error carrying the API's message.

export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function parse(res) {
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    if (res.ok) throw new ApiError(`bad JSON from ${res.url}`, res.status, 'bad_json');
  }
  if (!res.ok) {
    const err = body && body.error;
    throw new ApiError(err && err.message ? err.message : `HTTP ${res.status}`, res.status, err && err.code);
  }
  return body;
}

export async function get(path, params, signal) {
  const res = await fetch(`${path}${query(params)}`, { signal, headers: { Accept: 'application/json' } });
  return parse(res);
}

export async function post(path, body, signal) {
  const res = await fetch(path, {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return parse(res);
}
