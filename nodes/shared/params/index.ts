/**
 * Parameter readers and checks: one per kind of value. `read*` reads a node parameter (a dotted
 * name reads inside a collection) and checks it; `check*` checks a value already in hand (an
 * item's field, an entry of a collection). Every refusal names the item, the parameter as the
 * editor shows it, the value and what is allowed, before anything is sent to Awin.
 */
/** @public the rooms' API: types a new operation's helper may need */
export type { Account, AccountSide } from './accounts';
export { readAccount, readAccountId } from './accounts';
export { readClientSettings } from './clientSettings';
export { readDateRange, readDateTimeRange, readDay } from './dates';
export type { FieldReader } from './fields';
export { fieldReader } from './fields';
export { checkIdList, checkPathId, readAwinId, readIdList, readPathId, splitList } from './ids';
/** @public */
export type { NumberRule } from './numbers';
export { checkNumber, readLimit, readNumber } from './numbers';
export { checkOption, readBoolean, readOption, readOptions } from './options';
/** @public */
export type { ParameterContext } from './parameter';
export { nodeParameter, perItemParameter, readCollection, readPayloadValue } from './parameter';
export { InvalidPayload, validatePayload } from './payload';
export { refuse } from './refuse';
export { checkText, MAX_TEXT_LENGTH, readText, readWebAddress, WEB_ADDRESS } from './text';
