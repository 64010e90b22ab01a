import { describe, expect, it } from '@jest/globals';
import { findPii, PII_KINDS, redactPii } from '../../lib/pii.ts';

const redact = (text: string) => redactPii(text, PII_KINDS).text;

describe('personal data in a line of speech', () => {
  it('replaces a card number, written or spoken digit by digit, by a placeholder that keeps only its last four', () => {
    expect(redact('My card is 4242 4242 4242 4242, thanks.')).toBe('My card is [card •••• 4242], thanks.');
    expect(redact('it is four two four two, four two four two, four two four two, four two four two')).toBe(
      'it is [card •••• 4242]',
    );
    expect(redact("that's 25, 3782 822463 10005 right")).toBe("that's 25, [card •••• 0005] right");
  });

  it('leaves sixteen digits that fail the Luhn check, and one digit repeated, as they were', () => {
    expect(redact('Your reference is 4111 1111 1111 1112.')).toBe('Your reference is 4111 1111 1111 1112.');
    expect(redact('order 1111111111111111')).toBe('order 1111111111111111');
  });

  it('finds IBANs by their checksum and account numbers by the words before them', () => {
    expect(redact('Pay GB82 WEST 1234 5698 7654 32 today')).toBe('Pay [bank account •••• 5432] today');
    expect(redactPii('Not GB82 WEST 1234 5698 7654 33', ['bank_account']).redactions).toEqual([]);
    expect(redact('my account number is 12345678')).toBe('my account number is [bank account •••• 5678]');
    expect(redact('order number 12345678')).toBe('order number 12345678');
  });

  it('finds national ids: social security numbers written or named and spoken, and UK National Insurance numbers', () => {
    expect(redact('SSN 123-45-6789.')).toBe('SSN [national id •••• 6789].');
    expect(redact('my social is one two three four five six seven eight nine')).toBe(
      'my social is [national id •••• 6789]',
    );
    expect(redact('NI number AB 12 34 56 C')).toBe('NI number [national id •••• 456C]');
    expect(redact('not 000-12-3456')).toBe('not 000-12-3456');
  });

  it('finds email addresses written or spoken, street addresses, and dates only when they are a date of birth', () => {
    expect(redact('write to jane.doe@example.com or jane dot doe at gmail dot com')).toBe(
      'write to [email] or [email]',
    );
    expect(redact('I live at 221B Baker Street, London')).toBe('I live at [address], London');
    expect(redact('we are at twelve Oak Tree Lane')).toBe('we are at [address]');
    expect(redact('I was born on 3 March 1980, and my appointment is 03/04/2027')).toBe(
      'I was born on [date of birth], and my appointment is 03/04/2027',
    );
    expect(redact('date of birth 1980-03-03')).toBe('date of birth [date of birth]');
  });

  it('redacts only the kinds asked for, and says what it took out without the value', () => {
    const { text, redactions } = redactPii('card 4242424242424242, mail a@b.co', ['card_number']);
    expect(text).toBe('card [card •••• 4242], mail a@b.co');
    expect(redactions).toEqual([{ kind: 'card_number', tail: '4242' }]);
    expect(redactPii('card 4242424242424242', [])).toEqual({ text: 'card 4242424242424242', redactions: [] });
  });

  it('is stable: a redacted line redacts to itself', () => {
    const once = redact('card 4242 4242 4242 4242, account number 12345678, SSN 123-45-6789, born 1 May 1990');
    expect(redact(once)).toBe(once);
    expect(findPii(once, PII_KINDS)).toEqual([]);
  });

  it('does not take ordinary speech for a number', () => {
    expect(redact('oh I see, oh well, one or two things')).toBe('oh I see, oh well, one or two things');
    expect(redact('I called 3 times in 2024')).toBe('I called 3 times in 2024');
  });
});
