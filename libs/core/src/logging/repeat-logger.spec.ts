import { Logger } from '@nestjs/common';
import { RepeatLogger } from './repeat-logger';

describe('RepeatLogger', () => {
  it('logs a cause once (with its detail), then a count per summary, and forgets causes that stopped', () => {
    const lines: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      lines.push(String(message));
    });
    try {
      const log = new RepeatLogger('Test');
      for (let i = 0; i < 1000; i++) log.error('database down', 'Error: database down\n    at stack');
      log.error('another cause');
      expect(lines).toEqual(['database down\nError: database down\n    at stack', 'another cause']);
      log.summarise();
      expect(lines.slice(2)).toEqual([expect.stringMatching(/^database down \(999 more time\(s\) in \d+ s\)$/)]);
      log.summarise(); // nothing repeated since: the causes are forgotten
      log.error('database down');
      expect(lines).toHaveLength(4);
      log.summarise();
    } finally {
      spy.mockRestore();
    }
  });
});
