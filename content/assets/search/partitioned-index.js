// The search index as search.js sees it, over either the single bundle
// (pagefind/pagefind.js, small sites) or the parts listed in pagefind/parts.json
// (minhbach/search/parts.py, index_site_partitioned: date-contiguous parts of at
// most MAX_PART_PAGES pages, newest first, then undated reports, then cross-pages;
// parts may also be built on separate machines and copied in, the manifest lists
// what is there).
//
//   stream(term, opts)  async generator: Pagefind's response part by part, in the
//                       order the query needs them ({part, rank, resp, searched,
//                       planned, counts}); the single index yields once. search.js
//                       shows the first page as soon as it is known and asks for
//                       more parts only when it needs them. The first part's
//                       response has no filter counts: its counts() gives them.
//   search(term, opts)  every part at once, combined (what Pagefind's mergeIndex
//                       would give).
//   filters()           every filter's values and page counts: parts.json's
//                       "filters" (no part loaded), else summed over the parts.
//
// Plan of a query over parts:
//   * relevance: manifest order (newest first). Results carry the part's rank;
//     search.js ranks equally relevant results of a newer part first, so the
//     first page is final once the newest parts hold enough whole-query matches;
//   * sort by date: parts whose date ranges (manifest "dates") do not overlap hold
//     disjoint dates, so their sorted lists concatenated newest part first (oldest
//     first for "asc") ARE the global order, one part at a time. Overlapping parts
//     (built elsewhere, e.g. per province) are all searched and merged by each
//     result's sort date (meta "ngay") before anything is yielded. Parts without
//     dates (undated reports, cross-pages) come last, as Pagefind puts pages
//     without the sort key last;
//   * filters: a part whose manifest entry lists the values of a requested filter
//     and holds none of the requested ones is skipped without being loaded (a year
//     filter searches only that year's parts);
//   * words (opts.words, the query's words as typed): a part that cannot hold every
//     word (word-map.js, parts.json "words") is skipped without being loaded.
//
// One Pagefind module and one web worker serve every part: each part is an
// instance made with createInstance({basePath}) on first use. Instances are made
// and searched one at a time: they share one WASM memory in the worker, and a part
// made while another was still loading crashed it ("memory access out of bounds").
// Without pagefind/parts.json it is the plain Pagefind module, as before.

import { partsHolding } from "./word-map.js";

export async function openIndex(root) {
  let res = null;
  try {
    res = await fetch(new URL("pagefind/parts.json", root));
  } catch (err) {
    res = null;
  }
  const manifest = res && res.ok ? await res.json() : null;
  // A single index has a manifest too ({single: true, words}: search_index.write_single_manifest).
  if (!manifest || manifest.single) {
    const pf = await import(new URL("pagefind/pagefind.js", root).href);
    await pf.options({ baseUrl: root.pathname });
    await pf.init();
    return single(pf, root, manifest);
  }
  return partitioned(root, manifest);
}

/** The single bundle behind the same calls. Pagefind counts a filter's values in a
 * response only once that filter's chunk is loaded: filters() loads them all, and a
 * search waits for it (a search started before it, as the page's first search in
 * <head> is, came back without counts). With a word map (``manifest.words``: the one
 * bundle as part "") a query with a word the index does not hold finds nothing, as on a
 * partitioned index, instead of Pagefind's answer without that word. */
export function single(pf, root = null, manifest = null) {
  const asPart = manifest && manifest.words ? { words: manifest.words, parts: [{ key: "" }] } : null;
  let loaded = null;
  const filters = () => {
    if (!loaded) loaded = pf.filters();
    return loaded;
  };
  const search = async (term, opts = {}) => {
    await filters();
    return pf.search(term, opts);
  };
  return {
    parts: null,
    filters,
    search,
    warm() {},
    preload(term, words = []) {
      if (asPart && words.length) partsHolding(root, asPart, words).catch(() => {});
      return pf.preload(term);
    },
    async *stream(term, { words, ...opts } = {}) {
      const holding = asPart && words && words.length ? await partsHolding(root, asPart, words) : null;
      if (holding && !holding.has("")) {
        yield { part: null, rank: 0, resp: { results: [], filters: {} }, searched: 1, planned: 1 };
        return;
      }
      const resp = await search(term, opts);
      yield { part: null, rank: 0, resp, searched: 1, planned: 1 };
    },
  };
}

