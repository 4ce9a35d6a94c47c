// Trunk post_build hook (Trunk.toml): runs on the staging directory before it becomes dist/.
//  0. the app's files on boot.js's tag, the static first screen in its place (public/build_wasm.mjs
//     rendered it), the first screen's style sheets joined into one, boot.js's constants from
//     the app's source, the tab's icon as a data: URL, and a check that index.html has no inline
//     script (the CSP allows none);
//  1. mount mode: a copy of the app's CSS scoped to the host element <div data-mobile-auth>
//     (mount-<hash>.css) and mount.json naming the hashed files mount.js loads;
//  2. the service worker's precache list: every file of this build by its hashed name, written
//     into sw.js with a version that changes whenever any file does.
// Node only (no packages): the build already needs Node for wasm-opt.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('postbuild.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');
const read = (f) => readFileSync(join(staging, f), 'utf8');
const hash16 = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const strip = (href) => href.replace(/^\.\//, '');

// --- 0. the app's files on boot.js's tag ---------------------------------------------------
// public/build_wasm.mjs (the pre_build hook) built them and left their names.
const built = JSON.parse(read('.wasm-build.json'));
rmSync(join(staging, '.wasm-build.json'));
const tagged = read('index.html').replace('data-js="" data-wasm=""', `data-js="./${built.js}" data-wasm="./${built.wasm}"`);
if (!tagged.includes(built.js)) throw new Error('postbuild.mjs: index.html has lost boot.js\'s data-js="" data-wasm="" tag');
const shellPlace = '<div id="boot-shell"></div>';
if (!tagged.includes(shellPlace)) throw new Error(`postbuild.mjs: index.html has no empty ${shellPlace} for the static first screen`);
const shell = read('.first-screen.html');
rmSync(join(staging, '.first-screen.html'));
writeFileSync(join(staging, 'index.html'), tagged.replace(shellPlace, `<div id="boot-shell">${shell}</div>`));

// --- 0b. one render-blocking style sheet -----------------------------------------------------
// Trunk writes one <link> per sheet. The first screen's (all but data-later ones) become one
// file, in their order, so its first paint waits for one request, not three; the sources stay
// apart by what they style.
{
  const html = read('index.html');
  const first = [...html.matchAll(/[ \t]*<link rel="stylesheet" href="([^"]+)"([^>]*)>\n?/g)]
    
    // Trunk's own links (with their integrity), not a sheet a deployer added by hand.
    .filter((m) => m[2].includes('integrity=') && !m[2].includes('data-later'));
  if (first.length === 0) throw new Error('postbuild.mjs: index.html has no render-blocking style sheet');
  const text = first.map((m) => read(strip(m[1]))).join('\n');
  const name = `app-${hash16(text)}.css`;
  writeFileSync(join(staging, name), text);
  for (const m of first) rmSync(join(staging, strip(m[1])));
  const integrity = `sha384-${createHash('sha384').update(text).digest('base64')}`;
  let joined = html.replace(first[0][0], `  <link rel="stylesheet" href="./${name}" integrity="${integrity}"/>\n`);
  for (const m of first.slice(1)) joined = joined.replace(m[0], '');
  writeFileSync(join(staging, 'index.html'), joined);
}

// --- 0c. boot.js's constants, from the app's source ------------------------------------------
// boot.js runs before the Wasm, so it cannot ask the app; the values are copied in here, from
// the one place each is written, and the build fails if one cannot be found.
{
  const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
  const find = (file, re) => {
    const m = readFileSync(join(source, file), 'utf8').match(re);
    if (!m) throw new Error(`postbuild.mjs: ${file} no longer has ${re}`);
    return m[1];
  };
  const app = {
    storageKey: find('src/state.rs', /pub const STORAGE_KEY: &str = "([^"\\]+)";/),
    timeoutMs: Number(find('src/api.rs', /const TIMEOUT_MS: u32 = ([0-9_]+);/).replaceAll('_', '')),
    offlineTitle: find('src/i18n.rs', /\bOfflineTitle = "([^"\\]+)",/),
    offlineBody: find('src/i18n.rs', /\bOfflineBody = "([^"\\]+)",/),
  };
  const boot = read('boot.js');
  const line = "const APP = { storageKey: '', timeoutMs: 0, offlineTitle: '', offlineBody: '' };";
  if (!boot.includes(line)) throw new Error('postbuild.mjs: boot.js has lost its APP placeholder line');
  writeFileSync(join(staging, 'boot.js'), boot.replace(line, `const APP = ${JSON.stringify(app)};`));
}

// --- 0d. the tab's icon in the page ----------------------------------------------------------
// The browser fetches a linked icon on its own, beside the first paint; written in as a data:
// URL (0.3 kB) it costs no request. The file stays for whatever else names it.
{
  const link = '<link rel="icon" href="icons/favicon-32.png"';
  const html = read('index.html');
  if (!html.includes(link)) throw new Error(`postbuild.mjs: index.html has no ${link}>`);
  const png = readFileSync(join(staging, 'icons/favicon-32.png')).toString('base64');
  writeFileSync(join(staging, 'index.html'), html.replace(link, `<link rel="icon" href="data:image/png;base64,${png}"`));
}

