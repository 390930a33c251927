import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { locale, setLocale, t, tn } from './locale.svelte.ts';
import {
  DICTIONARIES,
  detectLocale,
  interpolate,
  isLocale,
  translate,
  translatePlural,
} from './translate.ts';
import { LOCALES, type MessageKey } from './types.ts';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const frKeys = Object.keys(fr).sort() as MessageKey[];

describe('dictionaries', () => {
  it('have exactly the same keys in every language', () => {
    for (const code of LOCALES) {
      expect(Object.keys(DICTIONARIES[code]).sort(), code).toEqual(frKeys);
    }
  });

  it('have no empty message', () => {
    for (const code of LOCALES) {
      for (const key of frKeys) expect(DICTIONARIES[code][key].trim(), `${code}:${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in every language', () => {
    for (const key of frKeys) {
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it('write no « (s) » plural: a count chooses its form (tn), or the sentence does without one', () => {
    for (const code of LOCALES) {
      const marked = frKeys.filter((key) => /\p{L}\((s|es|x)\)/u.test(DICTIONARIES[code][key]));
      expect(marked, code).toEqual([]);
    }
  });

  it('define plurals as complete .one/.other pairs with a {count}', () => {
    const plurals = frKeys.filter((key) => /\.(one|other)$/.test(key));
    expect(plurals.length).toBeGreaterThan(0);
    for (const key of plurals) {
      const base = key.replace(/\.(one|other)$/, '');
      expect(frKeys, key).toContain(`${base}.one`);
      expect(frKeys, key).toContain(`${base}.other`);
      expect(placeholders(fr[key]), key).toContain('count');
    }
  });

  it('are all used by the app (no dead keys)', () => {
    const srcDir = fileURLToPath(new URL('../..', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(svelte|ts)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) files.push(path);
      }
    };
    walk(srcDir);
    const source = files
      .filter((file) => !relative(srcDir, file).startsWith(join('lib', 'i18n')))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = frKeys.filter((key) => {
      const base = key.replace(/\.(one|other)$/, '');
      return !source.includes(`'${key}'`) && !source.includes(`'${base}'`) && !source.includes(`"${key}"`);
    });
    expect(unused).toEqual([]);
  });
});

describe('interpolate', () => {
  it('fills placeholders, repeated ones too', () => {
    expect(interpolate('{a} et {b}, encore {a}', { a: 'x', b: 2 })).toBe('x et 2, encore x');
  });

  it('leaves unknown placeholders visible and ignores extra params', () => {
    expect(interpolate('Bonjour {name}', { other: 'y' })).toBe('Bonjour {name}');
  });

  it('does not interpret replacement patterns in values', () => {
    expect(interpolate('Bonjour {name}', { name: '$& $1' })).toBe('Bonjour $& $1');
  });
});

describe('translate', () => {
  it('translates in the requested language with params', () => {
    expect(translate('fr', 'space.welcome', { name: 'Afi' })).toBe('Bonjour Afi\u202f!');
    expect(translate('en', 'space.welcome', { name: 'Afi' })).toBe('Hello Afi!');
    expect(translate('fr', 'login.password')).toBe('Mot de passe');
    expect(translate('en', 'login.password')).toBe('Password');
  });

  it('chooses plural forms by language rules (French: 0 and 1 are singular)', () => {
    expect(translatePlural('fr', 'groups.learners', 0)).toBe('0 apprenant');
    expect(translatePlural('fr', 'groups.learners', 1)).toBe('1 apprenant');
    expect(translatePlural('fr', 'groups.learners', 17)).toBe('17 apprenants');
    expect(translatePlural('en', 'groups.learners', 0)).toBe('0 learners');
    expect(translatePlural('en', 'groups.learners', 1)).toBe('1 learner');
    expect(translatePlural('en', 'groups.learners', 1200)).toBe('1,200 learners');
    expect(translatePlural('fr', 'groups.learners', 1200)).toBe('1\u202f200 apprenants');
  });
});

describe('detectLocale', () => {
  it('prefers a stored choice', () => {
    expect(detectLocale('en', ['fr-TG'])).toBe('en');
  });

  it('falls back to the first supported browser language', () => {
    expect(detectLocale(null, ['ee-TG', 'en-US', 'fr'])).toBe('en');
    expect(detectLocale('de', ['FR-tg'])).toBe('fr');
  });

  it('defaults to French', () => {
    expect(detectLocale(undefined, [])).toBe('fr');
    expect(detectLocale(null, ['ee', 'de-DE'])).toBe('fr');
  });

  it('knows its locales', () => {
    expect(isLocale('fr')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('FR')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});

describe('locale state', () => {
  it('switches every translation at once', () => {
    setLocale('fr');
    expect(locale.current).toBe('fr');
    expect(t('login.submit')).toBe('Se connecter');
    expect(tn('groups.learners', 2)).toBe('2 apprenants');

    setLocale('en');
    expect(locale.current).toBe('en');
    expect(t('login.submit')).toBe('Sign in');
    expect(t('space.welcome', { name: 'Kodjo' })).toBe('Hello Kodjo!');
    expect(tn('groups.learners', 2)).toBe('2 learners');

    setLocale('fr');
  });
});
