import { createRequire } from 'node:module';

import { describe, expect, test } from 'vitest';

import { localizeHref, renderBody } from '@/lib/render';

// jsdom ships no type declarations; this is the one constructor the tests use.
type JsdomModule = { JSDOM: new (html: string) => { window: { DOMParser: typeof DOMParser } } };
const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;
const parser = new new JSDOM('<!DOCTYPE html>').window.DOMParser();

/** The rendered HTML as a browser would see it inside the article column. */
function dom(html: string): HTMLElement {
  return parser.parseFromString(`<!DOCTYPE html><body>${html}</body>`, 'text/html').body;
}

function render(body: string, format: 'markdown' | 'html' = 'markdown') {
  const out = renderBody(body, format);
  return { ...out, root: dom(out.html) };
}

function all(root: Element, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

function one(root: Element, selector: string): Element {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`no ${selector} in ${root.innerHTML}`);
  return el;
}

function text(root: Element): string {
  return (root.textContent ?? '').replace(/\s+/g, '');
}

// Bodies shaped like the old site's posts (the project's own text, the scrapers' markup).
const WIRE_ITEM = `
某光学公司消息，近日中长距TOF系统级产品正式发布，可实现20米的探测距离，且精度满足<1%，视场角达到120度以上，适用于服务机器人的导航、避障等场景。

<http://finance.eastmoney.com/news/1354,202112082206796814.html>

[返回东财滚动新闻](../emnews/)
[返回首页](../)
`;
const RAW_HTML_ARTICLE = `> 据官网消息，5月24日，某公司宣布为一款新能源汽车提供新型制冷剂。（示例来源）

<p style="display:none;height:1px;overflow:hidden;"><br /></p><!-- EM_StockImg_Start --><p style="text-align:center;"><a href="http://quote.eastmoney.com/unify/r/106.NIO" data-code="NIO|106|7" class="EmImageRemark" target="_blank"><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=106.NIO&imageType=k" border="0" alt="K图" data-code="K NIO|106|7" style="border:#d1d1d1 1px solid;" width="578" height="276" /></a></p><!-- EM_StockImg_End --><p>国内首款使用超低GWP制冷剂的<span id="bk_90.BK0493"><a href="http://quote.eastmoney.com/unify/r/90.BK0493" class="keytip" data-code="90,BK0493">新能源</a></span><span id="bkquote_90.BK0493"></span>汽车来了！<br /></p><center><img src="https://dfscdn.dfcfw.com/download/D1_w800h555.jpg" alt="Image" width="552" style="border:#d1d1d1 1px solid;padding:3px;margin:5px 0;" /></center><p style="text-align:center;">图片来源：示例官网</p><p>据了解，<span web="1" href="http://quote.eastmoney.com/unify/r/106.NIO" class="em_stock_key_common" data-code="106,NIO">该公司</span>宣布为一款新能源汽车提供HFO-1234yf制冷剂。</p><center><img src="https://dfscdn.dfcfw.com/download/D2_w800h555.jpg" alt="Image" width="552" /></center><p>（文章来源：示例报）</p><p class="em_media">（责任编辑：DF010）</p><p>&lt;&gt;</p>

<>

[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)
`;

const HOSTILE =
  `<p>正常段落一。</p><script>document.title='PWNED';window.__xss=1</script><img src="x" onerror="window.__xss=2"><a href="javascript:window.__xss=3">点我</a><svg onload="window.__xss=4"><circle r="5"/></svg><iframe src="javascript:window.__xss=5"></iframe><p onclick="window.__xss=6" style="color:red">正常段落二。</p><form action="https://evil.example/"><input name="q"><button formaction="javascript:window.__xss=7">提交</button></form><meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/"><style>body{display:none}</style><object data="javascript:window.__xss=8"></object><embed src="javascript:window.__xss=9">` +
  `\n<p>正常段落三。</p>`;

