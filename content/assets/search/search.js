// The search page (content/tim-kiem.md) on top of Pagefind's JS API.
//
// Index side (minhbach/search_index.py): Pagefind folds tone marks itself; "đ" is
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
import { fold as foldWord } from "./word-map.js";

const ROOT = new URL("../../", import.meta.url);
// When this module started (page clock): scripts/bench_search.py splits a shared link's
// wait into the page's own load (until here) and the search (from here).
const SCRIPT_AT = performance.now();
const PAGE_SIZE = 10; // results per page
const FIRST_STEP = 5; // the first page shows its first 5 results as soon as their texts are in
const VERIFY_ALL_LIMIT = 200; // quoted phrases: check every candidate up to this many
const STROKE = "\u0335";
const FILTERS = [
  ["tinh", "Tỉnh, thành (khi ban hành)"],
  ["tinh_2025", "Tỉnh, thành sau sáp nhập 2025"],
  ["co_quan", "Cơ quan ban hành"],
  ["loai", "Loại văn bản"],
  ["nam", "Năm"],
  ["nhom", "Loại trang"],
];
const SORTS = { moi: "desc", cu: "asc" };
const WIDE = window.matchMedia("(min-width: 60em)");

// The page's elements: set in the start section below once the page's body is parsed
// (this module loads in the page's <head>, so that the index and the URL's query start
// at once).
let root, form, input, sortSelect, filterBox, statusEl, listEl, moreBtn, allBtn;

// ---------------------------------------------------------------- text helpers

export const toIndexForm = (s) =>
  s.normalize("NFC").replace(/đ/g, "d" + STROKE).replace(/Đ/g, "D" + STROKE);
export const fromIndexForm = (s) =>
  (s || "").replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");
/** ``fn`` remembered per string: checking a page of results folds and spells ~30,000
 * words, few of them distinct. */
const memo = (fn) => {
  const seen = new Map();
  return (s) => {
    let f = seen.get(s);
    if (f === undefined) {
      f = fn(s);
      if (seen.size > 100000) seen.clear();
      seen.set(s, f);
    }
    return f;
  };
};
/** Tone-less, đ-less, lower-case letters and digits only: the comparison key of a syllable. */
export const fold = memo(foldWord);
/** Lower-case with its tones (NFC), punctuation dropped: the exact spelling of a syllable. */
export const exactForm = memo((s) =>
  fromIndexForm(s.normalize("NFC")).toLowerCase().normalize("NFC").replace(/[^\p{L}\p{N}]/gu, ""));
const hasMarks = (s) => exactForm(s) !== fold(s);

/** {syllables, phrases: [[folded…]], loose: [folded…], typed: [exact…], marked} */
export function parseQuery(q) {
  const phrases = [];
  const loose = [];
  const typed = [];
  const re = /"([^"]*)"?|(\S+)/g;
  let m;
  while ((m = re.exec(q || "")) !== null) {
    const words = (m[1] !== undefined ? m[1] : m[2]).split(/\s+/).filter((w) => fold(w));
    if (!words.length) continue;
    typed.push(...words);
    if (m[1] !== undefined && words.length > 1) phrases.push(words.map(fold));
    else loose.push(...words.map(fold));
  }
  return {
    typed,
    phrases,
    loose,
    marked: typed.filter(hasMarks).map(exactForm),
    term: typed.map((w) => toIndexForm(w)).join(" "),
  };
}

/** Longest run of consecutive positions (capped at cap). */
function longestRun(positions, cap) {
  const pos = [...new Set(positions)].sort((a, b) => a - b);
  let best = pos.length ? 1 : 0;
  let cur = 1;
  for (let i = 1; i < pos.length; i++) {
    cur = pos[i] === pos[i - 1] + 1 ? cur + 1 : 1;
    if (cur > best) best = cur;
    if (best >= cap) return cap;
  }
  return Math.min(best, cap);
}

// ---------------------------------------------------------------- checking against the text

