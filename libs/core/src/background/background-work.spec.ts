import { BackgroundWork } from './background-work';

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('BackgroundWork', () => {
  it('settles only after every tracked piece, also one started while waiting', async () => {
    const work = new BackgroundWork();
    const first = deferred();
    const second = deferred();
    void work.track(first.promise);
    let settled = false;
    const waiting = work.settled().then(() => (settled = true));
    void work.track(second.promise);
    first.resolve();
    await first.promise;
    await Promise.resolve();
    expect(settled).toBe(false);
    second.reject(new Error('mail server gone'));
    await waiting;
    expect(settled).toBe(true);
  });

  it('settles at once when nothing runs', async () => {
    await expect(new BackgroundWork().settled()).resolves.toBeUndefined();
  });
});
