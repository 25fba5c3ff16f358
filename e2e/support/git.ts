// A content repository as editors and the site have it: a bare origin, an editor's clone that
// commits and pushes, and the site's own checkout (CONTENT_DIR) that pulls.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: '编辑',
      GIT_AUTHOR_EMAIL: 'editor@example.test',
      GIT_COMMITTER_NAME: '编辑',
      GIT_COMMITTER_EMAIL: 'editor@example.test',
    },
  }).trim();
}

export type ContentRepo = {
  root: string;
  origin: string;
  editor: string;
  site: string;
  /** Writes a post in the editor's clone, commits it and pushes it; its path in the repo. */
  publish: (name: string, text: string, clone?: string) => string;
  cleanup: () => void;
};

export function contentRepo(): ContentRepo {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'content-repo-'));
  const origin = path.join(root, 'origin.git');
  const editor = path.join(root, 'editor');
  const site = path.join(root, 'site');
  git(root, 'init', '--bare', '--initial-branch=main', origin);
  git(root, 'clone', origin, editor);
  const publish = (name: string, text: string, clone = editor) => {
    const rel = `_posts/${name}`;
    fs.mkdirSync(path.join(clone, '_posts'), { recursive: true });
    fs.writeFileSync(path.join(clone, rel), text);
    git(clone, 'add', rel);
    git(clone, 'commit', '-q', '-m', `add ${name}`);
    git(clone, 'push', '-q', 'origin', 'HEAD:main');
    return rel;
  };
  publish('2026-11-01-first.md', post('第一篇稿件', '2026-11-01 09:00:00 +0800'));
  git(root, 'clone', origin, site);
  return {
    root,
    origin,
    editor,
    site,
    publish,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** A post's text. */
export function post(title: string, date: string, categories = 'kuaixun'): string {
  return `---\ntitle: "${title}"\ndate: ${date}\ncategories: ${categories}\ntags: 测试标签\n---\n<p>${title}：正文。</p>\n`;
}
