// The floor for scripts/bench-scale: one plain HTML page listing a built
// site's ten newest posts (title, date, excerpt), no script, inline style.
// usage: node benches/plain-page.mjs SITE > plain/index.html
import fs from 'node:fs';
import path from 'node:path';

const index = JSON.parse(fs.readFileSync(path.join(process.argv[2], 'index.json'), 'utf8'));
// The newest posts of the list of all posts: its newest chunk, then the
// chunk before it (the highest numbered), whatever versions their names carry.
const all = path.join(process.argv[2], 'lists/all');
const names = fs.readdirSync(all);
const number = (name) => Number(name.split('.')[0]);
const older = names.filter((name) => /^[0-9]+\.[0-9a-f]+\.json$/.test(name)).sort((a, b) => number(b) - number(a));
const chunks = [names.find((name) => /^newest\.[0-9a-f]+\.json$/.test(name)), ...older.slice(0, 1)];
index.posts = chunks.flatMap((name) => JSON.parse(fs.readFileSync(path.join(all, name), 'utf8')).posts);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const items = index.posts.slice(0, 10).map((p) =>
  `<li><h2><a href="post/${encodeURIComponent(p.slug)}">${esc(p.title)}</a></h2><p>${p.date}</p><p>${esc(p.excerpt)}</p></li>`);
console.log(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(index.site.title)}</title>
<style>body{font-family:Georgia,serif;max-width:42rem;margin:2rem auto;line-height:1.6}ol{list-style:none;padding:0}</style>
</head><body><h1>${esc(index.site.title)}</h1><ol>${items.join('')}</ol></body></html>`);
