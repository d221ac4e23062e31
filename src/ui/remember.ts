// A panel drawn again with the inputs it was last drawn with gives the same lines: while the lab
// plays, the screen is drawn ten times a second for the header's clock, and the step's state (the
// same object until the step changes) would otherwise be turned into every panel's lines again.

/**
 * `f` remembering its last call: called again with the same arguments (each the same primitive or
 * the same object, as `===` compares them), it returns the last result without calling `f`. The
 * arguments must not be changed in place (the lab's state and views are never mutated).
 */
export function rememberLast<A extends readonly unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | undefined;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((a, i) => a === args[i])) return last.result;
    const result = f(...args);
    last = { args, result };
    return result;
  };
}

/** `f` of an object, remembered per object (while the object lives). */
export function rememberPer<K extends object, R>(f: (key: K) => R): (key: K) => R {
  const known = new WeakMap<K, R>();
  return (key: K): R => {
    if (known.has(key)) return known.get(key)!;
    const result = f(key);
    known.set(key, result);
    return result;
  };
}
