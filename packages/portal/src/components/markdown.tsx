/**
 * A deliberately small Markdown renderer for consent notices and dataset cards: headings,
 * paragraphs, bullet and numbered lists, pipe tables, **bold**, *emphasis*, `code` and backslash
 * escapes. It builds elements, never HTML strings, so a notice or a card cannot inject markup or
 * script into the page.
 */
import type { ComponentChildren } from 'preact';

function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const re = /\\([\\`*|_[\]])|\*\*([^*]+)\*\*|\*([^*]+)\*|`((?:[^`\\]|\\.)+)`/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(<strong>{m[2]}</strong>);
    else if (m[3] !== undefined) out.push(<em>{m[3]}</em>);
    else out.push(<code>{(m[4] as string).replace(/\\(.)/g, '$1')}</code>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Cells of a `| a | b |` row, split at pipes that are not escaped. */
function cells(row: string): string[] {
  const inner = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim());
}

function Table(props: { rows: string[] }) {
  const [head, , ...body] = props.rows;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {cells(head ?? '').map((c) => (
              <th scope="col">{inline(c)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((r) => (
            <tr>
              {cells(r).map((c) => (
                <td>{inline(c)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const TABLE_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

/** Headings are shifted so the notice's own `#` never competes with the page's h1. */
export function Markdown(props: { source: string; headingBase?: 2 | 3 }) {
  const base = props.headingBase ?? 3;
  const blocks: ComponentChildren[] = [];
  const lines = props.source.replace(/\r\n/g, '\n').split('\n');
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  let table: string[] | undefined;
  const flush = () => {
    if (para.length) blocks.push(<p>{inline(para.join(' '))}</p>);
    para = [];
    if (table) blocks.push(<Table rows={table} />);
    table = undefined;
    if (list) {
      const items = list.items.map((i) => <li>{inline(i)}</li>);
      blocks.push(list.ordered ? <ol>{items}</ol> : <ul>{items}</ul>);
    }
    list = undefined;
  };
  for (const [i, raw] of lines.entries()) {
    const line = raw.trimEnd();
    // A table: a row of pipes followed by a rule (| --- | --- |), then rows until a blank line.
    if (table && line.startsWith('|')) {
      table.push(line);
      continue;
    }
    if (line.startsWith('|') && TABLE_RULE.test((lines[i + 1] ?? '').trim())) {
      flush();
      table = [line];
      continue;
    }
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
