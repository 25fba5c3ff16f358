// How the report writes figures, and how a target row finds its result: at the size the target
// is stated for (else the largest measured, saying so), or in the result that ran a step; a
// step that did not run or failed is said in words, never shown as a number.
const MB = 2 ** 20;
export { MB };

export const ms = (v) =>
  v == null
    ? '–'
    : v < 1000
      ? `${v.toFixed(v < 10 ? 1 : 0)} ms`
      : v < 600_000
        ? `${(v / 1000).toFixed(1)} s`
        : `${(v / 60_000).toFixed(1)} min`;
export const mb = (v) =>
  v == null
    ? '–'
    : Math.abs(v) < MB
      ? `${Math.round(v / 1024)} KB`
      : `${(v / MB).toFixed(Math.abs(v) < 10 * MB ? 1 : 0)} MB`;
export const count = (v) => (v == null ? '–' : Math.round(v).toLocaleString('en-US'));
export const rps = (r) =>
  r == null ? '–' : `${count(r.requestsPerSec)} req/s, ${r.errorCount} errors`;
/** 200 / 503 / other (by status) / connection errors. */
export const statusTally = (c) => {
  if (!c) return '–';
  const others = Object.entries(c.others ?? {}).map(([status, n]) => `${count(n)} × ${status}`);
  return `${count(c.ok)} × 200, ${count(c.shed)} × 503, ${count(c.other)} other${others.length ? ` (${others.join(', ')})` : ''}, ${count(c.connection)} connection errors`;
};

const camel = (name) => name.replace(/-(\w)/g, (_, ch) => ch.toUpperCase());

/** Why the figures of `step` are missing from a result, or null when they are there. */
export function missing(r, step) {
  if (!r) return 'not run at any size';
  if (r.skipped?.[step]) return `not run: ${r.skipped[step]}`;
  const x = step === 'cold-start' ? r.coldStart : r[camel(step)];
  if (x == null) return 'not run';
  if (x.error) return `failed: ${x.error.split('\n')[0].slice(0, 160)}`;
  return null;
}

/** The result a target reads: the one that ran its step at `at`, else the largest that ran it. */
export function resultFor(t, results) {
  const ran = results.filter((r) => t.steps.every((s) => !missing(r, s)));
  return (
    ran.find((r) => r.size === t.at) ??
    ran.at(-1) ??
    results.find((r) => r.size === t.at) ??
    results.at(-1)
  );
}

/** One row: what, at which size, the figure, the target, the verdict (ok / MISS / –). */
export function row(t, results) {
  if (t.all) {
    const ok = t.ok(null, results);
    return [t.what, 'every size run', t.show(null, results), t.target, ok ? 'ok' : 'MISS'];
  }
  const r = resultFor(t, results);
  const size = r
    ? `${count(r.size)}${t.at && r.size !== t.at ? ` (target at ${count(t.at)})` : ''}`
    : '–';
  const why = t.steps.map((s) => missing(r, s)).find(Boolean);
  if (why) return [t.what, size, why, t.target, '–'];
  try {
    const ok = t.ok(r, results);
    return [t.what, size, t.show(r, results), t.target, ok == null ? '–' : ok ? 'ok' : 'MISS'];
  } catch (error) {
    return [t.what, size, `not measured: ${error.message}`, t.target, '–'];
  }
}

/** A Markdown table of rows under a header. */
export function table(header, rows) {
  const all = [header, ...rows].map((cells) =>
    cells.map((c) => String(c ?? '–').replaceAll('|', '/')),
  );
  const widths = header.map((_, i) => Math.max(...all.map((cells) => cells[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(all[0]),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...all.slice(1).map(line),
  ].join('\n');
}
