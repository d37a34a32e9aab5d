// The search page (content/tim-kiem.md) on top of Pagefind's JS API.
//
// Index side (minhbach/search/): Pagefind folds tone marks itself; "đ" is
// indexed as "d" + U+0335, a combining mark Pagefind drops, so "dang uy" finds
// "Đảng ủy" with ONE search. This page spells the query the same way (so "đảng"
// still gets Pagefind's exact-diacritic boost) and turns "d\u0335" back into "đ"
// in everything it shows.
//
// Ranking: Pagefind ANDs syllables and ranks them one by one. Here results whose
// matched words form a run as long as the query ("hop phap hoa lanh su" as one
// stretch of text) come first, using the word positions Pagefind already returns
// (no extra search). The shown batch is then checked against the page text
// (order of syllables, exact tones). Quoted phrases are matched the same way,
// because Pagefind 1.5.2's own "quoted" search misses phrases on pages where a
// syllable also occurs with other tones (measured: "công dân" fails on a page
// that also has "cộng").
//
// State lives in the URL: ?q=…&sort=moi|cu&tinh=…&nam=… (filters repeat).

import { openIndex } from "./partitioned-index.js";
import { parseQuery, longestRun, check } from "./query-text.js";
import { CROSS, renderResult, resultGroups } from "./result-view.js";
import { numberQuery, ownDocuments } from "./number-query.js";
import { SORTS, readState, writeState, stateParams, searchFilters, hasFilters, filtersView } from "./filters-view.js";

const ROOT = new URL("../../", import.meta.url);
// When this module started (page clock): scripts/bench_search.py splits a shared link's
// wait into the page's own load (until here) and the search (from here).
const SCRIPT_AT = performance.now();
const PAGE_SIZE = 10; // results per page
const FIRST_STEP = 5; // the first page shows its first 5 results as soon as their texts are in
const VERIFY_ALL_LIMIT = 200; // quoted phrases: check every candidate up to this many
// The page's elements: set in the start section below once the page's body is parsed
// (this module loads in the page's <head>, so that the index and the URL's query start
// at once).
let root, form, input, sortSelect, filterBox, statusEl, groups, moreBtn, allBtn, filters, exportBox;

// ---------------------------------------------------------------- Pagefind

let pagefind;

// Cross-pages (listings by province, agency, cited document…) are indexed too, with
// filter nhom = "Trang tổng hợp"; they rank after the reports that match as well.
// A partitioned index keeps them in their own part (kind "cross").
let crossIds = null;
async function crossPages() {
  if (!crossIds) {
    const r = await pagefind.search(null, { filters: { nhom: { any: [CROSS] } } });
    crossIds = new Set(r.results.map((x) => x.id));
  }
  return crossIds;
}

let allFilters = {};
let current = null; // one search: see search()
let generation = 0;

// A search runs over the index part by part (partitioned-index.js, stream()); the
// single index of a small site is one part. The first page is shown as soon as it is
// final; the search goes on in the background until the next page is ready too, then
// stops ("paused"): a common query would otherwise fetch every part (~9 MB at 20,000
// reports) for counts few visitors need. "Xem thêm" goes on from there; "Tìm hết"
// searches every part, and counts are exact once every part is searched. Filter
// counts of the first part come after the first page (stream(): counts()).
//
// Order ("Phù hợp nhất"): a number query's own document(s) first (number-query.js),
// then reports before cross-pages (shown as a group of their own after them,
// result-view.js); within each, results whose matched words form a run as long as the
// query first; among those, a newer part before an
// older one (parts are date-contiguous, newest first), then Pagefind's score; the
// rest (only part of the query side by side) by run length, then score. So a part
// searched later can never push a shown result down, and the first page of a
// common query is final after the newest part(s). Sorted by date: the parts'
// sorted lists in date order (partitioned-index.js).

