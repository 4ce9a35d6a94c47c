// The contract check of the browser flows (the `-contract` projects of playwright.config.ts): the
// browser talks to this front on its own port; the app's JSON calls (/api/v1/…) pass through Stoplight
// Prism in proxy mode, which validates each request and answer against api/openapi.yaml, and
// everything else (the page, its Wasm, the captcha's WAV) goes straight to the sandbox, because
// Prism's proxy does not pass binary bodies through. Each API call and the violations Prism
// found in it are appended to CONTRACT_LOG as JSON lines; contract/teardown.ts counts them.
//
// Usage: node front.mjs <port> <sandbox port> <prism port>
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const [port, sandboxPort, prismPort] = process.argv.slice(2).map(Number);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const log = process.env.CONTRACT_LOG;
const API = '/api/v1';

// Prism routes the document's paths from the root: the copy it reads has them under /api/v1,
// where the app calls them (the document's `servers` entry is relative, which Prism ignores).
const spec = fs.readFileSync(path.join(root, 'api', 'openapi.yaml'), 'utf8');
let inPaths = false;
const prefixed = spec.split('\n').map((line) => {
  if (/^\S/.test(line)) inPaths = line.startsWith('paths:');
  return inPaths && /^  \//.test(line) ? `  ${API}${line.slice(2)}` : line;
}).join('\n');
// The suite's sandboxes run on plain-http loopback (--insecure-http-cookies), where the session
// cookie is `ma_session`, as the contract's description allows; the copy's security scheme
// names that cookie, so a session-only call is checked as the signed-in call it is.
const plainHttp = prefixed.replace(/name: __Host-ma_session$/m, 'name: ma_session');
if (plainHttp === prefixed) throw new Error('front.mjs: the session cookie is no longer named as this expects');
const specCopy = path.join(path.dirname(log), 'openapi-under-api-v1.yaml');
fs.writeFileSync(specCopy, plainHttp);

const prism = spawn(path.join(root, 'node_modules', '.bin', 'prism'),
  ['proxy', specCopy, `http://127.0.0.1:${sandboxPort}`, '-p', String(prismPort), '-h', '127.0.0.1'],
  { stdio: ['ignore', 'ignore', 'inherit'] });
prism.on('exit', (code) => { console.error(`prism exited (${code})`); process.exit(1); });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { prism.kill(); process.exit(0); });

const throughPrism = (url) => url.startsWith(`${API}/`) && !/\/audio(\?|$)/.test(url);

http.createServer((req, res) => {
  const viaPrism = throughPrism(req.url);
  const upstream = http.request({
    host: '127.0.0.1',
    port: viaPrism ? prismPort : sandboxPort,
    method: req.method,
    path: req.url,
    headers: req.headers,
  }, (up) => {
    const headers = { ...up.headers };
    if (viaPrism) {
      let violations = [];
      try { violations = JSON.parse(headers['sl-violations'] ?? '[]'); } catch { violations = ['unreadable sl-violations']; }
      // A call without the session cookie answered 401 is the contract kept, not broken: the
      // tests that prove another person's records are out of reach make such calls on purpose.
      if (up.statusCode === 401) violations = violations.filter((v) => v.code !== 401);
      fs.appendFileSync(log, JSON.stringify({
        method: req.method, path: req.url, status: up.statusCode, violations,
      }) + '\n');
      // What Prism adds is not the backend's answer: the browser sees the sandbox's headers.
      for (const h of Object.keys(headers)) {
        if (h === 'sl-violations' || h.startsWith('access-control-')) delete headers[h];
      }
    }
    res.writeHead(up.statusCode, headers);
    up.pipe(res);
  });
  upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
  req.pipe(upstream);
}).listen(port, '127.0.0.1');
