// Trunk pre_build hook (Trunk.toml): the app's Wasm, split into the part a citizen needs before
// step 2 and chunks fetched on first use (src/ui/on_first_use.rs). Trunk's own Rust
// pipeline cannot split (trunk-rs/trunk#1022): the split must run between the link and
// wasm-bindgen. So this hook does what Trunk's pipeline did, with the split in between:
//  1. cargo: the app, linked with --emit-relocs so its functions can be moved between modules;
//  2. wasm-split-cli (crates.io wasm_split_cli_support): the main module, one Wasm per chunk
//     and the loader that fetches them;
//  3. wasm-bindgen on the main module (--keep-lld-exports: the chunks import from it);
//  4. wasm-opt -Oz on every module (release);
//  5. content-hashed names, the references between the files rewritten to them;
//  6. index.html's static first screen, rendered by the app's own components natively
//     (src/bin/first_screen.rs) with public/config.json's links.
// It writes them into Trunk's staging directory and names them in .wasm-build.json, which
// public/postbuild.mjs puts on boot.js's tag and then removes.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('build_wasm.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');
const release = process.env.TRUNK_PROFILE === 'release';
// `cargo xtask bench` builds once more with its timing hooks (the `bench` feature).
const features = ['split', ...(process.env.MOBILE_AUTH_FEATURES ?? '').split(',').filter(Boolean)];
const hash16 = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();

// --- 1. link -------------------------------------------------------------------------------
// `cargo rustc` gives the flag to the app's own link only: the dependencies are not rebuilt.
const messages = run('cargo', [
  'rustc', '-p', 'mobile-auth', '--bin', 'mobile-auth', '--target', 'wasm32-unknown-unknown',
  ...(release ? ['--release'] : []),
  ...(process.env.TRUNK_OFFLINE === 'true' ? ['--offline'] : []),
  '--features', features.join(','), '--message-format=json-render-diagnostics',
  '--', '-Clink-args=--emit-relocs',
]);
const linked = messages.split('\n').filter(Boolean).map((l) => JSON.parse(l))
  .filter((m) => m.reason === 'compiler-artifact' && m.target?.name === 'mobile-auth')
  .flatMap((m) => m.filenames).find((f) => f.endsWith('.wasm'));
if (!linked) throw new Error('build_wasm.mjs: cargo named no mobile-auth .wasm');

// --- 2. split, 3. bindgen, 4. optimise -----------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'mobile-auth-wasm-'));
try {
  run('wasm-split-cli', ['--out-name', 'app', linked, work]);
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript',
    '--out-dir', join(work, 'bg'), '--out-name', 'app', join(work, 'app.wasm')]);
  const modules = [
    { from: join(work, 'bg', 'app_bg.wasm'), stem: 'mobile-auth', suffix: '_bg' },
    ...readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== 'app.wasm')
      .map((f) => ({ from: join(work, f), stem: f.replace(/\.wasm$/, '').replace(/_/g, '-'), suffix: '', ref: f })),
  ];
  if (release) {
    for (const m of modules) {
      // Quiet: it warns about the splitter's name subsections, which --strip-debug drops anyway.
      execFileSync('wasm-opt', ['-Oz', '--strip-debug', '--strip-producers', m.from, '-o', m.from], { stdio: 'pipe' });
    }
  }

  // --- 5. names ----------------------------------------------------------------------------
  let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  for (const m of modules) {
    const data = readFileSync(m.from);
    m.name = `${m.stem}-${hash16(data)}${m.suffix}.wasm`;
    writeFileSync(join(staging, m.name), data);
    if (m.ref) loader = loader.split(`"./${m.ref}"`).join(`"./${m.name}"`);
  }
  // The loader reaches the main module's exports through the instance boot.js (or mount.js)
  // started, not by importing the glue again: boot.js retries a failed glue download under
  // another URL, and a static import here would load, and start, a second copy.
  const glueImport = 'import { initSync } from "./app.js";';
  if (!loader.includes(glueImport)) throw new Error('build_wasm.mjs: the split loader no longer imports initSync as expected');
  loader = loader.replace(glueImport, 'const initSync = () => globalThis.__mobileAuthWasm;');
  const loaderName = `split-${hash16(loader)}.js`;
  writeFileSync(join(staging, loaderName), loader);

  // Only the glue's imports of the loader change: the Wasm still names its module
  // "./__wasm_split.js", so the keys of the glue's import object stay.
  const glue = readFileSync(join(work, 'bg', 'app.js'), 'utf8').split('from "./__wasm_split.js"').join(`from "./${loaderName}"`);
  const js = `mobile-auth-${hash16(glue)}.js`;
  writeFileSync(join(staging, js), glue);
  const wasm = modules[0].name;
  const chunks = modules.slice(1).map((m) => m.name);
  writeFileSync(join(staging, '.wasm-build.json'), JSON.stringify({ js, wasm, loader: loaderName, chunks }));

  // --- 6. the static first screen ----------------------------------------------------------
  // Native, unoptimised and without debug info (Cargo.toml's `prerender` profile): it runs
  // once, here, and prints step 1's markup, made inert.
  const shell = run('cargo', [
    'run', '-q', '-p', 'mobile-auth', '--bin', 'first-screen', '--features', 'prerender', '--profile', 'prerender',
    ...(process.env.TRUNK_OFFLINE === 'true' ? ['--offline'] : []),
    '--', 'public/config.json',
  ]);
  if (!shell.includes('id="national_id"')) throw new Error('build_wasm.mjs: the first-screen binary printed no step 1');
  writeFileSync(join(staging, '.first-screen.html'), shell);
  console.log(`build_wasm.mjs: ${js}, ${wasm}, ${loaderName} and ${chunks.length} chunks (${release ? 'release' : 'debug'})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