/** Compare the query with the page text: ordered runs, exact tones, where the best run starts. */
function check(data, parsed) {
  const words = data.content.split(/[\r\n\s]+/g);
  const folded = words.map(fold);
  const find = (seq) => {
    for (let i = 0; i + seq.length <= folded.length; i++) {
      let k = 0;
      while (k < seq.length && folded[i + k] === seq[k]) k++;
      if (k === seq.length) return i;
    }
    return -1;
  };
  const phraseAt = parsed.phrases.map(find);
  const phrasesOk = phraseAt.every((i) => i >= 0);
  // Longest ordered run of the unquoted syllables (any consecutive part of the query).
  const seq = parsed.loose;
  let run = 0;
  let at = -1;
  for (let i = 0; i < folded.length && run < seq.length; i++) {
    for (let s = 0; s < seq.length; s++) {
      let k = 0;
      while (s + k < seq.length && folded[i + k] === seq[s + k]) k++;
      if (k > run) { run = k; at = i; }
    }
  }
  let exact = true;
  if (parsed.marked.length) {
    const spelled = new Set(words.map(exactForm));
    exact = parsed.marked.every((w) => spelled.has(w));
  }
  const start = phraseAt.find((i) => i >= 0) ?? (at >= 0 ? at : -1);
  const len = phraseAt[0] >= 0 ? parsed.phrases[0].length : Math.max(run, 1);
  return { phrasesOk, run, exact, start, len, words };
}

// ---------------------------------------------------------------- state in the URL

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [name] of FILTERS) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) filters[name] = values;
  }
  const sort = SORTS[params.get("sort")] ? params.get("sort") : "";
  return { q: (params.get("q") || "").trim(), filters, sort };
}

function writeState(state, push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort) params.set("sort", state.sort);
  for (const [name] of FILTERS) for (const v of state.filters[name] || []) params.append(name, v);
  const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
  history[push ? "pushState" : "replaceState"](null, "", url);
}

// ---------------------------------------------------------------- Pagefind

let pagefind;

// Cross-pages (listings by province, agency, cited document…) are indexed too, with
// filter nhom = "Trang tổng hợp"; they rank after the reports that match as well.
// A partitioned index keeps them in their own part (kind "cross").
const CROSS = "Trang tổng hợp";
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
// Order ("Phù hợp nhất"): results whose matched words form a run as long as the
// query first, reports before cross-pages; among those, a newer part before an
// older one (parts are date-contiguous, newest first), then Pagefind's score; the
// rest (only part of the query side by side) by run length, then score. So a part
// searched later can never push a shown result down, and the first page of a
// common query is final after the newest part(s). Sorted by date: the parts'
// sorted lists in date order (partitioned-index.js).

/** Items whose place is final: nothing from a part not yet searched can come before them. */
function settled(cur) {
  if (cur.complete || cur.state.sort) return cur.items.length;
  let n = cur.shown;
  while (n < cur.items.length && cur.items[n].full && cur.items[n].report) n++;
  return n;
}

function byRelevance(a, b) {
  return b.full - a.full || b.report - a.report
    || (a.full ? a.rank - b.rank : 0) || b.run - a.run || b.score - a.score;
}

