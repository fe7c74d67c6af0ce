// A static file server that behaves like GitHub Pages or a plain nginx:
// a file if it exists, a folder's index.html, else 404.html with status 404.
// It never falls back to index.html with 200 (as `trunk serve` does), so the
// tests see what readers of a real static host see. Like those hosts, it
// gzips text, JSON and wasm for clients that accept it (not binary files).
//
// usage: node serve.mjs PORT DIR [PREFIX=DIR ...]
//   e.g. node serve.mjs 4173 dist /blog/=target/dist-blog
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.svg': 'image/svg+xml', '.webp': 'image/webp', '.ico': 'image/x-icon', '.txt': 'text/plain',
  '.xml': 'application/xml',
};

const [port, rootDir, ...mounts] = process.argv.slice(2);
const sites = mounts
  .map((m) => m.split('='))
  .map(([prefix, dir]) => ({ prefix, dir: path.resolve(dir) }))
  .concat([{ prefix: '/', dir: path.resolve(rootDir) }]);

const COMPRESSED = ['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.txt', '.xml', '.svg'];

// Compressed bodies, made once per version of a file, as a CDN's edge keeps
// them: compressing on every request would spend the CPU the browser is
// measured with.
const gzipped = new Map();

function gzipOf(file) {
  const { mtimeMs, size } = fs.statSync(file);
  const key = `${mtimeMs}:${size}`;
  const cached = gzipped.get(file);
  if (cached?.key === key) return cached.body;
  const body = zlib.gzipSync(fs.readFileSync(file));
  gzipped.set(file, { key, body });
  return body;
}

function send(req, res, status, file) {
  const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' };
  const gzip = COMPRESSED.includes(path.extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
  if (!gzip) {
    res.writeHead(status, headers);
    fs.createReadStream(file).pipe(res);
    return;
  }
  const body = gzipOf(file);
  res.writeHead(status, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length });
  res.end(body);
}

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let pathname;
  try { pathname = decodeURIComponent(url.pathname); } catch { pathname = url.pathname; }
  const site = sites.find((s) => pathname.startsWith(s.prefix));
  const file = path.join(site.dir, pathname.slice(site.prefix.length));
  if (!file.startsWith(site.dir)) { res.writeHead(403).end(); return; }
  for (const candidate of [file, path.join(file, 'index.html')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) { send(req, res, 200, candidate); return; }
  }
  const notFound = path.join(site.dir, '404.html');
  if (fs.existsSync(notFound)) send(req, res, 404, notFound);
  else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${rootDir} on http://127.0.0.1:${port}/`));
