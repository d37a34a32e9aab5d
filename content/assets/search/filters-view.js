// The search's state in the URL and its filters as shown (search.js): the filter groups
// with their counts, a year range ("Từ năm … đến năm …"), a removable chip per active
// filter above the results.
//
// State: ?q=…&sort=moi|cu&tinh=…&nam=…&tu=2020&den=2024 (filters repeat). The range is
// searched as the filter nam (the years it covers): exact, and a partitioned index skips
// the parts of other years without loading them (partitioned-index.js, canMatch).
//
// Re-rendering keeps what the visitor was on: the control that had the keyboard focus
// has it again (a toggled box, a range list, the "clear" button; a removed chip hands
// it to the next chip or the query box) and groups keep their open/closed state.

import { el } from "./result-view.js";

export const FILTERS = [
  ["tinh", "Tỉnh, thành (khi ban hành)"],
  ["tinh_2025", "Tỉnh, thành sau sáp nhập 2025"],
  ["co_quan", "Cơ quan ban hành"],
  ["loai", "Loại văn bản"],
  ["nam", "Năm"],
  ["nhom", "Loại trang"],
];
export const SORTS = { moi: "desc", cu: "asc" };
const LABEL = Object.fromEntries(FILTERS);
const WIDE = window.matchMedia("(min-width: 60em)");
const YEAR = /^\d{4}$/;
const FIRST_YEAR = 1945; // a range with no start: from the first year a report can be from

// ---------------------------------------------------------------- state in the URL

export function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [name] of FILTERS) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) filters[name] = values;
  }
  const sort = SORTS[params.get("sort")] ? params.get("sort") : "";
  const year = (k) => (YEAR.test(params.get(k) || "") ? params.get(k) : "");
  return { q: (params.get("q") || "").trim(), filters, sort, tu: year("tu"), den: year("den") };
}

/** The query string of ``state`` (without "?"): the page's URL, and the export links'. */
export function stateParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort) params.set("sort", state.sort);
  for (const [name] of FILTERS) for (const v of state.filters[name] || []) params.append(name, v);
  if (state.tu) params.set("tu", state.tu);
  if (state.den) params.set("den", state.den);
  return params;
}

export function writeState(state, push) {
  const params = stateParams(state);
  const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
  history[push ? "pushState" : "replaceState"](null, "", url);
}

/** The filters Pagefind is given for ``state``: the chosen values, the year range as the
 * years it covers (intersected with chosen years; none left: a year no page has). */
export function searchFilters(state) {
  const filters = {};
  for (const [name, values] of Object.entries(state.filters)) filters[name] = { any: values };
  if (state.tu || state.den) {
    const from = Number(state.tu || FIRST_YEAR);
    const to = Number(state.den || new Date().getFullYear() + 1);
    const years = [];
    for (let y = Math.max(from, FIRST_YEAR); y <= to && years.length < 200; y++) years.push(String(y));
    const chosen = state.filters.nam;
    const kept = chosen ? years.filter((y) => chosen.includes(y)) : years;
    filters.nam = { any: kept.length ? kept : ["0000"] };
  }
  return filters;
}

export const hasFilters = (state) => Object.keys(state.filters).length > 0 || Boolean(state.tu || state.den);
const withoutFilters = (state) => ({ ...state, filters: {}, tu: "", den: "" });

// ---------------------------------------------------------------- the filter box

const COLLATOR = new Intl.Collator("vi");

/** The filter box and the chips, drawn again on every change of state or counts.
 * ctx: {box, chips, input (the query box), all() (every filter's values and counts),
 * note() (what the counts cover while a search is partial, or ""), update(state, push)}. */