const asked = (want) => (typeof want === "string" ? [want]
  : Array.isArray(want) ? want : [...((want && want.any) || []), ...((want && want.all) || [])]);

export async function partitioned(root, manifest) {
  const parts = Array.isArray(manifest) ? manifest : manifest.parts;
  if (!parts.length) throw new Error("pagefind/parts.json lists no part");
  const base = (p) => new URL(`pagefind/${p.path}`, root).pathname;
  // pagefind/pagefind.js: the first part's copy (minhbach.search.parts.share_wasm), preloaded by the page
  const mod = await import(new URL(manifest.version >= 2 ? "pagefind/pagefind.js"
    : `pagefind/${parts[0].path}pagefind.js`, root).href);

  // Everything that runs Pagefind's WASM (making an instance, searching a part) runs
  // one at a time: the instances share one WASM memory in the worker.
  let chain = Promise.resolve();
  const exclusive = (fn) => {
    const run = chain.then(fn);
    chain = run.catch(() => {});
    return run;
  };
  const made = new Map();
  const partFilters = new Map();
  const instance = (p) => {
    if (!made.has(p.key)) {
      made.set(p.key, exclusive(async () => {
        const inst = mod.createInstance({ basePath: base(p) });
        await inst.options({ baseUrl: root.pathname });
        await inst.init();
        // The worker loads the part (and, for the first one, the WebAssembly) after init()
        // has returned; an empty search waits for that (no fetch), so the next part is not
        // made while this one still instantiates the WebAssembly (measured: a crash).
        await inst.search("");
        return inst;
      }));
    }
    return made.get(p.key);
  };
  const searchPart = async (p, term, opts, counts = true) => {
    const inst = await instance(p);
    if (!names.length) await filtersOf(p); // no list of filter names (parts.json version 1)
    return exclusive(() => inst.search(term, counts ? withCounts(opts) : opts));
  };
  const filtersOf = async (p) => {
    if (!partFilters.has(p.key)) {
      partFilters.set(p.key, instance(p).then((inst) => exclusive(() => inst.filters())));
    }
    return partFilters.get(p.key);
  };
  // Pagefind counts a filter's values in a response only if that filter's chunk is
  // loaded, and a search loads the chunks of the filters it is given: every filter
  // named with no value ({any: []}, which keeps every page) makes the search fetch
  // them together with the words' chunks, instead of a filters() call (one more
  // round trip) before each part.
  const names = manifest.filters ? Object.keys(manifest.filters) : [];
  const withCounts = (opts) => {
    if (!names.length) return opts;
    const filters = Object.fromEntries(names.map((n) => [n, { any: [] }]));
    return { ...opts, filters: { ...filters, ...(opts.filters || {}) } };
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

  /** Whether a part may hold at least one requested value of every requested filter,
   * from the values the manifest lists for the part. A filter with too many values to
   * list (province, agency) may match: the part is searched with it when its turn
   * comes, instead of every part being loaded up front to read its values (that cost
   * 3–6 s at 20,000 reports before the first page). */
  const canMatch = (p, filters) => {
    const listed = p.filters || {};
    const names = Object.entries(filters || {}).filter(([name, want]) => asked(want).length && listed[name]);
    return names.every(([name, want]) => {
      const values = listed[name];
      if (want && !Array.isArray(want) && typeof want === "object" && want.all) {
        return want.all.every((v) => values[v]);
      }
      return asked(want).some((v) => values[v]);
    });
  };

  const dated = parts.filter((p) => p.dates && p.dates.length); // manifest order: newest first
  const rest = parts.filter((p) => !(p.dates && p.dates.length));
  // Dated parts are disjoint when each one's first date is not before the next one's last.
  const disjoint = dated.every((p, i) => i === 0 || dated[i - 1].dates[0] >= p.dates[1]);

  /** The parts a query's filters may match, in the order it needs them. */
  const plan = (opts) => {
    const sort = opts.sort && Object.values(opts.sort)[0];
    const order = !sort ? parts : [...(sort === "asc" ? [...dated].reverse() : dated), ...rest];
    return order.filter((p) => canMatch(p, opts.filters));
  };
  /** Of ``list``, the parts that may hold every word (word-map.js; all when it cannot tell). */
  const holdingAll = async (list, holding) => {
    const keys = await holding;
    return keys ? list.filter((p) => keys.has(p.key)) : list;
  };

  async function* stream(term, { words, ...opts } = {}) {
    let list = plan(opts);
    const holding = words && words.length ? partsHolding(root, manifest, words) : null;
    const sort = opts.sort && Object.values(opts.sort)[0];
    if (sort && !disjoint) {
      // Overlapping dates: nothing is known before every dated part is searched.
      list = await holdingAll(list, holding);
      const key = Object.keys(opts.sort)[0];
      const datedList = list.filter((p) => p.dates && p.dates.length);
      const got = [];
      for (const p of datedList) got.push(await searchPart(p, term, opts));
      const resps = got;
      const withDates = await Promise.all(resps.flatMap((r) => r.results).map(
        async (r) => [r, ((await r.data()).meta || {})[key] || ""]));
      withDates.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) * (sort === "asc" ? 1 : -1));
      const resp = { ...combine(resps, withDates.map((x) => x[0])) };
      yield { part: null, rank: 0, resp, searched: datedList.length, planned: list.length };
      let searched = datedList.length;
      for (const p of list.filter((x) => !datedList.includes(x))) {
        const r = await searchPart(p, term, opts);
        yield { part: p, rank: ++searched - 1, resp: r, searched, planned: list.length };
      }
      return;
    }
    // One small fetch (the words' shards, fetched while the visitor typed: preload())
    // before the first part: the newest part's instance is made meanwhile (warm()), and
    // a part that cannot hold the words is never loaded (Pagefind would answer a word it
    // lacks with a longer word it has, or without that word: not a match).
    list = await holdingAll(list, holding);
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      // The first part answers without filter counts: loading every filter's chunk and
      // counting took ~40% of its search (measured at 20,000 reports), time the first
      // page waits for. counts() searches it again with them, once that page is shown.
      const lazy = i === 0 && names.length > 0;
      const resp = await searchPart(p, term, opts, !lazy);
      yield {
        part: p, rank: i, resp: lazy ? { ...resp, filters: {} } : resp, searched: i + 1, planned: list.length,
        counts: lazy ? () => searchPart(p, term, opts).then((r) => r.filters) : null,
      };
    }
  }

  const combine = (resps, results) => ({
    results,
    filters: sumFilters(resps.map((r) => r.filters)),
    totalFilters: sumFilters(resps.map((r) => r.totalFilters)),
    unfilteredResultCount: resps.reduce((s, r) => s + (r.unfilteredResultCount || 0), 0),
  });

  return {
    parts,
    stream,
    /** Make the newest part's instance now (the search page calls this on opening,
     * while the query's word shards are fetched), so a search only fetches its words. */
    warm() {
      instance(parts[0]).catch(() => {});
    },
    /** Fetch the words of ``term`` in the newest part, and the word map's shards of
     * ``words`` (while the visitor types). Not the filter chunks: the newest part is
     * first searched without counts (stream()), they would only delay it. */
    async preload(term, words = []) {
      if (words.length) partsHolding(root, manifest, words).catch(() => {});
      const inst = await instance(parts[0]);
      return exclusive(() => inst.preload(term, {}));
    },
    async search(term, opts = {}) {
      const resps = [];
      const results = [];
      for await (const step of stream(term, opts)) {
        resps.push(step.counts ? { ...step.resp, filters: await step.counts() } : step.resp);
        results.push(...step.resp.results);
      }
      if (!(opts.sort && Object.values(opts.sort)[0])) {
        results.sort((a, b) => b.score - a.score); // stable: ties keep manifest order
      }
      return combine(resps, results);
    },
    async filters() {
      if (manifest.filters) return manifest.filters;
      const all = [];
      for (const p of parts) all.push(await filtersOf(p));
      return sumFilters(all);
    },
  };
}
