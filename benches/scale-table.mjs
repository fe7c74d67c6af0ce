// Turns scripts/bench-scale's results (one JSON line per blog size) into a
// Markdown table, with the targets of issue 6 beside the figures.
import fs from 'node:fs';

const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ms = (t) => `${t.toFixed(0)} ms`;
const time = (s) => { const [secs, kbytes] = s.split(' ').map(Number); return `${secs.toFixed(1)} s, ${(kbytes / 1024).toFixed(0)} MB`; };
const smallest = rows[0];
const header = ['figure', ...rows.map((r) => `${r.posts.toLocaleString('en')} posts`), 'target'];
const line = (cells) => `| ${cells.join(' | ')} |`;
const out = [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:')))];
const row = (name, f, target) => out.push(line([name, ...rows.map(f), target]));
row('first view: bytes transferred, the page (before the app)', (r) => kb(r.browser.folio.pageBytes), '');
row('first view: the page\'s bytes ÷ smallest blog\'s', (r) => `${(r.browser.folio.pageBytes / smallest.browser.folio.pageBytes).toFixed(2)}×`, '≤ 1.1×');
row('the same, with the app (until it shows the page)', (r) => kb(r.browser.folio.bytes), '');
row('the same, with the app ÷ smallest blog\'s', (r) => `${(r.browser.folio.bytes / smallest.browser.folio.bytes).toFixed(2)}×`, '≤ 1.1×');
row('the same, with the post renderer loaded after it', (r) => kb(r.browser.folio.bytesWithRenderer), '');
row('first view: post list painted (first contentful paint)', (r) => ms(r.browser.folio.paint), '');
row('plain static page: painted', (r) => ms(r.browser.plain.paint), '');
row('first view: painted ÷ plain page', (r) => `${(r.browser.folio.paint / r.browser.plain.paint).toFixed(2)}×`, '≤ 1.2×');
row('the same home page without the app\'s script: painted', (r) => ms(r.browser.noApp.paint), '');
row('first view: painted ÷ the same page without the app', (r) => `${(r.browser.folio.paint / r.browser.noApp.paint).toFixed(2)}×`, '');
row('first view: app ready (prerendered page swapped out)', (r) => ms(r.browser.folio.settled), '');
row('slow link (1.6 Mbit/s, 100 ms round trips): home page painted', (r) => ms(r.browser.slow.homePaint), '');
row('slow link: app ready on the home page', (r) => ms(r.browser.slow.home), '');
row('slow link: app ready on a post opened by its address', (r) => ms(r.browser.slow.post), '');
row('open a post from the list', (r) => ms(r.browser.folio.openPost), '≤ 100 ms');
row('open a category page', (r) => ms(r.browser.folio.openCategory), '');
row('page JS heap after browsing', (r) => kb(r.browser.folio.heap), '');
row('builder: index, posts, search, feeds (wall, peak memory)', (r) => time(r.build), '< 10 s, < 1 GB at 100k');
row('builder: rebuild as trunk runs it, nothing changed', (r) => time(r.unchanged), '');
row('builder: rebuild as trunk runs it, one post edited', (r) => time(r.edited), '< 1 s');
row('builder: rebuild as trunk runs it, one new post (newest)', (r) => time(r.added), '< 1 s');
row('builder: HTML pages (wall, peak memory)', (r) => time(r.pages), '');
row('builder: HTML pages, rebuild as trunk runs it, nothing changed', (r) => time(r.repages), '');
row('builder: HTML pages, rebuild as trunk runs it, one new post', (r) => time(r.newpages), '');
console.log(out.join('\n'));