export function filtersView(ctx) {
  const { box, chips } = ctx;
  // A filter's values in the order shown (years newest first, the rest in Vietnamese
  // order), sorted once: the agencies of a national archive are ~900, and
  // localeCompare(b, "vi") builds a collator per call (~12 ms a sort, on every render).
  const sortedValues = new Map(); // filter name → {all, values}
  const valuesOf = (name) => {
    const all = ctx.all()[name] || {};
    let got = sortedValues.get(name);
    if (!got || got.all !== all) {
      const order = name === "nam" ? (a, b) => COLLATOR.compare(b, a) : COLLATOR.compare;
      got = { all, values: Object.keys(all).sort(order) };
      sortedValues.set(name, got);
    }
    return got.values;
  };
  let chipFocus = null; // the chip to focus after a chip was removed (its index)

  function render(state, counts, searched, partial = false) {
    // what the visitor was on: the focused control, the open groups
    const active = document.activeElement;
    const focusKey = active && box.contains(active) ? active.dataset.focusKey : null;
    const wasOpen = new Map([...box.querySelectorAll("details[data-filter]")].map((d) => [d.dataset.filter, d.open]));
    box.replaceChildren();
    const head = el("div", { class: "mb-filters__head" }, el("h2", {}, "Lọc kết quả"));
    if (hasFilters(state)) {
      const clear = el("button", { type: "button", class: "mb-filters__clear", "data-focus-key": "clear" }, "Bỏ lọc");
      clear.addEventListener("click", () => ctx.update(withoutFilters(state), true));
      head.append(clear);
    }
    box.append(head);
    box.dataset.partial = partial ? "1" : "";
    const note = partial ? ctx.note() : "";
    if (note) box.append(el("p", { class: "mb-filters__note" }, note));
    const open = (name, chosen, small) => (wasOpen.has(name) ? wasOpen.get(name) || chosen : chosen || (WIDE.matches && small));
    for (const [name, label] of FILTERS) {
      const values = valuesOf(name);
      if (!values.length) continue;
      const chosen = new Set(state.filters[name] || []);
      const shown = searched ? counts[name] || {} : ctx.all()[name] || {};
      const group = el("details", { class: "mb-filter", "data-filter": name });
      // Open on wide screens; on a phone only chosen groups, so the results stay in sight.
      group.open = open(name, chosen.size > 0, values.length <= 8);
      group.append(el("summary", { "data-focus-key": `group:${name}` }, label + (chosen.size ? ` (${chosen.size})` : "")));
      const ul = el("ul", {});
      for (const v of values) {
        const n = shown[v] || 0;
        const key = `box:${name}:${v}`;
        if (!n && !chosen.has(v) && key !== focusKey) continue;
        const input = el("input", { type: "checkbox", name, value: v, "data-focus-key": key });
        input.checked = chosen.has(v);
        input.addEventListener("change", () => {
          const next = { ...state.filters };
          const set = new Set(next[name] || []);
          input.checked ? set.add(v) : set.delete(v);
          if (set.size) next[name] = [...set]; else delete next[name];
          ctx.update({ ...state, filters: next }, true);
        });
        ul.append(el("li", {}, el("label", {}, input, " ", v, " ", el("span", { class: "mb-filter__count" }, `(${n}${partial ? "+" : ""})`))));
      }
      if (ul.children.length) {
        group.append(ul);
        box.append(group);
      }
      // the range right after the years, even while no year has a count yet
      if (name === "nam") box.append(rangeGroup(state, values, open("khoang", Boolean(state.tu || state.den), true)));
    }
    if (focusKey) {
      const again = box.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
      if (again) again.focus();
    }
    renderChips(state);
  }

  /** "Khoảng thời gian": from year … to year …, over the years the index holds. */
  function rangeGroup(state, years, isOpen) {
    const group = el("details", { class: "mb-filter mb-filter--range", "data-filter": "khoang" });
    group.open = isOpen;
    group.append(el("summary", { "data-focus-key": "group:khoang" }, "Khoảng thời gian"));
    const asc = [...years].sort();
    const select = (key, label, value) => {
      const s = el("select", { name: key, id: `mb-range-${key}`, "data-focus-key": `range:${key}` },
        el("option", { value: "" }, "—"), ...asc.map((y) => el("option", { value: y }, y)));
      if (value && !asc.includes(value)) s.append(el("option", { value }, value)); // a year no page has
      s.value = value || "";
      s.addEventListener("change", () => ctx.update({ ...state, [key]: s.value }, true));
      return el("label", { class: "mb-range__field", for: `mb-range-${key}` }, label, " ", s);
    };
    group.append(el("div", { class: "mb-range" }, select("tu", "Từ năm", state.tu), select("den", "đến năm", state.den)));
    return group;
  }

  /** One removable chip per active filter value and range bound. */
  function renderChips(state) {
    const items = [];
    for (const [name] of FILTERS) {
      for (const v of state.filters[name] || []) {
        const next = { ...state.filters, [name]: state.filters[name].filter((x) => x !== v) };
        if (!next[name].length) delete next[name];
        items.push([`${LABEL[name]}: ${v}`, { ...state, filters: next }]);
      }
    }
    if (state.tu) items.push([`Từ năm ${state.tu}`, { ...state, tu: "" }]);
    if (state.den) items.push([`Đến năm ${state.den}`, { ...state, den: "" }]);
    // a chip that has the focus keeps it when the chips are drawn again
    const had = [...chips.querySelectorAll("button")].indexOf(document.activeElement);
    if (chipFocus === null && had >= 0) chipFocus = had;
    chips.replaceChildren(...items.map(([text, next], i) => {
      const b = el("button", { type: "button", class: "mb-chip", "aria-label": `Bỏ lọc ${text}` },
        el("span", {}, text), el("span", { class: "mb-chip__x", "aria-hidden": "true" }, "×"));
      b.addEventListener("click", () => {
        chipFocus = i;
        ctx.update(next, true);
      });
      return el("li", {}, b);
    }));
    chips.hidden = !items.length;
    if (chipFocus !== null) {
      const buttons = chips.querySelectorAll("button");
      (buttons[Math.min(chipFocus, buttons.length - 1)] || ctx.input).focus();
      chipFocus = null;
    }
  }

  return { render };
}
