// A few lines instead of a framework: elements built from data, replaced when the data changes.

export type Child = Node | string | number | null | undefined | false | Child[];
type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (typeof value === 'function') {
      element.addEventListener(name.substring(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== undefined && value !== false) {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else if (child !== null && child !== undefined && child !== false) {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
}

/**
 * Replaces an element's content; a link or button that had the keyboard focus gets it back in
 * the new content (matched by its href or id), so live updates do not throw keyboard users out.
 */
export function replace(parent: Element, ...children: Child[]): void {
  const focused = document.activeElement;
  const key = focused && parent.contains(focused) ? focusKey(focused) : undefined;
  parent.replaceChildren();
  append(parent, children);
  if (key) {
    const again = [...parent.querySelectorAll<HTMLElement>('a, button')].find((element) => focusKey(element) === key);
    again?.focus();
  }
}

function focusKey(element: Element): string | undefined {
  return element.getAttribute('href') ?? (element.id || undefined);
}
