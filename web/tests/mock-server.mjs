// A stand-in for `dyad serve` while developing the dashboard: serves a built
// bundle (--dist DIR) and the fixture JSON in fixtures/ (shapes of
// /work/notes/api-contract.md, docs/api.md). Not used by the ctest tests,
// which run against the real server.
//   node tests/mock-server.mjs --dist /tmp/dist --port 8090
// With --api URL it forwards /api/* and /healthz to a real `dyad serve`
// instead (to try a fresh bundle on real data without relinking dyad).
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (n, d) => {
  const i = process.argv.indexOf(n);
  return i >= 0 ? process.argv[i + 1] : d;
};
const dist = path.resolve(arg('--dist', path.join(here, '..', 'dist')));
const port = Number(arg('--port', '8090'));
const upstream = arg('--api', '');
const fixture = async (name) => JSON.parse(await readFile(path.join(here, 'fixtures', `${name}.json`), 'utf8'));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json' };

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = url.pathname;
  try {
    if (upstream && (p === '/healthz' || p.startsWith('/api/'))) {
      const body = req.method === 'POST' ? Buffer.concat(await req.toArray()) : undefined;
      const r = await fetch(`${upstream}${req.url}`, { method: req.method, body, headers: { 'Content-Type': req.headers['content-type'] || 'application/json' } });
      return send(res, r.status, Buffer.from(await r.arrayBuffer()), r.headers.get('content-type') || 'application/json');
    }
    if (p === '/healthz') return send(res, 200, await fixture('healthz'));
    if (p === '/api/events') return send(res, 200, await fixture('events'));
    const m = p.match(/^\/api\/events\/(\d+)$/);
    if (m) {
      if (m[1] !== '97') return send(res, 404, { error: { code: 'not_found', message: `no event ${m[1]}` } });
      return send(res, 200, await fixture('event-97'));
    }
    if (p === '/api/stats/timeline') return send(res, 200, await fixture('timeline'));
    if (p === '/api/stats/top') return send(res, 200, await fixture('top'));
    if (p === '/api/network') return send(res, 200, await fixture('network'));
    if (p === '/api/map') return send(res, 200, await fixture('map'));
    if (p === '/api/actors') {
      const prefix = (url.searchParams.get('prefix') || '').toLowerCase();
      const all = await fixture('actors');
      return send(res, 200, { actors: all.actors.filter((a) => a.code.toLowerCase().startsWith(prefix) || a.name.toLowerCase().startsWith(prefix)) });
    }
    if (p === '/api/code') {
      if (req.method !== 'POST') return send(res, 405, { error: { code: 'method_not_allowed', message: 'POST only' } });
      for await (const _ of req);
      return send(res, 200, await fixture('code'));
    }
    if (p.startsWith('/api/')) return send(res, 404, { error: { code: 'not_found', message: `no endpoint ${p}` } });
    const file = p === '/' ? '/index.html' : p;
    const full = path.join(dist, path.normalize(file));
    if (!full.startsWith(dist)) return send(res, 404, { error: { code: 'not_found', message: 'no file' } });
    return send(res, 200, await readFile(full), TYPES[path.extname(full)] || 'application/octet-stream');
  } catch (e) {
    return send(res, 404, { error: { code: 'not_found', message: String(e.message) } });
  }
});
server.listen(port, '127.0.0.1', () => console.log(`mock dyad serve on http://127.0.0.1:${port}/ (dist ${dist})`));