/** Items whose place is final: nothing from a part not yet searched can come before them. */
function settled(cur) {
  if (cur.complete || cur.state.sort) return cur.items.length;
  let n = cur.shown;
  while (n < cur.items.length && (cur.items[n].own || (cur.items[n].full && cur.items[n].report))) n++;
  return n;
}

function byRelevance(a, b) {
  return b.own - a.own || b.report - a.report || b.full - a.full
    || (a.full ? a.rank - b.rank : 0) || b.run - a.run || b.score - a.score;
}

/** Add one part's response: its results sorted into the not yet shown tail. */
function addPart(cur, step, cross) {
  const { parsed, target } = cur;
  let fresh = step.resp.results.filter((r) => !cur.ownIds.has(r.id)).map((r, i) => {
    const run = parsed.typed.length ? longestRun(r.words || [], target) : 0;
    return {
      r,
      own: 0,
      score: r.score,
      run,
      full: run >= target ? 1 : 0,
      report: cross ? (cross.has(r.id) ? 0 : 1) : (step.part && step.part.kind === "cross" ? 0 : 1),
      rank: step.rank,
      pos: i,
      data: null,
      checked: null,
    };
  });
  if (parsed.phrases.length) fresh = fresh.filter((it) => it.full); // a phrase needs its syllables side by side
  const order = cur.state.sort ? (x, y) => y.own - x.own || x.rank - y.rank || x.pos - y.pos : byRelevance;
  fresh.sort(order);
  // merge into the sorted tail (linear: a common query adds thousands of results per part)
  const tail = cur.items.slice(cur.shown);
  const merged = cur.items.slice(0, cur.shown);
  let i = 0;
  let k = 0;
  while (i < tail.length && k < fresh.length) merged.push(order(fresh[k], tail[i]) < 0 ? fresh[k++] : tail[i++]);
  while (i < tail.length) merged.push(tail[i++]);
  while (k < fresh.length) merged.push(fresh[k++]);
  cur.items = merged;
  if (step.counts) cur.pendingCounts.push(step.counts);
  else cur.counts = sumCounts(cur.counts, step.resp.filters);
  // Pagefind's own split of each part's search: fetching the chunks vs scoring (for the bench)
  for (const t of [].concat(step.resp.timings || [])) cur.timings.push([Math.round(t.preload), Math.round(t.search)]);
  cur.searched = step.searched;
  cur.planned = step.planned;
}

/** Filter counts of the parts that answered without them (stream(): counts()). */
async function addPendingCounts(cur) {
  for (const counts of cur.pendingCounts.splice(0)) cur.counts = sumCounts(cur.counts, await counts());
}

function sumCounts(into, add) {
  const out = { ...into };
  for (const [name, values] of Object.entries(add || {})) {
    out[name] = { ...(out[name] || {}) };
    for (const [v, n] of Object.entries(values)) out[name][v] = (out[name][v] || 0) + n;
  }
  return out;
}

/** Quoted phrases: check settled candidates against the page text, in order, until
 * ``need`` pass (failures leave the list); whether ``need`` are known. */
async function verified(cur, need, gen) {
  const { parsed } = cur;
  if (!parsed.phrases.length) return settled(cur) >= need;
  let i = cur.shown;
  while (i < need && i < settled(cur)) {
    const batch = cur.items.slice(i, Math.min(settled(cur), i + (need - i)));
    await Promise.all(batch.map((it) => load(it, parsed)));
    if (gen !== generation) return false;
    const bad = new Set(batch.filter((it) => !it.checked.phrasesOk));
    if (bad.size) cur.items = cur.items.filter((it) => !bad.has(it));
    i += batch.length - bad.size;
  }
  return i >= need || (cur.complete && i >= cur.items.length);
}

/** What Pagefind is asked for a state: the term (null: filters only) and the options,
 * with the query's words (which parts may hold them: partitioned-index.js, the word map);
 * empty: neither words nor filters, nothing to search. */