describe('renderBody: formats', () => {
  test('markdown passes a raw HTML block through and renders markdown around it', () => {
    const { root } = render(
      '<p>第一段，<strong>加粗</strong>。</p><center><p>居中</p></center>\n\n## 小标题\n\n*强调*与[链接](https://example.com/a)',
    );
    expect(all(root, 'p').map((p) => p.textContent)).toEqual([
      '第一段，加粗。',
      '居中',
      '强调与链接',
    ]);
    expect(one(root, 'p strong').textContent).toBe('加粗');
    expect(one(root, 'div[style="text-align:center"] > p').textContent).toBe('居中');
    expect(one(root, 'h2').textContent).toBe('小标题');
    expect(one(root, 'em').textContent).toBe('强调');
    expect(one(root, 'a').getAttribute('href')).toBe('https://example.com/a');
  });

  test('markdown turns <http://…> autolinks into links', () => {
    const { root } = render('详见<http://finance.eastmoney.com/a/1.html>。');
    const a = one(root, 'a');
    expect(a.getAttribute('href')).toBe('http://finance.eastmoney.com/a/1.html');
    expect(a.textContent).toBe('http://finance.eastmoney.com/a/1.html');
  });

  test('an .html body is not run through markdown', () => {
    const { root } = render(
      '<p>*不是强调* [不是链接](https://example.com/)</p>\n\n    <p>缩进不是代码</p>',
      'html',
    );
    expect(all(root, 'em, a, pre, code')).toHaveLength(0);
    expect(all(root, 'p').map((p) => p.textContent)).toEqual([
      '*不是强调* [不是链接](https://example.com/)',
      '缩进不是代码',
    ]);
  });

  test('a real wire item renders with its text, source and local back-links', () => {
    const out = render(WIRE_ITEM);
    expect(out.root.textContent).toContain('且精度满足<1%，视场角达到120度以上');
    expect(out.sourceUrl).toBe('http://finance.eastmoney.com/news/1354,202112082206796814.html');
    expect(out.html).not.toContain('eastmoney.com/news');
    expect(
      all(out.root, 'a').map((a) => [
        a.textContent,
        a.getAttribute('href'),
        a.hasAttribute('target'),
      ]),
    ).toEqual([
      ['返回东财滚动新闻', '/category/emnews', false],
      ['返回首页', '/', false],
    ]);
  });

  test('the raw-HTML real article keeps its images and text but loses hidden spacers, classes and data', () => {
    const { root, html } = render(RAW_HTML_ARTICLE);
    expect(text(root)).toContain('某公司宣布为一款新能源汽车提供新型制冷剂');
    expect(all(root, 'div[style="text-align:center"] > img').length).toBeGreaterThan(1);
    expect(
      all(root, 'a[href="//finews.withounder.com/"], a[href="//finews.withounder.com/emnews/"]'),
    ).toHaveLength(0);
    expect(all(root, 'a[href="/"]')).toHaveLength(1);
    expect(all(root, 'a[href="/category/emnews"]')).toHaveLength(1);
    expect(all(root, '[class], [id], [data-code], [style*="display"]')).toHaveLength(0);
    expect(html).not.toMatch(/EM_StockImg|&lt;&gt;|display:none/);
  });
});

