/** The element a test (and the code) finds by its `data-testid`; a missing one is a broken page, said at once. */
export function byTestId<E extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = document): E {
  const element = root.querySelector<E>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`storefront: no element with data-testid="${testId}" in the page`);
  return element;
}

export function viewSection(view: string): HTMLElement {
  const section = document.getElementById(`view-${view}`);
  if (!section) throw new Error(`storefront: no section #view-${view} in the page`);
  return section;
}

type Attributes = Readonly<Record<string, string>> & { readonly text?: string };
type Child = Node | string | null | undefined;

/** Builds an element; `text` sets its text, other attributes are attributes; string children are text, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}
