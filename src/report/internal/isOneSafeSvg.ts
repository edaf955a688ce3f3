/** The elements a chart renderer (vega's `toSVG`) writes, and other passive SVG shapes and paint. */
const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
  'defs',
  'clipPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'mask',
]);

/** A comment, or a start or end tag with double- or single-quoted attributes; sticky. */
const TAG =
  /<(?:!--[\s\S]*?-->|(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>)/y;
const ATTRIBUTE = /\s+([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

/**
 * Whether markup is exactly one `<svg>` element (comments and white space around it) made only
 * of passive SVG elements: no script, `foreignObject`, `image`, `use` or any non-SVG element
 * (a `<meta http-equiv>` between two charts), no event-handler attribute (`on...=`) and no
 * `javascript:` link. Text between tags is free ("one = never" is text, not an attribute); a
 * `<` that starts no well-formed tag, a tag left open or a second root element fail. O(length).
 * @internal
 */
export function isOneSafeSvg(svg: string): boolean {
  const open: string[] = [];
  let roots = 0;
  let index = 0;
  while (index < svg.length) {
    const next = svg.indexOf('<', index);
    const text = svg.slice(index, next < 0 ? svg.length : next);
    if (open.length === 0 && text.trim() !== '') return false;
    if (next < 0) break;
    TAG.lastIndex = next;
    const match = TAG.exec(svg);
    if (match === null) return false;
    index = TAG.lastIndex;
    const [, closing, name, attributes = '', selfClosing] = match;
    if (name === undefined) continue;
    if (closing === '/') {
      if (attributes !== '' || selfClosing === '/' || open.pop() !== name) return false;
      continue;
    }
    if (open.length === 0 && (++roots > 1 || name !== 'svg')) return false;
    if (!SVG_ELEMENTS.has(name)) return false;
    for (const [, attribute = '', double, single] of attributes.matchAll(ATTRIBUTE)) {
      if (/^on/i.test(attribute)) return false;
      if (/^\s*javascript:/i.test(double ?? single ?? '')) return false;
    }
    if (selfClosing !== '/') open.push(name);
  }
  return roots === 1 && open.length === 0;
}