describe('renderBody: allow-list', () => {
  test.each(['markdown', 'html'] as const)(
    'the hostile %s body keeps its three paragraphs, and of the rest only harmless text',
    (format) => {
      const { root, html } = render(HOSTILE, format);
      expect(all(root, '*').map((el) => el.tagName)).toEqual(['P', 'P', 'P']);
      expect(all(root, 'p').map((p) => p.textContent)).toEqual([
        '正常段落一。',
        '正常段落二。',
        '正常段落三。',
      ]);
      expect(all(root, 'p').every((p) => p.attributes.length === 0)).toBe(true);
      // The link lost its javascript: target and the form its controls; their words stay.
      expect(text(root)).toBe('正常段落一。点我正常段落二。提交正常段落三。');
      for (const leftover of ['__xss', 'PWNED', 'evil.example', 'style', 'display', 'javascript']) {
        expect(html).not.toContain(leftover);
      }
    },
  );

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'jav&#x61;script:alert(1)',
    'java\tscript:alert(1)',
    'java&#x0A;script:alert(1)',
    '  javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/png;base64,iVBORw0KGgo=',
  ])('a link to %j loses its target and keeps its text', (href) => {
    const { root } = render(`<p>前<a href="${href}">点我</a>后</p>`, 'html');
    expect(all(root, 'a')).toHaveLength(0);
    expect(root.innerHTML).toBe('<p>前点我后</p>');
  });

  test('data: URLs are allowed on images only, and only for images', () => {
    const { root } = render(
      '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="图"><img src="data:text/html,<script>alert(1)</script>" alt="坏"></p>',
      'html',
    );
    expect(all(root, 'img').map((i) => i.getAttribute('src'))).toEqual([
      'data:image/png;base64,iVBORw0KGgo=',
    ]);
  });

  test('images with sources relative to the old pages are dropped; absolute ones stay', () => {
    const { root } = render(
      '<p><img src="x"><img src="images/a.png"><img src="../img/b.png"><img src="https://dfscdn.dfcfw.com/a.jpg"><img src="//img.example/b.jpg"></p>',
      'html',
    );
    expect(all(root, 'img').map((i) => i.getAttribute('src'))).toEqual([
      'https://dfscdn.dfcfw.com/a.jpg',
      '//img.example/b.jpg',
    ]);
  });

  test('no event handler attribute survives on any element', () => {
    const { root } = render(
      '<p onclick="x()" onmouseover="x()">一</p><img src="https://img.example/a.jpg" onerror="x()" onload="x()"><a href="https://example.com/" onfocus="x()">二</a><table onpointerenter="x()"><tr><td onclick="x()">三</td></tr></table><svg onload="x()"><circle r="5"/></svg>',
      'html',
    );
    const names = all(root, '*').flatMap((el) => Array.from(el.attributes, (a) => a.name));
    expect(names.filter((n) => n.startsWith('on'))).toEqual([]);
    expect(all(root, 'svg, circle')).toHaveLength(0);
    expect(text(root)).toBe('一二三');
  });

  test('frames and embeds are removed with their content; objects, forms and controls leave their words', () => {
    const { root } = render(
      '<p>保留</p><iframe src="https://evil.example/">框架</iframe><object data="x.swf"><param name="movie" value="x.swf">插件替代文字</object><embed src="x.swf"><form action="https://evil.example/"><label>标签</label><input value="值"><select><option>选项</option></select><textarea>文本</textarea><button>提交</button></form><button>孤按钮</button>',
      'html',
    );
    // An object's content is what a browser shows when the object does not load.
    expect(root.innerHTML).toBe('<p>保留</p>插件替代文字标签选项文本提交孤按钮');
  });

  test.each([
    ['an unclosed <form>', '<form action="https://evil.example/"><input name="q">'],
    ['an unclosed <button>', '<button onclick="alert(1)">按钮'],
    ['an unclosed <select>', '<select><option>选项'],
    [
      'an unclosed <math>',
      '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
    ],
    ['an unclosed <xmp>', '<xmp><svg><b><style><b title="</style><img>">'],
    ['a <plaintext>', '<plaintext><b>原样显示'],
    ['an unclosed <a> with a script target', '<a href="javascript:alert(1)">点我'],
  ])('%s does not take the paragraphs after it away', (_what, stray) => {
    for (const format of ['html', 'markdown'] as const) {
      const { root, html } = render(`<p>前一段。</p>\n${stray}\n<p>后一段：必须保留。</p>`, format);
      expect(text(root)).toContain('后一段：必须保留。');
      expect(html).not.toMatch(
        /onerror|onclick|javascript:|<(?:form|button|select|math|xmp|plaintext|style|svg)\b/i,
      );
    }
  });

  test.each([
    ['an unclosed <object> with a script target', '<object data=javascript:alert(1)>'],
    [
      'an unclosed <object> with a data: document',
      '<object data="data:text/html,<script>alert(1)</script>">',
    ],
    ['a <foreignObject> outside SVG', '<foreignObject>'],
  ])('%s keeps what follows it, as a browser shows it as fallback content', (_what, stray) => {
    for (const format of ['html', 'markdown'] as const) {
      const { root, html } = render(
        `<p>前一段。</p>\n${stray}\n\n<p>后一段：替代内容。</p>`,
        format,
      );
      expect(text(root)).toBe('前一段。后一段：替代内容。');
      expect(html).not.toMatch(/<(?:object|foreignobject|script)\b|javascript:|data:text/i);
    }
  });

  test('a <foreignObject> inside SVG goes with the SVG', () => {
    const { root } = render(
      '<p>前。</p><svg><foreignObject><p>图里的字</p></foreignObject></svg><p>后。</p>',
      'html',
    );
    expect(text(root)).toBe('前。后。');
  });

  test.each([
    ['a closing tag with a stray word', '网址 http://www.<script>alert(1)</script .com 写错了。'],
    ['a tag split by another', '<scr<script>ipt>alert(1)</scr<script>ipt>'],
    ['a style closed nowhere', '正文 <style>p{display:none}'],
    ['a textarea closed nowhere', '表单 <textarea>留言'],
  ])('an inline raw-text element with %s ends with its paragraph in markdown', (_what, line) => {
    const { root, html } = render(`前一段。\n\n${line}\n\n后一段：必须保留。\n\n## 小标题也在`);
    expect(text(root)).toContain('后一段：必须保留。');
    expect(one(root, 'h2').textContent).toBe('小标题也在');
    expect(html).not.toMatch(/<(?:script|style|textarea)\b|alert\(|display:none/i);
  });

  test('meta refresh, base, link, style and noscript elements are removed', () => {
    const { root, html } = render(
      '<p>正文</p><meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css"><style>p{display:none}</style><noscript>无脚本</noscript>',
      'html',
    );
    expect(root.innerHTML).toBe('<p>正文</p>');
    expect(html).not.toContain('evil.example');
  });

  test('class, id, data-* and other unknown attributes are stripped; title and alt stay', () => {
    const { root } = render(
      '<p class="em_media" id="p1" data-code="1,600160" title="说明" web="1">正文<img src="https://img.example/a.jpg" class="c" data-x="1" alt="图"></p>',
      'html',
    );
    const p = one(root, 'p');
    expect(Array.from(p.attributes, (a) => a.name)).toEqual(['title']);
    const img = one(root, 'img');
    expect(img.hasAttribute('class') || img.hasAttribute('data-x')).toBe(false);
    expect(img.getAttribute('alt')).toBe('图');
  });

  test('text structure survives: headings, lists, quotes, code, emphasis, breaks, rules', () => {
    const { root } = render(
      '### 三级\n\n> 引用\n\n- 甲\n- 乙\n\n1. 一\n2. 二\n\n`行内`代码\n\n```\n块代码\n```\n\n**粗** _斜_ H<sub>2</sub>O x<sup>2</sup><br>换行\n\n---\n\n尾',
    );
    for (const selector of [
      'h3',
      'blockquote',
      'ul > li',
      'ol > li',
      'p > code',
      'pre > code',
      'strong',
      'em',
      'sub',
      'sup',
      'br',
      'hr',
    ]) {
      expect(all(root, selector).length, selector).toBeGreaterThan(0);
    }
    expect(all(root, 'ul > li').map((li) => li.textContent)).toEqual(['甲', '乙']);
  });

  test('markdown and HTML tables survive with their cells and alignment', () => {
    const md = render('| 指标 | 数值 |\n| :-- | --: |\n| 增速 | 4.2% |');
    expect(all(md.root, 'table th').map((c) => c.textContent)).toEqual(['指标', '数值']);
    expect(all(md.root, 'table td').map((c) => c.textContent)).toEqual(['增速', '4.2%']);
    expect(one(md.root, 'td + td').getAttribute('style')).toBe('text-align:right');

    const raw = render(
      '<table class="t"><caption>表</caption><thead><tr><th colspan="2">头</th></tr></thead><tbody><tr><td rowspan="2">甲</td><td>乙</td></tr></tbody></table>',
      'html',
    );
    expect(one(raw.root, 'caption').textContent).toBe('表');
    expect(one(raw.root, 'th').getAttribute('colspan')).toBe('2');
    expect(one(raw.root, 'td').getAttribute('rowspan')).toBe('2');
  });

  test('text inside unknown wrapper elements is kept', () => {
    const { root } = render('<p><font color="red">红字</font><section>节</section></p>', 'html');
    expect(all(root, 'font, section')).toHaveLength(0);
    expect(text(root)).toBe('红字节');
  });
});