function queryOf(state, asWords = false) {
  const number = asWords ? null : numberQuery(state.q); // a document number: searched as one token
  const parsed = parseQuery(number ? number.key : state.q);
  const opts = { filters: searchFilters(state), words: parsed.typed };
  if (state.sort) opts.sort = { ngay: SORTS[state.sort] };
  const empty = !parsed.typed.length && !hasFilters(state);
  return { parsed, number, term: parsed.typed.length ? parsed.term : null, opts, empty };
}

async function search(state, asWords = false) {
  const gen = ++generation;
  if (current && current.resume) current.resume(); // the paused search before this one ends
  const { parsed, number, term, opts, empty } = queryOf(state, asWords);
  root.dataset.state = "searching";
  allBtn.hidden = true;
  if (empty) {
    current = null;
    filters.render(state, allFilters, false);
    groups.reset();
    moreBtn.hidden = true;
    statusEl.textContent = "Nhập từ khóa hoặc chọn một bộ lọc để xem báo cáo.";
    root.dataset.state = "done";
    themeAfterPaint();
    return;
  }
  statusEl.textContent = "Đang tìm…";
  groups.reset();
  moreBtn.hidden = true;
  const t0 = performance.now();
  const target = parsed.phrases.length
    ? Math.max(...parsed.phrases.map((p) => p.length))
    : parsed.loose.length;
  const cross = pagefind.parts ? null : await crossPages();
  const cur = {
    t0, state, parsed, target, items: [], shown: 0, counts: {}, pendingCounts: [], approx: false,
    complete: false, all: false, searched: 0, planned: 0, wake: null, resume: null, timings: [], stepsAt: [],
    ownIds: new Set(),
  };
  current = cur;
  if (number) {
    const own = await ownDocuments(pagefind, number, opts.filters);
    if (gen !== generation) return;
    cur.ownIds = new Set(own.map((x) => x.r.id));
    cur.items = own.map(({ r, rank }, pos) => ({
      r, own: 1, score: r.score, run: target, full: 1, rank, pos, data: null, checked: null,
      report: cross ? (cross.has(r.id) ? 0 : 1) : 1,
    }));
  }
  filters.render(state, {}, true, true);
  const steps = takeEarly(term, opts) || pagefind.stream(term, opts);
  for await (const step of steps) {
    if (gen !== generation) return; // leaving the loop stops the parts not yet searched
    cur.stepsAt.push(Math.round(performance.now() - t0));
    addPart(cur, step, cross);
    if (cur.wake) cur.wake();
    if (!cur.shown && await verified(cur, PAGE_SIZE, gen)) {
      if (gen !== generation) return;
      await showMore(gen);
      if (gen !== generation) return;
    } else if (cur.shown) {
      renderStatus(cur);
    }
    if (cur.shown) {
      await addPendingCounts(cur); // after the first page
      if (gen !== generation) return;
      filters.render(state, cur.counts, true, true);
    }
    // The next page is ready too: stop until the visitor asks for more.
    while (cur.shown && !cur.all && step.searched < step.planned && await verified(cur, cur.shown + PAGE_SIZE, gen)) {
      if (gen !== generation) return;
      root.dataset.state = "paused";
      cur.paused = true;
      shownAt(t0, "paused");
      renderStatus(cur);
      filters.render(state, cur.counts, true, true);
      await new Promise((resolve) => { cur.resume = resolve; });
      cur.resume = null;
      cur.paused = false;
      if (gen !== generation) return;
      root.dataset.state = "searching";
      renderStatus(cur);
      filters.render(state, cur.counts, true, true);
    }
  }
  if (gen !== generation) return;
  await addPendingCounts(cur);
  if (gen !== generation) return;
  cur.complete = true;
  // A number no document has ("2024 UBND" looks like one): searched as words instead.
  if (number && !cur.items.length) return search(state, true);
  if (parsed.phrases.length) {
    if (cur.items.length <= VERIFY_ALL_LIMIT) {
      await Promise.all(cur.items.map((it) => load(it, parsed)));
      if (gen !== generation) return;
      cur.items = cur.items.filter((it) => it.checked.phrasesOk);
      cur.counts = countFilters(cur.items);
    } else {
      cur.approx = true;
    }
  }
  if (cur.wake) cur.wake();
  if (!cur.shown) {
    await showMore(gen);
    if (gen !== generation) return;
  } else {
    renderStatus(cur);
  }
  shownAt(t0, "done");
  filters.render(state, cur.counts, true);
  root.dataset.state = "done";
  cur.finished = true;
  if (cur.onDone) cur.onDone(); // export.js waits for every part
}

