import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../../../src/db/unavailable';
import { formatError } from '../../../src/graphql/errors';

/** Which failures mean "PostgreSQL is unreachable, retry" (503) rather than a defect (500). */
const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test.each([
  ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
  ['both addresses of localhost refused', Object.assign(new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')]), { code: 'ECONNREFUSED' })],
  ['the server shutting down (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
  ['the server starting up (57P03)', pgError('57P03', 'the database system is starting up')],
  ['too many connections (53300)', pgError('53300')],
  ['a connection exception (08006)', pgError('08006')],
  ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
  ['the pool timing out', new Error('timeout exceeded when trying to connect')],
  ['wrapped by TypeORM', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
])('%s → unavailable', (_name, err) => {
  expect(isDatabaseUnavailable(err)).toBe(true);
});

test.each([
  ['a syntax error (42601)', pgError('42601')],
  ['a statement timeout (57014)', pgError('57014', 'canceling statement due to statement timeout')],
  ['a permission error (42501)', pgError('42501')],
  ['a bug', new TypeError('x is undefined')],
  ['nothing', null],
])('%s → not unavailable', (_name, err) => {
  expect(isDatabaseUnavailable(err)).toBe(false);
});

test('a resolver failing because PostgreSQL went away mid-request is formatted as DATABASE_UNAVAILABLE, not masked as internal', () => {
  const raised = new GraphQLError('terminating connection due to administrator command', { originalError: new QueryFailedError('SELECT 1', [], pgError('57P01')), path: ['districts'] });
  const formatted = formatError({ message: raised.message, path: ['districts'], extensions: {} }, raised, 'r1');
  expect(formatted.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', messageCode: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 });
  expect(formatted.message).toMatch(/数据库暂时无法访问/);
  expect(formatted.path).toEqual(['districts']);
});
