import { describe, expect, test } from 'vitest';
import { HARNESS_TEMPLATE } from './harness/messages.ts';
import { CLOSE, OPEN, SEP } from './harness/template.ts';
import { HOST_TEMPLATE } from './messages.ts';
import { renderMessage } from './render.ts';

describe('locale-neutral grader messages', () => {
  test('an assertion message renders in either language from the same keys', () => {
    const t = HARNESS_TEMPLATE;
    const message = t.expected + '6' + '\n' + t.received + '3';
    expect(message).not.toMatch(/Attendu|Expected/);
    expect(renderMessage(message, 'fr')).toBe('Attendu : 6\nReçu : 3');
    expect(renderMessage(message, 'en')).toBe('Expected: 6\nReceived: 3');
  });

  test('arguments are messages too, rendered before the wording that holds them', () => {
    const h = HOST_TEMPLATE;
    const limit = h.limitHit('boucle', h.cpuTest(200));
    expect(renderMessage(limit, 'fr')).toBe(
      'Temps limite dépassé : ce test a utilisé plus de 200 ms de calcul (boucle infinie ?). (test « boucle »)',
    );
    expect(renderMessage(h.tooLarge(h.theSolution, 10, 5), 'fr')).toBe(
      'La solution est trop volumineuse (10 octets, maximum 5).',
    );
    expect(renderMessage(h.syntax(h.inTests, 2, 13, 'Unexpected token'), 'en')).toBe(
      'Syntax error in the tests, line 2, column 13: Unexpected token',
    );
    const error = HARNESS_TEMPLATE.errorThrown('TypeError: x' + HARNESS_TEMPLATE.atLine('3'));
    expect(renderMessage(error, 'en')).toBe('Error: TypeError: x (solution, line 3)');
  });

  test('a text stored before keys reads as it was', () => {
    expect(renderMessage('Attendu : 6\nReçu : 3', 'en')).toBe('Attendu : 6\nReçu : 3');
  });

  test('a cut-short token, an unknown key or stray marks never throw', () => {
    const cut = HARNESS_TEMPLATE.inHook('beforeEach', 'x').slice(0, -3);
    expect(renderMessage(cut, 'en')).toBe('Error in beforeEach: ');
    expect(renderMessage(`a${OPEN}nope.key${SEP}b${CLOSE}c`, 'fr')).toBe('abc');
    expect(renderMessage(`${CLOSE}${SEP}x${OPEN}`, 'fr')).toBe('x');
  });

  test('forged tokens in a student value cannot make a message grow without bound', () => {
    const forged = (OPEN + 'harness.neverSettled' + CLOSE).repeat(100_000);
    expect(renderMessage(forged, 'fr').length).toBeLessThan(forged.length * 2);
  });
});
