import { CollabBudgets, TokenBuckets } from './collab-budgets';

describe('TokenBuckets', () => {
  it('allows a burst, then refills at the rate', () => {
    const buckets = new TokenBuckets(10, 20);
    expect(buckets.available('a', 0)).toBe(20);
    buckets.spend('a', 20, 0);
    expect(buckets.available('a', 0)).toBe(0);
    expect(buckets.available('a', 500)).toBe(5);
    expect(buckets.available('a', 10_000)).toBe(20);
    expect(buckets.available('b', 0)).toBe(20);
  });
});

describe('CollabBudgets', () => {
  const limits = { messagesPerSecond: 5, bytesPerSecond: 1000, maxMessageBytes: 4000 };

  it('refuses a message when any of its budgets is spent, and then takes from none', () => {
    const connection = new CollabBudgets(limits);
    const account = new CollabBudgets(limits);
    for (let i = 0; i < 10; i++) expect(CollabBudgets.takeAll([[account, 'u1']], 1, 0)).toBe(true);
    // The account's ten messages are spent; this connection's are not, and stay untouched.
    expect(
      CollabBudgets.takeAll(
        [
          [connection, 'c1'],
          [account, 'u1'],
        ],
        1,
        0,
      ),
    ).toBe(false);
    for (let i = 0; i < 10; i++) expect(CollabBudgets.takeAll([[connection, 'c1']], 1, 0)).toBe(true);
    expect(CollabBudgets.takeAll([[connection, 'c1']], 1, 0)).toBe(false);
  });

  it('counts bytes, always leaving room for one message of the largest size', () => {
    const connection = new CollabBudgets(limits);
    expect(CollabBudgets.takeAll([[connection, 'c1']], 4000, 0)).toBe(true);
    expect(CollabBudgets.takeAll([[connection, 'c1']], 1, 0)).toBe(false);
    expect(CollabBudgets.takeAll([[connection, 'c1']], 1000, 1000)).toBe(true);
  });
});
