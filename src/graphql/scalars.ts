import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d{1,28}(\.\d{1,10})?$/;

function checkDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new GraphQLError(`Decimal must be a decimal number written as a string, e.g. "1234.50"; got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return text;
}

/**
 * An exact decimal number, serialised as a string ("17570000000.01"): amounts of money in yuan, areas in m².
 * Stored as PostgreSQL `numeric`; never converted to a binary float on the way, so no digit is lost.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description:
    'An exact decimal number serialised as a string (e.g. "17570000000.01"), used for money (yuan) and areas (m²). ' +
    'Never a binary float: parse it with a decimal library if you compute with it.',
  serialize: (value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'bigint') return value.toString();
    return checkDecimal(value);
  },
  parseValue: (value) => checkDecimal(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return checkDecimal(ast.value);
    throw new GraphQLError('Decimal literals must be strings such as "1234.50"', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
