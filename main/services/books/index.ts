import type { BookSummary, ParsedInputOf } from '../../../preload/contract';
import { BookFile } from '../../../preload/contract/schemas/books';
import { bookFromWire, bookToWire } from '../../core/book/wire';
import type { Book } from '../../core/book/types';
import { InputError, NotFoundError } from '../../core/errors';
import { contentHash } from '../../store/hash';
import { describeIssues } from '../../../preload/contract/issues';
import type { ServiceContext } from '../context';
import { parseBookCsv } from './bookCsv';

/** Parses a book file (JSON or CSV by content) and validates it with the contract's BookFile schema. */
export function parseBookText(text: string, fileName: string): BookFile {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  let raw: unknown;
  if (trimmed.startsWith('{')) {
    try {
      raw = JSON.parse(trimmed);
    } catch (err) {
      throw new InputError(`${fileName}: not valid JSON (${(err as Error).message})`);
    }
  } else {
    raw = parseBookCsv(text, fileName, fileName.replace(/\.[^.]+$/, ''));
  }
  const parsed = BookFile.safeParse(raw);
  if (!parsed.success) throw new InputError(`${fileName}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function booksService(ctx: ServiceContext) {
  return {
    /** Stores a book; the same content stored twice is one book (idempotent by content hash). */
    importText(input: ParsedInputOf<'book:import'>): BookSummary {
      const file = parseBookText(input.text, input.fileName);
      const hash = contentHash({ ...file, id: undefined });
      const existing = ctx.store.books.findByHash(hash);
      if (existing) return existing;
      const id = file.id && !ctx.store.books.summary(file.id) ? file.id : ctx.newId();
      const book = bookFromWire({ ...file, id }, id);
      ctx.store.transaction(() => ctx.store.books.insert(book, { contentHash: hash, source: input.fileName, createdAt: ctx.now().toISOString() }));
      return ctx.store.books.summary(id)!;
    },
    list(): { books: BookSummary[] } {
      return { books: ctx.store.books.list() };
    },
    load(id: string): Book {
      const book = ctx.store.books.load(id);
      if (!book) throw new NotFoundError(`no book with id "${id}"`);
      return book;
    },
    summary(id: string): BookSummary {
      const s = ctx.store.books.summary(id);
      if (!s) throw new NotFoundError(`no book with id "${id}"`);
      return s;
    },
    exportWire(id: string) {
      return bookToWire(this.load(id));
    },
  };
}
