import { renderBody } from '@/lib/render';
const kinds: Record<string, string> = {
  fontSiblings: '<p>' + '<font color="red">字</font>'.repeat(40_000) + '</p>',
  fontNested: '<font>'.repeat(40_000) + '字' + '</font>'.repeat(40_000),
  spans: '<p>' + '<span>字</span>'.repeat(40_000) + '</p>',
};
for (const [k, body] of Object.entries(kinds)) {
  if (process.argv[2] && process.argv[2] !== k) continue;
  const t = performance.now();
  const out = renderBody(body, 'html');
  console.log(k, Math.round(performance.now() - t), 'ms', out.html.length);
}
