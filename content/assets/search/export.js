// The search's results as a file (search.js, the links "CSV" and "Atom" under the
// results): generated in the browser from the same results the page shows, in the same
// order, once every part of the index is searched (at most LIMIT results). The links
// carry the query and filters (?q=…&tinh=…&xuat=csv): opened, the search page runs the
// search and hands the file over. Columns: README, "The site and its search".

export const LIMIT = 1000;
const COLUMNS = ["tieu_de", "loai", "so", "co_quan", "tinh", "tinh_2025", "ngay", "ky_bao_cao", "nhom", "url"];

const unstroke = (s) => String(s || "").replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");

/** One result as a row (from its Pagefind data: meta and filters). */
function row(data, base) {
  const m = data.meta || {};
  const f = data.filters || {};
  const title = unstroke(m.title) + (m.trang ? ` — ${unstroke(m.trang)}` : "");
  return {
    tieu_de: title, loai: unstroke(m.loai), so: unstroke(m.so), co_quan: unstroke(m.co_quan),
    tinh: unstroke(m.tinh), tinh_2025: (f.tinh_2025 || []).join("; "), ngay: m.ngay || "",
    ky_bao_cao: unstroke(m.ky), nhom: (f.nhom || []).join("; "), url: new URL(data.url, base).href,
  };
}

const csvCell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(rows) {
  const lines = [COLUMNS.join(",")].concat(rows.map((r) => COLUMNS.map((c) => csvCell(r[c] || "")).join(",")));
  return "\ufeff" + lines.join("\r\n") + "\r\n"; // BOM: spreadsheets read it as UTF-8
}

const xml = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Atom needs a full date-time: a date known to the year or month is its first day at
 * 00:00 Vietnam time, and the entry's summary says the date as the document gives it. */
const atomDate = (iso) => {
  const [y, m = "01", d = "01"] = (iso || "").split("-");
  return y ? `${y}-${m}-${d}T00:00:00+07:00` : null;
};

export function toAtom(rows, query, selfUrl, now = new Date()) {
  const entries = rows.map((r) => {
    const facts = [r.loai, r.so && `số ${r.so}`, r.co_quan, r.tinh, r.ngay && `ngày ${r.ngay}`,
      r.ky_bao_cao && `kỳ báo cáo: ${r.ky_bao_cao}`].filter(Boolean).join("; ");
    const updated = atomDate(r.ngay) || now.toISOString();
    return `  <entry>\n    <id>${xml(r.url)}</id>\n    <title>${xml(r.tieu_de)}</title>\n` +
      `    <link href="${xml(r.url)}"/>\n    <updated>${updated}</updated>\n` +
      `    <summary>${xml(facts || r.nhom)}</summary>\n  </entry>\n`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">\n` +
    `  <id>${xml(selfUrl)}</id>\n  <title>${xml(`Kết quả tìm kiếm: ${query || "(theo bộ lọc)"}`)}</title>\n` +
    `  <link rel="self" href="${xml(selfUrl)}"/>\n  <link rel="alternate" type="text/html" href="${xml(selfUrl.replace(/([?&])xuat=[a-z]+&?/, "$1").replace(/[?&]$/, ""))}"/>\n` +
    `  <updated>${now.toISOString()}</updated>\n  <author><name>minhbach</name></author>\n${entries.join("")}</feed>\n`;
}

/** Search every part (cur: search.js's current search), load the results' data and hand
 * the file over. ``load(it)`` loads one result's data. Returns how many rows it holds. */
export async function exportResults(format, cur, load, selfUrl) {
  cur.all = true;
  if (cur.resume) cur.resume();
  if (!cur.finished) await new Promise((resolve) => { cur.onDone = resolve; });
  const items = cur.items.slice(0, LIMIT);
  for (let i = 0; i < items.length; i += 20) await Promise.all(items.slice(i, i + 20).map(load));
  const rows = items.map((it) => row(it.data, selfUrl));
  const text = format === "atom" ? toAtom(rows, cur.state.q, selfUrl) : toCsv(rows);
  const type = format === "atom" ? "application/atom+xml" : "text/csv";
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  a.download = `ket-qua-tim-kiem.${format === "atom" ? "atom.xml" : "csv"}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  return rows.length;
}
