const FIRST_ID = 1001;

/**
 * One kind of resource in a fake cloud (servers, firewalls...). A plain map with deterministic
 * ids, so a test that runs twice sees the same ids.
 */
export class ResourceStore<T extends { id: string }> {
  readonly #items = new Map<string, T>();
  #counter = FIRST_ID;
  #created = 0;

  /**
   * @param kind what the store holds, e.g. `'server'`; shown by `leftovers()`.
   * @param describe how an item reads in `leftovers()`; default `'<kind> <id>'`.
   */
  constructor(
    readonly kind: string,
    readonly describe: (item: T) => string = (item) => `${kind} ${item.id}`,
  ) {}

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  /** Inserts or replaces the item with the same id; returns it. */
  set(item: T): T {
    if (!this.#items.has(item.id)) this.#created += 1;
    this.#items.set(item.id, item);
    return item;
  }

  /** How many distinct items were ever inserted (deleted ones included) since the last `clear()`. */
  get created(): number {
    return this.#created;
  }

  /** Removes an item; `false` when there was none. */
  delete(id: string): boolean {
    return this.#items.delete(id);
  }

  has(id: string): boolean {
    return this.#items.has(id);
  }

  /** Every item, in insertion order. */
  values(): T[] {
    return [...this.#items.values()];
  }

  get size(): number {
    return this.#items.size;
  }

  /** The next id: `'1001'`, `'1002'`... or `prefix` followed by the counter (`'fw-1001'`). */
  nextId(prefix = ''): string {
    const id = `${prefix}${this.#counter}`;
    this.#counter += 1;
    return id;
  }

  /** Empties the store and restarts its ids. */
  clear(): void {
    this.#items.clear();
    this.#counter = FIRST_ID;
    this.#created = 0;
  }
}
