// One value per server process. Next bundles instrumentation, each route and the background
// jobs separately, so a module-level `let` can exist several times in one process: state that
// must be shared (the open index, timers, the render pool) lives on globalThis instead.

/** The process's one value for `name`, made by `create` the first time it is asked for. */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`finews.${name}`);
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  let value = holder[key];
  if (value === undefined) {
    value = create();
    holder[key] = value;
  }
  return value;
}
