// Vitest 5 prints failures with Map.groupBy / Object.groupBy, which arrived in Node 21. Node 20 is
// what these machines run, so provide them (spec-equivalent) before Vitest loads.
if (typeof Map.groupBy !== "function") {
  Map.groupBy = function groupBy(items, keyOf) {
    const map = new Map();
    let i = 0;
    for (const item of items) {
      const key = keyOf(item, i++);
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
    return map;
  };
}
if (typeof Object.groupBy !== "function") {
  Object.groupBy = function groupBy(items, keyOf) {
    const out = Object.create(null);
    let i = 0;
    for (const item of items) {
      const key = keyOf(item, i++);
      (out[key] ??= []).push(item);
    }
    return out;
  };
}
