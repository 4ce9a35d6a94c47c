// Real web servers in front of the sandbox, configured with the shipped deploy/ files (issue 15).
//
// Each site is Debian's nginx or Caddy on loopback TLS, serving dist/ under /services/mobile-auth/
// and proxying …/api/ to its own sandbox, which, behind TLS, sends Secure cookies. Two modes:
//   - 'deployed': as docs/deploy.md §6 says, the sandbox trusts the proxy's X-Forwarded-For
//     (--trusted-proxy 127.0.0.1/32) and shows random captchas;
//   - 'test-mode': the sandbox shows the fixed captcha the browser flows type, so it trusts no
//     proxy (it refuses a fixed captcha behind one: every public client would get it). The outer configs are
// generated here exactly as docs/deploy.md §6 shows a deployer; deploy/nginx.conf and
// deploy/Caddyfile are included from the repository as shipped.
//
// Ports: 8740–8799 (E2E_PROXY_PORT moves the base), five per site, so the proxy suite never meets
// the other suites' sandboxes (8091/8092).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import { CAPTCHA } from '../helpers/env';
import { APP_PATH, DIST } from '../helpers/static-host';

export type Kind = 'nginx' | 'caddy';
export const KINDS: Kind[] = ['nginx', 'caddy'];

const ROOT = path.join(__dirname, '..', '..', '..');
const SANDBOX = path.join(ROOT, 'target', 'debug', 'mobile-auth-sandbox');
/** Where Debian installs them (cargo xtask test installs both); /usr/sbin is not always on PATH. */
export const NGINX = '/usr/sbin/nginx';
/**
 * Debian's brotli_static module (libnginx-mod-http-brotli-static), which deploy/nginx.conf needs.
 * The package enables it for the system's nginx with a path relative to nginx's prefix; a test
 * instance has its own prefix (-p), so it loads the module by its absolute path.
 */
export const NGINX_BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
export const CADDY = '/usr/bin/caddy';
/** Requests per minute per client on each rate-limited family, in the proxied sandboxes. */
export const RATE_LIMIT = 20;

export type Mode = 'deployed' | 'test-mode';

export interface Site {
  kind: Kind;
  mode: Mode;
  /** https://127.0.0.1:<port> */
  origin: string;
  /** The app: origin + /services/mobile-auth/ */
  app: string;
  port: number;
  /** The folder of this site's generated configs, certificate and logs. */
  dir: string;
  close(): Promise<void>;
}

/** A process that must stay up; its output is kept for the failure message. */
class Proc {
  readonly child: ChildProcess;
  output = '';
  exited: Promise<number | null>;
  constructor(readonly name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer) => { this.output = (this.output + b.toString()).slice(-8000); };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code) => resolve(code));
      this.child.on('error', (e) => { this.output += String(e); resolve(-1); });
    });
  }
  /** Resolves when `line` appears in its output; rejects if it exits first. */
  async waitFor(line: RegExp, timeoutMs = 30_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no ${line} within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const check = () => {
        if (line.test(this.output)) { clearTimeout(timer); resolve(); }
      };
      this.child.stdout?.on('data', check);
      this.child.stderr?.on('data', check);
      this.exited.then((code) => { clearTimeout(timer); reject(new Error(`${this.name} exited (${code}):\n${this.output}`)); });
      check();
    });
  }
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      await this.exited;
    }
  }
}

export interface Answer { status: number; headers: IncomingHttpHeaders; body: Buffer }

/**
 * One HTTPS request on loopback as a plain client would send it: no decompression, the raw
 * headers, and optionally a source address (127.0.0.2, 127.0.0.3…), which Playwright's request
 * contexts cannot choose. The test certificates are self-signed: not verified.
 */
