import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { render, type Message } from '../messages';
import { UserErrorCode, type RuleError } from './rule-error';

registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation changed nothing (docs/supervision.md lists them)' });

/**
 * An expected failure of a mutation (Shopify's `userErrors`): which input field, a stable code, and a sentence from
 * the message catalogue in the client's language (with its code and figures for front-ends that write their own).
 * A mutation that answers with userErrors changed nothing.
 */
@ObjectType({ description: 'An expected failure of a mutation: nothing was changed' })
export class UserError {
  constructor(error: RuleError) {
    this.field = error.field;
    this.code = error.code;
    this.text = error.message;
  }

  @Field(() => [String], { description: 'Path of the input field at fault, e.g. ["input", "expectedVersion"]; empty when the whole input is' })
  field: string[];

  @Field(() => UserErrorCode)
  code: UserErrorCode;

  private readonly text: Message;

  @Field({ description: 'The reason, in the client\'s language (zh-CN unless English is asked for)' })
  get message(): string {
    return render(this.text);
  }

  @Field({ description: 'Catalogue code of the message' })
  get messageCode(): string {
    return this.text.code;
  }

  @Field(() => GraphQLJSONObject, { description: 'The figures the message is written from' })
  get messageParams(): Record<string, unknown> {
    return this.text.params as Record<string, unknown>;
  }
}

/** Thrown by a service inside a write: the write is rolled back and the payload carries these userErrors. */
export class Rejection extends Error {
  constructor(readonly errors: RuleError[]) {
    super(errors.map((e) => e.message.code).join(', '));
    this.name = 'Rejection';
  }
}

export function reject(field: string[], code: UserErrorCode, message: Message): never {
  throw new Rejection([{ field, code, message }]);
}