// --- 0e. no inline script ---------------------------------------------------------------------
// Every CSP this project ships is `script-src 'self' 'wasm-unsafe-eval'`, with no hash: an inline
// script would leave step 1 unstarted behind it, so the build stops instead.
{
  const inline = [...read('index.html').matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)];
  if (inline.length) throw new Error(`postbuild.mjs: index.html has an inline script (${inline[0][0]}); the CSP allows only files`);
}

// --- 1. mount mode -------------------------------------------------------------------------
const index = read('index.html');
const attr = (name) => {
  const m = index.match(new RegExp(`${name}="([^"]+)"`));
  if (!m) throw new Error(`postbuild.mjs: index.html has no ${name} (its tag in index.html changed?)`);
  return strip(m[1]);
};
const js = attr('data-js');
const wasm = attr('data-wasm');
const sheets = [...index.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => strip(m[1]));

const HOST = '[data-mobile-auth][data-mobile-auth]';

/** Splits CSS into top-level blocks: { prelude, body } or { text } for statements. */
function blocks(css) {
  const out = [];
  let i = 0;
  while (i < css.length) {
    let j = i;
    let depth = 0;
    let start = -1;
    for (; j < css.length; j++) {
      const c = css[j];
      if (c === '/' && css[j + 1] === '*') { j = css.indexOf('*/', j + 2) + 1; continue; }
      if (c === '"' || c === "'") { j = css.indexOf(c, j + 1); continue; }
      if (c === ';' && depth === 0) { out.push({ text: css.slice(i, j + 1) }); break; }
      if (c === '{') { if (depth === 0) start = j; depth++; }
      if (c === '}') { depth--; if (depth === 0) { out.push({ prelude: css.slice(i, start), body: css.slice(start + 1, j) }); break; } }
    }
    i = j + 1;
  }
  return out;
}

function splitSelectors(prelude) {
  const parts = [];
  let depth = 0, last = 0;
  for (let i = 0; i < prelude.length; i++) {
    const c = prelude[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) { parts.push(prelude.slice(last, i)); last = i + 1; }
  }
  parts.push(prelude.slice(last));
  return parts.map((s) => s.trim()).filter(Boolean);
}

/** The page-level selectors (:root, html, body) become the host; everything else goes under it. */
function scopeSelector(sel) {
  const page = sel.match(/^(:root|html|body)(?![\w-])/);
  if (page) return HOST + sel.slice(page[1].length);
  return `${HOST} ${sel}`;
}

function scope(css) {
  return blocks(css).map((b) => {
    if (b.text !== undefined) return b.text.replace(/\/\*[\s\S]*?\*\//g, '').trim() ? b.text : '';
    const prelude = b.prelude.replace(/\/\*[\s\S]*?\*\//g, '').trim();
    if (/^@(media|supports|layer|container)/.test(prelude)) return `${prelude}{${scope(b.body)}}`;
    if (prelude.startsWith('@')) return `${prelude}{${b.body}}`;
    return `${splitSelectors(prelude).map(scopeSelector).join(',')}{${b.body}}`;
  }).join('\n');
}

// The portal's own rules for plain elements (button, p, h1…) must not reach the app: its
// elements start from the browser's defaults. SVG keeps its presentation attributes.
const reset = `${HOST} :where(:not(svg, svg *)){all:revert}\n`;
const scoped = reset + sheets.map((s) => scope(read(s))).join('\n');
const css = `mount-${hash16(scoped)}.css`;
writeFileSync(join(staging, css), scoped);
writeFileSync(join(staging, 'mount.json'), JSON.stringify({ js, wasm, css }, null, 2) + '\n');

// --- 2. precache list ----------------------------------------------------------------------
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [relative(staging, p).split(sep).join('/')];
  });
}
const files = walk(staging).filter((f) => f !== 'sw.js').sort();
const digest = createHash('sha256');
for (const f of files) digest.update(f).update('\0').update(readFileSync(join(staging, f))).update('\0');
const build = { version: digest.digest('hex').slice(0, 16), files };
const sw = read('sw.js');
const placeholder = "const BUILD = { version: 'dev', files: [] };";
if (!sw.includes(placeholder)) throw new Error('postbuild.mjs: sw.js has lost its BUILD placeholder line');
writeFileSync(join(staging, 'sw.js'), sw.replace(placeholder, `const BUILD = ${JSON.stringify(build)};`));
console.log(`postbuild.mjs: ${files.length} files precached (build ${build.version}); ${css} for mount mode`);

// --- 3. precompressed copies ---------------------------------------------------------------
// file.br and file.gz beside each text or Wasm file, for hosts (and the sandbox) that serve
// them to browsers that accept them. Written after the precache list so they are not in it.
// Not config.json: deployers edit it in place, and a stale compressed copy beside it would win.
import { brotliCompressSync, gzipSync, constants as zc } from 'node:zlib';
const compressible = (f) => /\.(html|js|mjs|css|wasm|json|webmanifest|svg)$/.test(f) && f !== 'config.json';
for (const f of [...files, 'sw.js'].filter(compressible)) {
  const data = readFileSync(join(staging, f));
  writeFileSync(join(staging, f + '.br'), brotliCompressSync(data, {
    params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  writeFileSync(join(staging, f + '.gz'), gzipSync(data, { level: 9 }));
}
