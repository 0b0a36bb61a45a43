import { describe, expect, it } from 'vitest';
import { columnNames, resolveColumns } from '../../../src/campaigns/import/columns.js';

const phoneOf = (header: string[], spec?: string) => {
  const r = resolveColumns(header, spec);
  return r.ok ? r.columns.phoneName : r.message;
};

describe('resolveColumns', () => {
  it('finds the phone column by its usual names', () => {
    expect(phoneOf(['姓名', '手机号', '城市'])).toBe('手机号');
    expect(phoneOf(['name', 'Phone'])).toBe('Phone');
    expect(phoneOf(['客户', '联系电话'])).toBe('联系电话');
    expect(phoneOf(['name', 'Mobile Number', 'note'])).toBe('Mobile Number');
    // Exact names win over fragments.
    expect(phoneOf(['电话', '电话备注'])).toBe('电话');
    // A fragment when nothing matches exactly.
    expect(phoneOf(['客户姓名', '客户手机'])).toBe('客户手机');
  });

  it('takes the manager’s choice by name (exact, then any case) or 1-based number', () => {
    expect(phoneOf(['a', 'tel', 'Phone'], 'Phone')).toBe('Phone');
    expect(phoneOf(['a', 'TEL'], 'tel')).toBe('TEL');
    expect(phoneOf(['a', 'b', 'c'], '2')).toBe('b');
    // A header literally named "1" is a name, not a position.
    expect(phoneOf(['x', '1'], '1')).toBe('1');
  });

  it('says why when it cannot choose', () => {
    expect(phoneOf(['name', 'city'])).toBe('no phone column found in the header ("name", "city"); say which with phoneColumn (a name or a 1-based number)');
    expect(phoneOf(['phone', 'mobile'])).toBe('several columns could be the phone number ("phone", "mobile"); say which with phoneColumn');
    expect(phoneOf(['a', 'b'], '手机号')).toBe('no column named "手机号" in the header ("a", "b")');
    expect(phoneOf(['a', 'b'], '3')).toBe('phone column 3 is out of range: the header has 2 columns ("a", "b")');
  });

  it('names blank and repeated columns so every value keeps its own name', () => {
    expect(columnNames(['\uFEFFphone', ' ', 'note', 'note', ''])).toEqual(['phone', 'column 2', 'note', 'note (2)', 'column 5']);
  });
});
