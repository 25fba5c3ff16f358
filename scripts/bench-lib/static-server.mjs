// Reference point for cached-page throughput (DESIGN §7 compares with "nginx serving the same
// HTML"): the smallest possible Node server answering every request with one file's bytes.
// Whatever it reaches is the ceiling of this machine, loopback and load generator together.
//   node scripts/bench-lib/static-server.mjs FILE PORT
import fs from 'node:fs';
import http from 'node:http';

const [file, port] = process.argv.slice(2);
const body = fs.readFileSync(file);
http
  .createServer((req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () =>
    console.log(`serving ${body.length} bytes on 127.0.0.1:${port}`),
  );
