import { describe, expect, it } from 'vitest';
import { NO_AGENCY, resolveAgency } from '../../src/normalise/agency.js';
import { parseName } from '../../src/normalise/name.js';
import { isValidNhsNumber, parseNhsNumber } from '../../src/normalise/nhs.js';
import { parseSeverity } from '../../src/normalise/severity.js';
import { parseThresholdMet } from '../../src/normalise/threshold.js';
import { parseEventType } from '../../src/normalise/type.js';

describe('agency', () => {
  it("prefers the row's agency, then the file's, then the run's", () => {
    expect(resolveAgency(' Police ', 'Health', 'School')).toBe('Police');
    expect(resolveAgency('', 'Health', 'School')).toBe('Health');
    expect(resolveAgency(undefined, undefined, 'School')).toBe('School');
    expect(resolveAgency('  ', undefined, undefined)).toBeUndefined();
  });

  it('tells the user how to give one', () => {
    expect(NO_AGENCY).toBe('no agency: give an agency column, --agency or a profile');
  });
});

describe('names', () => {
  it('uses given_name and family_name when given', () => {
    expect(parseName({ given_name: ' Thomas  James ', family_name: 'Smith', name: 'ignored' })).toEqual({
      given: 'Thomas James',
      family: 'Smith',
    });
    expect(parseName({ family_name: 'SMITH' })).toEqual({ family: 'SMITH' });
  });

  it('reads "FAMILY, Given"', () => {
    expect(parseName({ name: 'SMITH,  Tom' })).toEqual({ given: 'Tom', family: 'SMITH' });
    expect(parseName({ name: 'Smith-Jones, Amy Rose' })).toEqual({ given: 'Amy Rose', family: 'Smith-Jones' });
  });

  it('reads "Given Family" with the last word as the family name', () => {
    expect(parseName({ name: '  Thomas   James Smith ' })).toEqual({ given: 'Thomas James', family: 'Smith' });
    expect(parseName({ name: 'Smith' })).toEqual({ family: 'Smith' });
  });

  it('keeps the case as written', () => {
    expect(parseName({ name: 'tom SMITH' })).toEqual({ given: 'tom', family: 'SMITH' });
  });

  it('is empty without a name', () => {
    expect(parseName({ name: '   ' })).toEqual({});
  });
});

describe('type', () => {
  it.each([
    ['missed_appointment', 'missed_appointment'],
    ['Missed Appointment', 'missed_appointment'],
    ['missed-appointment', 'missed_appointment'],
    [' DOMESTIC ABUSE ', 'domestic_abuse'],
    ['Strength', 'strength'],
    ['other', 'other'],
  ])('reads %j as %s without a warning', (cell, type) => {
    expect(parseEventType(cell)).toEqual({ value: type });
  });

  it('keeps an unknown type as other with a warning', () => {
    expect(parseEventType('xyz')).toEqual({ value: 'other', warning: 'unknown type "xyz", kept as other' });
  });

  it('keeps a missing type as other with a warning', () => {
    expect(parseEventType('')).toEqual({ value: 'other', warning: 'no type, kept as other' });
  });
});

describe('severity', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    ['3.0', 3],
    ['low', 1],
    ['Significant', 3],
    ['CRITICAL', 5],
  ])('reads %j as %i', (cell, severity) => {
    expect(parseSeverity(cell)).toEqual({ value: severity });
  });

  it.each(['0', '6', '-1'])('does not use %j, outside 1-5', (cell) => {
    expect(parseSeverity(cell)).toEqual({ warning: `severity "${cell}" is outside 1-5, not used` });
  });

  it.each(['high', '2.5', 'three'])('does not use the unreadable %j', (cell) => {
    const result = parseSeverity(cell);
    expect(result.value).toBeUndefined();
    expect(result.warning).toContain(`unreadable severity "${cell}"`);
  });

  it('is absent without a warning when the cell is empty', () => {
    expect(parseSeverity(' ')).toEqual({});
  });
});

describe('threshold_met', () => {
  it.each(['yes', 'Y', 'TRUE', '1', 'Met'])('reads %j as true', (cell) => {
    expect(parseThresholdMet(cell)).toEqual({ value: true });
  });

  it.each(['no', 'n', 'False', '0', 'not met', 'Not  Met', 'not_met'])('reads %j as false', (cell) => {
    expect(parseThresholdMet(cell)).toEqual({ value: false });
  });

  it('does not use anything else', () => {
    expect(parseThresholdMet('maybe')).toEqual({ warning: 'unreadable threshold_met "maybe" (yes/no), not used' });
    expect(parseThresholdMet(undefined)).toEqual({});
  });
});

describe('NHS numbers', () => {
  it.each(['9434765919', '4010232137'])('accepts %s', (digits) => {
    expect(isValidNhsNumber(digits)).toBe(true);
  });

  it.each(['9434765918', '943476591', '94347659190', 'abcdefghij', '1000000010'])('refuses %s', (digits) => {
    expect(isValidNhsNumber(digits)).toBe(false);
  });

  it('refuses every number whose check digit would be 10', () => {
    // The first nine digits weigh 2 × 6 = 12, which is 1 mod 11, so the check digit would be 10.
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`000020000${last}`)).toBe(false);
  });

  it('strips spaces and hyphens', () => {
    expect(parseNhsNumber(' 943 476 5919 ')).toEqual({ value: '9434765919' });
    expect(parseNhsNumber('943-476-5919')).toEqual({ value: '9434765919' });
  });

  it('does not use an invalid number, and says why', () => {
    expect(parseNhsNumber('943 476 5918')).toEqual({
      warning: 'invalid NHS number "943 476 5918" (check digit), not used for linking',
    });
    expect(parseNhsNumber('12345')).toEqual({ warning: 'invalid NHS number "12345" (not 10 digits), not used for linking' });
  });

  it('does not use a placeholder that passes the check digit', () => {
    expect(isValidNhsNumber('9999999999')).toBe(true);
    expect(parseNhsNumber('9999999999').value).toBeUndefined();
    expect(parseNhsNumber('0000000000').value).toBeUndefined();
  });
});