describe('renderBody: tidy rules', () => {
  test("the site's own images get the height their width implies, so the page does not shift", () => {
    const { root } = render('<p><img src="/images/sample-chart.svg" width="450"></p>', 'html');
    const img = all(root, 'img')[0];
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['450', '225']);
    const bare = all(render('<img src="/images/sample-chart.svg">', 'html').root, 'img')[0];
    expect([bare?.getAttribute('width'), bare?.getAttribute('height')]).toEqual(['600', '300']);
    const foreign = all(
      render('<img src="https://cdn.example/x.png" width="450">', 'html').root,
      'img',
    )[0];
    expect(foreign?.hasAttribute('height')).toBe(false);
  });

  test('external links open in a new tab with noopener noreferrer nofollow, whatever the source said', () => {
    const { root } = render(
      '<p><a href="http://quote.eastmoney.com/unify/r/1.600160" target="_self" rel="opener">巨化股份</a><a href="//news.example/x">协议相对</a></p>',
      'html',
    );
    for (const a of all(root, 'a')) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    }
  });

  test('in-page, local and mail links get no target or rel, even if the source set them', () => {
    const { root } = render(
      '<p><a href="#注释" target="_blank">注</a><a href="/about" target="_top" rel="opener">关于</a><a href="mailto:a@example.com">信</a></p>',
      'html',
    );
    expect(all(root, 'a').map((a) => [a.hasAttribute('target'), a.hasAttribute('rel')])).toEqual([
      [false, false],
      [false, false],
      [false, false],
    ]);
  });

  test('images load lazily and asynchronously, send no referrer and always carry alt', () => {
    const { root } = render(
      '<center><img src="https://dfscdn.dfcfw.com/a.jpg" loading="eager" referrerpolicy="unsafe-url" decoding="sync"><img src="https://dfscdn.dfcfw.com/b.jpg" alt="图片"></center>',
      'html',
    );
    const imgs = all(root, 'div > img');
    expect(imgs).toHaveLength(2);
    for (const img of imgs) {
      expect(img.getAttribute('loading')).toBe('lazy');
      expect(img.getAttribute('decoding')).toBe('async');
      expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    }
    expect(imgs.map((i) => i.getAttribute('alt'))).toEqual(['', '图片']);
  });

  test('loading, referrer and target attributes are not accepted from the source on other elements', () => {
    const { root } = render(
      '<p loading="eager" referrerpolicy="unsafe-url" decoding="sync" target="_top">正文</p>',
      'html',
    );
    expect(one(root, 'p').getAttributeNames()).toEqual([]);
  });

  test.each([
    '<p style="display:none">藏</p>',
    '<p style="DISPLAY: NONE">藏</p>',
    '<p style="display : none !important">藏</p>',
    '<p style="color:red;display:none;">藏</p>',
    '<p style="display:none;height:1px;overflow:hidden;"><br />藏</p>',
    '<div style="visibility:hidden"><p>藏</p></div>',
    '<div style="VISIBILITY : HIDDEN">藏</div>',
    '<p hidden>藏</p>',
    '<span hidden="hidden">藏</span>',
    '<font style="display:none">藏</font>',
    '<div><div><span style="display:none"><b>藏</b></span></div></div>',
  ])('a hidden element is dropped with its content: %s', (hidden) => {
    const { root } = render(`<p>前</p>${hidden}<p>后</p>`, 'html');
    expect(text(root)).toBe('前后');
  });

  test('a stray hidden <body> tag in a post does not hide the article', () => {
    const { root } = render(
      '<p>正文</p><body style="display:none" hidden onload="x()"><p>二</p>',
      'html',
    );
    expect(root.innerHTML).toBe('<p>正文</p><p>二</p>');
  });

  test('elements that are merely styled are kept (only their style goes)', () => {
    const { root } = render(
      '<p style="display:block;visibility:visible">显</p><p style="color:red">红</p>',
      'html',
    );
    expect(text(root)).toBe('显红');
    expect(all(root, '[style]')).toHaveLength(0);
  });

  test('inline style is cut to text alignment', () => {
    const { root } = render(
      '<p style="position:fixed;top:0;left:0;z-index:99999;width:100%;height:100%;background:url(https://t.example/x.png);font-size:40px;display:block;text-align:center">居中</p><div style="position:absolute;left:-9999px;opacity:0">无样式</div><p style="TEXT-ALIGN: RIGHT; color: red">右</p><img src="https://img.example/a.jpg" style="width:2000px;border:#d1d1d1 1px solid">',
      'html',
    );
    expect(all(root, 'p').map((p) => p.getAttribute('style'))).toEqual([
      'text-align:center',
      'TEXT-ALIGN: RIGHT',
    ]);
    expect(one(root, 'div').hasAttribute('style')).toBe(false);
    expect(one(root, 'img').hasAttribute('style')).toBe(false);
  });

  test('an empty <> autolink line in markdown disappears without leaving an empty paragraph', () => {
    const { root, html } = render('国债中标利率为2.4576%。\n\n<>\n\n[返回首页](../)');
    expect(html).not.toContain('&lt;&gt;');
    expect(all(root, 'p').map((p) => p.textContent)).toEqual([
      '国债中标利率为2.4576%。',
      '返回首页',
    ]);
  });

  test('an empty <> inside raw HTML disappears', () => {
    const { root } = render('<p>（文章来源：上海证券报）<></p><div><></div>', 'html');
    expect(root.textContent).toBe('（文章来源：上海证券报）');
  });

  test('<> inside code is code, not an empty autolink', () => {
    const { root } = render('```\nSELECT * FROM t WHERE a <> b\n```\n\n行内 `a <> b`');
    expect(one(root, 'pre code').textContent).toBe('SELECT * FROM t WHERE a <> b\n');
    expect(one(root, 'p code').textContent).toBe('a <> b');
  });

  test.each(['markdown', 'html'] as const)(
    'a bare < in a raw HTML %s body is kept as text',
    (format) => {
      const { root } = render('<p>增速<1%，且 a < b。</p>', format);
      expect(one(root, 'p').textContent).toBe('增速<1%，且 a < b。');
    },
  );

  test('a bare < in a markdown paragraph is kept as text, even before a letter', () => {
    const { root } = render('精度满足<1%，且 a < b，b<c。');
    expect(one(root, 'p').textContent).toBe('精度满足<1%，且 a < b，b<c。');
  });

  test.each(['markdown', 'html'] as const)(
    '<center> becomes the centred block it means, in a %s body',
    (format) => {
      const { root, html } = render(
        '<center><p>图片来源：官网</p></center>\n\n<center title="说明" style="color:red">居中</center>\n\n<CENTER style="text-align:right">右</CENTER>',
        format,
      );
      expect(html).not.toMatch(/<\/?center/i);
      expect(all(root, 'div').map((d) => [d.getAttribute('style'), d.textContent])).toEqual([
        ['text-align:center', '图片来源：官网'],
        ['text-align:center', '居中'],
        ['text-align:right', '右'],
      ]);
      expect(one(root, 'div[title]').getAttribute('title')).toBe('说明');
    },
  );

  test('obsolete presentational elements keep what they mean and lose what they were', () => {
    const { root, html } = render(
      '<p><font color="red" face="宋体" size="5">红字</font><big>大</big><strike>删</strike><tt>等宽</tt><blink>闪</blink><marquee>滚</marquee><nobr>不断</nobr><basefont size="3"><acronym title="中国证监会">证监会</acronym></p>',
      'html',
    );
    expect(html).not.toMatch(/<\/?(?:font|big|strike|tt|blink|marquee|nobr|basefont|acronym)\b/i);
    expect(one(root, 's').textContent).toBe('删');
    expect(text(root)).toBe('红字大删等宽闪滚不断证监会');
  });

  test('obsolete attributes become the style they meant, or go; others stay only where HTML has them', () => {
    const { root } = render(
      '<p align="center">中</p><table align="center" width="80%" border="1" cellpadding="2"><tr align="right" valign="top"><td align="left" width="50" height="20" colspan="2" nowrap>左</td></tr></table><ul type="disc"><li type="square">项</li></ul><ol type="a" start="3" reversed><li>三</li></ol><img src="https://img.example/a.jpg" align="left" width="552px" height="50%" hspace="5" alt="图"><p alt="错" src="x" width="1" colspan="2" dir="sideways" lang="中文">属性</p><h2 align="justify" style="text-align:left">标题</h2>',
      'html',
    );
    expect(one(root, 'p').getAttribute('style')).toBe('text-align:center');
    expect(one(root, 'table').getAttributeNames()).toEqual([]);
    expect(one(root, 'tr').getAttributeNames()).toEqual(['style']);
    expect(one(root, 'td').getAttribute('style')).toBe('text-align:left');
    expect(one(root, 'td').getAttributeNames().sort()).toEqual(['colspan', 'style']);
    expect(one(root, 'ul').getAttributeNames()).toEqual([]);
    expect(one(root, 'ul > li').getAttributeNames()).toEqual([]);
    expect(one(root, 'ol').getAttribute('type')).toBe('a');
    expect(one(root, 'ol').getAttribute('start')).toBe('3');
    expect(one(root, 'ol').hasAttribute('reversed')).toBe(true);
    const img = one(root, 'img');
    expect([
      img.getAttribute('width'),
      img.hasAttribute('height'),
      img.hasAttribute('align'),
    ]).toEqual(['552', false, false]);
    expect(all(root, 'p')[1]?.getAttributeNames()).toEqual([]);
    expect(one(root, 'h2').getAttribute('style')).toBe('text-align:left');
  });

  test('link and image addresses are written as valid URLs, or dropped when they cannot be one', () => {
    const { root } = render(
      '<p><a href="https://news.example/a b.html?q=新 能源#第 2 段">空格</a><a href="http://exa mple.com/">坏主机</a><a href="/tag/宏观 经济">站内</a><img src="https://img.example/a b.jpg" alt="图"></p>',
      'html',
    );
    expect(all(root, 'a').map((a) => a.getAttribute('href'))).toEqual([
      'https://news.example/a%20b.html?q=%E6%96%B0%20%E8%83%BD%E6%BA%90#%E7%AC%AC%202%20%E6%AE%B5',
      '/tag/宏观%20经济',
    ]);
    expect(text(root)).toBe('空格坏主机站内');
    expect(one(root, 'img').getAttribute('src')).toBe('https://img.example/a%20b.jpg');
  });

  test('links to the old site become local links without target or rel', () => {
    const { root } = render(
      [
        '<p><a href="//finews.withounder.com/category/gongxinweibao.html" target="_blank" rel="noopener">工信微报</a></p>',
        '<p><a href="https://finews.zning.me/emnews/2021/12/08/x.html" target="_blank">旧文</a></p>',
        '',
        '[返回东财滚动新闻](../emnews/)｜[返回首页](//finews.withounder.com/)｜[上级](../)',
        '',
        '[分享](http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1)',
        '',
        '[别处](https://finews.zning.me.evil.example/emnews/)',
      ].join('\n'),
    );
    expect(
      all(root, 'a').map((a) => [
        a.getAttribute('href'),
        a.getAttribute('target'),
        a.getAttribute('rel'),
      ]),
    ).toEqual([
      ['/category/gongxinweibao', null, null],
      ['/emnews/2021/12/08/x.html', null, null],
      ['/category/emnews', null, null],
      ['/', null, null],
      ['/', null, null],
      ['/html_News/NewsShare.html?infoCode=NW1', null, null],
      ['https://finews.zning.me.evil.example/emnews/', '_blank', 'noopener noreferrer nofollow'],
    ]);
  });
});

