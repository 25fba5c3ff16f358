#!/usr/bin/env node
// deploy/nginx.conf for a given set of instances: the upstream servers and the port nginx
// listens on replaced, everything else (the micro-cache rules) as written there.
//
//   node scripts/nginx-conf.mjs --listen 8080 --upstream 3001,3002 [--foreground] > nginx.conf
//
// The end-to-end tests and the benchmark run nginx from what this writes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const NGINX_TEMPLATE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../deploy/nginx.conf',
);

/**
 * The configuration for `upstreams` (ports on 127.0.0.1) behind `listen`; `foreground` keeps
 * nginx attached to the process that starts it (one worker, no daemon), as tests need.
 */
export function nginxConf({ listen, upstreams, foreground = false }) {
  const template = fs.readFileSync(NGINX_TEMPLATE, 'utf8');
  const servers = upstreams
    .map((port) => `    server 127.0.0.1:${port} max_fails=3 fail_timeout=5s;\n`)
    .join('');
  let conf = template
    .replace(/^ {4}server 127\.0\.0\.1:\d+ [^;]*;\n/gm, '')
    .replace(/upstream finews \{\n/, `upstream finews {\n${servers}`)
    .replace(/listen 127\.0\.0\.1:\d+/, `listen 127.0.0.1:${listen}`);
  if (foreground) {
    // Started by root (CI), workers would drop to `nobody` and lose the private temp folders.
    const user = process.getuid?.() === 0 ? '\nuser root;' : '';
    conf = conf.replace(/^worker_processes auto;/m, `worker_processes 1;\ndaemon off;${user}`);
  }
  return conf;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const usage =
    'usage: node scripts/nginx-conf.mjs --listen PORT --upstream PORT[,PORT…] [--foreground]';
  try {
    const { values } = parseArgs({
      options: {
        listen: { type: 'string', default: '8080' },
        upstream: { type: 'string', default: '3001,3002' },
        foreground: { type: 'boolean', default: false },
      },
    });
    const upstreams = values.upstream.split(',').map(Number);
    if (![Number(values.listen), ...upstreams].every((p) => Number.isInteger(p) && p > 0)) {
      throw new Error('ports are positive integers');
    }
    process.stdout.write(
      nginxConf({ listen: Number(values.listen), upstreams, foreground: values.foreground }),
    );
  } catch (error) {
    console.error(`${error.message}\n${usage}`);
    process.exit(2);
  }
}
