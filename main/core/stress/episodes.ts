/**
 * Historical stress episodes, defined by DATES only — never by typed-in returns: the moves come from
 * whatever price data the user replays them on (replay.ts). resources/episodes.json holds the
 * built-in library; a user-defined window has the same shape (docs/formats scenarios, "Episodes").
 *
 * Window semantics (UTC days, inclusive): [from, to] is the episode; anchorDate (from <= anchor <= to)
 * is its headline day. A close-to-close replay moves from the close of the day before `from` to the
 * close on `anchorDate`; a worst-window replay searches every h-day move whose closes lie in
 * [from − 1, to] (so days after the anchor count as the aftermath).
 */
import { InputError } from '../errors';
import { requireDay, requireObject, requireString } from './parseScenario';

export interface Episode {
  id: string;
  name: string;
  /** Headline day: close-to-close replays end at its close. */
  anchorDate: string;
  /** First day of the episode: close-to-close replays start at the close of the day before. */
  from: string;
  /** Last day searched by worst-window replays. */
  to: string;
  description: string;
  /** Why the window is [from, to] and anchored where it is. */
  windowRationale: string;
}

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Validate one episode (library entry or user-defined window). */
export function parseEpisode(value: unknown, path = 'episode'): Episode {
  const o = requireObject(value, path, ['id', 'name', 'anchorDate', 'from', 'to', 'description', 'windowRationale']);
  const id = requireString(o.id, `${path}.id`, 128);
  if (!ID.test(id)) throw new InputError(`${path}.id: may contain only letters, digits and _ . : -, got "${id}"`);
  const name = requireString(o.name, `${path}.name`, 200).trim();
  if (name.length === 0) throw new InputError(`${path}.name: must not be empty`);
  const anchorDate = requireDay(o.anchorDate, `${path}.anchorDate`);
  const from = requireDay(o.from, `${path}.from`);
  const to = requireDay(o.to, `${path}.to`);
  if (from > anchorDate) throw new InputError(`${path}.from: ${from} is after anchorDate ${anchorDate}`);
  if (anchorDate > to) throw new InputError(`${path}.to: ${to} is before anchorDate ${anchorDate}`);
  return {
    id,
    name,
    anchorDate,
    from,
    to,
    description: o.description === undefined ? '' : requireString(o.description, `${path}.description`),
    windowRationale: o.windowRationale === undefined ? '' : requireString(o.windowRationale, `${path}.windowRationale`),
  };
}

/** Validate an episode file `{ schemaVersion: 1, episodes: [...] }` (ids unique). */
export function parseEpisodeFile(json: unknown): Episode[] {
  const o = requireObject(json, 'episodes file', ['schemaVersion', 'episodes']);
  if (o.schemaVersion !== 1) throw new InputError(`episodes file.schemaVersion: must be 1, got ${JSON.stringify(o.schemaVersion)}`);
  if (!Array.isArray(o.episodes) || o.episodes.length === 0) throw new InputError('episodes file.episodes: needs at least one episode');
  const episodes = o.episodes.map((e, i) => parseEpisode(e, `episodes[${i}]`));
  const seen = new Map<string, number>();
  episodes.forEach((e, i) => {
    const earlier = seen.get(e.id);
    if (earlier !== undefined) throw new InputError(`episodes[${i}].id: "${e.id}" is already used by episodes[${earlier}]`);
    seen.set(e.id, i);
  });
  return episodes;
}
