/**
 * A small element builder. Text always goes in as text nodes (never as HTML), so names
 * and notes from the data cannot inject markup.
 */
export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) element.setAttribute(key, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Array<Child | Child[]>): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Chinese text, marked so the browser picks a Chinese font. */
export const zh = (text: string, className = 'zh'): HTMLSpanElement => h('span', { lang: 'zh-CN', class: className }, text);

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

export function show(element: HTMLElement, visible: boolean): void {
  element.hidden = !visible;
}

/** A progress bar: width set through the CSSOM (allowed by the page's CSP). */
export function bar(percent: number | null, tone: string, label: string): HTMLDivElement {
  const fill = h('span', { class: `bar-fill tone-${tone}` });
  fill.style.width = `${Math.max(0, Math.min(100, percent ?? 0))}%`;
  return h(
    'div',
    {
      class: 'bar',
      role: 'progressbar',
      'aria-label': label,
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': percent === null ? null : Math.round(Math.max(0, Math.min(100, percent))),
    },
    fill,
  );
}

/** A bar of several coloured segments (counts), e.g. achieved / off track / no data. */
export function stackedBar(segments: Array<{ count: number; tone: string; label: string }>, label: string): HTMLDivElement {
  const total = segments.reduce((sum, s) => sum + s.count, 0);
  const element = h('div', { class: 'stacked', role: 'img', 'aria-label': label });
  for (const segment of segments) {
    if (segment.count === 0 || total === 0) continue;
    const part = h('span', { class: `stacked-part tone-${segment.tone}`, title: `${segment.label}: ${segment.count}` });
    part.style.width = `${(segment.count / total) * 100}%`;
    element.appendChild(part);
  }
  return element;
}