/** Start the theme's scripts (partials/search-head.html) once what is on screen now has
 * been painted: on a shared link they waited for the first results. */
function themeAfterPaint() {
  requestAnimationFrame(() => setTimeout(() => { if (window.mbLoadTheme) window.mbLoadTheme(); }, 0));
}

/** Timings for scripts/bench_search.py: ms since the search started, since the page
 * was opened, and the clock time (to match the server's log of bytes sent). The first
 * results (or the search's end) are on screen: the theme's scripts may start. */
function shownAt(t0, what) {
  themeAfterPaint();
  const now = performance.now();
  if (current) {
    root.dataset[`${what}Parts`] = `${current.searched}/${current.planned}`;
    // per part searched so far (first 4): Pagefind's [fetch, scoring] ms, and when it arrived
    root.dataset[`${what}Timings`] = JSON.stringify(current.timings.slice(0, 4));
    root.dataset[`${what}Steps`] = JSON.stringify(current.stepsAt.slice(0, 4));
  }
  root.dataset[`${what}Shown`] = String(groups.shown());
  root.dataset[`${what}Ms`] = (now - t0).toFixed(1);
  root.dataset[`${what}At`] = now.toFixed(1);
  root.dataset[`${what}Epoch`] = String(performance.timeOrigin + now);
}

async function load(it, parsed) {
  if (!it.data) it.data = await it.r.data();
  if (!it.checked) it.checked = check(it.data, parsed);
  return it;
}

function countFilters(items) {
  const counts = {};
  for (const it of items) {
    for (const [name, values] of Object.entries(it.data.filters || {})) {
      counts[name] = counts[name] || {};
      for (const v of values) counts[name][v] = (counts[name][v] || 0) + 1;
    }
  }
  return counts;
}

function finalKey(it, parsed) {
  const c = it.checked;
  const full = parsed.loose.length < 2 || c.run >= parsed.loose.length ? 1 : 0;
  return [it.own, it.report, full, c.exact ? 1 : 0, c.run, it.score];
}

async function showMore(gen) {
  const cur = current;
  const { parsed, state } = cur;
  const need = cur.shown + PAGE_SIZE;
  // The next page may need parts still being searched: wait for them.
  while (!(await verified(cur, need, gen)) && !cur.complete) {
    if (gen !== generation) return;
    moreBtn.disabled = true;
    statusEl.textContent = "Đang tìm thêm…";
    await new Promise((resolve) => { cur.wake = resolve; });
    cur.wake = null;
  }
  moreBtn.disabled = false;
  if (gen !== generation) return;
  const batch = cur.items.slice(cur.shown, need);
  // The first page in two steps: each result's text is one fetch, and on a busy 2-core
  // machine 10 at once took 100–190 ms; the first 5 are shown before the next 5 are asked for.
  const first = cur.shown === 0;
  const steps = first && batch.length > FIRST_STEP ? [batch.slice(0, FIRST_STEP), batch.slice(FIRST_STEP)] : [batch];
  for (const step of steps) {
    await Promise.all(step.map((it) => load(it, parsed)));
    if (gen !== generation) return;
    if (!state.sort && parsed.typed.length) {
      // Within the step: whole-query runs first, then exact tones, longer runs, score.
      step.sort((a, b) => {
        const ka = finalKey(a, parsed);
        const kb = finalKey(b, parsed);
        for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
        return 0;
      });
      cur.items.splice(cur.shown, step.length, ...step);
    }
    for (const it of step) groups.place(it, renderResult(it, parsed));
    cur.shown += step.length;
    renderStatus(cur);
    if (first && step === steps[0]) shownAt(cur.t0, "first");
  }
  if (first) shownAt(cur.t0, "page");
  if (cur.resume) cur.resume(); // a paused search: go on until the page after this one is ready
}

