/**
 * A larger book from a smaller one for benchmarks: the accounts repeated cyclically with fresh ids
 * (`<id>~<copy>`, copy ≥ 1 for repeats), the same instruments. Positions and balances are shared values
 * (immutable by convention), so a 10,000-account book costs little memory beyond the compiled arrays.
 */
import type { Book } from '../../../../main/core/book/types';
import { InputError } from '../../../../main/core/errors';

export function scaleBook(book: Book, accounts: number): Book {
  if (!Number.isInteger(accounts) || accounts < 1) throw new InputError(`scaleBook: accounts must be a positive integer, got ${accounts}`);
  if (book.accounts.length === 0) throw new InputError(`scaleBook: book ${book.id} has no accounts to repeat`);
  const n = book.accounts.length;
  const out = Array.from({ length: accounts }, (_, k) => {
    const a = book.accounts[k % n];
    const copy = Math.floor(k / n);
    return copy === 0 ? a : { ...a, id: `${a.id}~${copy}` };
  });
  return { ...book, id: `${book.id}-x${accounts}`, name: `${book.name} (scaled to ${accounts} accounts)`, accounts: out };
}
