/**
 * Sentences written by the compliance engine and the funding rule reach GraphQL as catalogue messages (code + exact
 * figures). Each is rendered in the request's locale into its existing string field (`message`, `description`,
 * `notes`), with the code and figures beside it (`messageCode`, `messageParams`, …) so a front-end can write its own.
 */
import { GraphQLJSONObject } from 'graphql-scalars';
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';
import { render, t, type Message, type NestedMessage } from '../messages';
import type { Context } from './context';
import { plainResolver } from './plain-resolvers';

@ObjectType({ simpleResolvers: true, description: 'A sentence of the hub as data: its catalogue code, its figures, and the text in the reader\'s language' })
export class EngineMessage {
  @Field({ description: 'Catalogue code (e.g. ENGINE_R_VALUE)' })
  code: string;
  @Field(() => GraphQLJSONObject, { description: 'The figures, by name (exact decimals as strings; nested messages as {code, params})' })
  params: Record<string, unknown>;
  @Field({ description: 'The sentence in the reader\'s language (Accept-Language; zh-CN by default)' })
  text: string;
}

/** A message (or a legacy plain string) in `ctx.locale`. */
export function renderEngine(m: NestedMessage | string | null | undefined, ctx: Context): string | null {
  if (m === null || m === undefined) return null;
  return typeof m === 'string' ? m : render(m as Message, ctx.locale);
}

export function engineMessage(m: NestedMessage | string, ctx: Context): EngineMessage {
  if (typeof m === 'string') return { code: '', params: {}, text: m };
  return { code: m.code, params: m.params as Record<string, unknown>, text: render(m as Message, ctx.locale) };
}

const isMessage = (m: unknown): m is NestedMessage => typeof m === 'object' && m !== null && 'code' in m && 'params' in m;

/**
 * Field resolvers for one message field `field` of `type`: `<field>` (the text, same name and type as before),
 * `<field>Code` and `<field>Params`. The methods are named apart from any field of the type: type-graphql would
 * otherwise also take them as resolvers of the type's own fields of that name (a blocker's `code`).
 */
export function messageFieldsOf(type: ClassType, field: string, options: { nullable: boolean; description?: string }): ClassType {
  const text = (root: Record<string, unknown>, ctx: Context): string | null =>
    renderEngine(root[field] as NestedMessage | string | null | undefined, ctx) ?? (options.nullable ? null : '');
  const code = (root: Record<string, unknown>): string | null => {
    const m = root[field];
    return isMessage(m) ? m.code : null;
  };
  const params = (root: Record<string, unknown>): Record<string, unknown> | null => {
    const m = root[field];
    return isMessage(m) ? (m.params as Record<string, unknown>) : null;
  };
  // Run as plain functions (src/graphql/plain-resolvers.ts): asked on every indicator, shortfall and blocker.
  plainResolver(type, field, (root: Record<string, unknown>, _args, ctx) => text(root, ctx));
  plainResolver(type, `${field}Code`, code);
  plainResolver(type, `${field}Params`, params);

  @Resolver(() => type)
  class MessageFields {
    @FieldResolver(() => String, { name: field, nullable: options.nullable, description: options.description ?? 'In the reader\'s language (Accept-Language; zh-CN by default)' })
    engineMessageText(@Root() root: Record<string, unknown>, @Ctx() ctx: Context): string | null {
      return text(root, ctx);
    }

    @FieldResolver(() => String, { name: `${field}Code`, nullable: true, description: `Catalogue code of \`${field}\`, for a front-end to render its own text` })
    engineMessageCode(@Root() root: Record<string, unknown>): string | null {
      return code(root);
    }

    @FieldResolver(() => GraphQLJSONObject, { name: `${field}Params`, nullable: true, description: `The figures of \`${field}\`, by name (exact decimals as strings)` })
    engineMessageParams(@Root() root: Record<string, unknown>): Record<string, unknown> | null {
      return params(root);
    }
  }
  Object.defineProperty(MessageFields, 'name', { value: `${type.name}${field[0]!.toUpperCase()}${field.slice(1)}Fields` });
  return MessageFields;
}

/** Field resolvers for a list of messages `field` (e.g. notes): the texts, and `<singular>Messages` with codes and figures. */
export function messageListFieldsOf(type: ClassType, field: string, messagesField: string, description: string): ClassType {
  @Resolver(() => type)
  class MessageListFields {
    @FieldResolver(() => [String], { name: field, description })
    engineMessageTexts(@Root() root: Record<string, unknown>, @Ctx() ctx: Context): string[] {
      return ((root[field] as (NestedMessage | string)[] | undefined) ?? []).map((m) => renderEngine(m, ctx) ?? '');
    }

    @FieldResolver(() => [EngineMessage], { name: messagesField, description: `\`${field}\` with their catalogue codes and figures` })
    engineMessageList(@Root() root: Record<string, unknown>, @Ctx() ctx: Context): EngineMessage[] {
      return ((root[field] as (NestedMessage | string)[] | undefined) ?? []).map((m) => engineMessage(m, ctx));
    }
  }
  Object.defineProperty(MessageListFields, 'name', { value: `${type.name}${field[0]!.toUpperCase()}${field.slice(1)}Fields` });
  return MessageListFields;
}

/** `unitName`: the `unit` identifier (e.g. "m² per student") as the reader's language writes it (平方米/生). */
export function unitNameOf(type: ClassType): ClassType {
  const unitName = (root: { unit: string }, ctx: Context): string => t('UNIT', { unit: root.unit }, ctx.locale);
  plainResolver(type, 'unitName', (root: { unit: string }, _args, ctx) => unitName(root, ctx));
  @Resolver(() => type)
  class UnitName {
    @FieldResolver(() => String, { name: 'unitName', description: 'The unit in the reader\'s language (e.g. 平方米/生); `unit` stays the identifier' })
    engineUnitName(@Root() root: { unit: string }, @Ctx() ctx: Context): string {
      return unitName(root, ctx);
    }
  }
  Object.defineProperty(UnitName, 'name', { value: `${type.name}UnitName` });
  return UnitName;
}
