// Turns scripts/bench-search's results (one JSON line per blog size) into
// a Markdown table: Folio, Pagefind and their ratio for each figure.
import fs from 'node:fs';

const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const ms = (t) => `${t.toFixed(1)} ms`;
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : '–');
const time = (s) => { const [secs, kbytes] = s.split(' ').map(Number); return { secs, mem: kbytes * 1024 }; };

const lines = [];
for (const r of rows) {
  const fb = time(r.folio_build), pb = time(r.pagefind_build);
  const f = r.browser.folio, p = r.browser.pagefind;
  lines.push(`### ${r.posts.toLocaleString('en')} posts`, '',
    '| figure | Folio | Pagefind | Folio ÷ Pagefind |', '|---|---:|---:|---:|',
    `| index build, wall (Folio: whole site) | ${fb.secs.toFixed(2)} s | ${pb.secs.toFixed(2)} s | ${ratio(fb.secs, pb.secs)} |`,
    `| index build, peak memory | ${mb(fb.mem)} | ${mb(pb.mem)} | ${ratio(fb.mem, pb.mem)} |`,
    `| search index on disk | ${mb(r.native.index_bytes)} | ${mb(r.pagefind_index_bytes)} | ${ratio(r.native.index_bytes, r.pagefind_index_bytes)} |`,
    `| first query, bytes fetched (all) | ${kb(f.first_query_bytes)} | ${kb(p.first_query_bytes)} | ${ratio(f.first_query_bytes, p.first_query_bytes)} |`,
    `| first query, bytes fetched (index data only) | ${kb(f.first_query_data_bytes)} | ${kb(p.first_query_data_bytes)} | ${ratio(f.first_query_data_bytes, p.first_query_data_bytes)} |`,
    `| tenth query, bytes fetched | ${kb(f.tenth_query_bytes)} | ${kb(p.tenth_query_bytes)} | ${ratio(f.tenth_query_bytes, p.tenth_query_bytes)} |`,
    `| 2nd to 12th query, median bytes fetched | ${kb(f.later_query_bytes)} | ${kb(p.later_query_bytes)} | ${ratio(f.later_query_bytes, p.later_query_bytes)} |`,
    `| query to 10 results, Chromium p50 | ${ms(f.p50_ms)} | ${ms(p.p50_ms)} | ${ratio(f.p50_ms, p.p50_ms)} |`,
    `| query to 10 results, Chromium p95 | ${ms(f.p95_ms)} | ${ms(p.p95_ms)} | ${ratio(f.p95_ms, p.p95_ms)} |`,
    `| query, native (cold, from disk) p50 / p95 | ${ms(r.native.p50_ms)} / ${ms(r.native.p95_ms)} | – | – |`,
    '');
}
console.log(lines.join('\n'));
