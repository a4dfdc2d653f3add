/** A named field of a form; a missing one is a broken page, said at once. */
export function formField(form: HTMLFormElement, name: string): HTMLInputElement | HTMLSelectElement {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) return field;
  throw new Error(`storefront: the form ${form.dataset['testid'] ?? ''} has no field "${name}"`);
}

/** The form a submit event is for. */
export function submittedForm(event: Event): HTMLFormElement {
  event.preventDefault();
  if (!(event.target instanceof HTMLFormElement)) throw new Error('storefront: a submit event without its form');
  return event.target;
}