describe('renderBody: content models', () => {
  /** The body as a browser re-reads the rendered HTML: the same tree, or the HTML lied. */
  function reread(html: string) {
    return dom(html).innerHTML;
  }

  test.each([
    [
      'a paragraph inside inline markup',
      '<p>前</p><em><p>强调的段落</p></em><span><div>块</div></span>',
    ],
    [
      'a block inside a paragraph, left there by an unwrapped control',
      '<p>开头<button><p>按钮里的段落</p></button>结尾</p>',
    ],
    ['a table inside a paragraph', '<p>表前<table><tr><td>格</td></tr></table>表后</p>'],
    ['a list inside a heading', '<h2>标题<ul><li>项</li></ul></h2>'],
    [
      'a block inside a link inside a paragraph',
      '<p><a href="https://a.example/"><div>块链接</div></a></p>',
    ],
  ])('%s is rebuilt so that HTML read again gives the same tree, text in order', (_what, body) => {
    const { html, root } = render(body, 'html');
    expect(reread(html)).toBe(html);
    for (const el of all(root, 'p, h2, em, span, a')) {
      expect(all(el, 'p, div, ul, table, h2'), el.outerHTML).toHaveLength(0);
    }
    expect(text(root)).toBe(text(dom(body)).replace(/\s/g, ''));
  });

  test('list items, terms and captions without their list keep their text, not their tag', () => {
    const { root } = render(
      '<div><li>散项</li></div><p>前</p><dt>术语</dt><dd>释义</dd><figcaption>图注</figcaption><ul>散文字<li>项</li><p>段</p></ul><dl>散<dd>无术语</dd></dl><dl><dt>词</dt><dd>义</dd></dl>',
      'html',
    );
    expect(all(root, 'li').map((li) => li.parentElement?.tagName)).toEqual(['UL', 'UL', 'UL']);
    expect(all(root, 'ul > *').map((li) => li.textContent)).toEqual(['散文字', '项', '段']);
    // The list that was groups of terms and descriptions stays one; the other becomes blocks.
    expect(all(root, 'dl')).toHaveLength(1);
    expect(all(root, 'dl > *').map((e) => e.tagName)).toEqual(['DT', 'DD']);
    expect(all(root, 'figcaption, dt:not(dl > dt), dd:not(dl > dd)')).toHaveLength(0);
    expect(text(root)).toBe('散项前术语释义图注散文字项段散无术语词义');
  });
});

