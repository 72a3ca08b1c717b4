import type { JsonSchema, JsonValue } from '../../model/json-schema.js';
import { defineOwn, isRecord, own, ownString } from './raw.js';

/**
 * Keeps a oneOf/anyOf's discriminator meaningful once the keyword is dropped:
 * the tag property stays required in every member that declares it, and a
 * member whose tag has no enum/const gets the mapping keys that name it
 * (matched on the member's `title`, the only name left after dereferencing).
 */
export function applyDiscriminator(input: {
  members: JsonSchema[];
  rawMembers: readonly unknown[];
  discriminator: unknown;
}): JsonSchema[] {
  const { discriminator } = input;
  if (!isRecord(discriminator)) return input.members;
  const name = ownString(discriminator, 'propertyName');
  if (name === undefined) return input.members;
  const mapping = own(discriminator, 'mapping');
  return input.members.map((member, index) => {
    const properties = member.properties;
    if (properties === undefined || !Object.hasOwn(properties, name)) return member;
    let tag = properties[name] as JsonSchema;
    if (tag.enum === undefined && tag.const === undefined) {
      const values = mappingKeysFor({ rawMember: input.rawMembers[index], mapping });
      if (values.length > 0) tag = { ...tag, enum: values };
    }
    const nextProperties: Record<string, JsonSchema> = {};
    for (const key of Object.keys(properties)) {
      defineOwn({ target: nextProperties, key, value: key === name ? tag : (properties[key] as JsonSchema) });
    }
    const required = member.required ?? [];
    return {
      ...member,
      properties: nextProperties,
      required: required.includes(name) ? required : [...required, name],
    };
  });
}

function mappingKeysFor(input: { rawMember: unknown; mapping: unknown }): JsonValue[] {
  const { rawMember, mapping } = input;
  if (!isRecord(rawMember) || !isRecord(mapping)) return [];
  const title = ownString(rawMember, 'title');
  if (title === undefined) return [];
  return Object.keys(mapping).filter((key) => {
    const target = mapping[key];
    return typeof target === 'string' && (target === title || target.endsWith(`/${title}`));
  });
}