function renderStatus(cur) {
  const { state } = cur;
  const n = cur.items.length;
  moreBtn.hidden = cur.complete && cur.shown >= n;
  allBtn.hidden = !cur.paused;
  if (!n && cur.complete) {
    exportBox.hidden = true; // nothing to take away
    statusEl.textContent = "Không tìm thấy kết quả nào. Thử bỏ bớt từ, bỏ dấu ngoặc kép hoặc bỏ bớt bộ lọc.";
    return;
  }
  // Until every part is searched the count is what the searched parts hold.
  const prefix = !cur.complete ? (cur.parsed.phrases.length ? "Khoảng " : "Ít nhất ")
    : cur.approx ? "Khoảng " : "";
  statusEl.textContent = groups.status(cur, prefix) +
    (state.sort ? (state.sort === "moi" ? ", mới nhất trước" : ", cũ nhất trước") : "") +
    (cur.shown < n ? ` (đang hiện ${cur.shown})` : "") +
    (cur.complete ? "" : cur.paused ? ` — đã tìm ${cur.searched}/${cur.planned} phần chỉ mục.`
      : ` — đang tìm thêm… (${cur.searched}/${cur.planned} phần chỉ mục)`);
}

function update(state, push) {
  writeState(state, push);
  // the export links carry the query and filters (export.js)
  const params = stateParams(state);
  for (const a of exportBox.querySelectorAll("a[data-format]")) {
    a.href = `?${params}${params.toString() ? "&" : ""}xuat=${a.dataset.format}`;
  }
  exportBox.hidden = !state.q && !hasFilters(state);
  input.value = state.q;
  sortSelect.value = state.sort;
  return search(state).catch(fail);
}

function fail(err) {
  console.error(err);
  themeAfterPaint();
  statusEl.textContent = "Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.";
}

// ---------------------------------------------------------------- start
//
// This module loads in the page's <head> (overrides/partials/search-head.html), so a
// shared link (/tim-kiem/?q=…) starts at once: the index is opened and the URL's query
// is searched (its first part) while the browser still loads the theme's stylesheets
// and script and lays out the page; the page's elements are used once they are parsed.

/** ``iter`` with its first step asked for now; the next ones when the consumer asks. */
function primed(iter) {
  const first = iter.next();
  first.catch(() => {});
  return (async function* () {
    try {
      let step = await first;
      while (!step.done) {
        yield step.value;
        step = await iter.next();
      }
    } finally {
      if (iter.return) await iter.return();
    }
  })();
}

const streamKey = (term, opts) => JSON.stringify([term, opts]);
let early = null; // {key, steps}: the URL's query, started before the page was parsed

/** The early stream if it is this query's (once); else null, and the early one is dropped. */
function takeEarly(term, opts) {
  const got = early && early.key === streamKey(term, opts) ? early.steps : null;
  if (early && !got) early.steps.return().catch(() => {});
  early = null;
  return got;
}

const opened = openIndex(ROOT).then((index) => {
  pagefind = index;
  const state = readState();
  // Make the newest part ready: for the first query typed, or for the query in the
  // URL while its words' shards are fetched (partitioned-index.js, stream()). Not with
  // filters in the URL: they may rule that part out.
  if (!hasFilters(state)) index.warm();
  const { term, opts, empty } = queryOf(state);
  if (!empty) {
    early = { key: streamKey(term, opts), steps: primed(index.stream(term, opts)) };
  }
  return index;
});
opened.catch(() => {});