describe('localizeHref', () => {
  test.each([
    ['//finews.withounder.com/category/gongxinweibao.html', '/category/gongxinweibao'],
    ['//finews.withounder.com/', '/'],
    ['//finews.withounder.com/emnews/', '/category/emnews'],
    ['https://finews.zning.me/emnews/2021/12/08/x.html', '/emnews/2021/12/08/x.html'],
    ['HTTPS://FINEWS.ZNING.ME/emnews/2021/12/08/x.html#p2', '/emnews/2021/12/08/x.html#p2'],
    [
      'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1',
      '/html_News/NewsShare.html?infoCode=NW1',
    ],
    ['../emnews/', '/category/emnews'],
    ['../../emnews', '/category/emnews'],
    ['../', '/'],
    ['..', '/'],
  ])('%s → %s', (href, local) => {
    expect(localizeHref(href)).toBe(local);
  });

  test.each([
    'https://finance.eastmoney.com/a/1.html',
    '//news.example/x',
    'https://finews.zning.me.evil.example/emnews/',
    'https://finews.zning.me@evil.example/emnews/',
    'https://evil.example/?next=https://finews.zning.me/',
    '/emnews/2021/12/08/x.html',
    '#注释',
    'mailto:a@example.com',
  ])('%s is not an old-site link', (href) => {
    expect(localizeHref(href)).toBeNull();
  });
});