export function request(url: string, o: { method?: string; headers?: Record<string, string>; from?: string; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: o.method ?? 'GET',
      headers: o.body === undefined ? o.headers : { 'Content-Type': 'application/json', ...o.headers },
      localAddress: o.from,
      rejectUnauthorized: false,
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

/** Waits until the site answers its app page (the server is listening and has its certificate). */
async function answering(url: string, proc: Proc): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited (${proc.child.exitCode}):\n${proc.output}`);
    try {
      const r = await request(url);
      if (r.status === 200) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = String(e);
    }
    if (Date.now() > deadline) throw new Error(`${proc.name}: ${url} did not answer 200 (${last}):\n${proc.output}`);
    // Readiness poll of a starting server (it tells nothing else when it listens).
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The sandbox behind a TLS proxy: its QR codes point at the proxied app, and its session cookie
 * is Secure. Deployed, it trusts the proxy's address for X-Forwarded-For; in test mode it shows
 * the fixed captcha instead.
 */
async function startSandbox(port: number, proxyOrigin: string, dir: string, mode: Mode): Promise<Proc> {
  const args = [
    '--port', String(port), '--dist', DIST, '--db', path.join(dir, 'sandbox.sqlite'),
    '--public-app-url', proxyOrigin + APP_PATH,
    '--rate-limit-per-minute', String(RATE_LIMIT),
    ...(mode === 'deployed' ? ['--trusted-proxy', '127.0.0.1/32'] : []),
  ];
  const proc = new Proc('sandbox', SANDBOX, args, mode === 'test-mode' ? { SANDBOX_CAPTCHA: CAPTCHA } : {});
  await proc.waitFor(/sandbox: http:\/\//);
  return proc;
}

/** A self-signed certificate for 127.0.0.1, made by openssl in the site's folder. */
function selfSignedCert(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
  { stdio: 'pipe' });
  return { cert, key };
}

/**
 * The outer nginx config a deployer writes (docs/deploy.md §6), for an unprivileged instance
 * in `dir`: no daemon, its own pid, logs and temp paths. The headers file goes where the docs
 * install it, snippets/mobile-auth-headers.conf beside this config.
 */
export function nginxConfig(dir: string, port: number, backend: number, tls: { cert: string; key: string }): string {
  fs.mkdirSync(path.join(dir, 'snippets'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'deploy', 'nginx-headers.conf'), path.join(dir, 'snippets', 'mobile-auth-headers.conf'));
  // Run as root (CI), nginx's workers would switch to `nobody`, which may not read dist/ in a
  // private home: a test instance keeps the suite's user.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `load_module ${NGINX_BROTLI_MODULE};
daemon off;
${user}worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/client_temp;
    proxy_temp_path ${dir}/proxy_temp;
    fastcgi_temp_path ${dir}/fastcgi_temp;
    uwsgi_temp_path ${dir}/uwsgi_temp;
    scgi_temp_path ${dir}/scgi_temp;

    upstream mobile_auth_backend { server 127.0.0.1:${backend}; }

    server {
        listen 127.0.0.1:${port} ssl;
        server_name 127.0.0.1;
        ssl_certificate ${tls.cert};
        ssl_certificate_key ${tls.key};

        set $mobile_auth_dist ${DIST};
        include ${path.join(ROOT, 'deploy', 'nginx.conf')};
    }
}
`;
}

/**
 * The outer Caddyfile: test-only global options (no admin endpoint, Caddy's own CA for the
 * loopback address without touching the system's trust store, storage in `dir`), and the site
 * block importing deploy/Caddyfile as shipped; its two values come from the environment.
 */
export function caddyConfig(dir: string, port: number, httpPort: number): string {
  return `{
	admin off
	skip_install_trust
	local_certs
	default_bind 127.0.0.1
	storage file_system ${dir}/storage
	http_port ${httpPort}
	https_port ${port}
}
https://127.0.0.1:${port} {
	import ${path.join(ROOT, 'deploy', 'Caddyfile')}
}
`;
}

export function caddyEnv(dir: string, backend: number): NodeJS.ProcessEnv {
  return {
    MOBILE_AUTH_DIST: DIST,
    MOBILE_AUTH_BACKEND: `127.0.0.1:${backend}`,
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
    HOME: dir,
  };
}

/** Starts the sandbox and the web server for one kind, on ports base…base+2. */
export async function startSite(kind: Kind, base: number, mode: Mode): Promise<Site> {
  for (const tool of [...(kind === 'nginx' ? [NGINX, NGINX_BROTLI_MODULE] : [CADDY]), SANDBOX]) {
    if (!fs.existsSync(tool)) {
      throw new Error(`${tool} is missing: \`cargo xtask test\` installs Debian's nginx, libnginx-mod-http-brotli-static, caddy and openssl and builds the sandbox`);
    }
  }
  const backend = base;
  const port = base + 1;
  const origin = `https://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(process.env.MA_E2E_RUN_DIR ?? os.tmpdir(), `proxy-${kind}-${mode}-`));
  const procs: Proc[] = [];
  const close = async () => { for (const p of procs.reverse()) await p.stop(); };
  try {
    procs.push(await startSandbox(backend, origin, dir, mode));
    let server: Proc;
    if (kind === 'nginx') {
      const conf = path.join(dir, 'nginx.conf');
      fs.writeFileSync(conf, nginxConfig(dir, port, backend, selfSignedCert(dir)));
      // The same check `cargo xtask test` runs, on this exact config.
      execFileSync(NGINX, ['-t', '-q', '-p', dir + '/', '-c', conf, '-e', 'stderr'], { stdio: 'pipe' });
      server = new Proc('nginx', NGINX, ['-p', dir + '/', '-c', conf, '-e', 'stderr']);
    } else {
      const conf = path.join(dir, 'Caddyfile');
      fs.writeFileSync(conf, caddyConfig(dir, port, base + 2));
      server = new Proc('caddy', CADDY, ['run', '--adapter', 'caddyfile', '--config', conf], caddyEnv(dir, backend));
    }
    procs.push(server);
    await answering(origin + APP_PATH, server);
  } catch (e) {
    await close();
    throw e;
  }
  return { kind, mode, origin, app: origin + APP_PATH, port, dir, close };
}
