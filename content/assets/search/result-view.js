// One search result as shown (search.js): title, facts, the excerpt around the best
// match with the query marked, and the link to the paragraph that matched.
//
// * A quoted phrase marks its occurrences, never its syllables alone elsewhere.
// * The link opens the report at the paragraph (or list item, cell, heading) holding the
//   match — every paragraph of a report page has an id, which Pagefind lists among the
//   page's anchors — with a text fragment (":~:text=") of the matched words, which the
//   browser highlights; the paragraph itself is highlighted by search.css (:target).
// * A summary page says what it is after its title ("Quảng Trị — tỉnh, thành sau sáp
//   nhập 2025"): meta "trang" (overrides/partials/search-attrs.html).

import { fromIndexForm } from "./query-text.js";

export const CROSS = "Trang tổng hợp";

export function el(tag, attrs = {}, ...children) {
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

// Elements a result may open at: headings and the report's blocks of text (not the
// footnote marks, sup#fnref:N, nor anything else that only carries an id).
const HEADING = /^h[1-6]$/i;
const BLOCK = /^(h[1-6]|p|li|td|th|blockquote|dd|dt|figcaption)$/i;

/** The last anchor of ``data`` at or before word ``pos`` whose element matches ``kind``. */
function anchorAt(data, pos, kind) {
  let best = null;
  for (const a of data.anchors || []) {
    if (!kind.test(a.element) || !a.id) continue;
    if (a.location <= pos && (!best || a.location >= best.location)) best = a;
  }
  return best;
}

/** ":~:text=" of the words from ``start`` to ``end`` with two words of context either
 * side (prefix-,text,-suffix): the browser scrolls to that occurrence and marks it. Without
 * context it would mark the first occurrence in the page (the metadata panel's "Quảng Trị",
 * the title's "dân vận"), not the one that matched. When the page's text differs from the
 * index's (the directive then matches nothing) the browser opens at the paragraph (#id). */
function textDirective(words, start, end) {
  const enc = (list) => encodeURIComponent(list.map(fromIndexForm).join(" "))
    .replace(/-/g, "%2D").replace(/,/g, "%2C").replace(/&/g, "%26");
  const trim = (w, re) => w.replace(re, "");
  const prefix = words.slice(Math.max(0, start - 2), start);
  const suffix = words.slice(end, end + 2);
  const match = words.slice(start, end);
  if (!match.length) return "";
  if (prefix.length) prefix[0] = trim(prefix[0], /^[^\p{L}\p{N}]+/u);
  else match[0] = trim(match[0], /^[^\p{L}\p{N}]+/u);
  if (suffix.length) suffix[suffix.length - 1] = trim(suffix[suffix.length - 1], /[^\p{L}\p{N}]+$/u);
  else match[match.length - 1] = trim(match[match.length - 1], /[^\p{L}\p{N}]+$/u);
  return `:~:text=${prefix.length ? enc(prefix) + "-," : ""}${enc(match)}${suffix.length ? ",-" + enc(suffix) : ""}`;
}

/** Positions to mark: a phrase's occurrences (and any unquoted word), else the best run
 * and every word Pagefind matched. */
function marksOf(it, checked, start, len) {
  const marks = new Set();
  if (it.own) return marks; // a number query's own document: its number is marked in the facts
  if (checked.hits && checked.hits.length) {
    for (const [at, n] of checked.hits) for (let i = at; i < at + n; i++) marks.add(i);
    for (const i of checked.looseAt || []) marks.add(i);
    return marks;
  }
  for (let i = start; i < start + len; i++) marks.add(i);
  for (const l of it.r.words || it.data.locations || []) marks.add(l);
  return marks;
}

export function renderResult(it, parsed) {
  const { data, checked } = it;
  let start = checked.start;
  let len = checked.len;
  const run = start >= 0;
  if (start < 0) {
    // No run of the query: centre on the densest sub-result's first match.
    const sub = [...(data.sub_results || [])].sort((a, b) => (b.locations || []).length - (a.locations || []).length)[0];
    start = sub && sub.locations && sub.locations.length ? Math.min(...sub.locations) : (data.locations || [0])[0] || 0;
    len = 1;
  }
  const marks = marksOf(it, checked, start, len);
  const section = parsed.typed.length ? anchorAt(data, start, HEADING) : null;
  const block = parsed.typed.length ? anchorAt(data, start, BLOCK) : null;
  const sectionUrl = section ? `${data.url}#${encodeURIComponent(section.id)}` : data.url;
  const url = block
    ? `${data.url}#${encodeURIComponent(block.id)}${run && (len > 1 || parsed.typed.length === 1)
      ? textDirective(checked.words, start, start + len) : ""}`
    : sectionUrl;
  const meta = data.meta || {};
  const filters = data.filters || {};
  const isCross = (filters.nhom || []).includes(CROSS);
  const facts = [];
  if (isCross) facts.push(el("span", { class: "mb-result__chip" }, CROSS));
  else if (meta.loai) facts.push(el("span", { class: "mb-result__chip" }, fromIndexForm(meta.loai)));
  if (meta.so) {
    const so = fromIndexForm(meta.so);
    facts.push(el("span", { class: "mb-result__so" }, "Số ", it.own ? el("mark", {}, so) : so));
  }
  if (meta.co_quan) facts.push(el("span", { class: "mb-result__agency" }, fromIndexForm(meta.co_quan)));
  if (meta.tinh) facts.push(el("span", { class: "mb-result__province" }, fromIndexForm(meta.tinh)));
  if (meta.ngay) facts.push(el("time", { class: "mb-result__date", datetime: meta.ngay }, formatDate(meta.ngay)));
  if (meta.ky) facts.push(el("span", { class: "mb-result__period" }, `Kỳ báo cáo: ${fromIndexForm(meta.ky)}`));
  const title = fromIndexForm(meta.title || data.url) + (isCross && meta.trang ? ` — ${fromIndexForm(meta.trang)}` : "");
  const li = el("li", { class: "mb-result", "data-url": data.url, "data-date": meta.ngay || "" },
    // elementtiming: when the title was painted (scripts/bench_search.py, Element Timing)
    el("a", { class: "mb-result__title", href: url, elementtiming: "mb-result" }, title),
    el("div", { class: "mb-result__facts" }, ...facts),
  );
  if (parsed.typed.length) {
    li.append(excerpt(checked.words, start, len, marks));
    if (section) {
      li.append(el("a", { class: "mb-result__section", href: sectionUrl }, "Đến mục: ", fromIndexForm(section.text)));
    }
  }
  return li;
}

// ---------------------------------------------------------------- two groups
//
// Documents (reports, plans…) come first and are counted on their own; summary pages
// (filter nhom "Trang tổng hợp": listings by province, agency, cited document…) follow
// as a group of their own, under a heading with their count.

export function resultGroups(list, crossHead, crossList) {
  return {
    reset() {
      list.replaceChildren();
      crossList.replaceChildren();
      crossHead.hidden = crossList.hidden = true;
    },
    place(it, li) {
      if (it.report) {
        list.append(li);
      } else {
        crossList.append(li);
        crossHead.hidden = crossList.hidden = false;
      }
    },
    shown: () => list.children.length + crossList.children.length,
    /** The status line's count (and the summary group's heading). */
    status(cur, prefix) {
      const n = cur.items.length;
      const docs = cur.items.reduce((s, it) => s + it.report, 0);
      const fmt = (x) => x.toLocaleString("vi-VN");
      crossHead.textContent = `Trang tổng hợp: ${prefix.toLowerCase()}${fmt(n - docs)} trang`;
      return `${prefix}${fmt(docs)} văn bản` + (n > docs ? ` và ${fmt(n - docs)} trang tổng hợp` : "");
    },
  };
}