describe('renderBody: sourceUrl', () => {
  test('a paragraph that is only an autolink to another site becomes the source and leaves the body', () => {
    const out = render(
      '欧菲光发布中长距TOF模组。\n\n<http://finance.eastmoney.com/a/202112082206796814.html>\n\n[返回首页](../)',
    );
    expect(out.sourceUrl).toBe('http://finance.eastmoney.com/a/202112082206796814.html');
    expect(out.html).not.toContain('eastmoney');
    expect(all(out.root, 'p').map((p) => p.textContent)).toEqual([
      '欧菲光发布中长距TOF模组。',
      '返回首页',
    ]);
  });

  test('a source URL with non-ASCII characters is still recognised', () => {
    const out = render('正文。\n\n<https://news.example/财经/1.html>');
    expect(out.sourceUrl).toBe('https://news.example/%E8%B4%A2%E7%BB%8F/1.html');
    expect(all(out.root, 'a')).toHaveLength(0);
  });

  test('a link inside text is not the source', () => {
    const out = render(
      '详见<http://finance.eastmoney.com/a/1.html>。\n\n[原文](http://finance.eastmoney.com/a/2.html)',
    );
    expect(out.sourceUrl).toBeNull();
    expect(all(out.root, 'a').map((a) => a.getAttribute('href'))).toEqual([
      'http://finance.eastmoney.com/a/1.html',
      'http://finance.eastmoney.com/a/2.html',
    ]);
  });

  test('an autolink to the old site is not a source: it stays, made local', () => {
    const out = render('正文。\n\n<https://finews.zning.me/emnews/2021/12/08/x.html>');
    expect(out.sourceUrl).toBeNull();
    expect(one(out.root, 'a').getAttribute('href')).toBe('/emnews/2021/12/08/x.html');
  });

  test('a body without any link has no source', () => {
    const out = renderBody('祝贺开站', 'markdown');
    expect(out.html).toBe('<p>祝贺开站</p>');
    expect(out.sourceUrl).toBeNull();
  });
});

