// The search index as search.js sees it: one object with Pagefind's search() and
// filters(), over either the single bundle (pagefind/pagefind.js, small sites) or
// the parts listed in pagefind/parts.json (minhbach/search_index.py,
// index_site_partitioned: one bundle per year of issue, newest first, then undated
// reports, then cross-pages; parts may also be built on separate machines and
// copied in, the manifest lists what is there).
//
// One Pagefind module and one web worker serve every part: each part is an
// instance made with createInstance({basePath}) on first use, one at a time
// (several made at once in the shared worker crashed Pagefind's WASM in the scale
// researcher's harness).
//   * relevance: every part that can match the filters is searched, results merged
//     by score (what Pagefind's own mergeIndex does);
//   * sort by date: parts whose date ranges (manifest "dates") do not overlap hold
//     disjoint dates, so their sorted lists concatenated newest part first (oldest
//     first for "asc") ARE the global order; Pagefind's mergeIndex re-sorts by score
//     and loses it. Overlapping parts (built elsewhere, e.g. per province) are
//     merged by each result's sort date (meta "ngay", loaded for those results).
//     Parts without dates (undated reports, cross-pages) come after, as Pagefind
//     puts pages without the sort key last;
//   * filter counts: summed per name and value over the parts (= mergeFilters);
//     a part none of whose values match a requested filter is not searched.
// Without pagefind/parts.json it is the plain Pagefind module, as before.

export async function openIndex(root) {
  let res = null;
  try {
    res = await fetch(new URL("pagefind/parts.json", root));
  } catch (err) {
    res = null;
  }
  if (!res || !res.ok) {
    const pf = await import(new URL("pagefind/pagefind.js", root).href);
    await pf.options({ baseUrl: root.pathname });
    await pf.init();
    return pf;
  }
  const { parts } = await res.json();
  return partitioned(root, parts);
}

export async function partitioned(root, parts) {
  if (!parts.length) throw new Error("pagefind/parts.json lists no part");
  const base = (p) => new URL(`pagefind/${p.path}`, root).pathname;
  const mod = await import(new URL(`pagefind/${parts[0].path}pagefind.js`, root).href);

  let chain = Promise.resolve();
  const made = new Map();
  const instance = (p) => {
    if (!made.has(p.key)) {
      chain = chain.then(async () => {
        const inst = mod.createInstance({ basePath: base(p) });
        await inst.options({ baseUrl: root.pathname });
        await inst.init();
        return inst;
      });
      made.set(p.key, chain);
    }
    return made.get(p.key);
  };
  const partFilters = new Map();
  const filtersOf = (p) => {
    if (!partFilters.has(p.key)) partFilters.set(p.key, instance(p).then((i) => i.filters()));
    return partFilters.get(p.key);
  };

  const sumFilters = (list) => {
    const out = {};
    for (const f of list) {
      for (const [name, values] of Object.entries(f || {})) {
        out[name] = out[name] || {};
        for (const [v, n] of Object.entries(values)) out[name][v] = (out[name][v] || 0) + n;
      }
    }
    return out;
  };

  /** Whether a part holds at least one requested value of every requested filter. */
  const canMatch = async (p, filters) => {
    const names = Object.entries(filters || {});
    if (!names.length) return true;
    const have = await filtersOf(p);
    return names.every(([name, want]) => {
      const values = have[name] || {};
      const asked = typeof want === "string" ? [want]
        : Array.isArray(want) ? want : [...(want.any || []), ...(want.all || [])];
      if (!asked.length) return true;
      if (want && !Array.isArray(want) && typeof want === "object" && want.all) {
        return want.all.every((v) => values[v]);
      }
      return asked.some((v) => values[v]);
    });
  };

  const run = async (list, term, opts) => {
    const out = [];
    for (const p of list) {
      if (!(await canMatch(p, opts.filters))) continue;
      const inst = await instance(p);
      out.push({ part: p, resp: await inst.search(term, opts) }); // one part at a time
    }
    return out;
  };

  const combine = (all, results) => ({
    results,
    filters: sumFilters(all.map((x) => x.resp.filters)),
    totalFilters: sumFilters(all.map((x) => x.resp.totalFilters)),
    unfilteredResultCount: all.reduce((s, x) => s + (x.resp.unfilteredResultCount || 0), 0),
  });

  const dated = parts.filter((p) => p.dates && p.dates.length); // manifest order: newest first
  const rest = parts.filter((p) => !(p.dates && p.dates.length));
  // Dated parts are disjoint when each one's first date is not before the next one's last.
  const disjoint = dated.every((p, i) => i === 0 || dated[i - 1].dates[0] >= p.dates[1]);

  return {
    async search(term, opts = {}) {
      const sort = opts.sort && Object.values(opts.sort)[0];
      if (!sort) {
        const all = await run(parts, term, opts);
        const results = all.flatMap((x) => x.resp.results);
        results.sort((a, b) => b.score - a.score); // stable: ties keep manifest order
        return combine(all, results);
      }
      const key = Object.keys(opts.sort)[0];
      const order = sort === "asc" ? [...dated].reverse() : dated;
      const first = await run(order, term, opts);
      let results = first.flatMap((x) => x.resp.results);
      if (!disjoint) {
        const withDates = await Promise.all(results.map(async (r) => [r, ((await r.data()).meta || {})[key] || ""]));
        withDates.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) * (sort === "asc" ? 1 : -1));
        results = withDates.map((x) => x[0]);
      }
      const second = await run(rest, term, opts);
      return combine([...first, ...second], [...results, ...second.flatMap((x) => x.resp.results)]);
    },
    async filters() {
      const all = [];
      for (const p of parts) all.push(await filtersOf(p));
      return sumFilters(all);
    },
    parts,
  };
}
