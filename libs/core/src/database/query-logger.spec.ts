import { Logger } from '@nestjs/common';
import { QueryLogger } from './query-logger';

describe('QueryLogger', () => {
  afterEach(() => jest.restoreAllMocks());

  const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

  it('logs an expected constraint violation at debug level, without parameters', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    new QueryLogger().logQueryError(failure('23505', 'duplicate key value'), 'INSERT INTO users (email) VALUES ($1)');
    expect(error).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledWith(expect.stringContaining('duplicate key value (parameters not logged)'));
  });

  it('logs any other failure as an error', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    new QueryLogger().logQueryError(failure('08006', 'Connection terminated'), 'SELECT 1');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('Connection terminated'));
  });
});
