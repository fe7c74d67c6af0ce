// The floor for scripts/bench-scale: one plain HTML page listing a built
// site's ten newest posts (title, date, excerpt), no script, inline style.
// usage: node benches/plain-page.mjs SITE > plain/index.html
import fs from 'node:fs';
import path from 'node:path';

const index = JSON.parse(fs.readFileSync(path.join(process.argv[2], 'index.json'), 'utf8'));
// Page 1 of the list of all posts, whatever version its name carries.
const all = path.join(process.argv[2], 'lists/all');
const first = fs.readdirSync(all).find((name) => /^1\.[0-9a-f]+\.json$/.test(name));
index.posts = JSON.parse(fs.readFileSync(path.join(all, first), 'utf8')).posts;
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const items = index.posts.slice(0, 10).map((p) =>
  `<li><h2><a href="post/${encodeURIComponent(p.slug)}">${esc(p.title)}</a></h2><p>${p.date}</p><p>${esc(p.excerpt)}</p></li>`);
console.log(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(index.site.title)}</title>
<style>body{font-family:Georgia,serif;max-width:42rem;margin:2rem auto;line-height:1.6}ol{list-style:none;padding:0}</style>
</head><body><h1>${esc(index.site.title)}</h1><ol>${items.join('')}</ol></body></html>`);