/** Add one part's response: its results sorted into the not yet shown tail. */
function addPart(cur, step, cross) {
  const { parsed, target } = cur;
  let fresh = step.resp.results.map((r, i) => {
    const run = parsed.typed.length ? longestRun(r.words || [], target) : 0;
    return {
      r,
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
  const order = cur.state.sort ? (x, y) => x.rank - y.rank || x.pos - y.pos : byRelevance;
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
function queryOf(state) {
  const parsed = parseQuery(state.q);
  const filters = {};
  for (const [name, values] of Object.entries(state.filters)) filters[name] = { any: values };
  const opts = { filters, words: parsed.typed };
  if (state.sort) opts.sort = { ngay: SORTS[state.sort] };
  const empty = !parsed.typed.length && !Object.keys(filters).length;
  return { parsed, term: parsed.typed.length ? parsed.term : null, opts, empty };
}

async function search(state) {
  const gen = ++generation;
  if (current && current.resume) current.resume(); // the paused search before this one ends
  const { parsed, term, opts, empty } = queryOf(state);
  root.dataset.state = "searching";
  allBtn.hidden = true;
  if (empty) {
    current = null;
    renderFilters(state, allFilters, false);
    listEl.replaceChildren();
    moreBtn.hidden = true;
    statusEl.textContent = "Nhập từ khóa hoặc chọn một bộ lọc để xem báo cáo.";
    root.dataset.state = "done";
    themeAfterPaint();
    return;
  }
  statusEl.textContent = "Đang tìm…";
  listEl.replaceChildren();
  moreBtn.hidden = true;
  const t0 = performance.now();
  const target = parsed.phrases.length
    ? Math.max(...parsed.phrases.map((p) => p.length))
    : parsed.loose.length;
  const cross = pagefind.parts ? null : await crossPages();
  const cur = {
    t0, state, parsed, target, items: [], shown: 0, counts: {}, pendingCounts: [], approx: false,
    complete: false, all: false, searched: 0, planned: 0, wake: null, resume: null, timings: [], stepsAt: [],
  };
  current = cur;
  renderFilters(state, {}, true, true);
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
      renderFilters(state, cur.counts, true, true);
    }
    // The next page is ready too: stop until the visitor asks for more.
    while (cur.shown && !cur.all && step.searched < step.planned && await verified(cur, cur.shown + PAGE_SIZE, gen)) {
      if (gen !== generation) return;
      root.dataset.state = "paused";
      cur.paused = true;
      shownAt(t0, "paused");
      renderStatus(cur);
      renderFilters(state, cur.counts, true, true);
      await new Promise((resolve) => { cur.resume = resolve; });
      cur.resume = null;
      cur.paused = false;
      if (gen !== generation) return;
      root.dataset.state = "searching";
      renderStatus(cur);
      renderFilters(state, cur.counts, true, true);
    }
  }
  if (gen !== generation) return;
  await addPendingCounts(cur);
  if (gen !== generation) return;
  cur.complete = true;
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
  renderFilters(state, cur.counts, true);
  root.dataset.state = "done";
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
  root.dataset[`${what}Shown`] = String(listEl.children.length);
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
  return [full, it.report, c.exact ? 1 : 0, c.run, it.score];
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
    for (const it of step) listEl.append(renderResult(it, parsed));
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
    statusEl.textContent = "Không tìm thấy kết quả nào. Thử bỏ bớt từ, bỏ dấu ngoặc kép hoặc bỏ bớt bộ lọc.";
    return;
  }
  // Until every part is searched the count is what the searched parts hold.
  const prefix = !cur.complete ? (cur.parsed.phrases.length ? "Khoảng " : "Ít nhất ")
    : cur.approx ? "Khoảng " : "";
  statusEl.textContent = `${prefix}${n.toLocaleString("vi-VN")} kết quả` +
    (state.sort ? (state.sort === "moi" ? ", mới nhất trước" : ", cũ nhất trước") : "") +
    (cur.shown < n ? ` (đang hiện ${cur.shown})` : "") +
    (cur.complete ? "" : cur.paused ? ` — đã tìm ${cur.searched}/${cur.planned} phần chỉ mục.`
      : ` — đang tìm thêm… (${cur.searched}/${cur.planned} phần chỉ mục)`);
}

// ---------------------------------------------------------------- rendering

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export function formatDate(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  if (d) return `${Number(d)}/${Number(m)}/${y}`;
  if (m) return `tháng ${Number(m)}/${y}`;
  return `năm ${y}`;
}

/** The excerpt around the best match: text nodes and <mark>, never HTML from the index. */
function excerpt(words, start, len, marks) {
  const from = Math.max(0, start - 14);
  const to = Math.min(words.length, start + len + 22);
  const p = el("p", { class: "mb-result__excerpt" });
  if (from > 0) p.append("… ");
  for (let i = from; i < to; i++) {
    const w = fromIndexForm(words[i]);
    p.append(marks.has(i) ? el("mark", {}, w) : w);
    if (i < to - 1) p.append(" ");
  }
  if (to < words.length) p.append(" …");
  return p;
}

function sectionAt(data, pos) {
  let best = null;
  for (const a of data.anchors || []) {
    if (!/^h[1-6]$/i.test(a.element) || !a.id) continue;
    if (a.location <= pos && (!best || a.location >= best.location)) best = a;
  }
  return best;
}

function renderResult(it, parsed) {
  const { data, checked } = it;
  const locs = new Set(it.r.words || data.locations || []);
  let start = checked.start;
  let len = checked.len;
  if (start < 0) {
    // No run of the query: centre on the densest sub-result's first match.
    const sub = [...(data.sub_results || [])].sort((a, b) => (b.locations || []).length - (a.locations || []).length)[0];
    start = sub && sub.locations && sub.locations.length ? Math.min(...sub.locations) : (data.locations || [0])[0] || 0;
    len = 1;
  }
  const marks = new Set();
  for (let i = start; i < start + len; i++) marks.add(i);
  for (const l of locs) marks.add(l);
  const section = parsed.typed.length ? sectionAt(data, start) : null;
  const url = section ? `${data.url}#${encodeURIComponent(section.id)}` : data.url;
  const meta = data.meta || {};
  const filters = data.filters || {};
  const isCross = (filters.nhom || []).includes(CROSS);
  const facts = [];
  if (isCross) facts.push(el("span", { class: "mb-result__chip" }, CROSS));
  else if (meta.loai) facts.push(el("span", { class: "mb-result__chip" }, fromIndexForm(meta.loai)));
  if (meta.so) facts.push(el("span", { class: "mb-result__so" }, `Số ${fromIndexForm(meta.so)}`));
  if (meta.co_quan) facts.push(el("span", { class: "mb-result__agency" }, fromIndexForm(meta.co_quan)));
  if (meta.tinh) facts.push(el("span", { class: "mb-result__province" }, fromIndexForm(meta.tinh)));
  if (meta.ngay) facts.push(el("time", { class: "mb-result__date", datetime: meta.ngay }, formatDate(meta.ngay)));
  const li = el("li", { class: "mb-result", "data-url": data.url, "data-date": meta.ngay || "" },
    // elementtiming: when the title was painted (scripts/bench_search.py, Element Timing)
    el("a", { class: "mb-result__title", href: url, elementtiming: "mb-result" }, fromIndexForm(meta.title || data.url)),
    el("div", { class: "mb-result__facts" }, ...facts),
  );
  if (parsed.typed.length) {
    li.append(excerpt(checked.words, start, len, marks));
    if (section) {
      li.append(el("a", { class: "mb-result__section", href: url }, "Đến mục: ", fromIndexForm(section.text)));
    }
  }
  return li;
}

// A filter's values in the order shown (years newest first, the rest in Vietnamese
// order), sorted once: the agencies of a national archive are ~900, and
// localeCompare(b, "vi") builds a collator per call (~12 ms a sort, on every render).
const COLLATOR = new Intl.Collator("vi");
const sortedValues = new Map(); // filter name → {all, values}
function valuesOf(name) {
  const all = allFilters[name] || {};
  let got = sortedValues.get(name);
  if (!got || got.all !== all) {
    const order = name === "nam" ? (a, b) => COLLATOR.compare(b, a) : COLLATOR.compare;
    got = { all, values: Object.keys(all).sort(order) };
    sortedValues.set(name, got);
  }
  return got.values;
}

function renderFilters(state, counts, searched, partial = false) {
  filterBox.replaceChildren();
  const head = el("div", { class: "mb-filters__head" }, el("h2", {}, "Lọc kết quả"));
  if (Object.keys(state.filters).length) {
    const clear = el("button", { type: "button", class: "mb-filters__clear" }, "Bỏ lọc");
    clear.addEventListener("click", () => update({ ...state, filters: {} }, true));
    head.append(clear);
  }
  filterBox.append(head);
  filterBox.dataset.partial = partial ? "1" : "";
  if (partial) {
    const note = current && current.paused
      ? `Số đếm trong ${current.searched}/${current.planned} phần chỉ mục đã tìm.`
      : "Số đếm tạm thời: đang tìm thêm…";
    filterBox.append(el("p", { class: "mb-filters__note" }, note));
  }
  for (const [name, label] of FILTERS) {
    const all = allFilters[name] || {};
    const values = valuesOf(name);
    if (!values.length) continue;
    const chosen = new Set(state.filters[name] || []);
    const shown = searched ? counts[name] || {} : all;
    const group = el("details", { class: "mb-filter", "data-filter": name });
    // Open on wide screens; on a phone only chosen groups, so the results stay in sight.
    if (chosen.size || (WIDE.matches && values.length <= 8)) group.open = true;
    group.append(el("summary", {}, label + (chosen.size ? ` (${chosen.size})` : "")));
    const ul = el("ul", {});
    for (const v of values) {
      const n = shown[v] || 0;
      if (!n && !chosen.has(v)) continue;
      const box = el("input", { type: "checkbox", name, value: v });
      box.checked = chosen.has(v);
      box.addEventListener("change", () => {
        const next = { ...state.filters };
        const set = new Set(next[name] || []);
        box.checked ? set.add(v) : set.delete(v);
        if (set.size) next[name] = [...set]; else delete next[name];
        update({ ...state, filters: next }, true);
      });
      ul.append(el("li", {}, el("label", {}, box, " ", v, " ", el("span", { class: "mb-filter__count" }, `(${n}${partial ? "+" : ""})`))));
    }
    if (!ul.children.length) continue;
    group.append(ul);
    filterBox.append(group);
  }
}

function update(state, push) {
  writeState(state, push);
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
  if (!Object.keys(state.filters).length) index.warm();
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
statusEl = root.querySelector(".mb-search__status");
listEl = root.querySelector(".mb-search__list");
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

try {
  // pagefind/parts.json present (a partitioned index) → one instance per part behind
  // the same search()/filters() calls; absent → the single bundle as before.
  await opened;
  allFilters = await pagefind.filters();
  root.dataset.ready = "1";
  await update(readState(), false);
} catch (err) {
  fail(err);
}
