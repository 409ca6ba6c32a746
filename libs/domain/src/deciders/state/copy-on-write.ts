/**
 * How the evolve functions build the next state: never by changing the one they were given.
 *
 * A state is a tree of plain records that only grow during a long call (speeches, deliveries,
 * generations, chat), so copying a record per event made folding a tail of n events cost
 * n × the state's size — a 10,000-event session took 0.2–0.4 ms per event (docs/performance.md).
 * Inside `foldEvents`, a record that the fold itself created is not shared with anything yet
 * (the intermediate states are thrown away), so the next event of the same fold updates it in
 * place instead of copying it again. Records the fold was given are never written: the first
 * change copies them, exactly as outside a fold. The result is the same state, key order
 * included, so replay stays byte for byte.
 *
 * The set of fresh records is module state, set and cleared around one synchronous fold: no
 * other code runs in between.
 */
let fresh: WeakSet<object> | undefined;

function claimed<T extends object>(value: T): T {
  fresh?.add(value);
  return value;
}

/** Folds events one after another; every record created along the way is updated in place by later events. */
export function foldEvents<State, Event>(state: State, events: Iterable<Event>, evolve: (state: State, event: Event) => State): State {
  const outer = fresh;
  fresh = new WeakSet();
  try {
    let folded = state;
    for (const event of events) folded = evolve(folded, event);
    return folded;
  } finally {
    fresh = outer;
  }
}

/** `{ ...record, ...change }`. */
export function withFields<T extends object>(record: T, change: Partial<T>): T {
  if (fresh?.has(record)) return Object.assign(record, change);
  return claimed({ ...record, ...change });
}

/** `{ ...table, [key]: value }`. */
export function withEntry<V>(table: Readonly<Record<string, V>>, key: string, value: V): Readonly<Record<string, V>> {
  if (fresh?.has(table)) {
    (table as Record<string, V>)[key] = value;
    return table;
  }
  return claimed({ ...table, [key]: value });
}

/** `[...list, item]`. */
export function withItem<V>(list: readonly V[], item: V): readonly V[] {
  if (fresh?.has(list)) {
    (list as V[]).push(item);
    return list;
  }
  return claimed([...list, item]);
}

/** A record built whole by an evolve function: fresh, so later events of the fold may update it in place. */
export function created<T extends object>(value: T): T {
  return claimed(value);
}
