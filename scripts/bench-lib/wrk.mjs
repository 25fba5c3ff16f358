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
  };
}

/**
 * `wrk -t<threads> -c<connections> -d<seconds>s --latency --timeout 2s` against one URL, or
 * against a mix of `paths` on `base`.
 */
export async function wrk(target, { threads = 2, connections = 50, seconds = 10, paths, workDir }) {
  const args = [
    `-t${threads}`,
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    '--timeout',
    '2s',
  ];
  if (paths) {
    const script = path.join(workDir, 'mixed.lua');
    const list = path.join(workDir, 'mixed-paths.txt');
    fs.writeFileSync(script, MIXED);
    fs.writeFileSync(list, `${paths.join('\n')}\n`);
    args.push('-s', script, target, '--', list);
  } else {
    args.push(target);
  }
  const { stdout } = await run('wrk', 'wrk', args, { timeoutMs: (seconds + 60) * 1000 });
  return { target, threads, connections, seconds, ...parseWrk(stdout) };
}

/** Whether wrk is installed (`apt-get install wrk`). */
export function hasWrk() {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => fs.existsSync(path.join(dir, 'wrk')));
}
