import { registerEnumType } from 'type-graphql';
import { badInput } from './errors';
import { msg } from '../messages';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

/** A `LIKE` pattern matching `text` anywhere, with the user's % and _ taken literally. */
export function containsPattern(argumentName: string, text: string): string {
  if (text.length > 100) throw badInput(argumentName, msg('VALUE_TOO_LONG', { field: argumentName, max: 100, length: text.length }));
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}
