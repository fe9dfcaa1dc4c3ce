/** A tiny element builder: text always goes in as text nodes, so nothing people typed becomes markup. */
export type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything in the app's main element and moves focus to it for screen readers only on request. */
export function render(root: HTMLElement, ...children: Child[]): void {
  root.replaceChildren();
  append(root, children);
}

let ids = 0;
/** A unique id for label/input pairs. */
export const uid = (prefix: string) => `${prefix}-${++ids}`;

/**
 * A table that may be wider than a phone (320 px): it scrolls sideways inside this region, which takes
 * keyboard focus so arrow keys scroll it too (WCAG 2.1.1; axe: scrollable-region-focusable).
 */
export const scrollRegion = (label: string, table: HTMLElement): HTMLElement =>
  h('div', { class: 'scroll', role: 'region', 'aria-label': label, tabindex: 0 }, table);
