// What the first view downloads (the page, its styles in it), the app
// fetched once it has painted, what each crate adds to the app's wasm,
// and the workers the app loads later.
//
// usage: node benches/bundle.mjs SITE APP_WASM
//   SITE      a built site (its index.html and the assets it names)
//   APP_WASM  the app as rustc left it, before wasm-bindgen and wasm-opt,
//             which still has its function names
// Prints a Markdown table. Sizes are raw, gzip (level 9) and brotli
// (quality 11), as a host that compresses ahead of time would send them.
// The crate shares are of the function bodies before wasm-opt, applied to
// the final wasm's size: an estimate, as optimisation shrinks crates
// unevenly.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [site, appWasm] = process.argv.slice(2);
const BUDGET = 150 * 1024;

const compressed = (bytes) => ({
  raw: bytes.length,
  gzip: zlib.gzipSync(bytes, { level: 9 }).length,
  brotli: zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length,
});

// The first view: the home page, with the styles it uses in it, and any
// asset it links to (a stylesheet left as a link). The app's script and
// wasm, and the whole stylesheet (`folio-stylesheet`), which the page's
// loader fetches once the page has loaded and painted, follow it.
const html = fs.readFileSync(path.join(site, 'index.html'));
const text = html.toString();
const linked = [...text.matchAll(/<link rel="stylesheet" href="\/?([^"]+\.css)"/g)].map((m) => path.basename(m[1]));
const app = [...text.matchAll(/(?:import\(|module_or_path:\s*)'\/?([^']+\.(?:js|wasm))'/g)].map((m) => path.basename(m[1]))
  .concat([...text.matchAll(/<meta name="folio-stylesheet" content="\/?([^"]+\.css)"/g)].map((m) => path.basename(m[1])));
function kind(name) {
  return name.endsWith('.wasm') ? 'wasm' : name.endsWith('.css') ? 'CSS' : 'JS';
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sum = (rows) => rows.reduce((t, [, s]) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });
const rowsOf = (names) => names.map((name) => [`${kind(name)} (${name})`, compressed(fs.readFileSync(path.join(site, name)))]);
const page = [['HTML (home page, its styles inline)', compressed(html)], ...rowsOf(linked)];
const appRows = rowsOf([...new Set(app)]);
const [first, later, both] = [sum(page), sum(appRows), sum([...page, ...appRows])];
const out = ['| file | raw | gzip | brotli |', '| --- | ---: | ---: | ---: |'];
const row = (label, s) => out.push(`| ${label} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
for (const [label, s] of page) row(label, s);
row('**first view: the page, before the app**', first);
for (const [label, s] of appRows) row(`app, ${label}`, s);
row('the app, fetched once the page has painted', later);
row('**the page and the app**', both);
out.push(`| budget (brotli) | | | ${kb(BUDGET)}: page ${(first.brotli / BUDGET).toFixed(2)}×, page and app ${(both.brotli / BUDGET).toFixed(2)}× |`);

// The app's workers (src/app/worker.rs), not part of the first view: the
// post renderer starts once the first view has settled and the browser is
// idle, or when a post is wanted, so a reader who stays on the page
// downloads it; the search worker, only when the reader goes to search.
const workers = [['post renderer', 'folio-render'], ['search worker', 'folio-search']]
  .map(([label, meta]) => [label, new RegExp(`<meta name="${meta}" content="([^"]+)"`).exec(html.toString())?.[1]])
  .filter(([, name]) => name);
if (workers.length) out.push('', '| the app\'s workers, later | raw | gzip | brotli |', '| --- | ---: | ---: | ---: |');
for (const [label, worker] of workers) {
  for (const name of [`${worker}.js`, `${worker}_bg.wasm`]) {
    const s = compressed(fs.readFileSync(path.join(site, name)));
    out.push(`| ${label}, ${kind(name)} (${name}) | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
  }
}

// Each crate's share of the wasm's code, from the function names.
const wasmBytes = appRows.find(([label]) => label.startsWith('wasm'))?.[1];
if (appWasm && wasmBytes) {
  const shares = crateShares(fs.readFileSync(appWasm));
  const code = [...shares.values()].reduce((a, b) => a + b, 0);
  out.push('', '| crate | share of code | ≈ raw | ≈ brotli |', '| --- | ---: | ---: | ---: |');
  const sorted = [...shares.entries()].sort((a, b) => b[1] - a[1]);
  const top = sorted.slice(0, 14);
  const rest = sorted.slice(14).reduce((a, [, n]) => a + n, 0);
  for (const [crate, n] of [...top, ['(others)', rest]]) {
    const share = n / code;
    out.push(`| ${crate} | ${(share * 100).toFixed(1)}% | ${kb(share * wasmBytes.raw)} | ${kb(share * wasmBytes.brotli)} |`);
  }
}
console.log(out.join('\n'));

/** Bytes of function bodies per crate, read from the code and name sections. */
function crateShares(wasm) {
  let at = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do { byte = wasm[at++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return result;
  };
  const imports = { count: 0 };
  const bodies = [];
  const names = new Map();
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    const end = at + size;
    if (id === 2) { // imports: functions among them come first in the index space
      for (let n = leb(); n > 0; n--) {
        at += leb(); at += leb(); // module, name
        const kind = wasm[at++];
        if (kind === 0) { leb(); imports.count++; } else if (kind === 1) { at++; limits(); } else if (kind === 2) limits(); else at += 2;
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) { const len = leb(); bodies.push(len); at += len; }
    } else if (id === 0) {
      const nameLen = leb();
      const name = wasm.subarray(at, at + nameLen).toString();
      at += nameLen;
      if (name === 'name') {
        while (at < end) {
          const sub = wasm[at++], subSize = leb(), subEnd = at + subSize;
          if (sub === 1) {
            for (let n = leb(); n > 0; n--) {
              const index = leb(), len = leb();
              names.set(index, wasm.subarray(at, at + len).toString());
              at += len;
            }
          }
          at = subEnd;
        }
      }
    }
    at = end;
  }
  function limits() { const flags = wasm[at++]; leb(); if (flags & 1) leb(); }
  const shares = new Map();
  bodies.forEach((len, i) => {
    const crate = crateOf(names.get(imports.count + i) || '');
    if (crate) shares.set(crate, (shares.get(crate) || 0) + len);
  });
  return shares;
}

/** The crate a legacy-mangled Rust symbol belongs to; null for wasm-bindgen's
 * describe functions, which wasm-bindgen removes. */
function crateOf(symbol) {
  if (/__wbindgen_describe|WasmDescribe/.test(symbol)) return null;
  const mangled = /^_ZN(\d+)/.exec(symbol);
  if (!mangled) return /^__wbg|^__wbindgen/.test(symbol) ? 'wasm_bindgen' : '(unnamed)';
  const first = symbol.slice(3 + mangled[1].length, 3 + mangled[1].length + Number(mangled[1]));
  const std = (c) => /^(core|alloc|std)$/.test(c);
  // Crates named inside `<…>` follow an escape (`$LT$`, `$u20$`, `$RF$`);
  // modules follow `..`.
  const named = [...symbol.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)\.\./g)].map((m) => m[1]);
  const crate = first.startsWith('_$LT$') ? named[0] : first;
  if (!crate) return '(unnamed)';
  if (!std(crate)) return crate;
  // Generic std code (drop_in_place<folio..X>, Vec<tachys..Y>) counts for the
  // first other crate in its type parameters.
  const inner = named.find((c) => !std(c));
  return inner || 'std (core, alloc)';
}
