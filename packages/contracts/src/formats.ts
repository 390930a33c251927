// The strict formats of every id, date and text the API accepts. A value that a looser validator would
// let through but PostgreSQL or JavaScript cannot hold (a `urn:uuid:` prefix, year 0, a leap second,
// a NUL character) is refused at the door with the platform's validation error, never at the database.
import Format from 'typebox/format';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An RFC 4122 identifier in its plain 8-4-4-4-12 hexadecimal form, nothing before or after. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** A calendar date (YYYY-MM-DD) of years 1 to 9999. */
export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An RFC 3339 date-time that JavaScript and PostgreSQL both hold: years 1 to 9999 (also once moved to
 * UTC), no leap second (JavaScript has none), an offset within ±23:59.
 */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return false;
  if (m[9] && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  const instant = new Date(value);
  const utcYear = instant.getUTCFullYear();
  return !Number.isNaN(instant.getTime()) && utcYear >= 1 && utcYear <= 9999;
}

/** The formats the API's schemas use, by name: the same checks in the server's validator and TypeBox's. */
export const STRICT_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  uuid: isUuid,
  date: isDate,
  'date-time': isDateTime,
};

for (const [name, check] of Object.entries(STRICT_FORMATS)) Format.Set(name, check);

/**
 * Whether a text can be stored as it is: PostgreSQL refuses the NUL character in text and JSON, and a
 * lone UTF-16 surrogate is no character at all. Such input is refused, never silently changed.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}

/**
 * The path (`answer.gaps.g1`, `ids.2`) of the first text in a parsed JSON value, key or string, that
 * cannot be stored; undefined when every text can.
 */
export function unstorableTextPath(value: unknown, path = ''): string | undefined {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextPath(value[i], at(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (!isStorableText(key)) return at(JSON.stringify(key).slice(1, -1));
      const found = unstorableTextPath(inner, at(key));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
