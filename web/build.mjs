// Builds the dashboard bundle with esbuild into --outdir (default ./dist):
//   index.html, assets/app.js, assets/app.css, assets/world-110m.json.
// CMake runs it into the build tree (web/CMakeLists.txt); nothing is written
// into the source tree unless run by hand without --outdir.
import * as esbuild from 'esbuild';
import { mkdir, readFile, writeFile, copyFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const outdir = path.resolve(arg('--outdir', path.join(here, 'dist')));
const assets = path.join(outdir, 'assets');
await rm(outdir, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

const result = await esbuild.build({
  entryPoints: { app: path.join(here, 'src/main.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: assets,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// Map outlines (Natural Earth 1:110m via world-atlas): fetched from the same
// server when the map view first opens, so the first page stays small.
await copyFile(require.resolve('world-atlas/countries-110m.json'), path.join(assets, 'world-110m.json'));

const html = await readFile(path.join(here, 'src/index.html'), 'utf8');
await writeFile(path.join(outdir, 'index.html'), html);

let total = 0;
for (const [file, info] of Object.entries(result.metafile.outputs)) total += info.bytes;
console.log(`dashboard: bundle ${(total / 1024).toFixed(1)} KiB -> ${outdir}`);
