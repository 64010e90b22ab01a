/**
 * A question as a caller says it (or as speech recognition writes it down), turned into the words a
 * search should weigh: filler dropped ("um", "you know", "like" used as a pause), runs of number
 * words written as digits ("four oh one" → "401", "thirty five" → "35", "two one six one zero" →
 * "21610"), and spelled-out letters joined ("a p n" → "apn", "e sim" → "esim"). A single number
 * word stays a word, because the documents write small counts in words ("two weeks").
 */

/** Filler that carries nothing; "like" only where it is a pause (after a comma-less hesitation word or "um"). */
const FILLER_PHRASES = [
  'you know what i mean',
  'you know',
  'i mean',
  'kind of',
  'sort of',
  'or something',
  'or whatever',
];
const FILLER_WORDS = new Set(
  'um umm uh uhh er erm ah hmm mm yeah yep okay ok so well hi hello hey basically actually literally just really'.split(
    ' ',
  ),
);

const DIGITS: Record<string, number> = {
  zero: 0,
  oh: 0,
  o: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000 };

const isNumberWord = (w: string) => w in DIGITS || w in TEENS || w in TENS || w in SCALES;

/**
 * A run of number words as digits. With "hundred" or "thousand" it is an amount ("a hundred" →
 * 100, "two hundred fifty" → 250); otherwise each group is read as written and the groups are put
 * side by side, which is how codes and prices are said ("four twenty nine" → 429).
 */
function runToDigits(run: string[]): string {
  if (run.some((w) => w in SCALES)) {
    let total = 0;
    let current = 0;
    for (const w of run) {
      if (w in SCALES) {
        current = (current || 1) * SCALES[w]!;
        if (w === 'thousand') {
          total += current;
          current = 0;
        }
      } else current += DIGITS[w] ?? TEENS[w] ?? TENS[w] ?? 0;
    }
    return String(total + current);
  }
  const groups: string[] = [];
  for (let i = 0; i < run.length; i++) {
    const w = run[i]!;
    const next = run[i + 1];
    if (w in TENS && next !== undefined && next in DIGITS && DIGITS[next]! > 0) {
      groups.push(String(TENS[w]! + DIGITS[next]!));
      i++;
    } else groups.push(String(DIGITS[w] ?? TEENS[w] ?? TENS[w]));
  }
  return groups.join('');
}

/** Prefixes speech recognition writes as a letter of their own ("e sim", "e bill"). */
const LETTER_PREFIXES = new Set(['e']);

export function normaliseSpokenQuery(query: string): string {
  let text = ` ${query.toLowerCase().replace(/[^\p{L}\p{N}'*$%.\s-]/gu, ' ')} `;
  for (const phrase of FILLER_PHRASES) text = text.replaceAll(` ${phrase} `, ' ');
  const words = text.split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const bare = word.replace(/[.,]+$/, '');
    // "like" is a pause when it follows filler or starts the question, a verb elsewhere ("I'd like").
    if (bare === 'like' && (i === 0 || FILLER_WORDS.has(words[i - 1]!.replace(/[.,]+$/, '')))) continue;
    if (FILLER_WORDS.has(bare) && !(bare === 'so' && kept.length && words[i + 1] === 'much')) continue;
    kept.push(bare);
  }
  const out: string[] = [];
  for (let i = 0; i < kept.length; ) {
    const word = kept[i]!;
    const aHundred = (k: number) => kept[k] === 'a' && kept[k + 1] === 'hundred';
    if ((isNumberWord(word) && word !== 'o') || aHundred(i)) {
      let j = i;
      while (j < kept.length && (isNumberWord(kept[j]!) || aHundred(j))) j++;
      const spoken = kept.slice(i, j);
      if (spoken.length >= 2) {
        out.push(runToDigits(spoken.filter((w) => w !== 'a')));
        i = j;
        continue;
      }
    }
    if (word.length === 1 && /\p{L}/u.test(word)) {
      let j = i;
      while (j < kept.length && kept[j]!.length === 1 && /\p{L}/u.test(kept[j]!)) j++;
      const letters = kept.slice(i, j);
      // Two or more spelled letters are one token ("q r" → "qr"); "a" or "i" alone is a word.
      if (letters.length >= 2 && !(letters.length === 2 && letters.every((l) => l === 'a' || l === 'i'))) {
        out.push(letters.join(''));
        i = j;
        continue;
      }
      if (LETTER_PREFIXES.has(word) && kept[i + 1] && /^\p{L}{3,}$/u.test(kept[i + 1]!)) {
        out.push(word + kept[i + 1]);
        i += 2;
        continue;
      }
    }
    out.push(word);
    i++;
  }
  return out.join(' ').trim() || query.trim();
}
