import { describe, expect, it } from '@jest/globals';
import { normaliseSpokenQuery } from '../../knowledge/spoken-query.ts';

describe('questions as callers say them', () => {
  it('drops filler but keeps the words that carry the question', () => {
    expect(normaliseSpokenQuery('Um, yeah, so I, uh, forgot the password for my voicemail, you know?')).toBe(
      'i forgot the password for my voicemail',
    );
    expect(normaliseSpokenQuery("like what's the cheapest plan")).toBe("what's the cheapest plan");
    expect(normaliseSpokenQuery("I'd like to cancel")).toBe("i'd like to cancel");
  });

  it('writes runs of spoken numbers as digits, the way documents write codes and prices', () => {
    expect(normaliseSpokenQuery('I keep getting a four oh one from the API')).toBe('i keep getting a 401 from the api');
    expect(normaliseSpokenQuery('what does error two one six one zero mean')).toBe('what does error 21610 mean');
    expect(normaliseSpokenQuery('the API answers four twenty nine')).toBe('the api answers 429');
    expect(normaliseSpokenQuery('higher than the advertised thirty five dollars')).toBe(
      'higher than the advertised 35 dollars',
    );
    expect(normaliseSpokenQuery('it went up to a hundred requests')).toBe('it went up to 100 requests');
    expect(normaliseSpokenQuery('can I still call nine one one')).toBe('can i still call 911');
  });

  it('leaves a single number word alone, as documents write small counts', () => {
    expect(normaliseSpokenQuery('two weeks in Italy')).toBe('two weeks in italy');
  });

  it('joins spelled-out letters and the "e" that recognition splits off', () => {
    expect(normaliseSpokenQuery('what should my a p n be')).toBe('what should my apn be');
    expect(normaliseSpokenQuery('the e sim q r code did not work')).toBe('the esim qr code did not work');
    expect(normaliseSpokenQuery('ship it to my p o box')).toBe('ship it to my po box');
  });

  it('never empties a question', () => {
    expect(normaliseSpokenQuery('um, uh')).toBe('um, uh');
  });
});
