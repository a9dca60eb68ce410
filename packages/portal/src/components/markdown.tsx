/**
 * A deliberately small Markdown renderer for consent notices: headings, paragraphs, bullet and
 * numbered lists, **bold** and *emphasis*. It builds elements, never HTML strings, so a notice
 * cannot inject markup or script into the page.
 */
import type { ComponentChildren } from 'preact';

function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(<strong>{m[1]}</strong>);
    else if (m[2] !== undefined) out.push(<em>{m[2]}</em>);
    else out.push(<code>{m[3]}</code>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Headings are shifted so the notice's own `#` never competes with the page's h1. */
export function Markdown(props: { source: string; headingBase?: 2 | 3 }) {
  const base = props.headingBase ?? 3;
  const blocks: ComponentChildren[] = [];
  const lines = props.source.replace(/\r\n/g, '\n').split('\n');
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  const flush = () => {
    if (para.length) blocks.push(<p>{inline(para.join(' '))}</p>);
    para = [];
    if (list) {
      const items = list.items.map((i) => <li>{inline(i)}</li>);
      blocks.push(list.ordered ? <ol>{items}</ol> : <ul>{items}</ul>);
    }
    list = undefined;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = Math.min(6, base + (heading[1] as string).length - 1);
      const H = `h${level}` as 'h3';
      blocks.push(<H>{inline(heading[2] as string)}</H>);
    } else if (bullet || numbered) {
      if (para.length) {
        blocks.push(<p>{inline(para.join(' '))}</p>);
        para = [];
      }
      const ordered = Boolean(numbered);
      if (list && list.ordered !== ordered) flush();
      list ??= { ordered, items: [] };
      list.items.push(((bullet ?? numbered) as RegExpExecArray)[1] as string);
    } else if (line === '') {
      flush();
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return <div class="markdown">{blocks}</div>;
}
