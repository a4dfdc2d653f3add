const money = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });

export function formatCents(cents: number): string {
  return money.format(cents / 100);
}

/** A price filter typed in euros, as the API's cents; '' when empty or not a price. */
export function euroToCents(value: string): string {
  if (value === '') return '';
  const euros = Number(value);
  return Number.isFinite(euros) && euros >= 0 ? String(Math.round(euros * 100)) : '';
}

/** The euros a price filter in cents shows in its field; '' when there is none. */
export function centsToEuro(cents: string | null): string {
  return cents ? String(Number(cents) / 100) : '';
}

/** The first 8 characters of an order id: what a shopper is shown. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