if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}
root = document.getElementById("mb-search");
root.dataset.scriptAt = SCRIPT_AT.toFixed(1);
form = root.querySelector(".mb-search__form");
input = root.querySelector(".mb-search__input");
sortSelect = root.querySelector("#mb-search-sort");
filterBox = root.querySelector(".mb-search__filters");
filters = filtersView({
  box: filterBox, chips: root.querySelector(".mb-search__chips"), input, all: () => allFilters, update,
  note: () => (current && current.paused ? `Số đếm trong ${current.searched}/${current.planned} phần chỉ mục đã tìm.`
    : "Số đếm tạm thời: đang tìm thêm…"),
});
statusEl = root.querySelector(".mb-search__status");
groups = resultGroups(root.querySelector(".mb-search__list"), root.querySelector(".mb-search__group"),
  root.querySelector(".mb-search__list--cross"));
moreBtn = root.querySelector(".mb-search__more");
allBtn = root.querySelector(".mb-search__all");

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  // A preload still to come would queue behind the search and hold up its results' texts.
  clearTimeout(preloadTimer);
  preloadTimer = 0;
  update({ ...readState(), q: input.value.trim() }, true);
});
sortSelect.addEventListener("change", () => update({ ...readState(), sort: sortSelect.value }, true));
moreBtn.addEventListener("click", () => showMore(generation).catch(fail));
allBtn.addEventListener("click", () => {
  if (!current) return;
  current.all = true;
  allBtn.hidden = true;
  if (current.resume) current.resume();
});
// While the visitor types: fetch the words' index chunks of the newest part and their
// word-map shards, at most every PRELOAD_MS (a throttle, not a debounce: a fast typist
// never pauses 150 ms before Enter, and the chunks were then fetched only after it).
const PRELOAD_MS = 150;
let preloadTimer = 0;
input.addEventListener("input", () => {
  if (preloadTimer) return;
  preloadTimer = setTimeout(() => {
    preloadTimer = 0;
    const parsed = parseQuery(input.value);
    if (pagefind && parsed.typed.length) pagefind.preload(parsed.term, parsed.typed).catch(() => {});
  }, PRELOAD_MS);
});
window.addEventListener("popstate", () => update(readState(), false));
exportBox = root.querySelector(".mb-search__export");
/** The results as a file (export.js, loaded when asked for). */
async function exportAs(format) {
  const cur = current;
  if (!cur || exportBox.dataset.busy) return;
  exportBox.dataset.busy = "1";
  const note = exportBox.querySelector(".mb-search__export-note");
  note.textContent = "Đang chuẩn bị tệp…";
  try {
    const { exportResults } = await import("./export.js");
    const n = await exportResults(format, cur, (it) => load(it, cur.parsed), location.href.replace(/#.*/, ""));
    note.textContent = `Đã tạo tệp ${format.toUpperCase()} gồm ${n.toLocaleString("vi-VN")} kết quả.`;
  } finally {
    delete exportBox.dataset.busy;
  }
}
exportBox.addEventListener("click", (ev) => {
  const a = ev.target.closest("a[data-format]");
  if (!a) return;
  ev.preventDefault();
  exportAs(a.dataset.format).catch(fail);
});

try {
  // pagefind/parts.json present (a partitioned index) → one instance per part behind
  // the same search()/filters() calls; absent → the single bundle as before.
  await opened;
  allFilters = await pagefind.filters();
  root.dataset.ready = "1";
  const asked = new URLSearchParams(location.search).get("xuat"); // an export link opened
  const done = update(readState(), false);
  if (asked === "csv" || asked === "atom") {
    while (!current && root.dataset.state !== "done") await new Promise((resolve) => setTimeout(resolve, 20));
    await exportAs(asked);
  }
  await done;
} catch (err) {
  fail(err);
}
