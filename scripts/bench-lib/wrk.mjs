// Throughput as the team measures it: wrk (Debian's package) on loopback, its request rate,
// latency percentiles and every error it counts. A list of paths (a file) makes a mixed load.
import fs from 'node:fs';
import path from 'node:path';

import { run } from './proc.mjs';

/** A wrk Lua script that cycles, from a random start, through the paths in the file it is given. */
const MIXED = `
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8), 16) or 0))
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
`;

/**
 * Counts answers by status in each thread (response()) and prints the sums once (done()), so a
 * 503 the server sheds load with is told apart from a failure.
 */
const STATUSES = `
local threads = {}
function setup(thread) table.insert(threads, thread) end
s2xx, s3xx, s4xx, s503, s5xx = 0, 0, 0, 0, 0
function response(status, headers, body)
  if status == 503 then s503 = s503 + 1
  elseif status >= 500 then s5xx = s5xx + 1
  elseif status >= 400 then s4xx = s4xx + 1
  elseif status >= 300 then s3xx = s3xx + 1
  else s2xx = s2xx + 1 end
end
function done(summary, latency, requests)
  local t = { s2xx = 0, s3xx = 0, s4xx = 0, s503 = 0, s5xx = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  io.write(string.format("STATUSES 2xx=%d 3xx=%d 4xx=%d 503=%d 5xx=%d\\n",
    t.s2xx, t.s3xx, t.s4xx, t.s503, t.s5xx))
end
`;

const num = (m, i = 1) => (m ? Number(m[i]) : 0);

function ms(value, unit) {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

/** The figures of wrk's report (`--latency`). */
export function parseWrk(out) {
  const pct = (p) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? ms(m[1], m[2]) : null;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = {
    connect: num(socket, 1),
    read: num(socket, 2),
    write: num(socket, 3),
    timeout: num(socket, 4),
    non2xx3xx: num(/Non-2xx or 3xx responses: (\d+)/.exec(out)),
  };
  return {
    requests: num(/(\d+) requests in/.exec(out)),
    requestsPerSec: num(/Requests\/sec:\s+([\d.]+)/.exec(out)),
    latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99) },
    errors,
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    ...statusesOf(out, errors),
  };
}

/**
 * With the status counter: answers by status, and the errors that are not the server shedding
 * load (socket errors and non-2xx/3xx answers other than 503).
 */
function statusesOf(out, errors) {
  const m = /^STATUSES 2xx=(\d+) 3xx=(\d+) 4xx=(\d+) 503=(\d+) 5xx=(\d+)$/m.exec(out);
  if (!m) return {};
  const statuses = {
    '2xx': num(m, 1),
    '3xx': num(m, 2),
    '4xx': num(m, 3),
    503: num(m, 4),
    '5xx': num(m, 5),
  };
  const socket = errors.connect + errors.read + errors.write + errors.timeout;
  return {
    statuses,
    shed: statuses[503],
    errorsBesidesShed: socket + statuses['4xx'] + statuses['5xx'],
  };
}

/**
 * `wrk -t<threads> -c<connections> -d<seconds>s --latency --timeout 2s` against one URL, or
 * against a mix of `paths` on `base`; `statuses` counts answers by status (it costs wrk some
 * speed: not for throughput figures).
 */
export async function wrk(
  target,
  { threads = 2, connections = 50, seconds = 10, paths, workDir, statuses = false },
) {
  const args = [
    `-t${threads}`,
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    '--timeout',
    '2s',
  ];
  const lua = `${paths ? MIXED : ''}${statuses ? STATUSES : ''}`;
  if (lua) {
    const script = path.join(workDir, `wrk-${process.pid}.lua`);
    fs.writeFileSync(script, lua);
    args.push('-s', script);
  }
  args.push(target);
  if (paths) {
    const list = path.join(workDir, 'mixed-paths.txt');
    fs.writeFileSync(list, `${paths.join('\n')}\n`);
    args.push('--', list);
  }
  let stdout;
  try {
    ({ stdout } = await run('wrk', 'wrk', args, { timeoutMs: (seconds + 60) * 1000 }));
  } finally {
    if (lua) fs.rmSync(path.join(workDir, `wrk-${process.pid}.lua`), { force: true });
  }
  return { target, threads, connections, seconds, ...parseWrk(stdout) };
}

/** Whether wrk is installed (`apt-get install wrk`). */
export function hasWrk() {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => fs.existsSync(path.join(dir, 'wrk')));
}