describe('renderBody: large bodies', () => {
  test('a ~3 MB body renders whole', { timeout: 20_000 }, () => {
    const body = `${'<p>很长的正文。'.repeat(10)}</p>\n\n`.repeat(14_000);
    expect(Buffer.byteLength(body)).toBeGreaterThan(2_500_000);
    const out = renderBody(body, 'markdown');
    expect(out.html.startsWith('<p>很长的正文。')).toBe(true);
    expect(out.html.length).toBeGreaterThan(900_000);
  });

  test(
    'an HTML body with a leading blank line and thousands of scripts renders in bounded time',
    { timeout: 20_000 },
    () => {
      const body = '\n' + '<p>正文。</p><script>window.__xss=1</script>'.repeat(10_000);
      const out = renderBody(body, 'html');
      expect(out.html).not.toContain('__xss');
      expect(all(dom(out.html), 'p')).toHaveLength(10_000);
    },
  );

  test(
    'thousands of dropped spacers, hidden paragraphs and <> lines render in bounded time',
    { timeout: 20_000 },
    () => {
      const unit = '<p>正文。</p>\n<p><br></p>\n<p style="display:none">藏</p>\n\n<>\n\n';
      const out = renderBody(unit.repeat(2000), 'markdown');
      const paragraphs = all(dom(out.html), '*');
      expect(paragraphs).toHaveLength(2000);
      expect(paragraphs.every((p) => p.tagName === 'P' && p.textContent === '正文。')).toBe(true);
    },
  );
});

describe('renderBody: images and text', () => {
  test('lists the src of the images the body still shows, in order', () => {
    const body =
      '<p style="display:none"><img src="https://cdn.example/hidden.png"></p><p><img src="relative.png"><img src="https://cdn.example/a.jpg?x=1&amp;y=2"></p><img src="/images/b.png">';
    expect(renderBody(body, 'html').images).toEqual([
      'https://cdn.example/a.jpg?x=1&y=2',
      '/images/b.png',
    ]);
    expect(renderBody('![图](/images/c.png)', 'markdown').images).toEqual(['/images/c.png']);
    expect(renderBody('<p>没有图片</p>', 'html').images).toEqual([]);
  });

  test('gives the text readers see, a line per block, without what the body hides', () => {
    const body =
      '<p>第一段。</p><div style="display:none">XYZHIDDEN</div><p>第二<span hidden>藏</span>段。</p>\n\n<http://news.example/1.html>';
    const out = renderBody(body, 'markdown');
    expect(out.text).toBe('第一段。\n第二段。');
    expect(out.sourceUrl).toBe('http://news.example/1.html');
  });
});
