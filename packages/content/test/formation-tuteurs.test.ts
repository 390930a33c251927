// The tutors' training module: every exercise's key earns full marks and a poor answer does not, and the
// two writing rubrics (French replies) reward a guiding reply and refuse one that hands over the code.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEMO_MODULES_DIR, gradeAnswer, loadModule, type FullSpec } from '../src/index.ts';
import { matchingIds, orderingIds } from '../src/public-ids.ts';

const mod = await loadModule(path.join(DEMO_MODULES_DIR, 'formation-tuteurs'));
const spec = (slug: string): FullSpec => mod.exercises.find((e) => e.slug === slug)!.spec;
const write = (slug: string, text: string) => gradeAnswer(spec(slug), { kind: 'writing', text });

/** The expected answer and a poor one (wrong options, shifted pairs, reversed order, wrong words). */
function keyAndPoor(s: FullSpec) {
  switch (s.kind) {
    case 'choice': {
      const wrong = s.options.filter((o) => !o.correct).map((o) => o.id);
      return {
        key: { kind: 'choice' as const, selected: s.options.filter((o) => o.correct).map((o) => o.id) },
        poor: { kind: 'choice' as const, selected: s.multiple ? wrong : wrong.slice(0, 1) },
      };
    }
    case 'cloze':
      return {
        key: { kind: 'cloze' as const, gaps: Object.fromEntries(s.gaps.map((g) => [g.id, g.answers[0]!])) },
        poor: { kind: 'cloze' as const, gaps: Object.fromEntries(s.gaps.map((g) => [g.id, 'lent'])) },
      };
    case 'ordering': {
      const ids = orderingIds(s);
      return {
        key: { kind: 'ordering' as const, order: ids },
        poor: { kind: 'ordering' as const, order: [...ids].reverse() },
      };
    }
    case 'matching': {
      const ids = matchingIds(s);
      return {
        key: { kind: 'matching' as const, pairs: Object.fromEntries(ids.map((p) => [p.left, p.right])) },
        poor: {
          kind: 'matching' as const,
          pairs: Object.fromEntries(ids.map((p, i) => [p.left, ids[(i + 1) % ids.length]!.right])),
        },
      };
    }
    default:
      return null;
  }
}

describe('formation-tuteurs', () => {
  test('is the tutoring module: five lessons in order and at least 8 exercises of five kinds', () => {
    expect(mod.discipline).toBe('tutoring');
    expect(mod.en.title).toBe('Tutor training');
    expect(mod.lessons.map((l) => l.slug)).toEqual([
      'suivre-un-groupe',
      'repondre-aux-demandes',
      'feedback-autonomie',
      'relancer-un-etudiant',
      'corriger-avec-un-corrige',
    ]);
    expect(mod.exercises.length).toBeGreaterThanOrEqual(8);
    expect(new Set(mod.exercises.map((e) => e.kind))).toEqual(
      new Set(['choice', 'cloze', 'ordering', 'matching', 'writing']),
    );
  });

  const keyed = mod.exercises.flatMap((e) => {
    const answers = keyAndPoor(e.spec);
    return answers ? [{ slug: e.slug, spec: e.spec, ...answers }] : [];
  });
  test.each(keyed)('$slug: the key earns full marks, a poor answer does not', ({ spec: s, key, poor }) => {
    expect(gradeAnswer(s, key)).toMatchObject({ score: 1, result: { status: 'pass' } });
    const low = gradeAnswer(s, poor);
    expect(low.score).toBeLessThan(0.5);
    expect(low.result.status).not.toBe('pass');
  });

  test('a reply to a help request that guides with a question passes; one that hands over the fix does not', () => {
    const guiding = write(
      'repondre-sans-donner-le-code',
      'Bonsoir Mawuli, tu as bien fait de lancer les tests. Que vaut i quand ta boucle fait son dernier tour ? ' +
        'Combien de cases contient ton tableau ? Essaie de l’afficher et dis-moi ce que tu vois. Courage pour demain !',
    );
    expect(guiding).toMatchObject({ score: 1, result: { status: 'pass' } });
    const fix = write(
      'repondre-sans-donner-le-code',
      'Bonsoir Mawuli, bravo pour tes efforts. Remplace <= par < dans ta boucle et ça marchera, tu verras que ' +
        'le test passe. Bon courage pour le contrôle de demain, essaie de bien dormir.',
    );
    expect(fix.result.status).not.toBe('pass');
    expect(fix.result.items.find((i) => i.id === 'sans-code')?.status).toBe('missing');
    expect(fix.result.items.find((i) => i.id === 'question')?.status).toBe('missing');
  });

  test('feedback on a submission: specific, actionable and kind passes; rewriting the code or vague praise does not', () => {
    const good = write(
      'ecrire-un-retour',
      'Bravo Adjoa, ton code est lisible et l’arrondi est correct. Deux tests échouent : pour 10 000 FCFA avec ' +
        '10 %, on attend 9 000. Que représente la valeur que tu renvoies : la remise, ou le prix que le client ' +
        'paie ? Refais le calcul à la main et compare.',
    );
    expect(good).toMatchObject({ score: 1, result: { status: 'pass' } });
    const code = write(
      'ecrire-un-retour',
      'Ton code est lisible. Il faut soustraire la remise du prix : return prix - remise; et tous les tests ' +
        'passeront. À la prochaine fois, et pense à bien relire tes énoncés avant de soumettre ton travail.',
    );
    expect(code.result.status).not.toBe('pass');
    const vague = write(
      'ecrire-un-retour',
      'Très bien, continue comme ça ! Tu progresses beaucoup depuis le début du semestre, je suis content de ' +
        'ton travail et de ta motivation. Courage pour la suite du module, on se voit jeudi en TP.',
    );
    expect(vague.result.status).not.toBe('pass');
  });

  test('accents and capitals do not matter where a wildcard stands for them', () => {
    const items = write(
      'ecrire-un-retour',
      'RÉUSSI : ton arrondi. VERIFIE le test 10000 : relis l’ENONCE, que paie le client ? ' +
        'Tu y es presque, Adjoa, continue ainsi et écris-moi ce que tu trouves en comparant les deux résultats.',
    ).result.items;
    expect(items.filter((i) => i.status === 'missing')).toEqual([]);
  });
});
