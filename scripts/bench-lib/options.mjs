// The benchmark's command line: which sizes, which scenarios, how long each runs. A mistake is
// told with the usage and exit code 2.
import { parseArgs } from 'node:util';

/** Every scenario, in the order a size runs them (`--only`, `--skip` take these names). */
export const SCENARIOS = [
  'index',
  'build',
  'fill',
  'uncached',
  'lists',
  'mixed',
  'wrk',
  'new-post',
  'search',
  'sitemaps',
  'costly',
  'big-bodies',
  'readers',
  'next-start',
  'crawl',
  'first-minutes',
  'instances',
];

export const USAGE = `usage: node scripts/bench.mjs [--sizes 200,20000,100000] [--quick]
       [--only S,S | --skip S,S] [--seconds S] [--mixed S] [--crawl-max N]
       [--instances N|0] [--early N|0] [--readers N|0] [--first-minutes S]
       [--fill-max S] [--render-wait S] [--archives DIR] [--out FILE]
scenarios (each size, in this order; a server starts on a fresh index for them, which is the
cold start): ${SCENARIOS.join(', ')}
  --sizes          archive sizes (default 200,20000,100000; --quick: 200,2000)
  --quick          short runs a CI machine can afford
  --seconds S      wrk runs on one page (default 10; --quick 3)
  --mixed S        the mixed load (default 60; --quick 5)
  --crawl-max N    crawl only archives up to N posts (default 20000)
  --instances N|0  the size the instances run on (default the largest up to 20000; 0: none)
  --early N|0      the size first-minutes runs on (default as --instances)
  --readers N|0    idle readers on the --instances size (default 1000)
  --first-minutes S  the window after a start (default 120; --quick 20)
  --fill-max S     the longest the full-text fill is waited for (default 1800; --quick 120)
  --render-wait S  the longest the renders are waited for, up to 100,000 posts (default 1800;
                   --quick 60); over 100,000 posts they are not waited for
  --archives DIR   link .data/bench/N/content to DIR/N/content where it does not exist`;

function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const list = (value) => (value ? value.split(',').map((s) => s.trim()) : null);

function number(name, value, fallback) {
  const n = Number(value ?? fallback);
  if (!Number.isFinite(n) || n < 0) fail(`--${name}: a number of 0 or more, not ${value}`);
  return n;
}

/** The parsed options (exits on a mistake or --help). */
export function options(argv) {
  const spec = {
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  };
  for (const name of [
    'sizes',
    'only',
    'skip',
    'seconds',
    'mixed',
    'crawl-max',
    'instances',
    'early',
    'readers',
    'first-minutes',
    'fill-max',
    'render-wait',
    'archives',
    'out',
  ])
    spec[name] = { type: 'string' };
  let v;
  try {
    v = parseArgs({ args: argv, options: spec }).values;
  } catch (error) {
    fail(error.message);
  }
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const sizes = (list(v.sizes) ?? (v.quick ? ['200', '2000'] : ['200', '20000', '100000'])).map(
    Number,
  );
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    fail('--sizes: positive integers, comma-separated');
  const only = list(v.only);
  const skip = list(v.skip) ?? [];
  for (const name of [...(only ?? []), ...skip]) {
    if (!SCENARIOS.includes(name)) fail(`no scenario ${name}`);
  }
  if (only && v.skip) fail('--only and --skip: one or the other');
  const quick = v.quick;
  const instances = number('instances', v.instances, sizes.filter((n) => n <= 20000).at(-1) ?? 0);
  return {
    sizes,
    quick,
    chosen: (name) => (only ? only.includes(name) : !skip.includes(name)),
    seconds: number('seconds', v.seconds, quick ? 3 : 10),
    mixed: number('mixed', v.mixed, quick ? 5 : 60),
    crawlMax: number('crawl-max', v['crawl-max'], 20000),
    instances,
    early: number('early', v.early, instances),
    readers: number('readers', v.readers, 1000),
    readersSeconds: quick ? 20 : 60,
    firstMinutes: number('first-minutes', v['first-minutes'], quick ? 20 : 120),
    fillMaxMs: number('fill-max', v['fill-max'], quick ? 120 : 1800) * 1000,
    renderWaitMs: number('render-wait', v['render-wait'], quick ? 60 : 1800) * 1000,
    archives: v.archives ?? null,
    out: v.out ?? 'bench-results/bench.json',
    dist: '.next-bench',
    token: 'bench-token',
    shown: { ...v, sizes },
  };
}
