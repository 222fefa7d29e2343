/**
 * Token buckets by key: `rate` tokens a second, at most `burst` saved up. Full buckets are forgotten, so an
 * idle connection or account costs nothing.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  available(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    return bucket ? Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate) : this.burst;
  }

  spend(key: string, amount: number, now: number): void {
    this.buckets.set(key, { tokens: this.available(key, now) - amount, at: now });
    if (this.buckets.size > 10_000) this.forgetFull(now);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }

  private forgetFull(now: number): void {
    for (const key of [...this.buckets.keys()]) if (this.available(key, now) >= this.burst) this.buckets.delete(key);
  }
}

export interface BudgetLimits {
  messagesPerSecond: number;
  bytesPerSecond: number;
  /** The largest message: a byte bucket always holds at least one. */
  maxMessageBytes: number;
}

/**
 * What one party (a connection, or an account over all its connections on this instance) may send: messages
 * and bytes a second, with bursts of twice that. A message is taken from every bucket or from none.
 */
export class CollabBudgets {
  private readonly messages: TokenBuckets;
  private readonly bytes: TokenBuckets;

  constructor(limits: BudgetLimits) {
    this.messages = new TokenBuckets(limits.messagesPerSecond, limits.messagesPerSecond * 2);
    this.bytes = new TokenBuckets(limits.bytesPerSecond, Math.max(limits.bytesPerSecond * 2, limits.maxMessageBytes));
  }

  /** Takes one message of `size` bytes from each key's buckets when all of them have room; false otherwise. */
  static takeAll(claims: Array<[CollabBudgets, string]>, size: number, now = Date.now()): boolean {
    const fits = claims.every(
      ([budget, key]) => budget.messages.available(key, now) >= 1 && budget.bytes.available(key, now) >= size,
    );
    if (!fits) return false;
    for (const [budget, key] of claims) {
      budget.messages.spend(key, 1, now);
      budget.bytes.spend(key, size, now);
    }
    return true;
  }

  forget(key: string): void {
    this.messages.forget(key);
    this.bytes.forget(key);
  }
}
